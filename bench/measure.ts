/**
 * Measurements shared by the benchmarks (`national`, `projections`, `eventstore`), so that each
 * figure is taken the same way wherever it is printed, next to the limit measured in the same run.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../projections';
import type { NewEvent } from '../src/eventstore/port';
import { queryIndexStatements, SqliteEventStore } from '../src/eventstore/sqlite';
import { derivedDocuments, projectionsSignature } from '../src/projector/derived';
import { Projector } from '../src/projector/projector';
import { rebuildWithoutDowntime } from '../src/projector/rebuild';
import { WorkerCatchUp } from '../src/projector/worker-runner';
import { GenerationalReadStore } from '../src/readstore/generations';
import { SqliteReadStore, type SqliteReadStoreOptions } from '../src/readstore/sqlite';

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Reading the whole log, two ways: through the event store (`readAll`, what a projector reads),
 * and with better-sqlite3 alone (rows and JSON.parse of data and metadata: the physical limit).
 */
export async function rawScans(logPath: string) {
  const store = new SqliteEventStore({ path: logPath });
  let start = process.hrtime.bigint();
  let events = 0;
  for await (const event of store.readAll()) if (event.position > 0) events += 1;
  const readAllSeconds = seconds(start);
  await store.close();

  const db = new Database(logPath, { readonly: true });
  start = process.hrtime.bigint();
  let rows = 0;
  const select = db.prepare('SELECT data, metadata FROM events ORDER BY position').raw();
  for (const row of select.iterate() as IterableIterator<[string, string]>) {
    JSON.parse(row[0]);
    JSON.parse(row[1]);
    rows += 1;
  }
  const sqliteSeconds = seconds(start);
  db.close();
  return {
    events,
    readAllSeconds: round(readAllSeconds),
    readAllEventsPerSecond: Math.round(events / readAllSeconds),
    sqliteScanSeconds: round(sqliteSeconds),
    sqliteScanRowsPerSecond: Math.round(rows / sqliteSeconds),
  };
}

/**
 * Opens the persisted read store as `npm start` does, beside the given log. A file built with
 * another configuration is refused unless `onIncompatible: 'rebuild'` (what `rebuild` below does).
 */
export function openReadStore(
  events: SqliteEventStore,
  readPath: string,
  tuning: Pick<
    SqliteReadStoreOptions,
    'pageCacheKib' | 'walAutocheckpoint' | 'onIncompatible'
  > = {},
): SqliteReadStore {
  return new SqliteReadStore({
    ...tuning,
    path: readPath,
    derived: derivedDocuments(ALL_PROJECTIONS, events),
    builtBy: projectionsSignature(ALL_PROJECTIONS),
  });
}

/** What the catch-up worker uses (`src/projector/catch-up-worker.ts`). */
const CATCH_UP_TUNING = {
  pageCacheKib: 262_144,
  walAutocheckpoint: 20_000,
};

/** Times a rebuild: wall and CPU seconds (the process's, its threads included), events per second. */
async function timedRebuild(rebuildAll: () => Promise<number>) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const events = await rebuildAll();
  const elapsed = seconds(start);
  const used = process.cpuUsage(cpu);
  return {
    events,
    seconds: round(elapsed, 1),
    cpuSeconds: round((used.user + used.system) / 1e6, 1),
    eventsPerSecond: Math.round(events / elapsed),
  };
}

/**
 * Every read model rebuilt from the log into an empty persisted read store, in this thread: what
 * one thread does, next to the command's rebuild in every core's worker (`rebuildAsCommand`).
 */
export async function rebuild(logPath: string, readPath: string, catchUpBatchSize?: number) {
  removeDatabase(readPath);
  const events = new SqliteEventStore({ path: logPath });
  const store = openReadStore(events, readPath, { ...CATCH_UP_TUNING, onIncompatible: 'rebuild' });
  const projector = new Projector(events, store, ALL_PROJECTIONS, {
    ...(catchUpBatchSize ? { catchUpBatchSize } : {}),
  });
  const figures = await timedRebuild(() => projector.rebuild());
  await store.close();
  await events.close();
  return figures;
}

/**
 * Every read model rebuilt as `npm run rebuild` does on the embedded stores: the next generation of
 * an empty persisted read store, built by the catch-up workers (one per core, each a share of the
 * streams), then put in use.
 */
