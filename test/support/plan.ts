import type { PlanCommand } from '../../src/domain/plan/commands';
import { decidePlan, type Decision } from '../../src/domain/plan/decide';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { loadDivipola } from '../../src/reference/divipola';

export const territory = loadDivipola();

/** Given events / when command / then events (or error). */
export function given(...history: PlanEvent[]) {
  const state = foldPlan(history);
  return {
    state,
    when(command: PlanCommand) {
      const decision: Decision = decidePlan(command, state, { territory });
      return {
        decision,
        then(expected: PlanEvent[]): void {
          if (!decision.ok)
            throw new Error(`se esperaban eventos y se obtuvo: ${decision.error.message}`);
          expect(decision.events).toEqual(expected);
        },
        thenError(code: string, field: string | null, message?: RegExp): void {
          if (decision.ok) {
            throw new Error(`se esperaba un error y se obtuvo: ${JSON.stringify(decision.events)}`);
          }
          expect(decision.error.code).toBe(code);
          expect(decision.error.field).toBe(field);
          if (message) expect(decision.error.message).toMatch(message);
        },
      };
    },
  };
}

// Ibagué (Tolima), cuatrienio 2024-2027.
export const planOpened: PlanEvent = {
  type: 'PlanOpened',
  data: {
    planId: 'plan-73001-2024',
    daneCode: '73001',
    municipality: 'IBAGUÉ',
    departmentCode: '73',
    department: 'TOLIMA',
    firstYear: 2024,
    lastYear: 2027,
  },
};

export const baselineAcueductoUrbano: PlanEvent = {
  type: 'BaselineSet',
  data: {
    indicator: 'ACU-COB-URB',
    value: 12_000,
    measuredAt: { year: 2023 },
    source: 'SUI',
    previous: null,
  },
};

export const goalAcueductoUrbano: PlanEvent = {
  type: 'GoalSet',
  data: {
    goalId: '73001-2024-ACU-COB-URB',
    indicator: 'ACU-COB-URB',
    targets: [1_000, 2_000, 2_000, 1_000],
    total: 6_000,
  },
};

export const projectOwn: PlanEvent = {
  type: 'ProjectRegistered',
  data: {
    projectId: 'P-001',
    kind: 'propio',
    name: 'Ampliación red de acueducto barrio El Salado',
    needId: null,
    valueByYear: [500_000_000, 1_500_000_000, 0, 0],
    estimatedValue: 2_000_000_000,
    endDate: null,
    fundingSources: [],
    executor: null,
    executorDetail: null,
  },
};

/** Baseline 72.5 % untreated (Tabla 7: 27,5 % treated in 2010), goal down to 64 % (36 % treated). */
export const baselineAguasNoTratadas: PlanEvent = {
  type: 'BaselineSet',
  data: {
    indicator: 'ALC-NOTRAT-URB',
    value: 72.5,
    measuredAt: { year: 2023 },
    source: 'PSMV',
    previous: null,
  },
};

export const goalAguasNoTratadas: PlanEvent = {
  type: 'GoalSet',
  data: {
    goalId: '73001-2024-ALC-NOTRAT-URB',
    indicator: 'ALC-NOTRAT-URB',
    targets: [1.5, 2.5, 2.5, 2],
    total: 8.5,
  },
};
