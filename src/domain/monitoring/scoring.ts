/**
 * The specific indicators of art. 2.1 computed from what the territorial entity reported, and
 * weighed into a risk level (arts. 3-5). Every item scores 0-100; a category is the weighted mean
 * of its items; the result is the weighted sum of the categories.
 */
import { INDICATORS } from '../catalogue/indicators';
import { latestProgress, progressOfGoal } from '../plan/figures';
import type { PlanState } from '../plan/state';
import { round6 } from '../rules/units';
import {
  CATEGORIES,
  riskLevel,
  type Methodology,
  type Category,
  type MonitoredComponent,
  type RiskLevel,
} from './methodology';

/** Values of the FUT (Formulario Único Territorial) for SGP-APSB in one vigencia, in pesos. */
export interface BudgetReport {
  /** Assigned in the vigencia's Conpes documents. */
  assignedConpes: number;
  /** Reported as incorporated in the budget (Ingresos). */
  incorporated: number;
  /** Transferred to the entity in the vigencia. */
  transferred: number;
  /** Reported as collected (recaudo efectivo). */
  collected: number;
  /** Assigned without cash movement (sin situación de fondos). */
  withoutFundsAssigned: number;
  /** Reported as collected without cash movement. */
  withoutFundsReported: number;
  finalRevenue: number;
  finalExpenditure: number;
  commitments: number;
  availableResources: number;
  /** Spending on activities outside arts. 10-11 of Ley 1176 de 2007. */
  ineligibleSpending: number;
  subsidiesCommitted: number;
  subsidiesPaid: number;
}

export interface ItemScore {
  code: string;
  score: number;
  /** Why, in words: what was compared with what. */
  explanation: string;
}

/** One peso of tolerance: FUT figures are reported in whole pesos. */
const TOLERANCE = 1;
const pass = (ok: boolean): number => (ok ? 100 : 0);
const pesos = (value: number) => value.toLocaleString('es-CO');

/** Art. 2.1.1: compliance of each budget item, computed from the reported values. */
export function budgetScores(report: BudgetReport): ItemScore[] {
  return [
    {
      code: 'INCORPORACION',
      score: pass(report.incorporated + TOLERANCE >= report.assignedConpes),
      explanation: `Incorporado ${pesos(report.incorporated)} frente a asignado por Conpes ${pesos(report.assignedConpes)}.`,
    },
    {
      code: 'RECAUDO_EFECTIVO',
      score: pass(Math.abs(report.collected - report.transferred) <= TOLERANCE),
      explanation: `Recaudo reportado ${pesos(report.collected)} frente a girado ${pesos(report.transferred)}.`,
    },
    {
      code: 'RECAUDO_SSF',
      score: pass(Math.abs(report.withoutFundsReported - report.withoutFundsAssigned) <= TOLERANCE),
      explanation: `Sin situación de fondos reportado ${pesos(report.withoutFundsReported)} frente a asignado ${pesos(report.withoutFundsAssigned)}.`,
    },
    {
      code: 'EQUILIBRIO',
      score: pass(Math.abs(report.finalRevenue - report.finalExpenditure) <= TOLERANCE),
      explanation: `Ingresos definitivos ${pesos(report.finalRevenue)} frente a gastos definitivos ${pesos(report.finalExpenditure)}.`,
    },
    {
      code: 'DEFICIT',
      score: pass(report.commitments <= report.availableResources + TOLERANCE),
      explanation: `Compromisos ${pesos(report.commitments)} frente a recursos disponibles ${pesos(report.availableResources)}.`,
    },
    {
      code: 'USO_ADECUADO',
      score: pass(report.ineligibleSpending <= TOLERANCE),
      explanation: `Gasto en actividades no previstas en los arts. 10 y 11 de la Ley 1176 de 2007: ${pesos(report.ineligibleSpending)}.`,
    },
    {
      code: 'SUBSIDIOS',
      score: pass(
        report.subsidiesCommitted > 0 &&
          report.subsidiesPaid + TOLERANCE >= report.subsidiesCommitted,
      ),
      explanation: `Subsidios comprometidos ${pesos(report.subsidiesCommitted)}, pagados ${pesos(report.subsidiesPaid)}.`,
    },
  ];
}

/**
 * Art. 2.1.3: a component's result at the end of the vigencia, from the plan's baselines, goals
 * and progress: for each of its indicators with a goal, the change achieved by that year over the
 * change the yearly targets committed by then (0-100); the component is their mean, and 0 when
 * nothing was reported (no report is no compliance).
 */
