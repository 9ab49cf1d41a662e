/**
 * A step of the demo: one command, issued at its instant by its actor on its stream. Every demo
 * stream (sector plans, monitoring, social plan, ...) is a list of such steps; the seed runs all
 * of them in date order, so each event's record time is the instant its step names.
 */
import {
  handleCommand,
  type AggregateDefinition,
  type DomainFact,
} from '../application/command-handler';
import type { Principal } from '../domain/access';
import type { EventStore } from '../eventstore/port';

export interface DemoStep {
  /** ISO instant (Bogotá offset) at which the command is issued. */
  at: string;
  /** Appends the step's events; returns how many. */
  run(events: EventStore, correlationId: string): Promise<number>;
}

/** A step that sends `command` to the aggregate of `stream` as `actor`. */
export function commandStep<
  Command extends { reason?: string; legalBasis?: string },
  Event extends DomainFact,
  State,
  Context,
>(
  at: string,
  definition: AggregateDefinition<Command, Event, State, Context>,
  stream: string,
  command: Command,
  actor: Principal,
  context: Context,
): DemoStep {
  return {
    at,
    run: async (events, correlationId) => {
      const result = await handleCommand(
        events,
        definition,
        stream,
        command,
        { actor, correlationId },
        context,
      );
      return result.events.length;
    },
  };
}
