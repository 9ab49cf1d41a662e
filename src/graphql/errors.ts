/** Every failure leaves the API as a GraphQL error with `extensions.code` and a Spanish message. */
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { CommandRejected } from '../application/command-handler';
import { DomainError } from '../domain/errors';
import { ConcurrencyError, InvalidAppendError, StoreTimeoutError } from '../eventstore/errors';
import { IntegrityError } from '../integrity/guard';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTEGRITY'
  | 'INTERNAL_SERVER_ERROR';

export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

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
  if (error instanceof InvalidAppendError) return badInput(error.field, error.message);
  if (error instanceof StoreTimeoutError) return apiError('SERVICE_UNAVAILABLE', error.message);
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
