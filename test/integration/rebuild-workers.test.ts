/**
 * `rebuildWithoutDowntime` in the catch-up workers (what `npm run rebuild` runs on the embedded
 * stores): the next generation equals a rebuild in one thread, and a rebuild that fails leaves the
 * generation in force served, untouched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments, projectionsSignature } from '../../src/projector/derived';
import { Projector } from '../../src/projector/projector';
import { rebuildWithoutDowntime } from '../../src/projector/rebuild';
import { WorkerCatchUp } from '../../src/projector/worker-runner';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { GenerationalReadStore } from '../../src/readstore/generations';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { seedDemoLog } from '../support/demo-log';

const builtBy = projectionsSignature(ALL_PROJECTIONS);

async function openStores(eventstorePath: string, readstorePath: string) {
  const events = new SqliteEventStore({ path: eventstorePath });
  const storage = new SqliteReadStore({
    path: readstorePath,
    derived: derivedDocuments(ALL_PROJECTIONS, events),
    builtBy,
  });
  const readStore = await GenerationalReadStore.open(storage, { projections: ALL_PROJECTIONS });
  const runners: WorkerCatchUp[] = [];
  const inWorkers = (generation: number) => {
    const runner = new WorkerCatchUp({
      eventstorePath,
      readstorePath,
      builtBy,
      projections: ALL_PROJECTIONS,
      workers: 2,
      generation,
    });
    runners.push(runner);
    return runner;
  };
  return { events, storage, readStore, inWorkers, runners };
}

describe('a rebuild in the catch-up workers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-rebuild-workers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds, in two shares, the documents a rebuild in one thread builds, and puts them in use', async () => {
    const eventstorePath = await seedDemoLog(dir);
    const { events, storage, readStore, inWorkers, runners } = await openStores(
      eventstorePath,
      join(dir, 'shares.read.db'),
    );
    try {
      const progress: number[] = [];
      const result = await rebuildWithoutDowntime(events, readStore, {
        graceMs: 0,
        catchUpAt: inWorkers,
        onProgress: (done) => progress.push(done),
      });
      expect(result.generation).toBe(1);
      expect(readStore.generation).toBe(1);
      // Built by two worker threads, each a share of the streams, into generation 1's tables.
      expect(runners).toHaveLength(1);
      expect(await runners[0]!.workers).toBe(2);
      expect(runners[0]!.figures()!.threads.every((thread) => thread !== null)).toBe(true);
      expect(await storage.getCheckpoint('plans#1in2:even__g1')).toBe(result.events);
      expect(progress.length).toBeGreaterThan(1);
      // Through the log's head (positions count the events on the SQLite log).
      expect(result.events).toBe(await events.headPosition());
      expect(progress.at(-1)).toBe(result.events);

      const clean = new EmbeddedReadStore();
      await new Projector(events, clean, ALL_PROJECTIONS).rebuild();
      const sorted = { sort: { _id: 1 as const } };
      let compared = 0;
      for (const projection of ALL_PROJECTIONS) {
        if (readStore.derives(projection.collection)) continue;
        const built = await readStore.collection(projection.collection).find({}, sorted);
        expect(built).toEqual(await clean.collection(projection.collection).find({}, sorted));
        compared += built.length;
      }
      expect(compared).toBeGreaterThan(50);
    } finally {
      await readStore.close();
      await events.close();
    }
  }, 120_000);

  it('does not switch when it fails: the generation in force keeps serving what it had', async () => {
    const eventstorePath = await seedDemoLog(join(dir, 'failing'));
    const { events, readStore, inWorkers, runners } = await openStores(
      eventstorePath,
      join(dir, 'failing.read.db'),
    );
    try {
      await new Projector(events, readStore, ALL_PROJECTIONS).rebuild();
      const sorted = { sort: { _id: 1 as const } };
      const served = await readStore.collection('plans').find({}, sorted);
      expect(served.length).toBeGreaterThan(0);
      // A report without a period: the projections that place reports by period park on it.
      await events.append(
        'plan-73001-2024',
        [
          {
            type: 'ProgressReported',
            data: { indicator: 'ACU-COB-URB', period: null, value: 1 },
            metadata: {
              actor: { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' },
              correlationId: 'corr-poison',
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'any' },
      );
      await expect(
        rebuildWithoutDowntime(events, readStore, { graceMs: 0, catchUpAt: inWorkers }),
      ).rejects.toThrow(/no se puso en uso/);
      expect(await runners[0]!.workers).toBe(2);
      expect(readStore.generation).toBe(0);
      // Generation 0 as it was: the poison event is not in it, nothing else changed.
      expect(await readStore.collection('plans').find({}, sorted)).toEqual(served);
    } finally {
      await readStore.close();
      await events.close();
    }
  }, 120_000);
});
