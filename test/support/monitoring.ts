import type { BudgetReport } from '../../src/domain/monitoring/scoring';

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
