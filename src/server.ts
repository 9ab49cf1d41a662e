/**
 * The HTTP server: Apollo Server 5 on Node's own `http` (GraphQL at /graphql), `GET /healthz`
 * (the process is up), `GET /readyz` (stores reachable, read models caught up within a bound),
 * JSON logs with a request id, and a graceful stop (no new requests, finish in-flight ones).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import depthLimit from 'graphql-depth-limit';
import { GraphQLError, getNullableType, isListType } from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import type { TokenVerifier } from './graphql/auth';
import { authenticate } from './graphql/auth';
import { createLoaders, type Context, type Services } from './graphql/context';
import { apiError, toApiError } from './graphql/errors';
import { bitacoraSchema } from './graphql/schema';

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 5_000;
/** /readyz fails when a read model is this many milliseconds behind the log. */
const READY_LAG_MS = 5_000;

export interface ServerOptions {
  services: Services;
  verify: TokenVerifier;
  port: number;
  development: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

/** Elements assumed for a list without `first` (a municipality's plans, a plan's goals...). */
const LIST_GUESS = 5;

/**
 * A paginated field costs `first` times what each element asks for; any other list, LIST_GUESS
 * times. A connection's `edges` is already counted by its `first`.
 */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  const each = Math.max(childComplexity, 1);
  if (typeof args.first === 'number') return 1 + args.first * each;
  if (field.name !== 'edges' && isListType(getNullableType(field.type)))
    return 1 + LIST_GUESS * each;
  return undefined;
};

function costLimit(schema = bitacoraSchema()): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [
                // A field may declare its own cost (`complexity` in type-graphql), e.g. the risk map.
                fieldExtensionsEstimator(),
                listEstimator,
                simpleEstimator({ defaultComplexity: 1 }),
              ],
            });
          } catch (error) {
            // Variables of the wrong type: say so, as execution would.
            throw apiError(
              'BAD_USER_INPUT',
              error instanceof Error ? error.message : String(error),
              { field: 'variables' },
            );
          }
          if (complexity > MAX_COMPLEXITY) {
            throw apiError(
              'BAD_USER_INPUT',
              `La consulta es demasiado costosa (${complexity} > ${MAX_COMPLEXITY}): pida menos elementos o menos anidamiento.`,
              { field: 'query', complexity, maximum: MAX_COMPLEXITY },
            );
          }
        },
      };
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { services, verify } = options;
  const httpServer = createServer();
  const apollo = new ApolloServer<Context>({
    schema: bitacoraSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: options.development,
    validationRules: [depthLimit(MAX_DEPTH)],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      costLimit(),
      // No cache hints are used; without this Apollo wraps every field's resolver (a map of 1,121
      // entities resolves tens of thousands of fields).
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: (formatted, error) => {
      const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      const mapped = toApiError(original);
      if (mapped) {
        return {
          ...formatted,
          message: mapped.message,
          extensions: { ...formatted.extensions, ...mapped.extensions },
        };
      }
      const code = formatted.extensions?.code;
      if (
        code === 'GRAPHQL_VALIDATION_FAILED' ||
        code === 'GRAPHQL_PARSE_FAILED' ||
        code === 'BAD_USER_INPUT'
      ) {
        return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
      }
      services.logger.error({ err: original }, 'error interno');
      return {
        message: 'Error interno del servidor.',
        extensions: {
          code: 'INTERNAL_SERVER_ERROR',
          ...(options.development ? { detail: formatted.message } : {}),
        },
      };
    },
  });
  await apollo.start();

  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const requestId = (request.headers['x-request-id'] as string | undefined) ?? randomUUID();
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
      logger.error({ err: error }, 'error al atender la petición');
      if (!response.headersSent) sendJson(response, 500, { error: 'Error interno del servidor.' });
      else response.end();
    });
  });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    logger: Services['logger'],
  ) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname === '/readyz') return ready(response);
    if (url.pathname !== '/graphql')
      return sendJson(response, 404, { error: 'No encontrado. La API está en /graphql.' });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = request.method === 'POST' ? await readBody(request) : '';
    let body: unknown = raw;
    if (raw && (headers.get('content-type') ?? '').includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(response, 400, {
          errors: [
            { message: 'El cuerpo no es JSON válido.', extensions: { code: 'BAD_USER_INPUT' } },
          ],
        });
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({
        principal: await authenticate(request.headers.authorization, verify),
        services,
        loaders: createLoaders(services.readStore),
        requestId,
        logger,
      }),
    });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void response.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  async function ready(response: ServerResponse) {
    try {
      await services.readStore.ping();
      const lag = await services.projector.lag();
      const failed = lag.projections.filter((p) => p.state === 'failed');
      const behind = lag.projections.filter((p) => p.behind);
      if (failed.length > 0)
        return sendJson(response, 503, { status: 'failed', projections: lag.projections });
      if (behind.length > 0) {
        // Behind is fine for a moment (events just appended); not for long.
        await services.projector.waitFor(lag.head, READY_LAG_MS).catch(() => undefined);
        const again = await services.projector.lag();
        if (again.projections.some((p) => p.behind))
          return sendJson(response, 503, { status: 'catching-up', ...again });
      }
      return sendJson(response, 200, { status: 'ready', head: lag.head });
    } catch (error) {
      return sendJson(response, 503, {
        status: 'unavailable',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  await new Promise<void>((resolve) => httpServer.listen(options.port, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    httpServer,
    // Drains: stops accepting, lets in-flight requests finish, then stops Apollo.
    stop: () => apollo.stop(),
  };
}
