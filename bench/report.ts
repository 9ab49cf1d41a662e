/**
 * The semester report over HTTP on the national dataset: the server on a copy of the cached log
 * (never the cache itself), its read models rebuilt in memory as `npm start` does (in this process,
 * without serve's two-minute start limit, which a shared machine can exceed), then the HTML report
 * and its PDF requested one after another for a plan of the dataset. Prints one JSON object with p50/p95 next to the
 * targets, and, measured in the same run, the as-of plan query the report is built on (peer) and
 * `/healthz` (the HTTP floor).
 *
 *   npm run bench:report   (HTML=40 PDF=20 requests; a quicker run on a smaller log:
 *                          EVENTS=200000 FIRST_YEAR=2020 SEMESTER=2021-1, since it ends earlier)
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../projections';
import { DEVELOPMENT_JWT_SECRET } from '../src/config';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { createVerifier } from '../src/graphql/auth';
import { createLogger } from '../src/logging';
import { Projector } from '../src/projector/projector';
import { EmbeddedReadStore } from '../src/readstore/embedded';
import { loadDivipola } from '../src/reference/divipola';
import { startServer } from '../src/server';
import { parseCommandLine } from '../src/cli/command-line';
import { nationalDataset } from './dataset';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const HTML_REQUESTS = Number(process.env.HTML ?? 40);
const PDF_REQUESTS = Number(process.env.PDF ?? 20);
const DANE = process.env.DANE ?? '73001';
const FIRST_YEAR = Number(process.env.FIRST_YEAR ?? 2024);
const SEMESTER = process.env.SEMESTER ?? '2025-1';
const REPORT = `/informes/${DANE}/${FIRST_YEAR}/${SEMESTER}`;

const percentile = (sorted: number[], p: number) =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1));

/** Sequential requests (one reader at a time, as a council member would), after one warm-up. */
async function measure(count: number, request: () => Promise<Response>) {
  const warm = await request();
  if (!warm.ok) throw new Error(`${warm.status} ${await warm.text()}`);
  await warm.arrayBuffer();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const response = await request();
    bytes = (await response.arrayBuffer()).byteLength;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!response.ok) throw new Error(`respuesta ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return { requests: count, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), bytes };
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:report

Informe semestral (HTML y PDF) por HTTP para un plan del conjunto nacional de datos: copia la
bitácora en caché (nunca la modifica), reconstruye los modelos de lectura en memoria, pide el
informe uno tras otro e imprime un JSON con p50/p95, las metas (HTML <= 300 ms, PDF <= 1,5 s) y,
en la misma corrida, la consulta "as of" del plan y /healthz.

Variables de entorno:
  EVENTS=1000000   tamaño del conjunto nacional
  DANE=73001 FIRST_YEAR=2024 SEMESTER=2025-1   el informe medido
  HTML=40 PDF=20   peticiones de cada tipo
Opciones:
  --help           muestra esta ayuda`,
  });
  const dataset = await nationalDataset(EVENTS);
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-bench-report-'));
  copyFileSync(dataset.path, join(dir, 'bitacora.db'));
  const events = new SqliteEventStore({ path: join(dir, 'bitacora.db') });
  const readStore = new EmbeddedReadStore();
  const projector = new Projector(events, readStore, ALL_PROJECTIONS, {
    rebuildBatchSize: 25_000,
  });
  const rebuildStarted = Date.now();
  await projector.rebuild();
  const rebuildMs = Date.now() - rebuildStarted;
  const server = await startServer({
    services: {
      events,
      readStore,
      projector,
      territory: loadDivipola(),
      logger: createLogger('silent'),
      now: () => new Date(),
    },
    verify: createVerifier({
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      jwksUrl: null,
      jwtIssuer: 'bitacora',
      jwtAudience: 'bitacora-api',
    }),
    port: 0,
    development: false,
  });
  const BASE = `http://localhost:${server.port}`;
  try {
    const packet = await (
      await fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ plan(daneCode: "${DANE}", firstYear: ${FIRST_YEAR}, asOf: { semester: "${SEMESTER}" }) { goals { id } } }`,
        }),
      })
    ).json();
    const goals = (packet as { data: { plan: { goals: unknown[] } | null } }).data.plan?.goals;
    if (!goals) throw new Error(`no hay plan ${DANE}-${FIRST_YEAR} en el conjunto de datos`);
    const html = await measure(HTML_REQUESTS, () => fetch(`${BASE}${REPORT}`));
    const pdf = await measure(PDF_REQUESTS, () => fetch(`${BASE}${REPORT}/informe.pdf`));
    const asOfPlan = await measure(HTML_REQUESTS, () =>
      fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ plan(daneCode: "${DANE}", firstYear: ${FIRST_YEAR}, asOf: { semester: "${SEMESTER}" }) { id goals { id total targets { expectedLevel } progress { percent status } } projects { id valueByYear } fundsByYear { year available } } }`,
        }),
      }),
    );
    const healthz = await measure(HTML_REQUESTS, () => fetch(`${BASE}/healthz`));
    console.log(
      JSON.stringify(
        {
          benchmark: 'report',
          setup: `server (embedded stores) on a copy of the national log (${dataset.events} events), read models rebuilt in memory at start; ${REPORT} for plan-${DANE}-${FIRST_YEAR} (${goals.length} goals); sequential requests after one warm-up`,
          rebuildMs,
          figures: { html, pdf },
          targets: {
            htmlP95Ms: { figure: html.p95Ms, target: '<= 300', met: html.p95Ms <= 300 },
            pdfP95Ms: { figure: pdf.p95Ms, target: '<= 1500', met: pdf.p95Ms <= 1500 },
          },
          sameRun: {
            peer: { asOfPlanQuery: asOfPlan },
            floor: { healthz },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
    await projector.stop();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
