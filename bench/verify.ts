/**
 * `npm run bench:verify`: `npm run verify`'s engine on the national log (EVENTS, default
 * 1,000,000) next to the raw scan of the same file (every row read, nothing checked), in one run.
 * Target: the whole log verified in 30 s or less on the project's machine (2 cores).
 */
import { loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { verifyLog } from '../src/integrity/verifier';
import { parseCommandLine } from '../src/cli/command-line';
import { nationalDataset } from './dataset';

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:verify

Verifica la bitácora nacional (EVENTS eventos, por omisión 1.000.000) con el motor de
npm run verify, junto al recorrido crudo del mismo archivo. Imprime un JSON.

Variables de entorno:
  EVENTS=1000000   eventos del conjunto nacional
  WORKERS=2        hilos de verificación
Opciones:
  --help           muestra esta ayuda`,
  });
  const dataset = await nationalDataset(Number(process.env.EVENTS ?? 1_000_000));
  const db = new Database(dataset.path, { readonly: true });
  const started = process.hrtime.bigint();
  let rows = 0;
  let bytes = 0;
  for (const row of db
    .prepare(
      'SELECT position, id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash FROM events ORDER BY position',
    )
    .raw()
    .iterate() as Iterable<unknown[]>) {
    rows += 1;
    bytes += (row[5] as string).length + (row[6] as string).length;
  }
  const rawSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const max = (db.prepare('SELECT MAX(position) AS m FROM events').get() as { m: number }).m;
  db.close();
  const workers = Number(process.env.WORKERS ?? 2);
  const cpuBefore = process.cpuUsage();
  const report = await verifyLog(
    { sqlitePath: dataset.path, maxPosition: max },
    { workers, contiguousPositions: true },
  );
  console.log(
    JSON.stringify(
      {
        benchmark: 'verify',
        events: report.events,
        ok: report.ok,
        workers,
        verifySeconds: Number(report.seconds.toFixed(2)),
        targetSeconds: 30,
        meetsTarget: report.seconds <= 30,
        rawScanSeconds: Number(rawSeconds.toFixed(2)),
        rawScanRows: rows,
        rawScanJsonBytes: bytes,
        verifyCpuSeconds: Number(
          ((process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1e6).toFixed(
            1,
          ),
        ),
        loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
        rootHash: report.rootHash,
      },
      null,
      2,
    ),
  );
}

void main();
