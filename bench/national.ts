/**
 * The embedded store at national scale (issue 10): on the national dataset (1,000,000 events,
 * `bench/dataset.ts`), every figure of the issue next to its target and the limit measured in the
 * same run. Prints one JSON object.
 *
 *   npm run bench:national            (EVENTS=200000 for a quicker run; DURATION=10 s per load)
 *
 * The HTTP figures start `npm start`'s entry (`src/cli/serve.ts`) as a child process on a copy of
 * the log in a temporary folder (the cached dataset is never written).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { parseCommandLine } from '../src/cli/command-line';
import { nationalDataset } from './dataset';
import { appendVersusRaw, percentile, rawScans, rebuild, removeDatabase, round } from './measure';

const TARGET_EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const DURATION = Number(process.env.DURATION ?? 10);
const APPEND_EVENTS = Number(process.env.APPEND_EVENTS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 4560);
const BASE = `http://127.0.0.1:${PORT}`;
const log = (message: string) => console.error(`[bench:national] ${message}`);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

interface Started {
  child: ChildProcess;
  listenSeconds: number;
  readySeconds: number;
  ready: { catchUp: { seconds: number; eventLoopDelayMaxMs: number } };
  /** Slowest /healthz answer seen by this process while the server caught up. */
  healthzMaxMs: number;
  rssAtReadyMb: number;
  /** The integrity monitor: when it had verified the whole log, and the event loop's worst delay then. */
  integrity: { verifiedSeconds: number; monitorSeconds: number; eventLoopDelayMaxMs: number };
}

interface IntegrityAnswer {
  data?: { integrity: { status: string; lastFullVerification: { seconds: number } | null } };
}

/** The integrity monitor's state, asked over GraphQL (null while it has not verified the log). */
async function integrityVerified(): Promise<{ seconds: number } | null> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ integrity { status lastFullVerification { seconds } } }' }),
  });
  const body = (await response.json()) as IntegrityAnswer;
  const integrity = body.data?.integrity;
  if (integrity?.status === 'damaged') throw new Error(`{"integrity":"damaged"}`);
  return integrity?.lastFullVerification ?? null;
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
    ['--max-semi-space-size=32', '--import', 'tsx', 'src/cli/serve.ts'],
    {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        PORT: String(PORT),
        EVENTSTORE_PATH: logPath,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        JWT_SECRET: 'secreto-del-benchmark-nacional',
        SEAL_PRIVATE_KEY_FILE: sealKeyPath,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let listenSeconds = NaN;
  let healthzMaxMs = 0;
  let ready: Omit<Started, 'child' | 'integrity'> | null = null;
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
            };
          } else if (body.status === 'failed') throw new Error(JSON.stringify(body));
        }
        if (!integrity) {
          const verified = await integrityVerified();
          if (verified) {
            integrity = {
              verifiedSeconds: round(elapsed()),
              monitorSeconds: round(verified.seconds),
              eventLoopDelayMaxMs: await eventLoopMaxMs(),
            };
          }
        }
        if (ready && integrity) return { child, ...ready, integrity };
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

/** The event loop's worst delay while the ready server sits idle: the machine's own noise. */
async function idleEventLoopMaxMs(): Promise<number> {
  // Each /readyz reports the maximum since start; the idle one is the increase, if any.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const body = (await (await fetch(`${BASE}/readyz`)).json()) as {
    eventLoop: { maxDelayMs: number; p99DelayMs: number };
  };
  return body.eventLoop.p99DelayMs;
}