export function sectoralScore(
  plan: PlanState | null,
  year: number,
  component: MonitoredComponent,
): ItemScore {
  const codes = INDICATORS.filter((i) => i.component === component).map((i) => i.code);
  if (!plan || plan.firstYear === null) {
    return { code: component, score: 0, explanation: 'No hay plan sectorial para la vigencia.' };
  }
  const parts: number[] = [];
  for (const code of codes) {
    if (!plan.goals[code]) continue;
    const reportsUpToYear = Object.fromEntries(
      Object.entries(plan.progress[code] ?? {}).filter(([, entry]) => entry.period.year <= year),
    );
    const state = { ...plan, progress: { ...plan.progress, [code]: reportsUpToYear } };
    const latest = latestProgress(state, code);
    if (!latest) {
      parts.push(0);
      continue;
    }
    const progress = progressOfGoal(state, code, { ...latest, period: { year } });
    if (!progress) continue;
    const expected = progress.expectedPercent;
    parts.push(
      expected === null || expected === 0
        ? progress.percent > 0
          ? 100
          : 0
        : Math.min(100, (progress.percent / expected) * 100),
    );
  }
  if (parts.length === 0) {
    return {
      code: component,
      score: 0,
      explanation: 'El plan no fija metas para este componente.',
    };
  }
  // Two decimals: the inputs are percentages already rounded to six.
  const score = Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 100) / 100;
  return {
    code: component,
    score,
    explanation: `Cumplimiento medio de ${parts.length} meta(s) del componente al cierre de ${year}: ${score} %.`,
  };
}

export interface CategoryScore {
  category: Category;
  weight: number;
  score: number;
  items: ItemScore[];
}

export interface RiskScore {
  methodologyId: string;
  categories: CategoryScore[];
  /** Weighted result, 0-100. */
  total: number;
  level: RiskLevel;
  strategicFlags: string[];
  /** Art. 5: level alto, or a strategic indicator raised by the Viceministerio. */
  prioritised: boolean;
}

function weightedMean(items: readonly ItemScore[], weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  let total = 0;
  for (const item of items) {
    const weight = weights.get(item.code) ?? 0;
    sum += item.score * weight;
    total += weight;
  }
  return total === 0 ? 0 : round6(sum / total);
}

/**
 * Weighs item scores into the risk level. Sectoral items count only for the components the
 * Viceministerio selected for the year (parágrafo of 2.1.3); an empty selection means all.
 */
export function riskScore(
  methodology: Methodology,
  scores: Record<Category, ItemScore[]>,
  selectedComponents: readonly MonitoredComponent[],
  strategicFlags: readonly string[],
): RiskScore {
  const categories = CATEGORIES.map((category): CategoryScore => {
    let items = scores[category];
    if (category === 'sectoriales' && selectedComponents.length > 0) {
      items = items.filter((item) => selectedComponents.includes(item.code as MonitoredComponent));
    }
    const weights = new Map(methodology.items[category].map((item) => [item.code, item.weight]));
    return {
      category,
      weight: methodology.categoryWeights[category],
      score: weightedMean(items, weights),
      items,
    };
  });
  const total = round6(categories.reduce((sum, c) => sum + (c.score * c.weight) / 100, 0));
  const level = riskLevel(total, methodology.bands);
  return {
    methodologyId: methodology.id,
    categories,
    total,
    level,
    strategicFlags: [...strategicFlags],
    prioritised: level === 'ALTO' || strategicFlags.length > 0,
  };
}

/** Everything a vigencia's score is computed from. */
export interface VigenciaInputs {
  year: number;
  budget: BudgetReport | null;
  /** SUI administrative reports by code: filed or not. */
  administrative: Readonly<Record<string, { filed: boolean }>>;
  strategicFlags: readonly string[];
  plan: PlanState | null;
}

/** Scores one municipality's vigencia under a methodology (stored, or another to compare). */
export function scoreVigencia(
  inputs: VigenciaInputs,
  methodology: Methodology,
  selectedComponents: readonly MonitoredComponent[],
): RiskScore {
  const presupuestales = inputs.budget
    ? budgetScores(inputs.budget)
    : methodology.items.presupuestales.map((item) => ({
        code: item.code,
        score: 0,
        explanation: 'Sin reporte en el FUT.',
      }));
  const administrativos = methodology.items.administrativos.map((item) => {
    const filed = inputs.administrative[item.code]?.filed === true;
    return {
      code: item.code,
      score: filed ? 100 : 0,
      explanation: filed ? 'Reportado en el SUI.' : 'No reportado en el SUI.',
    };
  });
  const sectoriales = methodology.items.sectoriales.map((item) =>
    sectoralScore(inputs.plan, inputs.year, item.code as MonitoredComponent),
  );
  return riskScore(
    methodology,
    { presupuestales, administrativos, sectoriales },
    selectedComponents,
    inputs.strategicFlags,
  );
}

export interface CategoryDifference {
  category: Category;
  stored: number;
  recomputed: number;
  /** recomputed - stored, in points of the weighted result. */
  difference: number;
}

/** Per category, how much each contributes to the result under each methodology, and the gap. */
export function compareScores(stored: RiskScore, recomputed: RiskScore): CategoryDifference[] {
  return CATEGORIES.map((category) => {
    const contribution = (score: RiskScore) => {
      const c = score.categories.find((entry) => entry.category === category)!;
      return round6((c.score * c.weight) / 100);
    };
    const a = contribution(stored);
    const b = contribution(recomputed);
    return { category, stored: a, recomputed: b, difference: round6(b - a) };
  });
}
