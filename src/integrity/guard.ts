/**
 * Refuses appends to a stream whose record failed verification (reads go on); while the start-up
 * check runs, an append waits for it (a few seconds on a national log), so that nothing is chained
 * to an event not yet checked.
 */
import type { EventStore } from '../eventstore/port';
import type { FaultRecord } from './monitor';

export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  constructor(
    readonly stream: string,
    readonly fault: FaultRecord,
  ) {
    super(
      `El flujo "${stream}" no admite escrituras: su registro no pasó la verificación de integridad (${fault.message}). Las lecturas siguen disponibles para investigar.`,
    );
  }
}

/** The start-up check did not pass in time, or could not finish: retry when /readyz says 200. */
export class StartupCheckPendingError extends Error {
  override readonly name = 'StartupCheckPendingError';
}

export function guardWrites(
  events: EventStore,
  damageOf: (stream: string) => FaultRecord | null,
  /** Resolves when the start-up check is over; throws StartupCheckPendingError otherwise. */
  checkedAtStart: () => Promise<void> = () => Promise.resolve(),
): EventStore {
  return new Proxy(events, {
    get(target, property, receiver) {
      if (property === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
          await checkedAtStart();
          const fault = damageOf(args[0]);
          if (fault) throw new IntegrityError(args[0], fault);
          return target.append(...args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
