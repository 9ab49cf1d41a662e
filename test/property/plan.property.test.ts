import fc from 'fast-check';
import { decidePlan } from '../../src/domain/plan/decide';
import { PLAN_EVENT_TYPES, type PlanEvent } from '../../src/domain/plan/events';
import { evolvePlan, foldPlan, initialPlanState } from '../../src/domain/plan/state';
import { findIndicator } from '../../src/domain/catalogue/indicators';
import { planCommandArbitrary, planCommandSequence } from '../support/arbitraries';
import { territory } from '../support/plan';
import { propertyRuns } from '../support/property-runs';

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
      propertyRuns(300),
    );
    // The generator must exercise every kind of event, not only PlanOpened (over 300 cases; the
    // few drawn under mutation testing may miss the rarest).
    if (propertyRuns(300).numRuns === 300) {
      expect([...typesSeen].sort()).toEqual([...PLAN_EVENT_TYPES].sort());
    }
  });

  it('a refused command leaves the state as it was and names the field, with a message in Spanish', () => {
    let refusals = 0;
    fc.assert(
      fc.property(planCommandSequence, planCommandArbitrary, (commands, next) => {
        const { state } = run(commands);
        const before = JSON.stringify(state);
        const decision = decidePlan(next, state, { territory });
        // The decider is pure: whatever it answers, the state it was given is untouched.
        expect(JSON.stringify(state)).toBe(before);
        if (decision.ok) {
          expect(decision.events.length).toBeGreaterThan(0);
          return;
        }
        refusals += 1;
        expect(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']).toContain(decision.error.code);
        expect(decision.error.message).toMatch(/[a-záéíóúñ]{3,}/);
        // Bad input names the field that is wrong.
        if (decision.error.code === 'BAD_USER_INPUT') {
          expect(decision.error.field).toEqual(expect.any(String));
        }
      }),
      propertyRuns(200),
    );
    expect(refusals).toBeGreaterThan(0);
  });

  it('a goal accepted by the decider keeps the indicator inside its unit range, from the baseline it met', () => {
    let goals = 0;
    fc.assert(
      fc.property(planCommandSequence, (commands) => {
        const { events } = run(commands);
        let state = initialPlanState();
        for (const event of events) {
          state = evolvePlan(state, event);
          if (event.type !== 'GoalSet' && event.type !== 'GoalAmended') continue;
          goals += 1;
          const goal = state.goals[event.data.indicator]!;
          const { unit, direction } = findIndicator(goal.indicator)!;
          const max = unit === 'porcentaje' ? 100 : unit === 'horas' ? 24 : Number.MAX_SAFE_INTEGER;
          // Each yearly target and the total are changes in the unit: never negative, never
          // beyond the unit's maximum, and the targets add up to the total.
          for (const change of [...goal.targets, goal.total]) {
            expect(change).toBeGreaterThanOrEqual(0);
            expect(change).toBeLessThanOrEqual(max);
          }
          const total = goal.targets.reduce((a, b) => a + b, 0);
          expect(Math.abs(total - goal.total)).toBeLessThan(1e-6);
          // The level the goal leads to, from the baseline in force when it was accepted, stays
          // inside the unit's range (0-100 %, 0-24 h, whole people).
          const baseline = state.baselines[goal.indicator]!.value;
          const level = baseline + (direction === 'up' ? 1 : -1) * goal.total;
          expect(level).toBeGreaterThanOrEqual(-1e-6);
          expect(level).toBeLessThanOrEqual(max + 1e-6);
        }
      }),
      propertyRuns(200),
    );
    expect(goals).toBeGreaterThan(0);
  });
});
