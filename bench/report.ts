/**
 * The semester report over HTTP on the national dataset, on what `npm start` runs: the embedded
 * log (a copy of the cached dataset, never the cache itself, since the review and the seals are
 * appended to it), the read models persisted in SQLite beside it and built by the same catch-up
 * (a worker thread) into an empty file, and the integrity service, which seals the semesters that
 * have ended. Then, through the API's own mutations and tokens, the CTP reviews the previous
 * semester and the measured one (opening, concepto, three recommendations, closing) and the
 * administration answers each recommendation, so that the report measured has every section
 * filled: the seal, the concepto, the recommendations and the previous semester's follow-up.
 * Finally the HTML report and its PDF are requested one after another. Prints one JSON object
 * with p50/p95 next to the targets, the machine's load, and, measured in the same run, the as-of
 * plan query the report is built on (peer) and `/healthz` (the HTTP floor).
 *
 *   npm run bench:report   (HTML=40 PDF=20 requests; a quicker run on a smaller log:
 *                          EVENTS=200000 FIRST_YEAR=2020 SEMESTER=2021-1, since it ends earlier)
 */
import './production';
import 'reflect-metadata';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../src/cli/command-line';
import { loadConfig, type Config } from '../src/config';
import type { Role } from '../src/domain/access';
import { previousReviewKey } from '../src/domain/review/packet';
import { createVerifier, issueToken } from '../src/graphql/auth';
import { sealKeyFromConfig, startIntegrity } from '../src/integrity/service';
import { createLogger } from '../src/logging';
import { loadDivipola } from '../src/reference/divipola';
import { openStores } from '../src/runtime';
import { startServer } from '../src/server';
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
const load = () => loadavg().map((value) => Number(value.toFixed(2)));
const seconds = (since: bigint) =>
  Number((Number(process.hrtime.bigint() - since) / 1e9).toFixed(1));

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

/** A GraphQL client of the running server, with a token of `role` for `entity` when given. */
function client(url: string, config: Config) {
  return async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: { role: Role; entity: string },
  ): Promise<T> => {
    const token = as
      ? await issueToken(config, {
          id: `bench-${as.role.toLowerCase()}`,
          name: `Banco ${as.role}`,
          ...as,
        })
      : null;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
}

/**
 * The CTP's review of one semester and the administration's answers, sent as the API's mutations:
 * opened, concepto, one recommendation per target, closed, every recommendation answered.
 */
