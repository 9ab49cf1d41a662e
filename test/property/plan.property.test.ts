import fc from 'fast-check';
import { decidePlan } from '../../src/domain/plan/decide';
import { PLAN_EVENT_TYPES, type PlanEvent } from '../../src/domain/plan/events';
import { evolvePlan, foldPlan, initialPlanState } from '../../src/domain/plan/state';
import { planCommandSequence } from '../support/arbitraries';
import { territory } from '../support/plan';

/** Runs commands through the decider, keeping the accepted events, as the command handler does. */
function run(commands: Parameters<typeof decidePlan>[0][]) {
  let state = initialPlanState();
  const events: PlanEvent[] = [];
  for (const command of commands) {
    const decision = decidePlan(command, state, { territory });
    if (!decision.ok) continue;
    for (const event of decision.events) {
      state = evolvePlan(state, event);
      events.push(event);
    }
  }
  return { state, events };
}

describe('sector plan properties', () => {
  it('evolve never throws on the events of any command sequence, and replay gives the same state', () => {
    const typesSeen = new Set<string>();
    fc.assert(
      fc.property(planCommandSequence, (commands) => {
        const { state, events } = run(commands);
        for (const event of events) typesSeen.add(event.type);
        expect(foldPlan(events)).toEqual(state);
        expect(foldPlan(JSON.parse(JSON.stringify(events)) as PlanEvent[])).toEqual(state);
      }),
      { numRuns: 300 },
    );
    // The generator must exercise every kind of event, not only PlanOpened.
    expect([...typesSeen].sort()).toEqual([...PLAN_EVENT_TYPES].sort());
  });

  it('the decider never throws anything but a decision, whatever the command', () => {
    fc.assert(
      fc.property(planCommandSequence, (commands) => {
        expect(() => run(commands)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('a goal accepted by the decider always keeps the indicator inside its unit range', () => {
    fc.assert(
      fc.property(planCommandSequence, (commands) => {
        const { state } = run(commands);
        for (const goal of Object.values(state.goals)) {
          const total = goal.targets.reduce((a, b) => a + b, 0);
          expect(Math.abs(total - goal.total)).toBeLessThan(1e-6);
          expect(state.baselines[goal.indicator]).toBeDefined();
        }
      }),
      { numRuns: 200 },
    );
  });
});
