/**
 * The national SGP-APSB risk map over HTTP on the national dataset (1,000,000 events, monitoring
 * inputs for every entity), on the stores `npm start` uses: the embedded log and the read models
 * persisted in SQLite beside it (`src/runtime.ts`), built by the same catch-up (a worker thread)
 * into an empty read-model file. The API serves on a local port, and the full map of a vigencia as
 * of a semester (all 1,121 entities in one page) is requested again and again. Prints one JSON
 * object: p50/p95 against the target, the store calls per request for one department and for the
 * whole country, and, measured in the same run, the floor: a trivial GraphQL request over the same
 * HTTP stack, and the same map read in-process without HTTP or GraphQL, with its documents cached
 * and from an empty cache (next to the cost of reading every entity's whole risk state, which is
 * what the map would read without its `risk_map` summaries).
 *
 *   npm run bench:risk          (EVENTS=200000 for a quicker run, REQUESTS=200 by default)
 */
import './production';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../projections';
import { parseCommandLine } from '../src/cli/command-line';
import { loadConfig } from '../src/config';
import type { MethodologyDocument } from '../projections/monitoring';
import { RES_449_2013 } from '../src/domain/monitoring/methodology';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import type { ReadStore } from '../src/readstore/port';
import { semesterEnd } from '../src/domain/time';
import { CURRENT_SCHEMA_VERSION } from '../src/domain/upcasting';
import type { RecordedEvent } from '../src/eventstore/port';
import { createVerifier } from '../src/graphql/auth';
import { createLogger } from '../src/logging';
import { riskMap } from '../src/queries/risk-map';
import { loadDivipola } from '../src/reference/divipola';
import { openStores } from '../src/runtime';
import { startServer } from '../src/server';
import { nationalDataset } from './dataset';
import { openReadStore } from './measure';

const TARGET = Number(process.env.EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const YEAR = Number(process.env.YEAR ?? 2025);
const SEMESTER = process.env.SEMESTER ?? '2025-2';
/** A read-model file to keep between runs (built if empty); by default a temporary one. */
const READSTORE_PATH = process.env.READSTORE_PATH ?? null;
const P95_TARGET_MS = 200;

const MAP = `query($year: Int!, $asOf: AsOfInput, $dep: ID, $first: Int) {
  riskScores(year: $year, asOf: $asOf, departmentCode: $dep, first: $first) {
    totalCount
    summary { entities withInputs prioritised byLevel { level count } }
    edges { node { daneCode name departmentCode total level prioritised recordedIn
      categories { category score } methodology { id inForce } } } } }`;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]!),
    requests: sorted.length,
  };
};

