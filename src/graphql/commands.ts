/**
 * How every mutation runs its command, once authorized: as the token's actor, with the request id
 * as correlation, at the caller's expected revision if given, citing the CTP recommendation it
 * answers if any; then it waits until the read models
 * include the new events, so the mutation can return what it changed (read your own write).
 *
 * With an `Idempotency-Key` header, the command is idempotent: its events get ids derived from the
 * key, and a retry with the same key and input appends nothing and answers with the original
 * events and revision (`replayed: true`); the same key with another input is a CONFLICT.
 *
 * Once the events are appended the mutation has happened: if the read models do not include them
 * within the wait (a slow or failed projection), it still succeeds, with `readModelsCurrent: false`
 * and the event ids and revision, instead of an error that would invite a duplicate retry.
 *
 * While the read models catch up with a long log (a start on an empty read store, or far behind),
 * a mutation is refused before it appends anything, with `SERVICE_UNAVAILABLE`: it could not show
 * its own write. The caller retries when `/readyz` answers 200.
 */
import {
  handleCommand,
  type AggregateDefinition,
  type CommandResult,
  type DomainFact,
} from '../application/command-handler';
import { scopedKey } from '../application/idempotency';
import type { IdempotencyKeyDocument } from '../../projections/idempotency';
import type { Principal } from '../domain/access';
import type { Context } from './context';
import { apiError } from './errors';

/** How long a mutation waits for the read models to include its events. */
export const READ_MODEL_WAIT_MS = 10_000;

export interface ExecutedCommand<State> extends CommandResult<State> {
  /** False when the read models had not caught up within the wait: the events are in the log. */
  readModelsCurrent: boolean;
}

/** What every mutation payload reports about the events, whatever the read models say. */
export function receipt(result: ExecutedCommand<unknown>) {
  return {
    eventIds: result.events.map((event) => event.id),
    revision: result.revision,
    readModelsCurrent: result.readModelsCurrent,
    replayed: result.replayed,
  };
}

/** Refuses a key already used for another stream (its own stream is checked by the handler). */
async function checkKeyElsewhere(ctx: Context, key: string, stream: string): Promise<void> {
  const [used] = await ctx.services.readStore
    .collection<IdempotencyKeyDocument>('idempotency_keys')
    .findByIds([key]);
  if (used && used.stream !== stream) {
    throw apiError(
      'CONFLICT',
      'La clave de idempotencia (Idempotency-Key) ya se usó para otra petición, sobre otro registro; no se añadió nada. Use una clave nueva para cada petición distinta.',
      { field: 'Idempotency-Key' },
    );
  }
}

export async function execute<
  Command extends { reason?: string; legalBasis?: string },
  Event extends DomainFact,
  State,
  Extra,
>(
  ctx: Context,
  principal: Principal,
  definition: AggregateDefinition<Command, Event, State, Extra>,
  stream: string,
  command: Command,
  context: Extra,
  expectedRevision?: number | 'no_stream',
  answersRecommendation?: string,
): Promise<ExecutedCommand<State>> {
  if (ctx.services.projector.catchingUp) {
    throw apiError(
      'SERVICE_UNAVAILABLE',
      'Los modelos de lectura se están poniendo al día con la bitácora; no se registró nada. Reintente cuando /readyz responda 200.',
      { retryable: true },
    );
  }
  // Each mutation of a request has its own key: the request's, at its place in the request.
  const idempotencyKey = ctx.idempotency
    ? scopedKey(principal.id, ctx.idempotency.key, ctx.idempotency.mutations++)
    : undefined;
  if (idempotencyKey) await checkKeyElsewhere(ctx, idempotencyKey, stream);
  const result = await handleCommand(
    ctx.services.events,
    definition,
    stream,
    command,
    {
      actor: {
        id: principal.id,
        name: principal.name,
        role: principal.role,
        entity: principal.entity,
      },
      correlationId: ctx.requestId,
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
      ...(answersRecommendation ? { answersRecommendation } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    },
    context,
  );
  const last = result.events[result.events.length - 1]!;
  const readModelsCurrent = await ctx.services.projector
    .waitFor(last.position, ctx.services.readModelWaitMs ?? READ_MODEL_WAIT_MS)
    .then(
      () => true,
      (error: unknown) => {
        ctx.logger.warn(
          { err: error, stream, eventIds: result.events.map((event) => event.id) },
          'los modelos de lectura no incluyen aún los eventos añadidos',
        );
        return false;
      },
    );
  return { ...result, readModelsCurrent };
}
