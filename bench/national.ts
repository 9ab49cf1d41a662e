/**
 * The embedded store at national scale (issue 10): on the national dataset (1,000,000 events,
 * `bench/dataset.ts`), every figure of the issue next to its target and the limit measured in the
 * same run. Prints one JSON object.
 *
 *   npm run bench:national            (EVENTS=200000 for a quicker run; DURATION=10 s per load)
 *   ONLY=restart npm run bench:national   (the catch-up, then RESTARTS restarts: the restart figure)
 *
 * The machine is shared, and its speed moves by a third within a run: the catch-up from an empty
 * read store runs FROM_EMPTY_RUNS times (3 by default), each between two raw scans of the log, and
 * the restart RESTARTS times (3); each figure is the median run's, every run is printed, and the
 * event loop's figure is the worst of them all.
 *
 * The HTTP figures start `npm start`'s entry (`src/cli/serve.ts`) as a child process on a copy of
 * the log in a temporary folder (the cached dataset is never written).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { parseCommandLine } from '../src/cli/command-line';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { verifiedLogPath } from '../src/integrity/verified-log';
import { issueToken } from '../src/graphql/auth';
import { cpuSecondsOfStat } from '../src/projector/worker-thread';
import { nationalDataset } from './dataset';
import {
  appendVersusRaw,
  percentile,
  rawScans,
  rebuild,
  rebuildAsCommand,
  removeDatabase,
  round,
} from './measure';

const TARGET_EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const DURATION = Number(process.env.DURATION ?? 10);
const APPEND_EVENTS = Number(process.env.APPEND_EVENTS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 4560);
const ONLY_RESTART = process.env.ONLY === 'restart';
const RESTARTS = Math.max(1, Number(process.env.RESTARTS ?? 3));
const FROM_EMPTY_RUNS = Math.max(1, Number(process.env.FROM_EMPTY_RUNS ?? 3));
const BASE = `http://127.0.0.1:${PORT}`;
const log = (message: string) => console.error(`[bench:national] ${message}`);

/**
 * The server process's CPU at a moment: in all (threads that ended too, the catch-up workers) and
 * its main thread's; what is neither the main thread nor the catch-up workers' own CPU is the
 * garbage collector's and the compiler's helper threads' and the integrity monitor's.
 */
