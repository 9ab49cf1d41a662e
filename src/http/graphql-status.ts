/**
 * GraphQL over HTTP: the status of a response depends on the media type the client accepts.
 * Apollo Server answers 400 for every request error; for `application/json` (or no `Accept`) the
 * spec asks 200 for a well-formed request whose operation could not run (syntax, validation,
 * variables, limits), and keeps 4xx for `application/graphql-response+json`. Malformed HTTP
 * requests, 401 and 413 keep their status in both.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import Negotiator from 'negotiator';

/** The media types Apollo Server chooses between, as it spells them. */
const JSON_TYPES = [
  'application/json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];
const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';

/** Whether the response will be `application/json` (the legacy type, also when no Accept). */
export function answersPlainJson(accept: string | undefined): boolean {
  if (!accept) return true;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([
    JSON_TYPES[0]!,
    GRAPHQL_RESPONSE,
    JSON_TYPES[1]!,
  ]);
  return preferred !== undefined && JSON_TYPES.includes(preferred);
}

/** Apollo's request errors of a well-formed request, and the edge's refusals of values. */
const OPERATION_ERRORS = new Set([
  'SyntaxError',
  'ValidationError',
  'UserInputError',
  'OperationResolutionError',
]);
const isOperationError = (error: GraphQLError) =>
  OPERATION_ERRORS.has(error.name) || error.extensions.code === 'BAD_USER_INPUT';

export function graphqlOverHttpStatus<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, errors }) {
          if (response.http.status !== 400 || !errors?.length) return;
          if (response.body.kind !== 'single' || response.body.singleResult.data !== undefined)
            return;
          if (!errors.every(isOperationError)) return;
          if (answersPlainJson(request.http?.headers.get('accept'))) response.http.status = 200;
        },
      };
    },
  };
}
