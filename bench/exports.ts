/**
 * The exports on the national dataset (1,000,000 events), on the stores `npm start` uses (the
 * embedded log and the read models persisted in SQLite beside it, caught up by the same worker):
 *
 * - the Excel workbook of one plan over HTTP (`GET /planes/{dane}/{firstYear}.xlsx?semestre=`),
 *   for the plan with the most events, requested again and again: p50/p95 against p95 <= 500 ms;
 *   floor measured in the same run: a trivial request over the same HTTP stack (`/healthz`), the
 *   plan's as-of read alone, and the same workbook built and serialized in-process;
 * - the national open-data export of a semester (every plan's goals, the risk map, the social
 *   plans; CSV, JSON, dictionary, metadata), as `npm run export:open-data` runs it: seconds
 *   against <= 30 s; floor: reading every plan's timeline alone, and the rendering of the files.
 *
 *   npm run bench:exports      (EVENTS=200000 for a quicker run, REQUESTS=100 by default)
 */
import './production';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseCommandLine } from '../src/cli/command-line';
import { loadConfig } from '../src/config';
import { parseSemester, periodContaining } from '../src/domain/time';
import { planStreamId } from '../src/domain/plan/events';
import { createVerifier } from '../src/graphql/auth';
import { createLogger } from '../src/logging';
import { buildOpenData, renderOpenData } from '../src/exchange/open-data';
import { exportPlanWorkbook } from '../src/exchange/plan-export';
import { workbookBytes } from '../src/exchange/plan-workbook';
import { resolveBitemporal } from '../src/queries/as-of';
import { planAtTime, planTimeline } from '../src/queries/plan-as-of';
import { loadDivipola } from '../src/reference/divipola';
import { openStores } from '../src/runtime';
import { startServer } from '../src/server';
import { nationalDataset } from './dataset';
import { percentile, round } from './measure';

const TARGET = Number(process.env.EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.REQUESTS ?? 100);
const SEMESTER = process.env.SEMESTER ?? '2025-1';
const READSTORE_PATH = process.env.READSTORE_PATH ?? null;
const WORKBOOK_P95_TARGET_MS = 500;
const OPEN_DATA_TARGET_S = 30;

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]!),
    requests: sorted.length,
  };
};
const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:exports

Las exportaciones sobre el conjunto nacional generado (bench/dataset.ts, guardado en /tmp), con los
almacenes de npm start: pone al día los modelos de lectura, sirve la API en un puerto local y mide
(1) el libro de Excel de un plan por HTTP (el plan con más eventos), p50/p95 frente a la meta
(p95 <= 500 ms), y (2) la exportación nacional de datos abiertos de un semestre (segundos frente a
la meta de 30 s), cada una con su piso medido en la misma corrida. Imprime un JSON.

Variables de entorno:
  EVENTS=1000000     eventos del conjunto (200000 para una corrida rápida)
  REQUESTS=100       peticiones del libro medidas
  SEMESTER=2025-1    semestre de corte
  READSTORE_PATH=    archivo de modelos de lectura que se conserva entre corridas (por omisión,
                     uno temporal que se borra al final)
