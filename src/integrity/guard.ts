/** Refuses appends to a stream whose record failed verification (reads go on). */
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

export function guardWrites(
  events: EventStore,
  damageOf: (stream: string) => FaultRecord | null,
): EventStore {
  return new Proxy(events, {
    get(target, property, receiver) {
      if (property === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
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
