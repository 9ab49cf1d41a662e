/** Every failure leaves the API as a GraphQL error with `extensions.code` and a Spanish message. */
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { ArgumentValidationError } from 'type-graphql';
import { CommandRejected } from '../application/command-handler';
import { IdempotencyKeyReused } from '../application/idempotency';
import { DomainError } from '../domain/errors';
import {
  ConcurrencyError,
  InvalidAppendError,
  StoreTimeoutError,
  StoreUnavailableError,
} from '../eventstore/errors';
import { IntegrityError, StartupCheckPendingError } from '../integrity/guard';

/**
 * The error contract: every `extensions.code` a client can see, the HTTP status it travels with
 * (GraphQL over HTTP: a request error of a well-formed request is 400 for
 * `application/graphql-response+json` and 200 for `application/json`; an error while executing a
 * field leaves `data` and is 200), when it happens and what the client should do. The README's
 * table is this one (a test compares them).
 */
export const ERROR_CONTRACT = {
  BAD_USER_INPUT: {
    status: '400 (graphql-response+json) or 200 (json) before execution; 200 from a field',
    when: 'A value is wrong: syntax, unknown field, variable of the wrong type, a limit of `src/graphql/limits.ts` (length, items, range, format), or a rule of the domain. `extensions.field` names the argument or variable path.',
    action: 'Show the message next to `extensions.field`; correct the value and resend.',
  },
  BAD_REQUEST: {
    status: '400, 405, 406 or 415',
    when: 'The HTTP request is not a GraphQL request: body not JSON, no `query`, `variables` not an object, a mutation by GET, an unsupported method, `Accept` or `Content-Type`.',
    action:
      'Fix the client: POST JSON `{ "query", "variables" }` with `content-type: application/json`.',
  },
  PAYLOAD_TOO_LARGE: {
    status: '413',
    when: 'The request body exceeds 256 KiB.',
    action: 'Send less (the largest text field takes 2,000 characters).',
  },
  UNAUTHENTICATED: {
    status: '401 (with `WWW-Authenticate: Bearer`)',
    when: 'An `Authorization` header that is not a valid, unexpired bearer token of this API, on any request; or a mutation with no token.',
    action: 'Obtain a new token and resend; never retry with the same one. Reads need no token.',
  },
  FORBIDDEN: {
    status: '200 (field error, `data` null)',
    when: 'The role or territory of the token may not do this (e.g. a PLANNER of another municipality).',
    action: 'Do not retry; ask for a token of the right role or scope.',
  },
  NOT_FOUND: {
    status: '200 (field error)',
    when: 'A mutation names something well formed that does not exist: a DANE code not in the DIVIPOLA, a plan not opened, a project or activity unknown. Single-object queries answer `null` instead.',
    action: 'Check the identifier, or create the thing first (e.g. `openPlan`).',
  },
  CONFLICT: {
    status: '200 (field error)',
    when: '`expectedRevision` is not the current revision (someone else wrote first), or the thing already exists; or the `Idempotency-Key` was already used for another request (`extensions.field` is `Idempotency-Key`).',
    action:
      'Read again, reapply the change to what you read, resend with the new revision (and a new `Idempotency-Key`).',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: '200',
    when: 'The request carries an automatic persisted query hash (APQ), which this server does not keep.',
    action: 'Send the full query (Apollo Client falls back by itself).',
  },
  SERVICE_UNAVAILABLE: {
    status:
      '503 before execution (token keys unreachable), from `/readyz` and from a report PDF; 200 from a field (store timeout or unavailable, read models catching up)',
    when: 'A store or the token key set did not answer in time, a store is restarting or electing a leader, the read models are catching up, or a report PDF was not laid out within `PDF_TIMEOUT_MS` (its worker is then restarted). Nothing appended unless the response says so.',
    action:
      'Retry later with backoff. With `extensions.outcome: "unknown"` the change may have been recorded: retry with the same `Idempotency-Key`, which never records it twice.',
  },
  INTEGRITY: {
    status: '200 (field error); `/readyz` answers 503 meanwhile',
    when: 'The stream a mutation writes to failed the integrity check (a hash or a chain link does not match what was recorded). Reads go on so that auditors can investigate.',
    action:
      'Do not retry; report it to the operator and the control bodies (`integrity` query, `npm run verify`).',
  },
  INTERNAL_SERVER_ERROR: {
    status: '500 before execution; 200 from a field',
    when: 'A fault of the server, never of the request (the fuzzer checks that no request causes it).',
    action: 'Report it with the `x-request-id` response header; the details are in the server log.',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CONTRACT;
export const ERROR_CODES = Object.keys(ERROR_CONTRACT) as ErrorCode[];

export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * An error that refuses the whole request before execution, with its HTTP status (the status
 * policy turns 400 into 200 for `application/json`, as GraphQL over HTTP asks).
 */
export function requestError(
  code: ErrorCode,
  status: number,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Array<[string, string]> = [],
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extensions, http: { status, headers: new HeaderMap(headers) } },
  });
}