Opciones:
  --help             muestra esta ayuda`,
  });
  const dataset = await nationalDataset(TARGET);
  const folder = mkdtempSync(join(tmpdir(), 'bitacora-bench-exports-'));
  const config = loadConfig({
    ...process.env,
    EVENTSTORE_PATH: dataset.path,
    READSTORE_PATH: READSTORE_PATH ?? join(folder, 'bitacora.read.db'),
    SEED_DEMO: 'false',
    JWT_SECRET: 'bench',
  });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const stores = await openStores(config, logger);
  let started = process.hrtime.bigint();
  await stores.projector.start();
  await stores.projector.waitFor(undefined, Number.POSITIVE_INFINITY);
  const catchUpSeconds = elapsedMs(started) / 1000;
  global.gc?.();

  // The plan of the semester's cuatrienio with the most events: the largest workbook. A smaller
  // dataset may hold only the 2020 plans: then the semester moves into theirs (said in the output).
  const raw = new Database(dataset.path, { readonly: true });
  const biggestOf = (pattern: string) =>
    raw
      .prepare(
        `SELECT stream, COUNT(*) AS events FROM events WHERE stream LIKE ? GROUP BY stream ORDER BY events DESC LIMIT 1`,
      )
      .get(pattern) as { stream: string; events: number } | undefined;
  let semester = SEMESTER;
  let firstYear = periodContaining(parseSemester(semester).year).firstYear;
  let biggest = biggestOf(`plan-%-${firstYear}`);
  if (!biggest) {
    biggest = biggestOf('plan-%')!;
    firstYear = Number(biggest.stream.split('-')[2]);
    semester = `${firstYear + 1}-2`;
  }
  raw.close();
  const daneCode = biggest.stream.split('-')[1]!;

  const territory = loadDivipola();
  const services = { ...stores, territory, logger, now: () => new Date() };
  const server = await startServer({
    services,
    verify: createVerifier(config),
    port: 0,
    development: false,
  });
  server.httpServer.keepAliveTimeout = 120_000;
  const base = `http://localhost:${server.port}`;
  const path = `/planes/${daneCode}/${firstYear}.xlsx?semestre=${semester}`;
  const get = async (url: string) => {
    const t0 = process.hrtime.bigint();
    const response = await fetch(url);
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    return { ms: elapsedMs(t0), bytes: body.byteLength };
  };
  for (let i = 0; i < 10; i++) await get(`${base}${path}`);
  global.gc?.();
  const workbook: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const result = await get(`${base}${path}`);
    workbook.push(result.ms);
    bytes = result.bytes;
  }
  const healthz: number[] = [];
  for (let i = 0; i < REQUESTS; i++) healthz.push((await get(`${base}/healthz`)).ms);
  const time = resolveBitemporal({ semester });
  const readOnly: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    started = process.hrtime.bigint();
    planAtTime(await planTimeline(stores.readStore, biggest.stream), time);
    readOnly.push(elapsedMs(started));
    started = process.hrtime.bigint();
    const exported = await exportPlanWorkbook(services, daneCode, firstYear, semester);
    await workbookBytes(exported!.workbook);
    inProcess.push(elapsedMs(started));
  }

  // The national open data of the semester, as the command builds it (the HTTP route caches it).
  global.gc?.();
  started = process.hrtime.bigint();
  const release = await buildOpenData(services, semester);
  const buildSeconds = elapsedMs(started) / 1000;
  started = process.hrtime.bigint();
  const files = await renderOpenData(release);
  const renderSeconds = elapsedMs(started) / 1000;
  const openDataSeconds = buildSeconds + renderSeconds;
  // Floor: every plan's timeline read, nothing computed.
  started = process.hrtime.bigint();
  for (const m of territory.all)
    await planTimeline(stores.readStore, planStreamId(m.daneCode, firstYear));
  const readTimelinesSeconds = elapsedMs(started) / 1000;
  // The first request of a semester's file over HTTP builds the same release.
  const firstHttp = await get(`${base}/datos-abiertos/${semester}/metas.csv`);

  await server.stop();
  await stores.close();
  if (!READSTORE_PATH) rmSync(folder, { recursive: true, force: true });
  const book = summary(workbook);
  console.log(
    JSON.stringify(
      {
        benchmark: 'exports',
        setup: `npm start's stores (embedded log, read models persisted in SQLite beside it, caught up ${READSTORE_PATH ? `into ${READSTORE_PATH}` : 'into an empty file'}); API on a local port, sequential requests`,
        dataset: { events: dataset.events, path: dataset.path },
        catchUpSeconds: round(catchUpSeconds, 1),
        workbook: {
          what: `GET ${path} (${biggest.stream}, ${biggest.events} events)`,
          ...book,
          bytes,
          target: { p95Ms: WORKBOOK_P95_TARGET_MS },
          met: book.p95 <= WORKBOOK_P95_TARGET_MS,
          floor: {
            httpHealthz: summary(healthz),
            planReadAsOf: summary(readOnly),
            workbookInProcess: summary(inProcess),
          },
        },
        openData: {
          what: `buildOpenData + renderOpenData for ${semester} (npm run export:open-data without the catch-up)`,
          seconds: round(openDataSeconds, 2),
          buildSeconds: round(buildSeconds, 2),
          renderSeconds: round(renderSeconds, 2),
          rows: Object.fromEntries(release.datasets.map((d) => [d.name, d.rows.length])),
          bytes: [...files.values()].reduce((n, f) => n + f.length, 0),
          sealed: release.seal !== null,
          target: { seconds: OPEN_DATA_TARGET_S },
          met: openDataSeconds <= OPEN_DATA_TARGET_S,
          firstHttpRequestSeconds: round(firstHttp.ms / 1000, 2),
          floor: { readEveryPlanTimelineSeconds: round(readTimelinesSeconds, 2) },
        },
        note: 'Measured on a 2-core machine shared with other work; figures vary with its load.',
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
