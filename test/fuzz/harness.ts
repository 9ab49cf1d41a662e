/**
 * Runs the schema-driven fuzzer against a real server (HTTP on a random port) over a fresh
 * SQLite log with the demo data, and checks after every response: no 5xx, no
 * INTERNAL_SERVER_ERROR, every error with a documented code, no malformed mutation accepted;
 * and after the whole run: the event log's head has not moved.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ALL_PROJECTIONS } from '../../projections';
import { seedDemo } from '../../src/demo/seed';
import type { Role } from '../../src/domain/access';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { createVerifier, issueToken } from '../../src/graphql/auth';
import { ERROR_CODES } from '../../src/graphql/errors';
import { createLogger } from '../../src/logging';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { loadDivipola } from '../../src/reference/divipola';
import { OverridableClock } from '../../src/runtime';
import { startServer } from '../../src/server';
import { loadSchema, SCHEMA_PATH, targetsOf } from './model';
import { buildRequest, fuzzCaseArbitrary, TOKENS, type TokenChoice } from './requests';

const jwt = {
  jwtSecret: 'secreto-del-fuzzer',
  jwksUrl: null,
  jwtIssuer: 'bitacora',
  jwtAudience: 'bitacora-api',
};

export interface FuzzSummary {
  schema: string;
  targets: { mutations: number; queries: number };
  requests: number;
  seed: number;
  seconds: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  byKind: Record<string, number>;
  eventsBefore: number;
  eventsAppended: number;
  /** Error messages still in English (graphql-js or Apollo wording that was not translated). */
  english: string[];
}

const ENGLISH =
  /\b(cannot|Cannot|Expected|must|is not defined|was not provided|Did you mean|Unknown|Syntax Error|Petición inválida)\b/;

async function authorizationHeaders(): Promise<Record<TokenChoice, Record<string, string>>> {
  const principal = (role: Role, entity: string) => ({
    id: `fuzz-${role}-${entity}`,
    name: `Fuzz ${role}`,
    role,
    entity,
  });
  const headers = {} as Record<TokenChoice, Record<string, string>>;
  for (const choice of TOKENS) {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    if (choice === 'none') headers[choice] = {};
    else if (choice === 'garbage') headers[choice] = bearer('eyJhbGciOiJIUzI1NiJ9.basura.firma');
    else if (choice === 'malformed')
      headers[choice] = { authorization: 'Basic dXN1YXJpbzpjbGF2ZQ==' };
    else if (choice === 'expired')
      headers[choice] = bearer(await issueToken(jwt, principal('ADMIN', 'minvivienda'), '-1s'));
    else if (choice === 'forged')
      headers[choice] = bearer(
        await issueToken({ ...jwt, jwtSecret: 'otro-secreto' }, principal('ADMIN', 'minvivienda')),
      );
    else {
      const [role, entity] = choice.split(':') as [Role, string];
      headers[choice] = bearer(await issueToken(jwt, principal(role, entity)));
    }
  }
  return headers;
}

export async function runFuzz(options: { runs: number; seed?: number }): Promise<FuzzSummary> {
  const started = Date.now();
  const seed = options.seed ?? Date.now() % 2_147_483_647;
  const directory = mkdtempSync(join(tmpdir(), 'bitacora-fuzz-'));
  const clock = new OverridableClock();
  const events = new SqliteEventStore({
    path: join(directory, 'bitacora.db'),
    clock,
    pollIntervalMs: 5,
  });
  const readStore = new EmbeddedReadStore();
  const projector = new Projector(events, readStore, ALL_PROJECTIONS, { batchSize: 500 });
  const territory = loadDivipola();
  // The demo `npm start` serves: plans, projects, social plan and monitoring to aim at.
  await seedDemo(events, territory, clock, new Date());
  clock.set(null);
  await projector.start();
  await projector.waitFor(undefined, 60_000);
  const server = await startServer({
    services: {
      events,
      readStore,
      projector,
      territory,
      logger: createLogger('silent'),
      now: () => clock.now(),
    },
    verify: createVerifier(jwt),
    port: 0,
    development: false,
  });
  const schema = loadSchema();
  const targets = targetsOf(schema);
  const tokens = await authorizationHeaders();
  const summary: FuzzSummary = {
    schema: SCHEMA_PATH,
    targets: {
      mutations: targets.filter((t) => t.operation === 'mutation').length,
      queries: targets.filter((t) => t.operation === 'query').length,
    },
    requests: 0,
    seed,
    seconds: 0,
    byStatus: {},
    byCode: {},
    byKind: {},
    eventsBefore: await events.count(),
    eventsAppended: 0,
    english: [],
  };
  const count = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  const headBefore = await events.headPosition();
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCaseArbitrary(targets.length), async (fuzzCase) => {
        const built = buildRequest(schema, fuzzCase);
        fc.pre(built !== null);
        const { request, token, mutation } = built!;
        const response = await fetch(`${server.url}${request.search ?? ''}`, {
          method: request.method,
          headers: { ...request.headers, ...tokens[token] },
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        const text = await response.text();
        summary.requests += 1;
        count(summary.byStatus, String(response.status));
        count(summary.byKind, fuzzCase.mode === 'value' ? fuzzCase.anomaly : fuzzCase.mode);
        const where = `${request.label} [token ${token}, accept ${request.headers.accept ?? '-'}] -> ${response.status} ${text.slice(0, 300)}`;
        if (response.status >= 500) throw new Error(`5xx: ${where}`);
        let body: {
          data?: Record<string, unknown> | null;
          errors?: Array<{ message?: string; extensions?: { code?: string } }>;
        };
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          throw new Error(`not JSON: ${where}`);
        }
        if (response.status >= 400 && !body.errors?.length)
          throw new Error(`4xx without errors: ${where}`);
        for (const error of body.errors ?? []) {
          const code = error.extensions?.code ?? '(sin código)';
          const message = error.message ?? '';
          if (
            ENGLISH.test(message) &&
            summary.english.length < 20 &&
            !summary.english.includes(message)
          )
            summary.english.push(`${message.slice(0, 160)} <- ${request.label.slice(0, 120)}`);
          count(summary.byCode, code);
          if (code === 'INTERNAL_SERVER_ERROR') throw new Error(`INTERNAL_SERVER_ERROR: ${where}`);
          if (!ERROR_CODES.includes(code as never))
            throw new Error(`undocumented code ${code}: ${where}`);
        }
        if (mutation && body.data && Object.values(body.data).some((value) => value !== null))
          throw new Error(`a malformed mutation was accepted: ${where}`);
      }),
      { numRuns: options.runs, seed, maxSkipsPerRun: 100, endOnFailure: true },
    );
    const headAfter = await events.headPosition();
    summary.eventsAppended = (headAfter ?? -1) - (headBefore ?? -1);
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    return summary;
  } finally {
    await server.stop();
    await projector.stop();
    await events.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
