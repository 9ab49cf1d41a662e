/**
 * GraphQL subscriptions over WebSocket at /graphql, with the protocol Apollo Client, urql and Relay
 * speak (`graphql-ws`, subprotocol `graphql-transport-ws`), on the same HTTP server.
 *
 * - The token travels in the connection parameters, as the HTTP header does:
 *   `{ "Authorization": "Bearer <token>" }`. None: anonymous, as over HTTP. A bad one closes the
 *   connection (4403, Spanish reason); an expiring one closes it when it expires (4401).
 * - Every subscription passes the edge of HTTP (`request-guard.ts`): parser tokens, depth, aliases
 *   and directives, variables, argument limits and cost, with the same Spanish errors and codes
 *   (`format-error.ts`). At most `SUBSCRIPTION_LIMITS.perConnection` at once per connection.
 * - Only subscriptions: queries and mutations go over HTTP, where statuses and logs are.
 * - Backpressure: each message is sent when the previous one was written to the socket; what
 *   waits meanwhile is bounded by the feed (`src/live/audit-feed.ts`).
 */
import type { IncomingMessage, Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { Principal } from '../domain/access';
import { authenticate, type TokenVerifier } from '../graphql/auth';
import { createLoaders, type Context, type Services } from '../graphql/context';
import { apiError } from '../graphql/errors';
import { createErrorFormatter } from '../graphql/format-error';
import { REQUEST_LIMITS, SUBSCRIPTION_LIMITS } from '../graphql/limits';
import { checkOperation, guardParseOptions, guardValidationRules } from '../graphql/request-guard';
import { AuditFeed } from '../live/audit-feed';
import { logAuditSource } from '../live/audit-source';

export interface SubscriptionServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  verify: TokenVerifier;
  development: boolean;
}

interface Connection {
  id: string;
  principal: Principal | null;
  expiry: NodeJS.Timeout | null;
}

/** A close reason is at most 123 bytes (RFC 6455). */
const reasonOf = (message: string) => {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -2) + '…';
  return reason;
};

/** The token of the connection parameters, as an `Authorization` header value (or none). */
function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.Authorization ?? params?.authorization;
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : 'inválido';
}

/** A request error of the parser or validation, as Apollo names them (the formatter translates). */
const requestErrors = (errors: readonly GraphQLError[], code: string) =>
  errors.map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes ?? null,
        source: error.source ?? null,
        positions: error.positions ?? null,
        // The edge's own rules already carry the code of the contract.
        extensions: { code, ...error.extensions },
      }),
  );

export function createSubscriptionServer(options: SubscriptionServerOptions) {
  const { services, schema, verify } = options;
  const logger = services.logger;
  const feed = new AuditFeed(
    services.projector,
    logAuditSource(services.events, services.readStore),
    { queueLimit: SUBSCRIPTION_LIMITS.queuedMessages, logger },
  );
  const format = createErrorFormatter({ schema, development: options.development, logger });
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => format(error.toJSON(), error));
  const connections = new WeakMap<object, Connection>();
  let opened = 0;

  // Origins are not checked: credentials travel in the connection parameters, never in cookies,
  // so another site's page cannot act with a user's token; what it reads anonymously is public.
  const webSockets = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: REQUEST_LIMITS.bodyBytes,
  });

  const disposable = useServer<Record<string, unknown>>(
    {
      schema,
      connectionInitWaitTimeout: SUBSCRIPTION_LIMITS.connectionInitMs,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const request: IncomingMessage = ctx.extra.request;
        const authorization = authorizationOf(ctx.connectionParams);
        let principal: Principal | null;
        try {
          principal = await authenticate(authorization, verify);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          socket.close(CloseCode.Forbidden, reasonOf(message));
          return false;
        }
        let expiry: NodeJS.Timeout | null = null;
        const expires = authorization
          ? decodeJwt(authorization.replace(/^Bearer +/i, '')).exp
          : undefined;
        if (expires !== undefined) {
          expiry = setTimeout(
            () =>
              socket.close(
                CloseCode.Unauthorized,
                reasonOf('El token expiró: conéctese con uno nuevo.'),
              ),
            Math.max(0, expires * 1000 - Date.now()),
          );
          expiry.unref();
        }
        opened += 1;
        const id = String(request.headers['x-request-id'] ?? `ws-${opened}`);
        connections.set(ctx, { id, principal, expiry });
        logger.debug({ connection: id, role: principal?.role ?? null }, 'suscriptor conectado');
        return true;
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx);
        if (connection?.expiry) clearTimeout(connection.expiry);
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = connections.get(ctx)!;
        if (Object.keys(ctx.subscriptions).length > SUBSCRIPTION_LIMITS.perConnection)
          return [
            apiError(
              'BAD_REQUEST',
              `Esta conexión ya tiene ${SUBSCRIPTION_LIMITS.perConnection} suscripciones abiertas (el máximo): cierre alguna o abra otra conexión.`,
              { maximum: SUBSCRIPTION_LIMITS.perConnection },
            ),
          ];
        let document: DocumentNode;
        try {
          document = parse(payload.query, guardParseOptions);
        } catch (error) {
          if (error instanceof GraphQLError) return requestErrors([error], 'GRAPHQL_PARSE_FAILED');
          throw error;
        }
        const invalid = validate(schema, document, [...specifiedRules, ...guardValidationRules]);
        if (invalid.length > 0) return requestErrors(invalid, 'GRAPHQL_VALIDATION_FAILED');
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return [
            apiError('BAD_USER_INPUT', 'Indique qué operación ejecutar (operationName).', {
              field: 'operationName',
            }),
          ];
        if (operation.operation !== 'subscription')
          return [
            apiError(
              'BAD_REQUEST',
              'Por WebSocket solo se atienden suscripciones; envíe consultas y mutaciones por HTTP (POST /graphql).',
            ),
          ];
        const variables = payload.variables ?? {};
        try {
          checkOperation(schema, document, operation, variables, payload.operationName);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const context: Context = {
          principal: connection.principal,
          services,
          loaders: createLoaders(services.readStore),
          requestId: `${connection.id}/${id}`,
          logger: logger.child({ requestId: `${connection.id}/${id}` }),
          live: feed,
        };
        return {
          schema,
          document,
          variableValues: variables,
          operationName: payload.operationName ?? null,
          contextValue: context,
        };
      },
      onError: (_ctx, _id, _payload, errors) => formatAll(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatAll(result.errors) } : undefined,
    },
    webSockets,
  );

  return {
    feed,
    /** Closes every connection (1001, going away), then the feed. */
    async close(): Promise<void> {
      await disposable.dispose();
      await feed.close();
    },
  };
}
