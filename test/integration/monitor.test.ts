/**
 * The integrity monitor over a read model that outlives the process (as MongoDB, or a persisted
 * embedded store): on resuming it verifies the whole log again and compares it with the tree it
 * built when the events arrived, so a rewrite made while it was stopped is caught even when every
 * later hash was recomputed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashEnvelope } from '../../src/eventstore/integrity';
import type { NewEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { IntegrityMonitor } from '../../src/integrity/monitor';
import { EmbeddedReadStore } from '../../src/readstore/embedded';

const note = (n: number): NewEvent => ({
  type: 'NotaRegistrada',
  data: { n },
  metadata: {
    actor: { id: 'u', name: 'U', role: 'ADMIN', entity: 'x' },
    correlationId: `c-${n}`,
    schemaVersion: 1,
  },
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('no ocurrió a tiempo');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Through the port, and reading the SQLite file directly (as `npm start` does).
describe.each([
  ['through the event store port', false],
  ['reading the SQLite log directly', true],
])('the integrity monitor, resuming from its checkpoint (%s)', (_, direct) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-monitor-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('catches a rewrite with recomputed hashes made while it was stopped', async () => {
    const path = join(dir, 'bitacora.db');
    const events = new SqliteEventStore({ path, pollIntervalMs: 5 });
    for (let n = 0; n < 4; n++) {
      await events.append('notas', [note(n)], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
    }
    const readStore = new EmbeddedReadStore();
    const options = { fullCheckHours: 0, ...(direct ? { sqlitePath: path } : {}) };
    const first = new IntegrityMonitor(events, readStore, options);
    await first.start();
    await first.waitFor();
    expect(first.status()).toMatchObject({ status: 'intact', treeSize: 4 });
    await first.stop();

    // Server stopped: revision 1 rewritten, and every later hash of the stream recomputed.
    const raw = new Database(path);
    raw.exec('DROP TRIGGER events_no_update');
    const rows = raw
      .prepare('SELECT * FROM events WHERE revision >= 1 ORDER BY revision')
      .all() as Array<{
      position: number;
      id: string;
      type: string;
      data: string;
      metadata: string;
      stream: string;
      revision: number;
      prev_hash: string;
    }>;
    let prevHash = rows[0]!.prev_hash;
    for (const row of rows) {
      const data = row.revision === 1 ? '{"n":100}' : row.data;
      const hash = hashEnvelope({
        id: row.id,
        type: row.type,
        data: JSON.parse(data),
        metadata: JSON.parse(row.metadata),
        stream: row.stream,
        revision: row.revision,
        prevHash,
      });
      raw
        .prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?')
        .run(data, prevHash, hash, row.position);
      prevHash = hash;
    }
    raw.close();

    const resumed = new IntegrityMonitor(events, readStore, options);
    await resumed.start();
    await until(() => resumed.status().lastFullVerification !== null);
    const status = resumed.status();
    expect(status.status).toBe('damaged');
    expect(status.faults).toEqual([
      expect.objectContaining({ kind: 'seal-root', message: expect.stringMatching(/reescrito/) }),
    ]);
    expect(status.lastFullVerification).toMatchObject({ ok: false, events: 4 });
    await resumed.stop();
    await events.close();
  });
});
