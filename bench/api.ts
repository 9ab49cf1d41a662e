/**
 * HTTP load on the API (the `npm start` server, as a child process on a temporary embedded log
 * with the demo data), driven by autocannon from this process. Prints one JSON object.
 *
 *   npm run bench:api          (DURATION=10 seconds per scenario by default)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEVELOPMENT_JWT_SECRET } from '../src/config';
import { issueToken } from '../src/graphql/auth';
import { parseCommandLine } from '../src/cli/command-line';

const DURATION = Number(process.env.DURATION ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 4555);
const URL_ = `http://localhost:${PORT}`;

async function waitReady(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${URL_}/readyz`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('el servidor no arrancó');
}

interface Scenario {
  name: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
}

async function load(scenario: Scenario) {
  const times: number[] = [];
  let finish!: (result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const instance = autocannon(
    {
      url: `${URL_}/graphql`,
      method: 'POST',
      connections: scenario.connections,
      duration: DURATION,
      headers: { 'content-type': 'application/json', ...scenario.headers },
      body: scenario.body,
    },
    (error, result) => {
      if (error) throw error;
      finish(result);
    },
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await done;
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    Number((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN).toFixed(2));
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    errors: result.errors + result.non2xx,
    requests: times.length,
  };
}

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run bench:api

Carga HTTP sobre la API (npm start en un proceso hijo, con una bitácora temporal y los datos de
demostración), con autocannon: consulta simple, consulta "as of" y mutación. Imprime un JSON.

Variables de entorno:
  DURATION=10      segundos por escenario
  BENCH_PORT=4555  puerto del servidor de prueba
Opciones:
  --help           muestra esta ayuda`,
  });
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-bench-api-'));
  const server = spawn(
    process.execPath,
    ['--max-semi-space-size=32', '--import', 'tsx', 'src/cli/serve.ts'],
    {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        PORT: String(PORT),
        EVENTSTORE_PATH: join(dir, 'bitacora.db'),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      },
      stdio: 'inherit',
    },
  );
  try {
    await waitReady();
    const planner = await issueToken(
      { jwtSecret: DEVELOPMENT_JWT_SECRET, jwtIssuer: 'bitacora', jwtAudience: 'bitacora-api' },
      { id: 'bench', name: 'Bench', role: 'PLANNER', entity: '73001' },
    );
    const simple = await load({
      name: 'simple',
      connections: 20,
      body: JSON.stringify({
        query: '{ municipality(daneCode: "73001") { daneCode name department { name } } }',
      }),
    });
    const asOf = await load({
      name: 'asOf',
      connections: 4,
      body: JSON.stringify({
        query: `{ plan(daneCode: "73001", firstYear: 2024, asOf: { semester: "2025-2" }) { id
          goals { id total targets { year target } baseline { value } progress { percent status } gap { gap } lineage { goal { legalBasis } } }
          fundsByYear { year available balance } warnings } }`,
      }),
    });
    const mutation = await load({
      name: 'mutation',
      connections: 1,
      headers: { authorization: `Bearer ${planner}` },
      body: JSON.stringify({
        query: `mutation { reportProgress(input: { daneCode: "73001", firstYear: 2024, indicator: "ACU-IRCA-URB",
          period: { year: 2026, month: 1 }, value: 4.4, source: "INS", reason: "Carga de prueba" }) { revision eventIds } }`,
      }),
    });
    console.log(
      JSON.stringify(
        {
          benchmark: 'api',
          setup: `npm start server (embedded store, demo data) as a child process; autocannon ${DURATION}s per scenario`,
          figures: { simpleQuery: simple, asOfPlanQuery: asOf, mutation },
          targets: {
            simpleQueryRequestsPerSecond: {
              figure: simple.requestsPerSecond,
              target: '>= 1500',
              met: simple.requestsPerSecond >= 1500,
            },
            asOfPlanP95Ms: { figure: asOf.p95Ms, target: '<= 15', met: asOf.p95Ms <= 15 },
            mutationP95Ms: { figure: mutation.p95Ms, target: '<= 20', met: mutation.p95Ms <= 20 },
          },
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
