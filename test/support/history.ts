import { CommandRejected, handleCommand } from '../../src/application/command-handler';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import type { PlanCommand } from '../../src/domain/plan/commands';
import { planStreamId } from '../../src/domain/plan/events';
import type { EventStore, RecordedEvent } from '../../src/eventstore/port';
import type { ReadStore, ReadDocument } from '../../src/readstore/port';
import type { TestClock } from './clock';
import { territory } from './plan';

export const planner = { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' };

/**
 * Sends commands to a plan as a planner would. A command the rules refuse (CommandRejected) is
 * counted and the next one sent; anything else thrown is a bug and fails the test.
 */
export async function drive(
  store: EventStore,
  clock: TestClock,
  steps: ReadonlyArray<{ command: PlanCommand; advanceMs: number; daneCode?: string }>,
): Promise<{ accepted: number; refused: number }> {
  let accepted = 0;
  let refused = 0;
  for (const [index, { command, advanceMs, daneCode = '73001' }] of steps.entries()) {
    clock.advance(advanceMs);
    const stream = planStreamId(daneCode, 2024);
    const addressed = command.type === 'OpenPlan' ? { ...command, daneCode } : command;
    try {
      await handleCommand(
        store,
        sectorPlan,
        stream,
        addressed,
        { actor: planner, correlationId: `c${index}` },
        { territory },
      );
      accepted += 1;
    } catch (error) {
      if (!(error instanceof CommandRejected)) throw error;
      refused += 1;
    }
  }
  return { accepted, refused };
}

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** Every document of the given collections, sorted by id: to compare two read stores. */
export async function dump(
  store: ReadStore,
  collections: readonly string[],
): Promise<Record<string, ReadDocument[]>> {
  const result: Record<string, ReadDocument[]> = {};
  for (const name of collections) {
    result[name] = (await store.collection(name).find({}, { sort: { _id: 1 } })).map(
      (d) => JSON.parse(JSON.stringify(d)) as ReadDocument,
    );
  }
  return result;
}
