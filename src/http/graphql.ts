/**
 * The GraphQL endpoint: Apollo Server 5 with the edge guard (limits, authentication of
 * mutations, cost), the error contract and the GraphQL-over-HTTP statuses.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { TokenVerifier } from '../graphql/auth';
import { authenticate } from '../graphql/auth';
import { createLoaders, type Context, type Services } from '../graphql/context';
import { createErrorFormatter } from '../graphql/format-error';
import { guardParseOptions, guardValidationRules, requestGuard } from '../graphql/request-guard';
import { bitacoraSchema } from '../graphql/schema';
import { readBody } from './body';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency-key';
import { graphqlOverHttpStatus } from './graphql-status';
import { HttpError } from './respond';

export interface GraphQLEndpointOptions {
  services: Services;
  verify: TokenVerifier;
  httpServer: Server;
  development: boolean;
}

export async function createGraphQLEndpoint(options: GraphQLEndpointOptions) {
  const { services, verify } = options;
  const schema = bitacoraSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: options.development,
    // Credentials travel only in the Authorization header, which a cross-site form or image
    // cannot set, and what an anonymous GET reads is public: GET queries (with variables in the
    // URL, as GraphQL over HTTP allows) need no CSRF preflight.
    csrfPrevention: false,
    // Automatic persisted queries would keep client-chosen documents in memory.
    persistedQueries: false,
    // `npm start` stops on SIGTERM/SIGINT itself, in order (HTTP, integrity, stores). Apollo's own
    // handlers stopped it first, so the server's stop waited on a stop already under way and the
    // process ended before its stores closed.
    stopOnTerminationSignals: false,
    parseOptions: guardParseOptions,
    validationRules: guardValidationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      // Browsers get Bitácora's own explorer (src/http/explorer.ts), never a page from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      requestGuard(schema),
      graphqlOverHttpStatus<Context>(),
      // No cache hints are used; left on, the plugin wraps every field's resolver (a nested list
      // of 1,760 goals, or a map of 1,121 entities, paid for it on every field).
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: createErrorFormatter({
      schema,
      development: options.development,
      logger: services.logger,
    }),
  });
  await apollo.start();

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    requestId: string,
    logger: Services['logger'],
  ): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = request.method === 'POST' ? await readBody(request) : '';
    let body: unknown = raw;
    if (
      raw &&
      /^application\/(graphql-response\+)?json\b/i.test(headers.get('content-type') ?? '')
    ) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'El cuerpo no es JSON válido.');
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: async () => ({
        principal: await authenticate(request.headers.authorization, verify),
        idempotency: idempotencyOf(request.headers[IDEMPOTENCY_KEY_HEADER]),
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

  /** The request's key, with a counter that tells its mutations apart. */
  function idempotencyOf(header: string | string[] | undefined) {
    const key = idempotencyKeyOf(header);
    return key === null ? null : { key, mutations: 0 };
  }

  // Drains: stops accepting, lets in-flight requests finish, then stops Apollo.
  return { handle, stop: () => apollo.stop() };
}
