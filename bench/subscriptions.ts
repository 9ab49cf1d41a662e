/**
 * Subscriptions under load: `npm start`'s server as a child process (embedded log, no demo), N
 * sector plans opened, S `graphql-ws` clients connected (one connection each, like S dashboards),
 * then mutations over HTTP at a fixed rate. For every delivery: the latency from the event's
 * commit (`recordedAt`) to its arrival at the client; and whether anything was missed, repeated or
 * out of order. Prints one JSON object.
 *
 *   npm run bench:subscriptions -- [--subscribers 1000] [--rate 50] [--seconds 20] [--plans 100]
 *
 * Who subscribes to what: half of the clients follow one plan (`planChanged`), half its
 * municipality's audit entries (`auditEntryAdded(filter: { daneCode })`), spread evenly over the
 * plans, and 1 % follow every audit entry (a control body's wall). The raw figure beside it, from
 * the same run: how long the mutation itself takes over HTTP (append, read models, response).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { parseCommandLine } from '../src/cli/command-line';
import { DEVELOPMENT_JWT_SECRET } from '../src/config';
import { issueToken } from '../src/graphql/auth';
import { loadDivipola } from '../src/reference/divipola';

const { values } = parseCommandLine({
  usage: `Uso: npm run bench:subscriptions [-- opciones]

Mide la latencia de las suscripciones (graphql-ws): del registro de un evento en la bitácora a su
llegada a cada suscriptor, con S suscriptores y mutaciones por HTTP a ritmo fijo, contra el servidor
de \`npm start\` en un proceso aparte (bitácora temporal, sin demo). Imprime un objeto JSON con el
p95 frente a la meta (250 ms) y lo que tarda la propia mutación en la misma corrida.

Opciones:
  --subscribers N  suscriptores, uno por conexión (por omisión 1000)
  --rate N         mutaciones por segundo (por omisión 50)
  --seconds N      duración de la carga (por omisión 20)
  --plans N        planes sectoriales entre los que se reparten (por omisión 100)
  --help           muestra esta ayuda`,
  options: {
    subscribers: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    plans: { type: 'string' },
  },
});

const SUBSCRIBERS = Number(values.subscribers ?? 1000);
const RATE = Number(values.rate ?? 50);
const SECONDS = Number(values.seconds ?? 20);
const PLANS = Number(values.plans ?? 100);
const TARGET_P95_MS = 250;
const FIRST_YEAR = 2024;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? null
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? null,
  };
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-bench-subs-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
    cwd: join(__dirname, '..'),
    env: {
      ...process.env,
      PORT: String(port),
      EVENTSTORE_PATH: join(dir, 'bitacora.db'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'bench',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const clients: Client[] = [];
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {
        // starting
      }
      if (i > 600) throw new Error('el servidor no arrancó');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const admin = await issueToken(
      { jwtSecret: DEVELOPMENT_JWT_SECRET, jwtIssuer: 'bitacora', jwtAudience: 'bitacora-api' },
      { id: 'bench', name: 'Banco de pruebas', role: 'ADMIN', entity: 'bench' },
    );
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: unknown[];
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };

    const municipalities = loadDivipola()
      .all.slice(0, PLANS)
      .map((m) => m.daneCode);
    for (const daneCode of municipalities)
      await post('mutation($input: OpenPlanInput!) { openPlan(input: $input) { revision } }', {
        input: { daneCode, firstYear: FIRST_YEAR },
      });
    const latest = (await post('{ auditTrail(first: 1) { edges { cursor } } }')) as {
      auditTrail: { edges: Array<{ cursor: string }> };
    };
    // Subscribing after the newest entry: nothing of the load can fall before a subscription.
    const after = latest.auditTrail.edges[0]!.cursor;

    /** Per subscriber: the event ids received, in order, and each one's latency. */
    const received: string[][] = [];
    const latencies: number[] = [];
    const errors: unknown[] = [];
    const wants: Array<(dane: string) => boolean> = [];
    let connected = 0;
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const dane = municipalities[i % PLANS]!;
      const client = createClient({
        url: `${base.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        on: { connected: () => (connected += 1) },
      });
      clients.push(client);
      const mine: string[] = [];
      received.push(mine);
      const everything = i % 100 === 99;
      const kind = everything ? 'all' : i % 2 === 0 ? 'plan' : 'audit';
      wants.push(everything ? () => true : (d) => d === dane);
      const query =
        kind === 'plan'
          ? `subscription($dane: ID!, $after: String) { planChanged(daneCode: $dane, firstYear: ${FIRST_YEAR}, after: $after) { revision change { id recordedAt } } }`
          : `subscription($filter: AuditFilter, $after: String) { auditEntryAdded(filter: $filter, after: $after) { cursor node { id recordedAt } } }`;
      client.subscribe<
        Record<
          string,
          { change?: { id: string; recordedAt: string }; node?: { id: string; recordedAt: string } }
        >
      >(
        {
          query,
          variables:
            kind === 'plan'
              ? { dane, after }
              : { filter: everything ? null : { daneCode: dane }, after },
        },
        {
          next: (message) => {
            const arrived = Date.now();
            if (message.errors) return void errors.push(...message.errors);
            const value = Object.values(message.data!)[0]!;
            const entry = value.change ?? value.node!;
            mine.push(entry.id);
            latencies.push(arrived - new Date(entry.recordedAt).getTime());
          },
          error: (error) => errors.push(error),
          complete: () => undefined,
        },
      );
    }
    for (let i = 0; connected < SUBSCRIBERS; i++) {
      if (i > 600) throw new Error(`solo ${connected} de ${SUBSCRIBERS} conexiones`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The load: RATE mutations per second, open loop (each on its schedule, not after the last).
    const sent: Array<{ dane: string; eventId: string }> = [];
    const responseMs: number[] = [];
    const total = RATE * SECONDS;
    const started = Date.now();
    const inFlight: Array<Promise<void>> = [];
    for (let k = 0; k < total; k++) {
      const due = started + (k * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const dane = municipalities[k % PLANS]!;
      const t0 = performance.now();
      inFlight.push(
        post('mutation($input: RegisterNeedInput!) { registerNeed(input: $input) { eventIds } }', {
          input: {
            daneCode: dane,
            firstYear: FIRST_YEAR,
            needId: `N-${k}`,
            need: 'Reposición de redes de acueducto',
            investmentName: `Redes ${k}`,
            estimatedValue: 1_000_000 + k,
          },
        }).then((data) => {
          responseMs.push(performance.now() - t0);
          const { eventIds } = data.registerNeed as { eventIds: string[] };
          sent.push({ dane, eventId: eventIds[0]! });
        }),
      );
    }
    await Promise.all(inFlight);
    const loadSeconds = (Date.now() - started) / 1000;

    const expected = wants.map((wanted) =>
      sent.filter((s) => wanted(s.dane)).map((s) => s.eventId),
    );
    const expectedTotal = expected.reduce((sum, ids) => sum + ids.length, 0);
    for (let i = 0; latencies.length < expectedTotal && i < 300; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));

    // Order: each subscriber's ids must follow the log's order of commit (ids sorted by arrival
    // of their response are not the log order; the log order is the order of first arrival
    // across subscribers of everything).
    let missing = 0;
    let duplicates = 0;
    for (const [i, ids] of expected.entries()) {
      const got = new Set(received[i]);
      missing += ids.filter((id) => !got.has(id)).length;
      duplicates += received[i]!.length - got.size;
    }
    const walls = received.filter((_, i) => i % 100 === 99);
    const logOrder = new Map((walls[0] ?? []).map((id, index) => [id, index]));
    let outOfOrder = 0;
    for (const ids of received) {
      const order = ids.map((id) => logOrder.get(id) ?? -1);
      for (let j = 1; j < order.length; j++) if (order[j]! < order[j - 1]!) outOfOrder += 1;
    }
    const delivery = summary(latencies);
    console.log(
      JSON.stringify(
        {
          benchmark: 'subscriptions',
          subscribers: SUBSCRIBERS,
          connections: SUBSCRIBERS,
          plans: PLANS,
          mutationsPerSecond: {
            target: RATE,
            achieved: Math.round((total / loadSeconds) * 10) / 10,
          },
          mutations: total,
          deliveries: {
            expected: expectedTotal,
            received: latencies.length,
            missing,
            duplicates,
            outOfOrder,
            errors: errors.length,
          },
          appendToDeliveryMs: delivery,
          target: {
            p95Ms: TARGET_P95_MS,
            met:
              delivery.p95 !== null &&
              delivery.p95 <= TARGET_P95_MS &&
              missing === 0 &&
              duplicates === 0 &&
              outOfOrder === 0,
          },
          raw: { mutationOverHttpMs: summary(responseMs.map((ms) => Math.round(ms))) },
          notes:
            "Latency: arrival at the client minus the event's recordedAt (same machine clock, ms). Server in a child process; clients and load in this one; other work may share the CPU.",
        },
        null,
        2,
      ),
    );
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