/** RFC 6750: a 401 says which scheme to use and, for a bad token, that it is invalid. */
export const unauthenticatedRequest = (message: string, invalidToken: boolean) =>
  requestError('UNAUTHENTICATED', 401, message, {}, [
    [
      'www-authenticate',
      invalidToken ? 'Bearer realm="bitacora", error="invalid_token"' : 'Bearer realm="bitacora"',
    ],
  ]);

export const forbidden = (message = 'No tiene permiso para esta operación.') =>
  apiError('FORBIDDEN', message);
export const unauthenticated = (message: string) => apiError('UNAUTHENTICATED', message);
export const notFound = (message: string, field?: string) =>
  apiError('NOT_FOUND', message, field ? { field } : {});
export const badInput = (field: string, message: string) =>
  apiError('BAD_USER_INPUT', `${field}: ${message}`, { field });

/** Maps what the layers below throw to the API's error codes; anything else is internal. */
export function toApiError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError && error.extensions?.code) return error;
  if (error instanceof CommandRejected) return domainError(error.error);
  if (error instanceof DomainError) return domainError(error);
  if (error instanceof ConcurrencyError) {
    return apiError(
      'CONFLICT',
      `Otra persona modificó este registro: se esperaba la revisión ${String(error.expected)} y la actual es ${String(error.actual)}. Consulte de nuevo y reintente.`,
      { stream: error.stream, expectedRevision: error.expected, actualRevision: error.actual },
    );
  }
  if (error instanceof IdempotencyKeyReused) {
    return apiError('CONFLICT', error.message, { field: 'Idempotency-Key', stream: error.stream });
  }
  if (error instanceof InvalidAppendError) return badInput(error.field, error.message);
  if (error instanceof StoreTimeoutError) return apiError('SERVICE_UNAVAILABLE', error.message);
  if (error instanceof StartupCheckPendingError) {
    return apiError('SERVICE_UNAVAILABLE', error.message, { retryable: true });
  }
  if (error instanceof StoreUnavailableError) {
    // An append that may have committed says so: retrying it needs the same idempotency key.
    return apiError(
      'SERVICE_UNAVAILABLE',
      error.message,
      error.outcomeUnknown ? { outcome: 'unknown', retryable: true } : { retryable: true },
    );
  }
  if (error instanceof IntegrityError) {
    const { stream, revision, position, eventId, kind } = error.fault;
    return apiError('INTEGRITY', error.message, {
      stream,
      fault: { kind, stream, revision, position, eventId },
    });
  }
  if (error instanceof ArgumentValidationError) {
    const first = error.extensions.validationErrors?.[0] as
      { property?: string; constraints?: Record<string, string> } | undefined;
    const field = first?.property ?? 'input';
    const message = first?.constraints
      ? Object.values(first.constraints).join('; ')
      : 'valor inválido';
    return badInput(field, message);
  }
  return null;
}

function domainError(error: DomainError): GraphQLError {
  const message = error.field ? `${error.field}: ${error.message}` : error.message;
  return apiError(error.code, message, error.field ? { field: error.field } : {});
}
