/**
 * Semester seals made while serving: what a seal covers (the prefix recorded up to the semester's
 * last instant in Bogotá, although it is already July in UTC), idempotence, no seal for a damaged
 * log, and the timer armed for the semester's end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { checkLog } from '../../src/integrity/check-log';
import { eventStorePages } from '../../src/integrity/log-source';
import { IntegrityMonitor } from '../../src/integrity/monitor';
import { sealOfSemester } from '../../src/integrity/seal-lookup';
import { SemesterSealer } from '../../src/integrity/sealer';
import { keyringOf, loadSealKey, readSeals, type SealKey } from '../../src/integrity/seals';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { TestClock } from '../support/clock';

const event = (n: number): NewEvent => ({
  type: 'NotaRegistrada',
  data: { n },
  metadata: {
    actor: { id: 'u', name: 'U', role: 'ADMIN', entity: 'x' },
    correlationId: `c-${n}`,
    schemaVersion: 1,
  },
});

let dir: string;
let key: SealKey;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-sealer-'));
  key = await loadSealKey({
    sealPrivateKey: null,
    sealPrivateKeyFile: null,
    developmentKeyPath: join(dir, 'seal-key.pem'),
    production: false,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function logWithEventsAround2025_1(name: string) {
  const clock = new TestClock('2025-06-30T22:00:00-05:00');
  const path = join(dir, `${name}.db`);
  const events = new SqliteEventStore({ path, clock, pollIntervalMs: 5 });
  await events.append('nota-1', [event(1)], { expectedRevision: 'no_stream' });
  clock.set('2025-06-30T23:59:59.999-05:00');
  await events.append('nota-1', [event(2)], { expectedRevision: 0 });
  clock.set('2025-07-01T00:00:00.000-05:00');
  await events.append('nota-2', [event(3)], { expectedRevision: 'no_stream' });
  return { events, clock, path };
}

describe('the semester sealer', () => {
  it('seals what was recorded up to 23:59:59.999 Bogotá, once, and the seal verifies', async () => {
    const { events, clock } = await logWithEventsAround2025_1('boundary');
    clock.set('2025-07-02T09:00:00-05:00');
    const readStore = new EmbeddedReadStore();
    const monitor = new IntegrityMonitor(events, readStore, { now: () => clock.now() });
    await monitor.start();
    const sealer = new SemesterSealer(events, monitor, key, { now: () => clock.now() });
    const sealed = await sealer.sealEnded();
    expect(sealed.map((s) => [s.semester, s.treeSize, s.lastPosition])).toEqual([['2025-1', 2, 2]]);
    expect(await sealer.sealEnded()).toEqual([]);
    expect(await readSeals(events)).toHaveLength(1);

    await monitor.waitFor();
    expect(await sealOfSemester(readStore, '2025-1')).toMatchObject({
      treeSize: 2,
      semester: '2025-1',
    });
    expect(await sealOfSemester(readStore, '2025-2')).toBeNull();
    const report = await checkLog({ pages: eventStorePages(events) }, events, {
      keyring: keyringOf(key),
      workers: 0,
      now: clock.now(),
    });
    expect(report.ok).toBe(true);
    expect(report.seals).toEqual([expect.objectContaining({ semester: '2025-1', ok: true })]);
    await monitor.stop();
    await events.close();
  });

  it('does not seal a log with an integrity fault', async () => {
    const { events, clock, path } = await logWithEventsAround2025_1('damaged');
    const raw = new Database(path);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare(`UPDATE events SET data = '{"n":9}' WHERE position = 1`).run();
    raw.close();
    clock.set('2025-07-02T09:00:00-05:00');
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      now: () => clock.now(),
    });
    await monitor.start();
    await monitor.waitFor();
    expect(monitor.damageOf('nota-1')).toMatchObject({ kind: 'hash', position: 1 });
    const sealer = new SemesterSealer(events, monitor, key, { now: () => clock.now() });
    expect(await sealer.sealEnded()).toEqual([]);
    expect(await readSeals(events)).toHaveLength(0);
    await monitor.stop();
    await events.close();
  });

  it('waits for the integrity monitor as long as it takes, with no deadline, then seals', async () => {
    const { events, clock } = await logWithEventsAround2025_1('late-monitor');
    clock.set('2025-07-02T09:00:00-05:00');
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      now: () => clock.now(),
    });
    // Steps of 10 ms: a monitor that starts verifying 300 ms later is thirty steps away.
    const sealer = new SemesterSealer(events, monitor, key, {
      now: () => clock.now(),
      waitStepMs: 10,
    });
    let done = false;
    const sealing = sealer.sealEnded().finally(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    expect(await readSeals(events)).toHaveLength(0);
    await monitor.start();
    expect((await sealing).map((s) => [s.semester, s.treeSize])).toEqual([['2025-1', 2]]);
    await sealer.stop();
    await monitor.stop();
    await events.close();
  });

  it('stops waiting for the monitor when stopped, and seals nothing', async () => {
    const { events, clock } = await logWithEventsAround2025_1('stopped-while-waiting');
    clock.set('2025-07-02T09:00:00-05:00');
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      now: () => clock.now(),
    });
    const sealer = new SemesterSealer(events, monitor, key, { now: () => clock.now() });
    const sealing = sealer.sealEnded();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = Date.now();
    await sealer.stop();
    // Within one step of the wait (1 s), not at a deadline.
    expect(Date.now() - stopped).toBeLessThan(5_000);
    expect(await sealing).toEqual([]);
    expect(await readSeals(events)).toHaveLength(0);
    await events.close();
  });

  it('arms its timer for the end of the current semester', async () => {
    const { events, clock } = await logWithEventsAround2025_1('timer');
    clock.set('2025-12-31T23:59:59.000-05:00');
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      now: () => clock.now(),
    });
    const sealer = new SemesterSealer(events, monitor, key, { now: () => clock.now() });
    const spy = jest.spyOn(global, 'setTimeout');
    sealer.start();
    const delay = spy.mock.calls.at(-1)![1]!;
    spy.mockRestore();
    // One second to the end of 2025-2, plus the grace for appends in flight.
    expect(delay).toBe(999 + 10_000 + 1);
    await sealer.stop();
    await events.close();
  });
});
