/**
 * How every mutation runs its command, once authorized: as the token's actor, with the request id
 * as correlation, at the caller's expected revision if given, citing the CTP recommendation it
 * answers if any; then it waits until the read models
 * include the new events, so the mutation can return what it changed (read your own write).
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
import type { Principal } from '../domain/access';
import type { Context } from './context';
import { apiError } from './errors';

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
): Promise<CommandResult<State>> {
  if (ctx.services.projector.catchingUp) {
    throw apiError(
      'SERVICE_UNAVAILABLE',
      'Los modelos de lectura se están poniendo al día con la bitácora; no se registró nada. Reintente cuando /readyz responda 200.',
      { retryable: true },
    );
  }
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
    },
    context,
  );
  await ctx.services.projector.waitFor(result.events[result.events.length - 1]!.position, 10_000);
  return result;
}