function serverCpu(pid: number): { processSeconds: number; mainThreadSeconds: number } {
  return {
    processSeconds: round(cpuSecondsOfStat(`/proc/${pid}/stat`)),
    mainThreadSeconds: round(cpuSecondsOfStat(`/proc/${pid}/task/${pid}/stat`)),
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

interface Started {
  child: ChildProcess;
  listenSeconds: number;
  readySeconds: number;
  ready: {
    catchUp: {
      seconds: number;
      readModelsSeconds: number | null;
      eventLoopDelayMaxMs: number;
      threads?: CatchUpThreads;
    };
  };
  /** Slowest /healthz answer seen by this process while the server caught up. */
  healthzMaxMs: number;
  rssAtReadyMb: number;
  /** The server process's CPU when /readyz said 200 (`serverCpu`). */
  cpuAtReady: { processSeconds: number; mainThreadSeconds: number };
  /** The integrity monitor: when it had verified the whole log, and the event loop's worst delay then. */
  integrity: { verifiedSeconds: number; monitorSeconds: number; eventLoopDelayMaxMs: number };
  /** The start-up check (hash and chain of every event) that /readyz waited for. */
  startupCheck: StartupCheckFigures;
  /** The load average (1 min) when /readyz said 200. */
  loadAtReady: number;
}

/** One catch-up from an empty read store, next to the raw scans of the log just before and after. */
interface FromEmptyRun {
  /** The read models current (the server's workers), from the catch-up's start. */
  readModelsSeconds: number;
  /** /readyz 200 from the server's start (the process's): the start-up check of the log too. */
  readySeconds: number;
  /** The server's catch-up (`/readyz`): from its start to ready, the start-up check included. */
  serverCatchUpSeconds: number;
  /** Read models current and the whole log verified (the integrity monitor). */
  seconds: number;
  eventLoopDelayMaxMs: number;
  readAllRuns: [number, number];
  vsReadAll: number;
}

function fromEmptyRun(started: Started, readAllRuns: [number, number]): FromEmptyRun {
  const readModelsSeconds =
    started.ready.catchUp.readModelsSeconds ?? started.ready.catchUp.seconds;
  return {
    readModelsSeconds,
    readySeconds: started.readySeconds,
    serverCatchUpSeconds: started.ready.catchUp.seconds,
    seconds: Math.max(started.readySeconds, started.integrity.verifiedSeconds),
    eventLoopDelayMaxMs: Math.max(
      started.ready.catchUp.eventLoopDelayMaxMs,
      started.integrity.eventLoopDelayMaxMs,
    ),
    readAllRuns,
    vsReadAll: round(readModelsSeconds / ((readAllRuns[0] + readAllRuns[1]) / 2)),
  };
}

/** The median of an odd count (of an even one, the lower middle): a run that happened. */
function median<T>(items: readonly T[], by: (item: T) => number): T {
  return [...items].sort((a, b) => by(a) - by(b))[Math.floor((items.length - 1) / 2)]!;
}

/** The server's catch-up threads (`/readyz`): how many, and each one's own CPU and busy time. */
interface CatchUpThreads {
  workers: number;
  threads: Array<{ cpuSeconds: number | null; activeSeconds: number; seconds: number } | null>;
}

interface StartupCheckFigures {
  state: string;
  /** `file`: the log file found the one recorded verified at the last stop; `rows`: each row. */
  method: string | null;
  seconds: number | null;
  workers: number;
  total: number;
}

interface IntegrityAnswer {
  data?: {
    integrity: {
      status: string;
      lastFullVerification: { seconds: number } | null;
      startupCheck: StartupCheckFigures;
    };
  };
}

/** The integrity monitor's state, asked over GraphQL. */
async function integrityState(): Promise<NonNullable<IntegrityAnswer['data']>['integrity']> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        '{ integrity { status lastFullVerification { seconds } startupCheck { state method seconds workers total } } }',
    }),
  });
  const body = (await response.json()) as IntegrityAnswer;
  const integrity = body.data?.integrity;
  if (!integrity) throw new Error(JSON.stringify(body));
  if (integrity.status === 'damaged') throw new Error(`{"integrity":"damaged"}`);
  return integrity;
}

async function eventLoopMaxMs(): Promise<number> {
  const body = (await (await fetch(`${BASE}/readyz`)).json()) as {
    eventLoop: { maxDelayMs: number };
  };
  return body.eventLoop.maxDelayMs;
}

/**
 * Starts the server and polls it until /readyz says ready and the integrity monitor has verified
 * the whole log (both count in a start-up); no deadline but the caller's.
 */