async function load(body: string, pid: number) {
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
        headers: { 'content-type': 'application/json' },
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

const QUERIES = {
  asOfPlan: `{ plan(daneCode: "73001", firstYear: 2024, asOf: { semester: "2025-2" }) { id
    goals { id total targets { year target } baseline { value } progress { percent status } gap { gap } lineage { goal { legalBasis } } }
    fundsByYear { year available balance } warnings } }`,
  currentPlan: `{ plan(daneCode: "73001", firstYear: 2024) { id revision
    goals { id total targets { year target } baseline { value } progress { percent status } gap { gap } lineage { goal { legalBasis } } }
    fundsByYear { year available balance } warnings } }`,
  nestedList: `{ municipalities(first: 80) { edges { node { name plans { goals { id total } } } } } }`,
};

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
Opciones:
  --help                muestra esta ayuda`,
  });
  const dataset = await nationalDataset(TARGET_EVENTS, log);
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-national-'));
  const logPath = join(dir, 'bitacora.db');
  copyFileSync(dataset.path, logPath);
  // Production refuses to start without a seal key: one for this run only.
  const sealKeyPath = join(dir, 'seal-key.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(sealKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  let server: ChildProcess | undefined;
  try {
    log(`lectura cruda de ${dataset.events} eventos…`);
    const before = await rawScans(logPath);
    log('reconstrucción en este hilo…');
    const rebuilt = await rebuild(logPath, join(dir, 'rebuild.read.db'));
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
    const idleP99 = await idleEventLoopMaxMs();
    log('carga HTTP…');
    const asOfPlan = await load(JSON.stringify({ query: QUERIES.asOfPlan }), server.pid!);
    const currentPlan = await load(JSON.stringify({ query: QUERIES.currentPlan }), server.pid!);
    const nestedList = await load(JSON.stringify({ query: QUERIES.nestedList }), server.pid!);
    await stopServer(server);

    log('reinicio con los modelos de lectura persistidos…');
    const restart = await startServer(logPath, sealKeyPath);
    server = restart.child;
    await stopServer(server);
    server = undefined;

    log('anexos por lotes frente a inserciones crudas…');
    const append = await appendVersusRaw(dir, APPEND_EVENTS);

    const rebuildVsReadAll = rebuilt.seconds / scans.readAllSeconds;
    // Ready (read models current) and the log verified (integrity monitor): both are start-up.
    const catchUpSeconds = Math.max(fromEmpty.readySeconds, fromEmpty.integrity.verifiedSeconds);
    // The read models' catch-up in the server (its workers), next to the raw scan.
    const catchUpVsReadAll = fromEmpty.ready.catchUp.seconds / scans.readAllSeconds;
    const eventLoopDelayMaxMs = Math.max(
      fromEmpty.ready.catchUp.eventLoopDelayMaxMs,
      fromEmpty.integrity.eventLoopDelayMaxMs,
    );
    const rssUnderLoad = Math.max(asOfPlan.rssMaxMb, currentPlan.rssMaxMb, nestedList.rssMaxMb);
    console.log(
      JSON.stringify(
        {
          benchmark: 'national',
          setup: `${dataset.events} events, ${dataset.plans} plans; npm start (serve.ts) as a child process on a copy of the log, embedded SQLite log and read store; autocannon ${DURATION}s, 4 connections, same machine`,
          machine: {
            cpus: 2,
            loadAverage: {
              atStart: loadAtStart.map((l) => round(l)),
              atEnd: loadavg().map((l) => round(l)),
            },
            note: 'shared with other work: figures vary with its load',
          },
          figures: {
            rawScan: scans,
            rebuild: {
              ...rebuilt,
              vsReadAll: round(rebuildVsReadAll),
              vsSqliteScan: round(rebuilt.seconds / scans.sqliteScanSeconds),
            },
            catchUpFromEmpty: {
              listenSeconds: fromEmpty.listenSeconds,
              readySeconds: fromEmpty.readySeconds,
              serverCatchUpSeconds: fromEmpty.ready.catchUp.seconds,
              integrityVerifiedSeconds: fromEmpty.integrity.verifiedSeconds,
              integrityMonitorSeconds: fromEmpty.integrity.monitorSeconds,
              seconds: catchUpSeconds,
              vsReadAll: round(catchUpVsReadAll),
              eventLoopDelayMaxMs,
              eventLoopDelayMaxAtReadyMs: fromEmpty.ready.catchUp.eventLoopDelayMaxMs,
              healthzSlowestAnswerMs: fromEmpty.healthzMaxMs,
              idleEventLoopDelayP99Ms: idleP99,
              rssAtReadyMb: fromEmpty.rssAtReadyMb,
            },
            restartPersisted: {
              listenSeconds: restart.listenSeconds,
              readySeconds: restart.readySeconds,
              rssAtReadyMb: restart.rssAtReadyMb,
              // Resuming, the monitor verifies the whole log again in the background.
              integrityVerifiedSeconds: restart.integrity.verifiedSeconds,
            },
            http: { asOfPlan, currentPlan, nestedList },
            rssUnderLoadMb: rssUnderLoad,
            append,
          },
          targets: {
            restartToReadySeconds: target(restart.readySeconds, '<= 5', restart.readySeconds <= 5),
            catchUpFromEmptySeconds: target(
              catchUpSeconds,
              '<= 30 (read models current and the log verified)',
              catchUpSeconds <= 30,
            ),
            catchUpVsRawScan: target(
              round(catchUpVsReadAll),
              '<= 3 (the server catching the read models up, in its workers, against the raw scan of the same log, readAll)',
              catchUpVsReadAll <= 3,
              { readAllSeconds: scans.readAllSeconds },
            ),
            rebuildVsRawScan: target(
              round(rebuildVsReadAll),
              '<= 3 (a rebuild in one thread, no workers, against the raw scan of the same log, readAll)',
              rebuildVsReadAll <= 3,
              { readAllSeconds: scans.readAllSeconds, sqliteScanSeconds: scans.sqliteScanSeconds },
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
              '<= 100',
              eventLoopDelayMaxMs <= 100,
              { idleP99Ms: idleP99 },
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
