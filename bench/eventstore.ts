/**
 * Event log throughput, embedded adapter, against the physical limit of raw better-sqlite3 on the
 * same machine, same file system and same pragmas (WAL, synchronous=FULL), measured the same way
 * as `bench:national` (`bench/measure.ts`). Prints one JSON object.
 *
 *   npm run bench:eventstore            (200,000 events; EVENTS=50000 for a quicker run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { parseCommandLine } from '../src/cli/command-line';
import { appendVersusRaw, rawScans, round, sampleEvent } from './measure';

const TOTAL = Number(process.env.EVENTS ?? 200_000);
const SINGLE_APPENDS = Number(process.env.SINGLE_APPENDS ?? 2_000);

async function singleAppendsPerSecond(dir: string): Promise<number> {
  const store = new SqliteEventStore({ path: join(dir, 'single.db') });
  const start = process.hrtime.bigint();
  for (let n = 0; n < SINGLE_APPENDS; n++) {
    await store.append(`single-${n % 50}`, [sampleEvent(n)], { expectedRevision: 'any' });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  return Math.round(SINGLE_APPENDS / seconds);
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
    const append = await appendVersusRaw(dir, TOTAL);
    const scans = await rawScans(join(dir, 'store.db'));
    const readRatio = scans.readAllEventsPerSecond / scans.sqliteScanRowsPerSecond;
    const result = {
      benchmark: 'eventstore',
      adapter: 'sqlite (WAL, synchronous=FULL, file in the OS temp dir)',
      events: append.events,
      figures: {
        singleEventAppendsPerSecond: await singleAppendsPerSecond(dir),
        batchedAppendEventsPerSecond: append.batchedAppendEventsPerSecond,
        rawInsertRowsPerSecond: append.rawInsertRowsPerSecond,
        readAllEventsPerSecond: scans.readAllEventsPerSecond,
        rawScanRowsPerSecond: scans.sqliteScanRowsPerSecond,
      },
      targets: {
        batchedAppendVsRawInsert: {
          figure: append.ratio,
          target: '>= 0.8 (100 events per append, alternating rounds with the raw inserts)',
          met: append.ratio >= 0.8,
        },
        readAllVsRawScan: {
          figure: round(readRatio),
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