async function startServer(logPath: string, sealKeyPath: string): Promise<Started> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=32',
      '--import',
      'tsx',
      '--import',
      './bench/event-loop-probe.ts',
      'src/cli/serve.ts',
    ],
    {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        PORT: String(PORT),
        EVENTSTORE_PATH: logPath,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        JWT_SECRET,
        SEAL_PRIVATE_KEY_FILE: sealKeyPath,
        EVENT_LOOP_PROBE_FILE: probeFile(logPath),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let listenSeconds = NaN;
  let healthzMaxMs = 0;
  let ready: Omit<Started, 'child' | 'integrity' | 'startupCheck'> | null = null;
  let startupCheck: StartupCheckFigures | null = null;
  let integrity: Started['integrity'] | null = null;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`el servidor terminó con código ${child.exitCode}`);
    try {
      const t0 = process.hrtime.bigint();
      const health = await fetch(`${BASE}/healthz`);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (health.ok) {
        if (Number.isNaN(listenSeconds)) listenSeconds = elapsed();
        else healthzMaxMs = Math.max(healthzMaxMs, ms);
        if (!ready) {
          const answer = await fetch(`${BASE}/readyz`);
          const body = (await answer.json()) as Started['ready'] & { status: string };
          if (answer.status === 200) {
            ready = {
              listenSeconds: round(listenSeconds),
              readySeconds: round(elapsed()),
              ready: body,
              healthzMaxMs: round(healthzMaxMs),
              rssAtReadyMb: rssMb(child.pid!),
              cpuAtReady: serverCpu(child.pid!),
              loadAtReady: round(loadavg()[0]!),
            };
            startupCheck = (await integrityState()).startupCheck;
          } else if (body.status === 'failed' || body.status === 'integrity-fault')
            throw new Error(JSON.stringify(body));
        }
        if (!integrity) {
          const verified = (await integrityState()).lastFullVerification;
          if (verified) {
            integrity = {
              verifiedSeconds: round(elapsed()),
              monitorSeconds: round(verified.seconds),
              eventLoopDelayMaxMs: await eventLoopMaxMs(),
            };
          }
        }
        if (ready && integrity) return { child, ...ready, integrity, startupCheck: startupCheck! };
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('{')) throw error;
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const JWT_SECRET = 'secreto-del-benchmark-nacional';

/** Where the server's event-loop probe writes (`bench/event-loop-probe.ts`), beside its log. */
const probeFile = (logPath: string) => join(dirname(logPath), 'event-loop.json');

interface EventLoopWindow {
  maxMs: number;
  p99Ms: number;
}

/**
 * The server's event loop delay since the previous call (the probe's window), and a new window
 * started: SIGUSR2 to the server, which writes the window to a file.
 */
async function eventLoopWindow(child: ChildProcess, logPath: string): Promise<EventLoopWindow> {
  const file = probeFile(logPath);
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let waited = 0; !existsSync(file); waited += 20) {
    if (waited > 10_000) throw new Error('la sonda del ciclo de eventos no respondió');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as EventLoopWindow;
}

/** The event loop's delay (maximum and p99) while the ready server sits idle 3 s: the machine's noise. */
async function idleEventLoop(child: ChildProcess, logPath: string): Promise<EventLoopWindow> {
  await eventLoopWindow(child, logPath);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return eventLoopWindow(child, logPath);
}

async function load(body: string, pid: number, headers: Record<string, string> = {}) {
  const times: number[] = [];
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 250);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${BASE}/graphql`,
        method: 'POST',
        connections: 4,
        duration: DURATION,
        headers: { 'content-type': 'application/json', ...headers },
        body,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: round(result.requests.average, 1),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    p99Ms: round(percentile(times, 99)),
    requests: times.length,
    errors: result.errors + result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, times.length)),
    rssMaxMb: maxRss,
  };
}

/**
 * The plan the as-of and current queries read: Ibagué's 2024-2027 plan as of 2025-2 when the
 * dataset has it (the full national log), else Ibagué's latest plan as of the semester of its
 * middle event (a smaller dataset covers fewer years): a query that answers a plan, not null.
 */
function planQueries(logPath: string) {
  const db = new Database(logPath, { readonly: true });
  const streams = db
    .prepare(
      `SELECT stream, count(*) AS events FROM events WHERE stream >= 'plan-73001-' AND stream < 'plan-73001.'
       GROUP BY stream ORDER BY stream`,
    )
    .all() as Array<{ stream: string; events: number }>;
  const latest = streams[streams.length - 1];
  if (!latest) throw new Error('el conjunto no tiene planes de Ibagué (73001)');
  const firstYear = Number(latest.stream.slice('plan-73001-'.length));
  let semester = '2025-2';
  if (firstYear !== 2024) {
    const middle = db
      .prepare('SELECT recorded_at FROM events WHERE stream = ? AND revision = ?')
      .pluck()
      .get(latest.stream, Math.floor(latest.events / 2)) as number;
    const at = new Date(middle);
    semester = `${at.getUTCFullYear()}-${at.getUTCMonth() < 6 ? 1 : 2}`;
  }
  db.close();
  const goals = `goals { id total targets { year target } baseline { value } progress { percent status } gap { gap } lineage { goal { legalBasis } } }
    fundsByYear { year available balance } warnings`;
  return {
    plan: { firstYear, semester },
    asOfPlan: `{ plan(daneCode: "73001", firstYear: ${firstYear}, asOf: { semester: "${semester}" }) { id
    ${goals} } }`,
    currentPlan: `{ plan(daneCode: "73001", firstYear: ${firstYear}) { id revision
    ${goals} } }`,
    nestedList: `{ municipalities(first: 80) { edges { node { name plans { goals { id total } } } } } }`,
  };
}

/** A plan query must answer a plan with goals before it is measured. */
async function checkPlanAnswer(query: string): Promise<void> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    errors?: unknown;
    data?: { plan: { goals: unknown[] } | null };
  };
  if (body.errors || !body.data?.plan?.goals.length) {
    throw new Error(`consulta de plan sin plan: ${JSON.stringify(body).slice(0, 500)}`);
  }
}

/**
 * Audit-trail queries whose filter names no plan, goal or municipality: each kind the API has, a
 * page of 20 entries with their changes. The dataset's events are all by one actor; the record-time
 * window is the middle tenth of the log's span (the dataset's dates depend on its size).
 */
function auditFilters(logPath: string) {
  const db = new Database(logPath, { readonly: true });
  const at = (edge: 'min' | 'max') =>
    db
      .prepare(
        `SELECT recorded_at FROM events WHERE position = (SELECT ${edge}(position) FROM events)`,
      )
      .pluck()
      .get() as number;
  const [first, last] = [at('min'), at('max')];
  db.close();
  const iso = (share: number) => new Date(first + (last - first) * share).toISOString();
  return {
    eventTypes: '{ eventTypes: ["GoalAmended", "GoalSet"] }',
    entityType: '{ entityType: goal }',
    actorId: '{ actorId: "sistema-benchmark" }',
    fromTo: `{ from: "${iso(0.45)}", to: "${iso(0.55)}" }`,
  };
}
const auditQuery = (filter: string, counted: boolean) =>
  `{ auditTrail(filter: ${filter}, first: 20) { ${counted ? 'totalCount ' : ''}pageInfo { hasNextPage endCursor }
    edges { node { id eventType recordedAt entityId actor { id role } legalBasis changes { field before after } } } } }`;

/** One answer of a query: it must answer entries, not errors, before it is measured. */
async function checkAnswers(
  kind: string,
  query: string,
  headers: Record<string, string>,
): Promise<void> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    errors?: unknown;
    data?: { auditTrail: { edges: unknown[] } };
  };
  if (body.errors || !body.data?.auditTrail.edges.length) {
    throw new Error(
      `consulta de auditoría ${kind} sin entradas: ${JSON.stringify(body).slice(0, 500)}`,
    );
  }
}

/**
 * The audit trail under load, for each kind of filter: the page alone (what a client paging reads)
 * and with `totalCount` (counted in the log's index: a million entries for the dataset's one
 * actor), beside the HTTP floor (`{ __typename }`) measured in the same run, and the event loop's
 * worst delay while they ran.
 */
async function auditTrailLoad(
  child: ChildProcess,
  logPath: string,
  filters: ReturnType<typeof auditFilters>,
) {
  const control = await issueToken(
    { jwtSecret: JWT_SECRET, jwtIssuer: 'bitacora', jwtAudience: 'bitacora-api' },
    {
      id: 'bench-control',
      name: 'Contraloría (benchmark)',
      role: 'CONTROL',
      entity: 'contraloria',
    },
  );
  const headers = { authorization: `Bearer ${control}` };
  const floor = await load(JSON.stringify({ query: '{ __typename }' }), child.pid!);
  await eventLoopWindow(child, logPath);
  const kinds: Record<
    string,
    { page: Awaited<ReturnType<typeof load>>; counted: Awaited<ReturnType<typeof load>> }
  > = {};
  for (const [kind, filter] of Object.entries(filters)) {
    await checkAnswers(kind, auditQuery(filter, true), headers);
    const page = await load(
      JSON.stringify({ query: auditQuery(filter, false) }),
      child.pid!,
      headers,
    );
    const counted = await load(
      JSON.stringify({ query: auditQuery(filter, true) }),
      child.pid!,
      headers,
    );
    kinds[kind] = { page, counted };
  }
  const eventLoop = await eventLoopWindow(child, logPath);
  return { floor, kinds, eventLoop };
}

function target(figure: number, limit: string, met: boolean, peer?: unknown) {
  return { figure, target: limit, ...(peer === undefined ? {} : { limit: peer }), met };
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:national

Cada cifra de escala nacional sobre el conjunto de 1.000.000 de eventos (bench/dataset.ts), con su
meta y el límite medido en la misma corrida: arranque y reinicio hasta /readyz, puesta al día,
memoria, reconstrucción frente al recorrido crudo, escrituras frente a inserciones crudas,
latencias HTTP y demora del ciclo de eventos. Imprime un JSON.

Variables de entorno:
  EVENTS=1000000        eventos del conjunto nacional (200000 para una corrida rápida)
  DURATION=10           segundos de cada carga HTTP
  APPEND_EVENTS=100000  eventos de la medición de escrituras
  BENCH_PORT=4560       puerto del servidor de prueba
  ONLY=restart          solo el reinicio (tras una primera puesta al día que persiste los modelos)
  RESTARTS=3            reinicios medidos (se informa la mediana y cada uno con su carga)
  FROM_EMPTY_RUNS=3     puestas al día desde un almacén de lectura vacío (la mediana y cada una)
Opciones:
  --help                muestra esta ayuda`,
  });
  const dataset = await nationalDataset(TARGET_EVENTS, log);
  const loadAtStart = loadavg();
  const machine = () => ({
    cpus: 2,
    loadAverage: {
      atStart: loadAtStart.map((l) => round(l)),
      atEnd: loadavg().map((l) => round(l)),
    },
    note: 'shared with other work: figures vary with its load',
  });
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-national-'));
  const logPath = join(dir, 'bitacora.db');
  copyFileSync(dataset.path, logPath);
  // Production refuses to start without a seal key: one for this run only.
  const sealKeyPath = join(dir, 'seal-key.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(sealKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  let server: ChildProcess | undefined;
  /** The server started until ready, then stopped: what that took. */
  const startAndStop = async (): Promise<Started> => {
    const started = await startServer(logPath, sealKeyPath);
    server = started.child;
    await stopServer(server);
    server = undefined;
    return started;
  };
  /** Restarts with the read models persisted: /readyz 200 waits for the start-up check. */
  const restarts = async (rawScan: { sqliteScanSeconds: number }) => {
    const runs: Started[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      log(`reinicio ${i + 1}/${RESTARTS} con los modelos de lectura persistidos…`);
      runs.push(await startAndStop());
    }
    // Beside it, a restart on a file not recorded verified (a crash, an append by another
    // program): every row's hash recomputed, the restart's figure before `verified-log.ts`.
    log('reinicio sin el registro del archivo verificado (cada fila)…');
    rmSync(verifiedLogPath(logPath), { force: true });
    const byRows = await startAndStop();
    // The median run (by time to ready): the machine's load moves from one to the next.
    const restart = median(runs, (run) => run.readySeconds);
    const figures = {
      listenSeconds: restart.listenSeconds,
      readySeconds: restart.readySeconds,
      // Included in readySeconds: the start-up check before /readyz says 200 (after a clean stop,
      // the file hashed against the record it left; else every event's hash and chain).
      startupCheckSeconds: restart.startupCheck.seconds,
      startupCheckMethod: restart.startupCheck.method,
      startupCheckWorkers: restart.startupCheck.workers,
      startupCheckEvents: restart.startupCheck.total,
      loadAverageAtReady: restart.loadAtReady,
      rssAtReadyMb: restart.rssAtReadyMb,
      // After readiness, the monitor verifies the whole log again (Merkle tree included).
      integrityVerifiedSeconds: restart.integrity.verifiedSeconds,
      runs: runs.map((r) => ({
        readySeconds: r.readySeconds,
        startupCheckSeconds: r.startupCheck.seconds,
        startupCheckMethod: r.startupCheck.method,
        loadAverageAtReady: r.loadAtReady,
      })),
      fileNotRecorded: {
        readySeconds: byRows.readySeconds,
        startupCheckSeconds: byRows.startupCheck.seconds,
        startupCheckMethod: byRows.startupCheck.method,
        loadAverageAtReady: byRows.loadAtReady,
      },
    };
    // The limit beside it: one thread reading every row's data and metadata (JSON.parse), the
    // start-up check reading and hashing them on its threads.
    const readyTarget = target(restart.readySeconds, '<= 5', restart.readySeconds <= 5, {
      startupCheckSeconds: restart.startupCheck.seconds,
      sqliteScanSeconds: rawScan.sqliteScanSeconds,
    });
    return { restart, figures, readyTarget };
  };
  try {
    // A log written before the type and actor indexes gets them at its first open: timed here.
    log('índices de la bitácora (primera apertura)…');
    const migrationStart = process.hrtime.bigint();
    await new SqliteEventStore({ path: logPath }).close();
    const logIndexesSeconds = round(Number(process.hrtime.bigint() - migrationStart) / 1e9);
    // From the dataset as generated, before the server appends its seals (recorded now).
    const filters = auditFilters(logPath);
    if (ONLY_RESTART) {
      log('servidor sobre un almacén de lectura vacío (para persistir los modelos de lectura)…');
      const fromEmpty = await startAndStop();
      log(`lectura cruda de ${dataset.events} eventos…`);
      const scan = await rawScans(logPath);
      const { figures, readyTarget } = await restarts(scan);
      console.log(
        JSON.stringify(
          {
            benchmark: 'national (restart only)',
            setup: `${dataset.events} events; npm start (serve.ts) as a child process on a copy of the log, read models persisted by a first start`,
            machine: machine(),
            figures: {
              rawScan: scan,
              // The first start, from an empty read store: not the figure here, shown for scale.
              firstStart: {
                readySeconds: fromEmpty.readySeconds,
                serverCatchUpSeconds: fromEmpty.ready.catchUp.seconds,
                catchUpThreads: fromEmpty.ready.catchUp.threads ?? null,
                startupCheckSeconds: fromEmpty.startupCheck.seconds,
                integrityVerifiedSeconds: fromEmpty.integrity.verifiedSeconds,
                loadAverageAtReady: fromEmpty.loadAtReady,
              },
              restartPersisted: figures,
            },
            targets: { restartToReadySeconds: readyTarget },
          },
          null,
          2,
        ),
      );
      return;
    }
    log(`lectura cruda de ${dataset.events} eventos…`);
    const before = await rawScans(logPath);
    log('reconstrucción en este hilo…');
    const rebuilt = await rebuild(logPath, join(dir, 'rebuild.read.db'));
    removeDatabase(join(dir, 'rebuild.read.db'));
    log('reconstrucción como npm run rebuild (hilos de trabajo, uno por núcleo)…');
    const rebuiltByCommand = await rebuildAsCommand(logPath, join(dir, 'rebuild.read.db'));
    removeDatabase(join(dir, 'rebuild.read.db'));
    // The raw scan again: the machine's load moves, and both sides of the ratio should meet it.
    const after = await rawScans(logPath);
    const scans = {
      ...after,
      readAllSeconds: round((before.readAllSeconds + after.readAllSeconds) / 2),
      readAllRuns: [before.readAllSeconds, after.readAllSeconds],
    };

    log('servidor sobre un almacén de lectura vacío (puesta al día completa)…');
    const fromEmpty = await startServer(logPath, sealKeyPath);
    server = fromEmpty.child;
    const idle = await idleEventLoop(server, logPath);
    log('carga HTTP…');
    const queries = planQueries(logPath);
    for (const query of [queries.asOfPlan, queries.currentPlan]) await checkPlanAnswer(query);
    const asOfPlan = await load(JSON.stringify({ query: queries.asOfPlan }), server.pid!);
    const currentPlan = await load(JSON.stringify({ query: queries.currentPlan }), server.pid!);
    const nestedList = await load(JSON.stringify({ query: queries.nestedList }), server.pid!);
    log('bitácora de auditoría bajo carga…');
    const audit = await auditTrailLoad(server, logPath, filters);
    await stopServer(server);
    server = undefined;

    // The catch-up from empty again, each run between two raw scans (a run's second scan is the
    // next one's first), with the read-model file and its leases removed before it.
    let scanAfter = await rawScans(logPath);
    const fromEmptyRuns = [
      fromEmptyRun(fromEmpty, [scans.readAllRuns[1]!, scanAfter.readAllSeconds]),
    ];
    for (let run = 2; run <= FROM_EMPTY_RUNS; run++) {
      log(`servidor sobre un almacén de lectura vacío, ${run}/${FROM_EMPTY_RUNS}…`);
      const readPath = join(dir, 'bitacora.read.db');
      removeDatabase(readPath);
      removeDatabase(`${readPath}.leases`);
      const started = await startAndStop();
      const scanBefore = scanAfter.readAllSeconds;
      scanAfter = await rawScans(logPath);
      fromEmptyRuns.push(fromEmptyRun(started, [scanBefore, scanAfter.readAllSeconds]));
    }
    const medianRatio = median(fromEmptyRuns, (run) => run.vsReadAll);
    const medianSeconds = median(fromEmptyRuns, (run) => run.seconds);

    const { restart, figures: restartFigures, readyTarget } = await restarts(scans);

    log('anexos por lotes frente a inserciones crudas…');
    const append = await appendVersusRaw(dir, APPEND_EVENTS);

    const rebuildVsReadAll = rebuiltByCommand.seconds / scans.readAllSeconds;
    const oneThreadVsReadAll = rebuilt.seconds / scans.readAllSeconds;
    // Ready (read models current) and the log verified (integrity monitor): both are start-up.
    const catchUpSeconds = medianSeconds.seconds;
    // The read models' catch-up in the server (its workers, from its start to the read models
    // current), next to the raw scans around it; readiness also waits for the start-up check.
    const catchUpVsReadAll = medianRatio.vsReadAll;
    // The worst delay of every run, not the median run's.
    const eventLoopDelayMaxMs = Math.max(...fromEmptyRuns.map((run) => run.eventLoopDelayMaxMs));
    const auditLoads = Object.values(audit.kinds).flatMap((k) => [k.page, k.counted]);
    const rssUnderLoad = Math.max(
      ...[asOfPlan, currentPlan, nestedList, audit.floor, ...auditLoads].map((l) => l.rssMaxMb),
    );
    const auditTargets = Object.fromEntries(
      Object.entries(audit.kinds).map(([kind, { page }]) => [
        `auditTrail_${kind}_P95Ms`,
        target(page.p95Ms, '<= 100 (a page of 20 entries, 4 connections)', page.p95Ms <= 100, {
          httpFloorP95Ms: audit.floor.p95Ms,
        }),
      ]),
    );
    console.log(
      JSON.stringify(
        {
          benchmark: 'national',
          setup: `${dataset.events} events, ${dataset.plans} plans; npm start (serve.ts) as a child process on a copy of the log, embedded SQLite log and read store; autocannon ${DURATION}s, 4 connections, same machine`,
          machine: machine(),
          figures: {
            rawScan: scans,
            // npm run rebuild (the catch-up workers), and what one thread alone does.
            rebuild: {
              ...rebuiltByCommand,
              vsReadAll: round(rebuildVsReadAll),
              oneThread: {
                ...rebuilt,
                vsReadAll: round(oneThreadVsReadAll),
                vsSqliteScan: round(rebuilt.seconds / scans.sqliteScanSeconds),
              },
            },
            catchUpFromEmpty: {
              listenSeconds: fromEmpty.listenSeconds,
              readySeconds: fromEmpty.readySeconds,
              serverCatchUpSeconds: fromEmpty.ready.catchUp.seconds,
              serverReadModelsSeconds: fromEmptyRuns[0]!.readModelsSeconds,
              startupCheckSeconds: fromEmpty.startupCheck.seconds,
              integrityVerifiedSeconds: fromEmpty.integrity.verifiedSeconds,
              integrityMonitorSeconds: fromEmpty.integrity.monitorSeconds,
              // The median runs' (by ratio, and by seconds: maybe two runs), every run below; the
              // other figures here are the first run's, the one the HTTP loads ran on.
              seconds: catchUpSeconds,
              vsReadAll: catchUpVsReadAll,
              readyVsReadAll: round(fromEmpty.ready.catchUp.seconds / scans.readAllSeconds),
              runs: fromEmptyRuns,
              eventLoopDelayMaxMs,
              eventLoopDelayMaxAtReadyMs: fromEmpty.ready.catchUp.eventLoopDelayMaxMs,
              healthzSlowestAnswerMs: fromEmpty.healthzMaxMs,
              idleEventLoopDelayMaxMs: idle.maxMs,
              idleEventLoopDelayP99Ms: idle.p99Ms,
              rssAtReadyMb: fromEmpty.rssAtReadyMb,
              // Per worker: its own CPU (garbage collector helpers apart) and busy time; with one
              // worker than cores (CATCHUP_WORKERS=1) the integrity monitor runs beside it.
              catchUpThreads: fromEmpty.ready.catchUp.threads ?? null,
              // The whole server's CPU at ready: beyond its main thread and the workers' own, the
              // garbage collector's and compiler's helper threads and the integrity monitor.
              serverCpuAtReady: {
                ...fromEmpty.cpuAtReady,
                otherThreadsSeconds: round(
                  fromEmpty.cpuAtReady.processSeconds -
                    fromEmpty.cpuAtReady.mainThreadSeconds -
                    (fromEmpty.ready.catchUp.threads?.threads ?? []).reduce(
                      (sum, thread) => sum + (thread?.cpuSeconds ?? 0),
                      0,
                    ),
                ),
              },
            },
            restartPersisted: restartFigures,
            logIndexesFirstOpenSeconds: logIndexesSeconds,
            http: { plan: queries.plan, asOfPlan, currentPlan, nestedList },
            auditTrail: {
              filters,
              httpFloor: audit.floor,
              byFilter: audit.kinds,
              eventLoopDelayWhileRunning: audit.eventLoop,
            },
            rssUnderLoadMb: rssUnderLoad,
            append,
          },
          targets: {
            restartToReadySeconds: readyTarget,
            catchUpFromEmptySeconds: target(
              catchUpSeconds,
              `<= 30 (read models current and the log verified; the median of ${fromEmptyRuns.length} runs)`,
              catchUpSeconds <= 30,
            ),
            catchUpVsRawScan: target(
              catchUpVsReadAll,
              `<= 3 (the server catching the read models up, in its workers, from the catch-up's start to the read models current, against the raw scans of the same log just before and after, readAll; the median of ${fromEmptyRuns.length} runs; ready also waits for the start-up check of the log, see readyVsReadAll)`,
              catchUpVsReadAll <= 3,
              {
                readAllRuns: medianRatio.readAllRuns,
                readModelsSeconds: medianRatio.readModelsSeconds,
                serverCatchUpSeconds: medianRatio.serverCatchUpSeconds,
              },
            ),
            rebuildVsRawScan: target(
              round(rebuildVsReadAll),
              '<= 3 (npm run rebuild: the next generation built by the catch-up workers, one per core, against the raw scan of the same log, readAll)',
              rebuildVsReadAll <= 3,
              {
                readAllSeconds: scans.readAllSeconds,
                sqliteScanSeconds: scans.sqliteScanSeconds,
                workers: rebuiltByCommand.workers,
                oneThreadVsReadAll: round(oneThreadVsReadAll),
              },
            ),
            rssAtReadyMb: target(
              Math.max(fromEmpty.rssAtReadyMb, restart.rssAtReadyMb),
              '<= 1024',
              Math.max(fromEmpty.rssAtReadyMb, restart.rssAtReadyMb) <= 1024,
            ),
            rssUnderLoadMb: target(rssUnderLoad, '<= 1024', rssUnderLoad <= 1024),
            batchedAppendVsRawInsert: target(append.ratio, '>= 0.8', append.ratio >= 0.8, {
              rawInsertRowsPerSecond: append.rawInsertRowsPerSecond,
            }),
            asOfPlanP95Ms: target(asOfPlan.p95Ms, '<= 10', asOfPlan.p95Ms <= 10),
            nestedListP95Ms: target(nestedList.p95Ms, '<= 100', nestedList.p95Ms <= 100),
            eventLoopDelayDuringCatchUpMs: target(
              eventLoopDelayMaxMs,
              `<= 100 (the worst of ${fromEmptyRuns.length} runs)`,
              eventLoopDelayMaxMs <= 100,
              { idleMaxMs: idle.maxMs, idleP99Ms: idle.p99Ms },
            ),
            ...auditTargets,
            eventLoopDelayDuringAuditTrailMs: target(
              audit.eventLoop.maxMs,
              '<= 100',
              audit.eventLoop.maxMs <= 100,
              { idleMaxMs: idle.maxMs, idleP99Ms: idle.p99Ms },
            ),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
