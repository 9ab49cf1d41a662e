/**
 * A catch-up thread leaves its writes in the read-model file, not in the write-ahead log: the
 * next connection to commit, the server's main thread, would otherwise copy them into the file on
 * its event loop (150 ms measured at ready on a log of 200,000 events).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { seedDemo } from '../../src/demo/seed';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments, projectionsSignature } from '../../src/projector/derived';
import { WorkerCatchUp } from '../../src/projector/worker-runner';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { OverridableClock } from '../../src/runtime';
import { territory } from '../support/plan';

describe('the write-ahead log after a catch-up in worker threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-catchup-wal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is copied into the file by the workers before they report done', async () => {
    const logPath = join(dir, 'bitacora.db');
    const readPath = join(dir, 'bitacora.read.db');
    const clock = new OverridableClock();
    const events = new SqliteEventStore({ path: logPath, clock });
    await seedDemo(events, territory, clock, new Date('2026-03-01T12:00:00-05:00'));
    // The main thread's connection stays open, as the server's does: closing the last
    // connection would copy the log into the file anyway.
    const readStore = new SqliteReadStore({
      path: readPath,
      derived: derivedDocuments(ALL_PROJECTIONS, events),
      builtBy: projectionsSignature(ALL_PROJECTIONS),
    });
    const pagesBefore = readStore.db.pragma('page_count', { simple: true }) as number;
    try {
      await new WorkerCatchUp({
        eventstorePath: logPath,
        readstorePath: readPath,
        builtBy: projectionsSignature(ALL_PROJECTIONS),
        projections: ALL_PROJECTIONS.map((p) => p.name),
        workers: 2,
      }).run(() => undefined, new AbortController().signal);
      const pageSize = readStore.db.pragma('page_size', { simple: true }) as number;
      const pages = readStore.db.pragma('page_count', { simple: true }) as number;
      // The read models grew the file by many pages; every one of them is in the file itself.
      expect(pages).toBeGreaterThan(pagesBefore + 50);
      expect(statSync(readPath).size).toBe(pages * pageSize);
      expect(await readStore.collection('plans').count({})).toBeGreaterThan(0);
    } finally {
      await readStore.close();
      await events.close();
    }
  });
});
