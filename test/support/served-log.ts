/** A log folder served as `npm start` serves it: projector, integrity monitor and sealer, API. */
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { createVerifier } from '../../src/graphql/auth';
import { startIntegrity } from '../../src/integrity/service';
import { createLogger } from '../../src/logging';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { startServer } from '../../src/server';
import { territory } from './plan';
import { jwtConfig, type GraphQLResponse } from './server';

export async function serveLog(dir: string) {
  const events = new SqliteEventStore({ path: join(dir, 'bitacora.db'), pollIntervalMs: 5 });
  const readStore = new EmbeddedReadStore();
  const projector = new Projector(events, readStore, ALL_PROJECTIONS);
  await projector.start();
  await projector.waitFor(undefined, 60_000);
  const logger = createLogger('silent');
  const integrity = await startIntegrity(
    { events, readStore },
    {
      sealPrivateKey: null,
      sealPrivateKeyFile: null,
      sealDevelopmentKeyPath: join(dir, 'seal-key.pem'),
      production: false,
    },
    logger,
  );
  await integrity.services.integrity.monitor.waitFor(undefined, 60_000);
  await projector.waitFor(undefined, 60_000);
  const server = await startServer({
    services: {
      readStore,
      projector,
      territory,
      logger,
      now: () => new Date(),
      events: integrity.services.events,
      integrity: integrity.services.integrity,
    },
    verify: createVerifier(jwtConfig),
    port: 0,
    development: false,
  });
  const base = `http://localhost:${server.port}`;
  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    bearer?: string,
  ) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  return {
    base,
    gql,
    stop: async () => {
      await server.stop();
      await integrity.stop();
      await projector.stop();
      await events.close();
    },
  };
}
