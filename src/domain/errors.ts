/** Error codes shared with the API's `extensions.code`. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

/**
 * A command the rules refuse. `field` names the input that is wrong (e.g. "targets[2]") and the
 * message says, in Spanish, what is wrong with it; nothing is appended.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string): DomainError =>
  new DomainError('BAD_USER_INPUT', field, message);

export const notFound = (field: string, message: string): DomainError =>
  new DomainError('NOT_FOUND', field, message);

export const conflict = (field: string, message: string): DomainError =>
  new DomainError('CONFLICT', field, message);
