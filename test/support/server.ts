import 'reflect-metadata';
import { ALL_PROJECTIONS } from '../../projections';
import type { Principal } from '../../src/domain/access';
import type { PlanCommand } from '../../src/domain/plan/commands';
import type { EventStore } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { createVerifier, issueToken } from '../../src/graphql/auth';
import { createLogger } from '../../src/logging';
import type { Projection } from '../../src/projector/projection';
import { Projector, type ProjectorOptions } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import type { ReadStore } from '../../src/readstore/port';
import { startServer } from '../../src/server';
import { TestClock } from './clock';
import { territory } from './plan';

export const jwtConfig = {
  jwtSecret: 'secreto-de-prueba',
  jwksUrl: null,
  jwtIssuer: 'bitacora',
  jwtAudience: 'bitacora-api',
};

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface TestServerOptions {
  readModelWaitMs?: number;
  /** The projections the projector runs (default: all of them). */
  projections?: readonly Projection[];
  /** What the projector reads and writes through (e.g. fault injectors around the stores). */
  projectorStores?: (events: EventStore, readStore: ReadStore) => [EventStore, ReadStore];
  projectorOptions?: ProjectorOptions;
}

/** The API over these stores, on a free port, with the test's token secret and a silent log. */
export function serveStores(stores: {
  events: SqliteEventStore;
  readStore: ReadStore;
  projector: Projector;
  now?: () => Date;
  readModelWaitMs?: number;
}) {
  return startServer({
    services: {
      events: stores.events,
      readStore: stores.readStore,
      projector: stores.projector,
      territory,
      logger: createLogger('silent'),
      now: stores.now ?? (() => new Date()),
      ...(stores.readModelWaitMs === undefined ? {} : { readModelWaitMs: stores.readModelWaitMs }),
    },
    verify: createVerifier(jwtConfig),
    port: 0,
    development: false,
  });
}

export async function startTestServer(options: TestServerOptions = {}) {
  const clock = new TestClock('2024-02-12T10:00:00-05:00');
  const events = new SqliteEventStore({ path: ':memory:', clock, pollIntervalMs: 5 });
  const readStore = new EmbeddedReadStore();
  const [projectorEvents, projectorStore] = options.projectorStores?.(events, readStore) ?? [
    events,
    readStore,
  ];
  const projector = new Projector(
    projectorEvents,
    projectorStore,
    options.projections ?? ALL_PROJECTIONS,
    { batchSize: 200, ...options.projectorOptions },
  );
  await projector.start();
  const server = await serveStores({
    events,
    readStore,
    projector,
    now: () => clock.now(),
    ...(options.readModelWaitMs === undefined ? {} : { readModelWaitMs: options.readModelWaitMs }),
  });
  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
  }
  return {
    url: server.url,
    port: server.port,
    clock,
    events,
    readStore,
    projector,
    gql,
    stop: async () => {
      await server.stop();
      await projector.stop();
      await events.close();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export const token = (principal: Partial<Principal> & Pick<Principal, 'role' | 'entity'>) =>
  issueToken(jwtConfig, {
    id: `u-${principal.role}-${principal.entity}`,
    name: `Usuaria ${principal.role}`,
    ...principal,
  });

/** The mutation a command is sent as, and its input. */
export function asMutation(command: PlanCommand, daneCode: string, firstYear: number) {
  const { type, ...fields } = command;
  const name = type.charAt(0).toLowerCase() + type.slice(1);
  const input: Record<string, unknown> = { daneCode, firstYear, ...fields };
  if (type === 'OpenPlan')
    Object.assign(input, { daneCode: command.daneCode, firstYear: command.firstYear });
  const inputType = type.endsWith('Contribution') ? 'ContributionInput' : `${type}Input`;
  return {
    name,
    query: `mutation($input: ${inputType}!) { ${name}(input: $input) { eventIds revision plan { id revision } } }`,
    input,
  };
}
