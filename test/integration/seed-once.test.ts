/**
 * Two replicas starting together on an empty log: only the one that holds the `demo-seed` lease
 * appends the demo (the log is append-only: a second copy would stay forever).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoOnce } from '../../src/demo/seed-once';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { SqliteLeases } from '../../src/readstore/lease-sqlite';
import { OverridableClock } from '../../src/runtime';
import { territory } from '../support/plan';

describe('seeding the demo with several replicas', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-seed-once-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends it once, whichever replica gets there first', async () => {
    const now = new Date('2026-03-01T12:00:00-05:00');
    // Two processes' worth of connections to one log and one lease file.
    const replicas = [0, 1].map(() => {
      const clock = new OverridableClock();
      return {
        events: new SqliteEventStore({ path: join(dir, 'bitacora.db'), clock }),
        leases: new SqliteLeases(join(dir, 'bitacora.read.db.leases')),
        clock,
      };
    });
    const logger = { info: () => undefined };
    const results = await Promise.all(
      replicas.map((replica) => seedDemoOnce(replica, territory, now, logger)),
    );
    const seeded = results.filter((count): count is number => count !== null);
    expect(seeded).toHaveLength(1);
    expect(await replicas[0]!.events.count()).toBe(seeded[0]);
    // A replica that starts later finds the log seeded and adds nothing.
    expect(await seedDemoOnce(replicas[1]!, territory, now, logger)).toBeNull();
    expect(await replicas[1]!.events.count()).toBe(seeded[0]);
    for (const replica of replicas) {
      await replica.events.close();
      await replica.leases.close();
    }
  });
});