/** How many requests made each number of store calls, e.g. { "2": 149, "3": 1 }. */
function countsOf(values: readonly number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The most frequent value. */
function modeOf(values: readonly number[]): number {
  const counts = countsOf(values);
  return Number(Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0]);
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:risk

El mapa nacional de riesgo SGP-APSB por HTTP sobre el conjunto nacional generado (bench/dataset.ts,
guardado en /tmp, con insumos de monitoreo para todas las entidades), con los almacenes de
npm start (bitácora SQLite y modelos de lectura persistidos en SQLite): pone al día los modelos de
lectura en un archivo vacío, sirve la API en un puerto local y pide el mapa completo de una
vigencia "as of" un semestre. Imprime un JSON con p50/p95 frente a la meta (p95 <= 200 ms), las llamadas al almacén
por petición y el piso medido en la misma corrida.

Variables de entorno:
  EVENTS=1000000     eventos del conjunto (200000 para una corrida rápida)
  REQUESTS=200       peticiones del mapa medidas
  YEAR=2025          vigencia
  SEMESTER=2025-2    semestre "as of"
  READSTORE_PATH=    archivo de modelos de lectura que se conserva entre corridas (por omisión,
                     uno temporal que se borra al final)
Opciones:
  --help             muestra esta ayuda`,
  });
  const dataset = await nationalDataset(TARGET);
  const folder = mkdtempSync(join(tmpdir(), 'bitacora-bench-risk-'));
  // The cached dataset is only read: catch-up and the fan-out below write the read-model file.
  const config = loadConfig({
    ...process.env,
    EVENTSTORE_PATH: dataset.path,
    READSTORE_PATH: READSTORE_PATH ?? join(folder, 'bitacora.read.db'),
    SEED_DEMO: 'false',
    JWT_SECRET: 'bench',
  });
  const stores = await openStores(config, createLogger('silent'));
  const { events, readStore: store, projector } = stores;
  let started = process.hrtime.bigint();
  await projector.start();
  await projector.waitFor(undefined, Number.POSITIVE_INFINITY);
  const catchUpSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Measure the serving steady state, not the collection of what the catch-up left behind.
  global.gc?.();
  const riskDocuments = await store.collection('risk_scores').count({});

  const territory = loadDivipola();
  const server = await startServer({
    services: {
      events,
      readStore: store,
      projector,
      territory,
      logger: createLogger('silent'),
      now: () => new Date(),
    },
    verify: createVerifier(config),
    port: 0,
    development: false,
  });

  // The collections forced below pause the process for seconds: a keep-alive socket must not
  // expire under the client in the meantime (that race is not what this measures).
  server.httpServer.keepAliveTimeout = 120_000;

  const post = async (query: string, variables: Record<string, unknown>) => {
    const t0 = process.hrtime.bigint();
    const calls = store.stats.calls;
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: { riskScores?: { edges: unknown[] } };
      errors?: unknown[];
    };
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { ms, calls: store.stats.calls - calls, body };
  };

  const asOf = { semester: SEMESTER };
  const country = { year: YEAR, asOf, first: 1121 };
  const department = { year: YEAR, asOf, dep: '73', first: 1121 };
  for (let i = 0; i < 20; i++) await post(MAP, country); // warm-up
  global.gc?.();
  const fullMap: number[] = [];
  // Store calls per request. The store also serves background work (the projector's lease renewal
  // every few seconds, its polls), which adds a call to whichever request it overlaps: the figure
  // is the most frequent count, with every count seen beside it.
  const callsCountry: number[] = [];
  let entities = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const { ms, calls, body } = await post(MAP, country);
    fullMap.push(ms);
    callsCountry.push(calls);
    entities = body.data!.riskScores!.edges.length;
  }
  const callsDepartment: number[] = [];
  let departmentEntities = 0;
  for (let i = 0; i < 20; i++) {
    const { calls, body } = await post(MAP, department);
    callsDepartment.push(calls);
    departmentEntities = body.data!.riskScores!.edges.length;
  }
  // Now (the last version of each entity), and at an instant inside a semester (computed on read
  // from the inputs and plan timelines: the slow path, for reference).
  const current: number[] = [];
  for (let i = 0; i < 50; i++) current.push((await post(MAP, { year: YEAR, first: 1121 })).ms);
  const instant: number[] = [];
  const inside = {
    at: new Date(
      semesterEnd({ year: Number(SEMESTER.slice(0, 4)), half: 1 }).getTime() - 86_400_000 * 30,
    ),
  };
  for (let i = 0; i < 5; i++)
    instant.push((await post(MAP, { year: YEAR, asOf: inside, first: 1121 })).ms);
  const trivial: number[] = [];
  for (let i = 0; i < REQUESTS; i++) trivial.push((await post('{ __typename }', {})).ms);

  // The same map read in-process, without HTTP or GraphQL: the read model's own cost, with the
  // documents cached (as above) and from a new connection whose cache is empty (what a map costs
  // when other requests have pushed its documents out of the cache).
  const methodologyDocs = await store.collection<MethodologyDocument>('methodologies').find({});
  const [y, half] = SEMESTER.split('-').map(Number) as [number, 1 | 2];
  const mapIn = (readStore: ReadStore) =>
    riskMap(
      readStore,
      {
        year: YEAR,
        knownAt: semesterEnd({ year: y, half }),
        entities: territory.all,
        methodologyId: null,
        now: new Date(),
      },
      methodologyDocs,
    );
  const inProcess: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    started = process.hrtime.bigint();
    await mapIn(store);
    inProcess.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  // Reads the cached dataset in place: its schema is left as it is.
  const log = new SqliteEventStore({ path: dataset.path, queryIndexes: false });
  const coldCache: number[] = [];
  const coldStates: number[] = [];
  for (let i = 0; i < 20; i++) {
    const fresh = openReadStore(log, config.readstorePath);
    started = process.hrtime.bigint();
    await mapIn(fresh);
    coldCache.push(Number(process.hrtime.bigint() - started) / 1e6);
    // What the map read before it had its summaries: every entity's whole state.
    started = process.hrtime.bigint();
    await fresh.collection('risk_scores').find({});
    coldStates.push(Number(process.hrtime.bigint() - started) / 1e6);
    await fresh.close();
  }
  await log.close();

  // A methodology recorded by the ministry reaches every entity: the projection's fan-out, timed
  // on a synthetic event after the log's head (the log file itself is not touched). Its document
  // changes stay in the read-model file: only a temporary one is measured so.
  const fanOut = READSTORE_PATH ? null : await measureFanOut();
  async function measureFanOut() {
    const head = (await events.headPosition()) ?? 0;
    const methodology = {
      ...RES_449_2013,
      id: 'RES-BENCH',
      legalSource: 'Metodología de prueba del benchmark',
      firstYear: 2019,
      lastYear: null,
    };
    const defined: RecordedEvent = {
      id: '00000000-0000-4000-8000-00000000beef',
      type: 'MethodologyDefined',
      data: { methodology } as never,
      metadata: {
        actor: { id: 'bench', name: 'Benchmark', role: 'MINISTRY', entity: 'minvivienda' },
        correlationId: 'bench',
        schemaVersion: CURRENT_SCHEMA_VERSION,
        legalBasis: 'Prueba',
        issuedAt: new Date().toISOString(),
      },
      stream: 'methodology-RES-BENCH',
      revision: 0,
      position: head + 1,
      recordedAt: new Date(),
      prevHash: null,
      hash: 'bench',
    };
    const riskProjection = ALL_PROJECTIONS.find((p) => p.name === 'risk_scores')!;
    started = process.hrtime.bigint();
    await projector.applyBatch(riskProjection, [defined]);
    const fanOutMs = Number(process.hrtime.bigint() - started) / 1e6;
    const afterFanOut = await post(MAP, country);
    return {
      ms: round(fanOutMs),
      documents: riskDocuments,
      mapAfterwardsMs: round(afterFanOut.ms),
    };
  }

  await server.stop();
  await stores.close();
  rmSync(folder, { recursive: true, force: true });
  const map = summary(fullMap);
  const floor = summary(trivial);
  const read = summary(inProcess);
  global.gc?.();
  console.log(
    JSON.stringify(
      {
        benchmark: 'risk',
        setup: `npm start's stores (embedded log, read models persisted in SQLite beside it, caught up by the worker ${READSTORE_PATH ? `into ${READSTORE_PATH}` : 'into an empty file'}), API on a local port (in-process server, sequential requests); riskScores(year: ${YEAR}, asOf: { semester: "${SEMESTER}" }, first: 1121), ${REQUESTS} requests`,
        dataset: {
          events: dataset.events,
          refusedCommands: dataset.refused,
          generatedSeconds: dataset.generatedSeconds,
        },
        figures: {
          catchUpSeconds: round(catchUpSeconds, 1),
          riskDocuments,
          fullMapMs: map,
          entitiesPerMap: entities,
          currentMapMs: summary(current),
          mapAtAnInstantInsideASemesterMs: summary(instant),
          storeCallsPerRequest: {
            wholeCountry: countsOf(callsCountry),
            oneDepartment: countsOf(callsDepartment),
            departmentEntities,
          },
          methodologyFanOut: fanOut,
          rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
        },
        floor: {
          trivialGraphqlRequestMs: floor,
          sameMapInProcessMs: read,
          sameMapInProcessColdCacheMs: summary(coldCache),
          everyEntityStateColdCacheMs: summary(coldStates),
        },
        targets: {
          fullMapP95Ms: {
            figure: map.p95,
            target: `<= ${P95_TARGET_MS}`,
            met: map.p95 <= P95_TARGET_MS,
          },
          storeCallsIndependentOfEntities: {
            figure: { wholeCountry: modeOf(callsCountry), oneDepartment: modeOf(callsDepartment) },
            target:
              'the same constant for 1,121 entities and for one department (most frequent count per request)',
            met: modeOf(callsCountry) === modeOf(callsDepartment),
          },
        },
      },
      null,
      2,
    ),
  );
}

void main();
