/**
 * Rebuild rate and as-of latency on the national dataset, on the persisted embedded read store
 * (the `npm start` default), measured the same way as `bench:national` (`bench/measure.ts`).
 * The as-of read of a plan (its timeline chunks, read cold: the cache is emptied before each
 * query) is measured next to a naive replay of the plan's stream from the log. Prints one JSON
 * object.
 *
 *   npm run bench:projections           (1,000,000 events; EVENTS=200000 for a quicker run)
 */
import { mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planEventOf } from '../projections/envelope';
import { foldPlan } from '../src/domain/plan/state';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { resolveBitemporal } from '../src/queries/as-of';
import { planAsOf } from '../src/queries/plan-as-of';
import { loadDivipola } from '../src/reference/divipola';
import { nationalDataset } from './dataset';
import { parseCommandLine } from '../src/cli/command-line';
import {
  openReadStore,
  percentile,
  randomPlans,
  rawScans,
  rebuild,
  rebuildAsCommand,
  removeDatabase,
  round,
} from './measure';

const TARGET = Number(process.env.EVENTS ?? 1_000_000);
const QUERIES = Number(process.env.QUERIES ?? 2_000);
const REPLAYS = Number(process.env.REPLAYS ?? 300);

async function timed(run: () => Promise<unknown>, count: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return ms.sort((a, b) => a - b);
}

const summary = (ms: readonly number[]) => ({
  p50: round(percentile(ms, 50), 3),
  p95: round(percentile(ms, 95), 3),
  queries: ms.length,
});

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:projections

Reconstrucción de los modelos de lectura y latencia "as of" sobre el conjunto nacional generado
(bench/dataset.ts, guardado en /tmp). Imprime un JSON con cada cifra y su meta.

Variables de entorno:
  EVENTS=1000000       eventos del conjunto (200000 para una corrida rápida)
  QUERIES=2000         consultas "as of" medidas
  REPLAYS=300          repeticiones de plegado
  REBUILD_BATCH=25000  tamaño de lote de la reconstrucción en un hilo
Opciones:
  --help               muestra esta ayuda`,
  });
  const dataset = await nationalDataset(TARGET);
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-bench-projections-'));
  const logPath = join(dir, 'bitacora.db');
  const readPath = join(dir, 'bitacora.read.db');
  copyFileSync(dataset.path, logPath);
  try {
    const scans = await rawScans(logPath);
    const oneThread = await rebuild(
      logPath,
      readPath,
      process.env.REBUILD_BATCH ? Number(process.env.REBUILD_BATCH) : undefined,
    );
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    // What npm run rebuild does (the catch-up workers, one per core): the figure with the target.
    // Into a file of its own: the as-of queries below read the one-thread rebuild's.
    const commandPath = join(dir, 'command.read.db');
    const rebuilt = await rebuildAsCommand(logPath, commandPath);
    removeDatabase(commandPath);

    const events = new SqliteEventStore({ path: logPath });
    const store = openReadStore(events, readPath);
    const daneCodes = loadDivipola().all.map((m) => m.daneCode);
    const plans = () => randomPlans(daneCodes, QUERIES);

    const cold = plans()[Symbol.iterator]();
    const coldMs = await timed(async () => {
      const { planId, semester } = cold.next().value!;
      // A fresh store read each time: the cache would hide the layout.
      (store as unknown as { cache: { clear(): void } }).cache.clear();
      await planAsOf(store, planId, resolveBitemporal({ semester }));
    }, QUERIES);
    const warm = plans()[Symbol.iterator]();
    const warmMs = await timed(async () => {
      const { planId, semester } = warm.next().value!;
      await planAsOf(store, planId, resolveBitemporal({ semester }));
    }, QUERIES);
    const replays = plans()[Symbol.iterator]();
    const replayMs = await timed(async () => {
      const { planId, semester } = replays.next().value!;
      const time = resolveBitemporal({ semester });
      const stream = await events.readStream(planId, { until: time.knownAt });
      foldPlan(stream.map((e) => planEventOf(e)!.event));
    }, REPLAYS);
    await store.close();
    await events.close();

    const asOfP95 = percentile(coldMs, 95);
    const replayP95 = percentile(replayMs, 95);
    const vsRaw = rebuilt.seconds / scans.readAllSeconds;
    console.log(
      JSON.stringify(
        {
          benchmark: 'projections',
          adapters: 'sqlite event log, persisted SQLite read store (npm start default)',
          dataset: { events: dataset.events, plans: dataset.plans },
          figures: {
            rawScan: scans,
            rebuild: { ...rebuilt, oneThread },
            // After the one-thread rebuild (the command's runs in worker threads).
            rssAfterOneThreadRebuildMb: Math.round(rssMb),
            asOfPlanMs: {
              timelineChunksCold: summary(coldMs),
              timelineChunksCached: summary(warmMs),
              naiveReplay: summary(replayMs),
            },
          },
          targets: {
            rebuildSeconds: {
              figure: rebuilt.seconds,
              target: '<= 30',
              met: rebuilt.seconds <= 30,
            },
            rebuildVsRawScan: {
              figure: round(vsRaw),
              target:
                '<= 3 (npm run rebuild, in the catch-up workers, times the raw scan of the same log, readAll)',
              met: vsRaw <= 3,
            },
            asOfP95Ms: { figure: round(asOfP95, 3), target: '<= 5', met: asOfP95 <= 5 },
            asOfVsReplayP95: {
              figure: round(replayP95 / asOfP95, 1),
              target: '>= 5 (times faster than replaying the stream)',
              met: replayP95 / asOfP95 >= 5,
            },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