export async function rebuildAsCommand(logPath: string, readPath: string) {
  removeDatabase(readPath);
  const events = new SqliteEventStore({ path: logPath });
  const storage = openReadStore(events, readPath, { onIncompatible: 'rebuild' });
  const store = await GenerationalReadStore.open(storage, { projections: ALL_PROJECTIONS });
  let workers = 0;
  const catchUpAt = (generation: number) => {
    const runner = new WorkerCatchUp({
      eventstorePath: logPath,
      readstorePath: readPath,
      builtBy: projectionsSignature(ALL_PROJECTIONS),
      projections: ALL_PROJECTIONS,
      workers: 'auto',
      generation,
    });
    void runner.workers.then((count) => (workers = count));
    return runner;
  };
  const figures = await timedRebuild(
    async () => (await rebuildWithoutDowntime(events, store, { graceMs: 0, catchUpAt })).events,
  );
  await store.close();
  await events.close();
  return { ...figures, workers };
}

/** The event shape of both append measurements: a progress report of a few hundred bytes. */
export function sampleEvent(n: number): NewEvent {
  return {
    type: 'ProgressReported',
    data: {
      planId: `plan-${String(73001 + (n % 47)).padStart(5, '0')}-2024`,
      indicator: 'ACU-COB-URB',
      period: { year: 2024 + (n % 4), month: (n % 12) + 1 },
      value: 1000 + (n % 977),
      source: 'SUI — Superintendencia de Servicios Públicos Domiciliarios',
    },
    metadata: {
      actor: { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' },
      correlationId: `corr-${n}`,
      schemaVersion: 1,
    },
  };
}

const RAW_SCHEMA = `CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
  metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL, prev_hash TEXT, hash TEXT NOT NULL,
  UNIQUE (stream, revision))`;

/**
 * Batched appends (`batch` events per call) through the event store, against raw better-sqlite3
 * inserts of the same events into the same table and indexes (same file system, WAL, synchronous=FULL, one
 * transaction per batch). Rounds alternate so that both meet the same disk and the same load.
 */
export async function appendVersusRaw(dir: string, total: number, batch = 100, rounds = 4) {
  const rawPath = join(dir, 'raw.db');
  const storePath = join(dir, 'store.db');
  removeDatabase(rawPath);
  removeDatabase(storePath);
  const db = new Database(rawPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(RAW_SCHEMA);
  // The store's table has its query indexes (type, actor): the raw inserts write them too.
  for (const statement of queryIndexStatements()) db.exec(statement);
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Map<string, number>();
  // The same rows the store writes: the same data, metadata with its issue time, a previous
  // hash from the second event of a stream on, and a hash (only the values are made up).
  const insertBatch = db.transaction((offset: number) => {
    const stream = `batch-${offset % 1121}`;
    let revision = revisions.get(stream) ?? -1;
    const issuedAt = new Date().toISOString();
    for (let k = 0; k < batch; k++) {
      const event = sampleEvent(offset + k);
      revision += 1;
      insert.run(
        crypto.randomUUID(),
        stream,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify({ ...event.metadata, issuedAt }),
        Date.now(),
        revision === 0 ? null : 'p'.repeat(64),
        'x'.repeat(64),
      );
    }
    revisions.set(stream, revision);
  });
  const store = new SqliteEventStore({ path: storePath });
  let rawSeconds = 0;
  let storeSeconds = 0;
  const perRound = Math.ceil(total / rounds / batch) * batch;
  for (let round = 0; round < rounds; round++) {
    const from = round * perRound;
    let start = process.hrtime.bigint();
    for (let offset = from; offset < from + perRound; offset += batch) insertBatch(offset);
    rawSeconds += seconds(start);
    const batches = [];
    for (let offset = from; offset < from + perRound; offset += batch) {
      batches.push(Array.from({ length: batch }, (_, k) => sampleEvent(offset + k)));
    }
    start = process.hrtime.bigint();
    for (const [index, events] of batches.entries()) {
      await store.append(`batch-${(from + index * batch) % 1121}`, events, {
        expectedRevision: 'any',
      });
    }
    storeSeconds += seconds(start);
  }
  db.close();
  await store.close();
  const events = perRound * rounds;
  const rawInsertRowsPerSecond = Math.round(events / rawSeconds);
  const batchedAppendEventsPerSecond = Math.round(events / storeSeconds);
  return {
    events,
    batch,
    batchedAppendEventsPerSecond,
    rawInsertRowsPerSecond,
    ratio: round(batchedAppendEventsPerSecond / rawInsertRowsPerSecond),
  };
}

/** Deterministic choice of plans and semesters, so runs compare. */
export function* randomPlans(daneCodes: readonly string[], count: number) {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < count; i++) {
    const daneCode = daneCodes[Math.floor(next() * daneCodes.length)]!;
    const firstYear = next() < 0.5 ? 2020 : 2024;
    const year = firstYear + Math.floor(next() * 4) + 1;
    yield {
      daneCode,
      firstYear,
      planId: `plan-${daneCode}-${firstYear}`,
      semester: `${year}-${next() < 0.5 ? 1 : 2}`,
    };
  }
}
