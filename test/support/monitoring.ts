import { RES_449_2013, type Methodology } from '../../src/domain/monitoring/methodology';
import type { BudgetReport } from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { planOpened } from './plan';

/** FUT values that comply with every budget item of art. 2.1.1. */
export const compliantBudget: BudgetReport = {
  assignedConpes: 1_000_000_000,
  incorporated: 1_000_000_000,
  transferred: 920_000_000,
  collected: 920_000_000,
  withoutFundsAssigned: 80_000_000,
  withoutFundsReported: 80_000_000,
  finalRevenue: 1_000_000_000,
  finalExpenditure: 1_000_000_000,
  commitments: 950_000_000,
  availableResources: 1_000_000_000,
  ineligibleSpending: 0,
  subsidiesCommitted: 150_000_000,
  subsidiesPaid: 150_000_000,
};

/** Every requirement of the GES-MUN checklist met (Res. 449 de 2013, the sectoral item). */
export const gesMunChecklist = {
  fondoSolidaridad: true,
  estratificacion: true,
  equilibrioSubsidios: true,
  convenioSubsidios: true,
  acuerdoPorcentajes: true,
  subsidiosQuincePorCiento: true,
};

/** Ibagué's 2024 plan with a GES-MUN baseline (50) and goal (50 in 2024), then `events`. */
export const gesMunPlan = (...events: PlanEvent[]) =>
  foldPlan([
    planOpened,
    {
      type: 'BaselineSet',
      data: {
        indicator: 'GES-MUN',
        value: 50,
        measuredAt: { year: 2023 },
        source: 'SUI',
        previous: null,
      },
    },
    {
      type: 'GoalSet',
      data: {
        goalId: '73001-2024-GES-MUN',
        indicator: 'GES-MUN',
        targets: [50, 0, 0, 0],
        total: 50,
        previous: null,
      },
    },
    ...events,
  ] as PlanEvent[]);

/** A 2024 GES-MUN report of 100 with the given checklist (null: reported without one). */
export const gesMunReport = (checklist: typeof gesMunChecklist | null) =>
  ({
    type: 'ProgressReported',
    data: {
      indicator: 'GES-MUN',
      period: { year: 2024 },
      value: 100,
      source: 'SUI',
      checklist,
      previous: null,
    },
  }) as PlanEvent;

/** A later resolution: Res. 449's items, weighed otherwise, for the vigencias it covers. */
export const laterMethodology = (
  id: string,
  firstYear: number,
  lastYear: number | null,
): Methodology => ({
  ...RES_449_2013,
  id,
  name: `Resolución ${id}`,
  legalSource: `Resolución ${id}`,
  firstYear,
  lastYear,
  categoryWeights: { presupuestales: 20, administrativos: 30, sectoriales: 50 },
});
