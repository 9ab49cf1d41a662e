/**
 * The HTTP server: Apollo Server 5 on Node's own `http` (GraphQL at /graphql), `GET /healthz`
 * (the process is up), `GET /readyz` (stores reachable, read models caught up within a bound),
 * JSON logs with a request id, and a graceful stop (no new requests, finish in-flight ones).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenVerifier } from './graphql/auth';
import type { Services } from './graphql/context';
import { answerClientErrors } from './http/client-error';
import { bitacoraSchema } from './graphql/schema';
import { createExplorer } from './http/explorer';
import { createGraphQLEndpoint } from './http/graphql';
import { healthRoutes } from './http/health';
import { integrityRoutes } from './http/integrity';
import { createSubscriptionServer } from './http/subscriptions';
import { errorBody, HttpError, requireRead, sendError, sendJson } from './http/respond';
import { serveReport } from './http/informes';
import { exchangeRoutes } from './http/exchange';

export interface ServerOptions {
  services: Services;
  verify: TokenVerifier;
  port: number;
  development: boolean;
  /**
   * When the read models' catch-up began (ms since the epoch), if before this server: `/readyz`
   * reports the catch-up's time from then. Default: now.
   */
  catchUpStartedAt?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

/** The caller's request id when it is a plain token, else a new one (it is echoed in a header). */
const requestIdOf = (given: string | string[] | undefined): string =>
  typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();

function parseUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'La ruta de la petición no es una URL válida.');
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { services, verify } = options;
  const httpServer = createServer();
  const health = healthRoutes(services, options.catchUpStartedAt);
  const graphql = await createGraphQLEndpoint({
    services,
    verify,
    httpServer,
    development: options.development,
  });
  answerClientErrors(httpServer);
  const explorer = createExplorer();
  const subscriptions = createSubscriptionServer({
    ...options,
    httpServer,
    schema: bitacoraSchema(),
  });

  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    const logger = services.logger.child({ requestId });
    const started = process.hrtime.bigint();
    response.setHeader('x-request-id', requestId);
    response.on('finish', () => {
      logger.info(
        {
          method: request.method,
          url: request.url,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'petición',
      );
    });
    handle(request, response, requestId, logger).catch((error: unknown) => {
      if (error instanceof HttpError && !response.headersSent) return sendError(response, error);
      logger.error({ err: error }, 'error al atender la petición');
      if (!response.headersSent)
        sendJson(response, 500, errorBody('INTERNAL_SERVER_ERROR', 'Error interno del servidor.'));
      else response.end();
    });
  });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    logger: Services['logger'],
  ) {
    const url = parseUrl(request.url);
    if (url.pathname !== '/graphql') requireRead(request, url.pathname);
    if (await health.handle(url.pathname, response)) return;
    if (url.pathname.startsWith('/informes/'))
      return serveReport(request, response, url, { services, verify });
    if (await integrityRoutes(url, response, services)) return;
    if (await exchangeRoutes(request, response, url, { services, verify })) return;
    if (explorer.handle(request, response, url)) return;
    if (url.pathname === '/graphql')
      return graphql.handle(request, response, url, requestId, logger);
    throw new HttpError(404, 'NOT_FOUND', 'No encontrado. La API está en /graphql.');
  }

  await new Promise<void>((resolve) => httpServer.listen(options.port, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    httpServer,
    // Closes the subscriptions, then drains: stops accepting, lets in-flight requests finish,
    // then stops Apollo.
    stop: async () => {
      await subscriptions.close();
      await graphql.stop();
      health.close();
    },
  };
}
