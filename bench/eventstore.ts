/**
 * Event log throughput, embedded adapter, against the physical limit of raw better-sqlite3 on the
 * same machine, same file system and same pragmas (WAL, synchronous=FULL). Prints one JSON object.
 *
 *   npm run bench:eventstore            (200,000 events; EVENTS=50000 for a quicker run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../src/eventstore/port';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { parseCommandLine } from '../src/cli/command-line';

const TOTAL = Number(process.env.EVENTS ?? 200_000);
const BATCH = 100;
const SINGLE_APPENDS = Number(process.env.SINGLE_APPENDS ?? 2_000);

function sampleEvent(n: number): NewEvent {
  return {
    type: 'ProgressReported',
    data: {
      planId: `plan-${String(73001 + (n % 47)).padStart(5, '0')}-2024`,
      indicator: 'ACU-COB-URB',
      period: { year: 2024 + (n % 4), semester: (n % 2) + 1 },
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

function rate(count: number, startNs: bigint): number {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  return Math.round(count / seconds);
}

async function measureStore(dir: string) {
  const store = new SqliteEventStore({ path: join(dir, 'store.db') });
  let start = process.hrtime.bigint();
  for (let n = 0; n < SINGLE_APPENDS; n++) {
    await store.append(`single-${n % 50}`, [sampleEvent(n)], { expectedRevision: 'any' });
  }
  const singleAppendsPerSecond = rate(SINGLE_APPENDS, start);

  start = process.hrtime.bigint();
  for (let offset = 0; offset < TOTAL; offset += BATCH) {
    const events = Array.from({ length: BATCH }, (_, k) => sampleEvent(offset + k));
    await store.append(`batch-${offset % 1121}`, events, { expectedRevision: 'any' });
  }
  const batchedEventsPerSecond = rate(TOTAL, start);

  start = process.hrtime.bigint();
  let read = 0;
  for await (const event of store.readAll()) {
    if (event.revision >= 0) read += 1;
  }
  const readAllEventsPerSecond = rate(read, start);
  await store.close();
  return { singleAppendsPerSecond, batchedEventsPerSecond, readAllEventsPerSecond, read };
}

function measureRaw(dir: string) {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL, prev_hash TEXT, hash TEXT NOT NULL,
    UNIQUE (stream, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Map<string, number>();
  const insertBatch = db.transaction((offset: number) => {
    const stream = `batch-${offset % 1121}`;
    let revision = revisions.get(stream) ?? -1;
    for (let k = 0; k < BATCH; k++) {
      const event = sampleEvent(offset + k);
      revision += 1;
      insert.run(
        crypto.randomUUID(),
        stream,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        Date.now(),
        null,
        'x'.repeat(64),
      );
    }
    revisions.set(stream, revision);
  });
  let start = process.hrtime.bigint();
  for (let offset = 0; offset < TOTAL; offset += BATCH) insertBatch(offset);
  const rawInsertsPerSecond = rate(TOTAL, start);

  start = process.hrtime.bigint();
  let read = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate()) {
    const { data, metadata } = row as { data: string; metadata: string };
    JSON.parse(data);
    JSON.parse(metadata);
    read += 1;
  }
  const rawScanRowsPerSecond = rate(read, start);
  db.close();
  return { rawInsertsPerSecond, rawScanRowsPerSecond };
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:eventstore

Rendimiento de la bitácora embebida (SQLite) frente a better-sqlite3 directo en la misma máquina.
Imprime un JSON con cada cifra, su meta y el límite medido.

Variables de entorno:
  EVENTS=200000         eventos a escribir (50000 para una corrida rápida)
  SINGLE_APPENDS=2000   escrituras de un evento
Opciones:
  --help                muestra esta ayuda`,
  });
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-bench-'));
  try {
    const raw = measureRaw(dir);
    const store = await measureStore(dir);
    const appendRatio = store.batchedEventsPerSecond / raw.rawInsertsPerSecond;
    const readRatio = store.readAllEventsPerSecond / raw.rawScanRowsPerSecond;
    const result = {
      benchmark: 'eventstore',
      adapter: 'sqlite (WAL, synchronous=FULL, file in the OS temp dir)',
      events: TOTAL,
      figures: {
        singleEventAppendsPerSecond: store.singleAppendsPerSecond,
        batchedAppendEventsPerSecond: store.batchedEventsPerSecond,
        readAllEventsPerSecond: store.readAllEventsPerSecond,
        rawInsertRowsPerSecond: raw.rawInsertsPerSecond,
        rawScanRowsPerSecond: raw.rawScanRowsPerSecond,
      },
      targets: {
        batchedAppendVsRawInsert: {
          figure: Number(appendRatio.toFixed(2)),
          target: '>= 0.5',
          met: appendRatio >= 0.5,
        },
        readAllVsRawScan: {
          figure: Number(readRatio.toFixed(2)),
          target: '>= 0.5',
          met: readRatio >= 0.5,
        },
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
