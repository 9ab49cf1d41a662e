/**
 * Runs a command against an aggregate: load its stream, fold the state, decide, append with the
 * expected revision and the audit metadata. The decider is pure; this is where I/O happens.
 */
import { ConcurrencyError, DuplicateEventError } from '../eventstore/errors';
import { eventIdFor, eventsOfKey, IdempotencyKeyReused, requestHash } from './idempotency';
import type { Actor, EventStore, JsonObject, RecordedEvent } from '../eventstore/port';
import type { DomainError } from '../domain/errors';
import { CURRENT_SCHEMA_VERSION, upcast } from '../domain/upcasting';

export interface DomainFact {
  type: string;
  data: object;
}

export interface AggregateDefinition<Command, Event extends DomainFact, State, Context> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(
    command: Command,
    state: State,
    context: Context,
  ): { ok: true; events: Event[] } | { ok: false; error: DomainError };
  isEvent(fact: { type: string }): fact is Event;
}

export interface CommandMetadata {
  actor: Actor;
  reason?: string;
  legalBasis?: string;
  correlationId: string;
  causationId?: string;
  /** The CTP recommendation the change answers (see `EventMetadataInput`). */
  answersRecommendation?: string;
  /** The revision the caller last saw; a mismatch is a CONFLICT. Omitted: retry on races. */
  expectedRevision?: number | 'no_stream';
  /**
   * The request's idempotency key, already scoped to the actor (`scopedKey`): a retry with it
   * appends nothing and returns what the first request appended.
   */
  idempotencyKey?: string;
}

export interface CommandResult<State> {
  events: RecordedEvent[];
  /** The stream's revision after the append. */
  revision: number;
  state: State;
  /** True when an earlier request with the same idempotency key appended these events. */
  replayed: boolean;
}

/** A refused command, carrying the domain's reason. */
export class CommandRejected extends Error {
  override readonly name = 'CommandRejected';
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

export function toDomainEvent(event: RecordedEvent): DomainFact {
  return upcast({
    type: event.type,
    data: event.data,
    schemaVersion: event.metadata.schemaVersion,
  });
}

export function foldStream<Event extends DomainFact, State>(
  definition: Pick<
    AggregateDefinition<unknown, Event, State, unknown>,
    'initialState' | 'evolve' | 'isEvent'
  >,
  events: readonly RecordedEvent[],
): State {
  let state = definition.initialState();
  for (const recorded of events) {
    const fact = toDomainEvent(recorded);
    if (definition.isEvent(fact)) state = definition.evolve(state, fact);
  }
  return state;
}

const MAX_ATTEMPTS = 5;

export async function handleCommand<
  Command extends { reason?: string; legalBasis?: string },
  Event extends DomainFact,
  State,
  Context,
>(
  store: EventStore,
  definition: AggregateDefinition<Command, Event, State, Context>,
  stream: string,
  command: Command,
  metadata: CommandMetadata,
  context: Context,
): Promise<CommandResult<State>> {
  const reason = command.reason ?? metadata.reason;
  const legalBasis = command.legalBasis ?? metadata.legalBasis;
  const idempotency = metadata.idempotencyKey
    ? {
        idempotencyKey: metadata.idempotencyKey,
        requestHash: requestHash(stream, {
          command,
          expectedRevision: metadata.expectedRevision ?? null,
          reason: reason ?? null,
          legalBasis: legalBasis ?? null,
          answersRecommendation: metadata.answersRecommendation ?? null,
        }),
      }
    : null;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(stream);
    if (idempotency) {
      // Looked for before the revision check: the first request moved the revision on.
      const earlier = eventsOfKey(history, idempotency.idempotencyKey);
      if (earlier.length > 0) {
        if (earlier.some((event) => event.metadata.requestHash !== idempotency.requestHash)) {
          throw new IdempotencyKeyReused(stream);
        }
        const last = earlier[earlier.length - 1]!;
        return {
          events: earlier,
          revision: last.revision,
          state: foldStream(definition, history.slice(0, last.revision + 1)),
          replayed: true,
        };
      }
    }
    const current = history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision;
    if (metadata.expectedRevision !== undefined && metadata.expectedRevision !== current) {
      throw new ConcurrencyError(stream, metadata.expectedRevision, current);
    }
    const state = foldStream(definition, history);
    const decision = definition.decide(command, state, context);
    if (!decision.ok) throw new CommandRejected(decision.error);
    try {
      const result = await store.append(
        stream,
        decision.events.map((event, index) => ({
          ...(idempotency ? { id: eventIdFor(idempotency.idempotencyKey, stream, index) } : {}),
          type: event.type,
          data: event.data as JsonObject,
          metadata: {
            actor: metadata.actor,
            correlationId: metadata.correlationId,
            ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
            ...(reason ? { reason } : {}),
            ...(legalBasis ? { legalBasis } : {}),
            ...(metadata.answersRecommendation
              ? { answersRecommendation: metadata.answersRecommendation }
              : {}),
            ...(idempotency ?? {}),
            schemaVersion: CURRENT_SCHEMA_VERSION,
          },
        })),
        { expectedRevision: current },
      );
      const newState = decision.events.reduce(definition.evolve, state);
      return {
        events: result.events,
        revision: result.nextExpectedRevision,
        state: newState,
        replayed: false,
      };
    } catch (error) {
      // Someone wrote between our read and our append. If the caller named a revision, that is
      // their conflict to resolve; otherwise decide again on the fresh state (nothing is lost).
      // With an idempotency key, the writer may have been this request's own twin (a retry sent
      // while the first was in flight): read again, and the events are found as a replay.
      const raced = error instanceof ConcurrencyError || error instanceof DuplicateEventError;
      const retry =
        raced &&
        attempt < MAX_ATTEMPTS &&
        (metadata.expectedRevision === undefined || idempotency !== null);
      if (!retry) throw error;
    }
  }
}
