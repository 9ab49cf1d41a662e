import type { PlanCommand } from '../../src/domain/plan/commands';
import { decidePlan, type Decision } from '../../src/domain/plan/decide';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
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
    previous: null,
  },
};

/** The concejo's acuerdo adopting the development plan, and with it the sector plan. */
export const planAdopted: PlanEvent = {
  type: 'PlanAdopted',
  data: { act: 'ACUERDO', number: '012', date: '2024-05-31' },
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

/**
 * Ficha 4.2.8 as Tabla 7 states it: "PORCENTAJE DE AGUAS RESIDUALES URBANAS TRATADAS (Base 2010,
 * 27,5%)" with a goal of "36%", i.e. 27.5 % treated, 8.5 points more over the period.
 */
export const baselineAguasTratadas: PlanEvent = {
  type: 'BaselineSet',
  data: {
    indicator: 'ALC-TRAT-URB',
    value: 27.5,
    measuredAt: { year: 2023 },
    source: 'PSMV',
    previous: null,
  },
};

export const goalAguasTratadas: PlanEvent = {
  type: 'GoalSet',
  data: {
    goalId: '73001-2024-ALC-TRAT-URB',
    indicator: 'ALC-TRAT-URB',
    targets: [1.5, 2.5, 2.5, 2],
    total: 8.5,
    previous: null,
  },
};

/** A progress report of an indicator for a period (a year, or a month of it), from the SUI. */
export const progressReported = (
  indicator: string,
  value: number,
  period: { year: number; month?: number },
): PlanEvent => ({
  type: 'ProgressReported',
  data: { indicator, period, value, source: 'SUI', checklist: null, previous: null },
});

/**
 * A plan event as the log records it in the stream of Ibagué's 2024 plan, by Ana Gómez (with the
 * reason she gave, if any).
 */
export function recordedPlanEvent(
  event: PlanEvent,
  place: { revision: number; position: number; recordedAt: Date },
  reason?: string,
): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(place.position).padStart(12, '0')}`,
    type: event.type,
    data: event.data as unknown as RecordedEvent['data'],
    metadata: {
      actor: { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' },
      correlationId: 'c',
      schemaVersion: 2,
      issuedAt: '2024-03-01T10:00:00.000Z',
      ...(reason === undefined ? {} : { reason }),
    },
    stream: 'plan-73001-2024',
    prevHash: null,
    hash: 'h',
    ...place,
  };
}
