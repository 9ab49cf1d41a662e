import type { PlanCommand } from './commands';
import { decidePlan, type PlanContext } from './decide';
import { isPlanEvent, type PlanEvent } from './events';
import { evolvePlan, initialPlanState, type PlanState } from './state';

/** The sector plan as one definition: what the command handler needs to run its commands. */
export const sectorPlan = {
  initialState: initialPlanState,
  evolve: evolvePlan,
  decide: decidePlan,
  isEvent: isPlanEvent,
} satisfies {
  initialState(): PlanState;
  evolve(state: PlanState, event: PlanEvent): PlanState;
  decide(
    command: PlanCommand,
    state: PlanState,
    context: PlanContext,
  ): ReturnType<typeof decidePlan>;
  isEvent(fact: { type: string }): fact is PlanEvent;
};
