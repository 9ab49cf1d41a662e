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
  override readonly name: string = 'InvalidAppendError';
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

/**
 * An event id already used: ids identify events, so a second event with the same id is refused and
 * nothing is written, whatever the expected revision (replaying an append included). Both adapters
 * refuse an id the target stream holds; SQLite also one held by another stream, which EventStoreDB
 * (no index of ids across streams) cannot see: ids a caller chooses must therefore include the
 * stream (the idempotency keys of mutations do).
 */
export class DuplicateEventError extends InvalidAppendError {
  override readonly name = 'DuplicateEventError';
  constructor(
    /** Path of the offending id, e.g. "events[0].id". */
    field: string,
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(
      field,
      `ya hay en la bitácora un evento con id ${eventId}; no se añadió nada a "${stream}".`,
    );
  }
}

/**
 * The store could not be reached or did not finish the call: a server restarting, a leader or
 * primary election, a network fault, the server's own deadline. Worth retrying with backoff.
 * `outcomeUnknown` is set on an append that may still have committed: retry it with the same
 * event ids (an idempotency key), never with new ones.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
    readonly outcomeUnknown = false,
  ) {
    super(
      `El almacén de eventos no está disponible para "${operation}"` +
        (outcomeUnknown
          ? ': no se sabe si la escritura quedó registrada; reintente con la misma clave de idempotencia.'
          : `: ${cause instanceof Error ? cause.message : String(cause)}`),
    );
  }
}
