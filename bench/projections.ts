/**
 * Projection throughput and as-of latency on the national dataset (embedded adapters), printed
 * as one JSON object with each figure next to its target.
 *
 *   npm run bench:projections           (1,000,000 events; EVENTS=200000 for a quicker run)
 */
import { ALL_PROJECTIONS } from '../projections';
import { planEventOf } from '../projections/envelope';
import { foldPlan } from '../src/domain/plan/state';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { Projector } from '../src/projector/projector';
import { resolveBitemporal } from '../src/queries/as-of';
import { planAsOf } from '../src/queries/plan-as-of';
import { EmbeddedReadStore } from '../src/readstore/embedded';
import { loadDivipola } from '../src/reference/divipola';
import { nationalDataset } from './dataset';
import { parseCommandLine } from '../src/cli/command-line';

const TARGET = Number(process.env.EVENTS ?? 1_000_000);
const QUERIES = Number(process.env.QUERIES ?? 2_000);
const REPLAYS = Number(process.env.REPLAYS ?? 300);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Deterministic choice of plans and semesters, so runs compare. */
function* randomPlans(count: number) {
  const entities = loadDivipola().all;
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < count; i++) {
    const entity = entities[Math.floor(next() * entities.length)]!;
    const firstYear = next() < 0.5 ? 2020 : 2024;
    const year = firstYear + Math.floor(next() * 4) + 1;
    yield {
      planId: `plan-${entity.daneCode}-${firstYear}`,
      semester: `${year}-${next() < 0.5 ? 1 : 2}`,
    };
  }
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:projections

Reconstrucción de los modelos de lectura y latencia "as of" sobre el conjunto nacional generado
(bench/dataset.ts, guardado en /tmp). Imprime un JSON con cada cifra y su meta.

Variables de entorno:
  EVENTS=1000000       eventos del conjunto (200000 para una corrida rápida)
  QUERIES=2000         consultas "as of" medidas
  REPLAYS=300          repeticiones de plegado
  REBUILD_BATCH=25000  tamaño de lote de la reconstrucción
Opciones:
  --help               muestra esta ayuda`,
  });
  const dataset = await nationalDataset(TARGET);
  const events = new SqliteEventStore({ path: dataset.path });

  let start = process.hrtime.bigint();
  let scanned = 0;
  for await (const event of events.readAll()) if (event.position > 0) scanned += 1;
  const scanSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rawScanPerSecond = scanned / scanSeconds;

  const store = new EmbeddedReadStore();
  const projector = new Projector(events, store, ALL_PROJECTIONS, {
    rebuildBatchSize: Number(process.env.REBUILD_BATCH ?? 25_000),
  });
  start = process.hrtime.bigint();
  const rebuilt = await projector.rebuild();
  const rebuildSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  global.gc?.();
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const heapUsedMb = process.memoryUsage().heapUsed / 1024 / 1024;

  const asOfMs: number[] = [];
  for (const { planId, semester } of randomPlans(QUERIES)) {
    const t0 = process.hrtime.bigint();
    await planAsOf(store, planId, resolveBitemporal({ semester }));
    asOfMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  asOfMs.sort((a, b) => a - b);

  const replayMs: number[] = [];
  for (const { planId, semester } of randomPlans(REPLAYS)) {
    const t0 = process.hrtime.bigint();
    const time = resolveBitemporal({ semester });
    const stream = await events.readStream(planId, { until: time.knownAt });
    foldPlan(stream.map((e) => planEventOf(e)!.event));
    replayMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  replayMs.sort((a, b) => a - b);
  await events.close();

  const rebuildPerSecond = rebuilt / rebuildSeconds;
  const asOfP95 = percentile(asOfMs, 95);
  const replayP95 = percentile(replayMs, 95);
  console.log(
    JSON.stringify(
      {
        benchmark: 'projections',
        adapters: 'sqlite event log, embedded (mingo) read store',
        dataset: {
          events: dataset.events,
          plans: dataset.plans,
          refusedCommands: dataset.refused,
          generatedSeconds: dataset.generatedSeconds,
        },
        figures: {
          rawReadAllEventsPerSecond: Math.round(rawScanPerSecond),
          rebuildEventsPerSecond: Math.round(rebuildPerSecond),
          rebuildSeconds: round(rebuildSeconds, 1),
          asOfPlanMs: {
            p50: round(percentile(asOfMs, 50)),
            p95: round(asOfP95),
            queries: asOfMs.length,
          },
          naiveReplayMs: {
            p50: round(percentile(replayMs, 50)),
            p95: round(replayP95),
            queries: replayMs.length,
          },
          rssMb: Math.round(rssMb),
          heapUsedMb: Math.round(heapUsedMb),
        },
        targets: {
          rebuildSeconds: {
            figure: round(rebuildSeconds, 1),
            target: '<= 60',
            met: rebuildSeconds <= 60,
          },
          rebuildVsRawScan: {
            figure: round(rawScanPerSecond / rebuildPerSecond, 2),
            target: '<= 4 (times slower than the raw scan)',
            met: rawScanPerSecond / rebuildPerSecond <= 4,
          },
          asOfP95Ms: { figure: round(asOfP95), target: '<= 5', met: asOfP95 <= 5 },
          asOfVsReplayP95: {
            figure: round(replayP95 / asOfP95, 1),
            target: '>= 20 (times faster than replay)',
            met: replayP95 / asOfP95 >= 20,
          },
          rssMb: { figure: Math.round(rssMb), target: '<= 1536', met: rssMb <= 1536 },
        },
      },
      null,
      2,
    ),
  );
}

void main();
