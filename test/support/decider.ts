import type { DomainError } from '../../src/domain/errors';

export type Decided<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

/** Then the exact events, or then the exact refusal: its code, the field named and the message. */
export function outcome<E>(decision: Decided<E>) {
  return {
    decision,
    then(expected: E[]): void {
      if (!decision.ok) throw new Error(`rechazado: ${decision.error.message}`);
      expect(decision.events).toEqual(expected);
    },
    thenError(code: string, field: string, message: string): void {
      if (decision.ok) throw new Error(`aceptado: ${JSON.stringify(decision.events)}`);
      expect({
        code: decision.error.code,
        field: decision.error.field,
        message: decision.error.message,
      }).toEqual({ code, field, message });
    },
  };
}

/** Given events (folded with `evolve`) / when a command (decided with `decide`) / then. */
export function givenEvents<S, E, C>(
  initial: () => S,
  evolve: (state: S, event: E) => S,
  decide: (command: C, state: S) => Decided<E>,
) {
  return (...history: E[]) => {
    const state = history.reduce(evolve, initial());
    return { state, when: (command: C) => outcome(decide(command, state)) };
  };
}
