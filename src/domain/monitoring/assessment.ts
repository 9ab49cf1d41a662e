/**
 * A vigencia's SGP-APSB assessment: its inputs, the methodology that applies (and whether it is in
 * force), the item scores and the weighted risk score. The one function both the risk read model
 * (`projections/risk-scores.ts`) and the on-read query (`src/queries/risk.ts`) use.
 */
import type { PlanState } from '../plan/state';
import {
  methodologyFor,
  type AppliedMethodology,
  type Methodology,
  type MonitoredComponent,
} from './methodology';
import { exemptFromSubsidyContract, type MonitoringState } from './monitoring';
import {
  riskScore,
  vigenciaItems,
  type RiskScore,
  type VigenciaInputs,
  type VigenciaItems,
} from './scoring';

export interface Assessment {
  applied: AppliedMethodology;
  components: readonly MonitoredComponent[];
  items: VigenciaItems;
  score: RiskScore;
}

/** What a vigencia is scored on, from the monitoring inputs recorded and the plan's state. */
export function vigenciaInputs(
  year: number,
  monitoring: MonitoringState,
  plan: PlanState | null,
): VigenciaInputs {
  return {
    year,
    budget: monitoring.budget,
    administrative: monitoring.administrative,
    exemptFromSubsidyContract: exemptFromSubsidyContract(monitoring.directProvider),
    strategicFlags: monitoring.strategicFlags,
    plan,
  };
}

export function assessVigencia(
  inputs: VigenciaInputs,
  recorded: readonly Methodology[],
  components: readonly MonitoredComponent[],
): Assessment {
  const applied = methodologyFor(inputs.year, recorded);
  const items = vigenciaItems(inputs);
  return {
    applied,
    components,
    items,
    score: riskScore(applied.methodology, items, components, inputs.strategicFlags),
  };
}