async function reviewSemester(
  gql: ReturnType<typeof client>,
  semester: string,
  targets: Array<{ kind: 'GOAL' | 'PROJECT'; id: string }>,
  tick: () => Date,
) {
  const ctp = { role: 'CTP' as const, entity: DANE };
  const planner = { role: 'PLANNER' as const, entity: DANE };
  const key = { daneCode: DANE, firstYear: FIRST_YEAR, semester };
  const send = (name: string, input: Record<string, unknown>, as: typeof ctp | typeof planner) => {
    tick();
    return gql(
      `mutation($input: ${name.charAt(0).toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { revision } }`,
      { input: { ...key, ...input } },
      as,
    );
  };
  await send('openReview', {}, ctp);
  await send(
    'recordConcept',
    {
      concept: 'FAVORABLE_CON_OBSERVACIONES',
      text: `El CTP reconoce avances en ${semester}, pero observa metas rezagadas y proyectos sin avance físico reportado; pide ajustar la programación y publicar el avance trimestral.`,
    },
    ctp,
  );
  for (const [index, target] of targets.entries())
    await send(
      'addRecommendation',
      {
        target,
        text: `Recomendación ${index + 1}: presentar una ruta para ${target.kind === 'GOAL' ? 'recuperar la meta' : 'ejecutar el proyecto'} ${target.id}, con fuentes y fechas.`,
      },
      ctp,
    );
  await send('closeReview', {}, ctp);
  const decisions = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED'] as const;
  // A commitment cannot be dated before the answer (today, on the log's clock).
  const inSixMonths = new Date(tick().getTime() + 182 * 86_400_000).toISOString().slice(0, 10);
  for (const [index] of targets.entries()) {
    const decision = decisions[index % decisions.length]!;
    await send(
      'respondToRecommendation',
      {
        recommendationId: `R${index + 1}`,
        decision,
        justification: `Respuesta de la administración a la recomendación R${index + 1}.`,
        ...(decision === 'REJECTED' ? {} : { commitmentDate: inSixMonths }),
      },
      planner,
    );
  }
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:report

Informe semestral (HTML y PDF) por HTTP para un plan del conjunto nacional de datos, sobre lo que
corre npm start: copia la bitácora en caché (nunca la modifica), pone al día los modelos de lectura
persistidos en SQLite, sella los semestres terminados, registra por la API la revisión del CTP del
semestre anterior y del medido (concepto, recomendaciones, respuestas), pide el informe uno tras
otro e imprime un JSON con p50/p95, las metas (HTML <= 300 ms, PDF <= 1,5 s), la carga de la
máquina y, en la misma corrida, la consulta "as of" del plan y /healthz.

Variables de entorno:
  EVENTS=1000000   tamaño del conjunto nacional
  DANE=73001 FIRST_YEAR=2024 SEMESTER=2025-1   el informe medido
  HTML=40 PDF=20   peticiones de cada tipo
Opciones:
  --help           muestra esta ayuda`,
  });
  const loadAtStart = load();
  const dataset = await nationalDataset(EVENTS);
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-bench-report-'));
  copyFileSync(dataset.path, join(dir, 'bitacora.db'));
  const config = loadConfig({
    ...process.env,
    EVENTSTORE_PATH: join(dir, 'bitacora.db'),
    READSTORE_PATH: join(dir, 'bitacora.read.db'),
    SEED_DEMO: 'false',
    JWT_SECRET: 'bench',
  });
  const logger = createLogger('silent');
  // The development seal key, generated in the bench's folder: NODE_ENV=production (./production)
  // would otherwise demand a configured one.
  const sealKey = await sealKeyFromConfig({ ...config, production: false });
  const stores = await openStores(config, logger);
  let started = process.hrtime.bigint();
  await stores.projector.start();
  await stores.projector.waitFor(undefined, Number.POSITIVE_INFINITY);
  const catchUpSeconds = seconds(started);
  // The national dataset records its events up to late 2027, after today: the server's clock (and
  // the log's, which never goes back) starts just after its last event and advances a minute per
  // mutation, so that a review's instants come after what it reviews, as they would in service.
  let clockMs = Date.now();
  const head = await stores.events.headPosition();
  if (head !== null)
    for await (const last of stores.events.readAll({ fromPosition: head, maxCount: 1 }))
      clockMs = Math.max(clockMs, last.recordedAt.getTime());
  clockMs += 60_000;
  stores.clock.set(new Date(clockMs));
  const tick = () => {
    clockMs += 60_000;
    stores.clock.set(new Date(clockMs));
    return new Date(clockMs);
  };
  const now = () => stores.clock.now();
  started = process.hrtime.bigint();
  // As npm start, but waiting for the seals of the ended semesters before the review opens, so
  // that the review fixes its semester's seal and the report prints it.
  const integrity = await startIntegrity(stores, sealKey, logger, { now });
  const sealSeconds = seconds(started);
  global.gc?.();
  const server = await startServer({
    services: {
      ...stores,
      ...integrity.services,
      territory: loadDivipola(),
      logger,
      now,
    },
    verify: createVerifier(config),
    port: 0,
    development: false,
  });
  const BASE = `http://localhost:${server.port}`;
  const gql = client(server.url, config);
  try {
    const { plan } = await gql<{
      plan: { goals: Array<{ id: string }>; projects: Array<{ id: string }> } | null;
    }>(
      `query($dane: ID!, $year: Int!, $semester: String!) {
        plan(daneCode: $dane, firstYear: $year, asOf: { semester: $semester }) { goals { id } projects { id } } }`,
      { dane: DANE, year: FIRST_YEAR, semester: SEMESTER },
    );
    if (!plan) throw new Error(`no hay plan ${DANE}-${FIRST_YEAR} en el conjunto de datos`);
    const targets = [
      { kind: 'GOAL' as const, id: plan.goals[0]!.id },
      { kind: 'GOAL' as const, id: plan.goals[1]!.id },
      plan.projects[0]
        ? { kind: 'PROJECT' as const, id: plan.projects[0].id }
        : { kind: 'GOAL' as const, id: plan.goals[2]!.id },
    ];
    const previous = previousReviewKey({
      daneCode: DANE,
      firstYear: FIRST_YEAR,
      semester: SEMESTER,
    });
    if (previous.firstYear !== FIRST_YEAR)
      throw new Error(`elija un semestre con otro anterior en el cuatrienio ${FIRST_YEAR}`);
    started = process.hrtime.bigint();
    for (const semester of [previous.semester, SEMESTER])
      await reviewSemester(gql, semester, targets, tick);
    await stores.projector.waitFor(undefined, 60_000);
    const reviewSeconds = seconds(started);
    // What the measured report holds, as the API gives it.
    const { review } = await gql<{
      review: {
        concept: { value: string } | null;
        recommendations: Array<{ status: string }>;
        packet: {
          seal: { semester: string; treeSize: number } | null;
          previousRecommendations: Array<{ status: string }>;
          changes: { totalCount: number };
        };
      };
    }>(
      `query($dane: ID!, $year: Int!, $semester: String!) {
        review(daneCode: $dane, firstYear: $year, semester: $semester) {
          concept { value } recommendations { status }
          packet { seal { semester treeSize } previousRecommendations { status } changes(first: 1) { totalCount } } } }`,
      { dane: DANE, year: FIRST_YEAR, semester: SEMESTER },
    );
    if (
      !review.concept ||
      !review.packet.seal ||
      review.packet.previousRecommendations.length === 0
    )
      throw new Error(
        `el informe medido no tiene concepto, sello y seguimiento: ${JSON.stringify(review)}`,
      );

    const loadBefore = load();
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
          setup: `npm start's stores: a copy of the national log (${dataset.events} events) with read models persisted in SQLite (caught up by the catch-up worker into an empty file) and the integrity service (semesters sealed); reviews of ${previous.semester} and ${SEMESTER} recorded through the API; ${REPORT} for plan-${DANE}-${FIRST_YEAR} (${plan.goals.length} goals, ${plan.projects.length} projects); sequential requests after one warm-up`,
          preparation: { catchUpSeconds, sealSeconds, reviewSeconds },
          report: {
            concept: review.concept.value,
            recommendations: review.recommendations.map((r) => r.status),
            previousRecommendations: review.packet.previousRecommendations.map((r) => r.status),
            changesInSemester: review.packet.changes.totalCount,
            seal: review.packet.seal,
          },
          figures: { html, pdf },
          targets: {
            htmlP95Ms: { figure: html.p95Ms, target: '<= 300', met: html.p95Ms <= 300 },
            pdfP95Ms: { figure: pdf.p95Ms, target: '<= 1500', met: pdf.p95Ms <= 1500 },
          },
          sameRun: {
            peer: { asOfPlanQuery: asOfPlan },
            floor: { healthz },
          },
          machine: {
            cores: 2,
            loadAverage1m5m15m: {
              atStart: loadAtStart,
              beforeMeasuring: loadBefore,
              atEnd: load(),
            },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
    await integrity.stop();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
