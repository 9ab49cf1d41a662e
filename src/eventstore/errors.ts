import type { ExpectedRevision } from './port';

/** The stream was not at the revision the caller expected: someone else wrote first. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual head revision, or "no_stream" when it does not exist. */
    readonly actual: number | 'no_stream',
  ) {
    super(
      `Conflicto de concurrencia en el flujo "${stream}": se esperaba la revisión ${String(expected)} y la actual es ${String(actual)}.`,
    );
  }
}

/** A caller passed arguments the port does not accept; nothing was written. */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
  constructor(
    /** Path of the offending argument, e.g. "events[0].data.monto". */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The store did not answer in time (EventStoreDB can hang forever on a half-open connection). */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`El almacén de eventos no respondió a "${operation}" en ${timeoutMs} ms.`);
  }
}
