/**
 * The specific indicators of art. 2.1 computed from what the territorial entity reported, and
 * weighed into a risk level (arts. 3-5). Every item scores 0-100; a category is the weighted mean
 * of its items; the result is the weighted sum of the categories.
 *
 * Item scores do not depend on the methodology (`vigenciaItems`); the methodology only picks and
 * weighs them (`riskScore`). So a score kept in a read model can be recomputed under another
 * methodology from the same items.
 */
import { INDICATORS } from '../catalogue/indicators';
import type { PlanState, ProgressEntry } from '../plan/state';
import { municipalManagementScore, subsidyMinimumMet } from '../rules/municipal-management';
import { progressNumbers } from '../rules/progress';
import { round6 } from '../rules/units';
import { budgetScoreNumbers, budgetScores, type BudgetReport, type ItemScore } from './budget';
import {
  CATEGORIES,
  MONITORED_COMPONENTS,
  riskLevel,
  type Category,
  type Methodology,
  type MonitoredComponent,
  type RiskLevel,
} from './methodology';
import { ADMINISTRATIVE_REPORTS, BUDGET_ITEMS } from './items';

export { budgetScores, type BudgetReport, type ItemScore };

/**
 * How the sectoral component is scored: the resolution (2.1.3) says the results are verified
 * "teniendo en cuenta la línea base y las metas al final de la vigencia objeto de monitoreo" but
 * gives no formula. This is the implementation's reading, stated on every sectoral item.
 */
export const SECTORAL_READING =
  'Lectura de la implementación (la Res. 449 de 2013, 2.1.3, no da fórmula): por cada meta del componente, el avance logrado al cierre de la vigencia sobre el avance que las metas anuales programaban hasta ese año, acotado a 100; una meta sin avance programado a esa vigencia cumple (100) salvo que el indicador haya retrocedido frente a la línea base; si había avance programado y no hay reporte, 0. El componente es el promedio de sus metas.';

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/** GES-MUN's latest report with requirement 6 checked against the FUT of the same vigencia. */
function withFutSubsidies(
  entry: ProgressEntry,
  year: number,
  budget: BudgetReport | null,
  explain: boolean,
): { entry: ProgressEntry; note: string | null } {
  // Stryker disable next-line ObjectLiteral: {} reads as no correction (entry falls back to the report, no note)
  if (!budget || !entry.checklist || entry.period.year !== year) return { entry, note: null };
  const fut = subsidyMinimumMet(budget);
  if (fut.met === entry.checklist.subsidiosQuincePorCiento) {
    return { entry, note: explain ? fut.explanation : null };
  }
  const checklist = { ...entry.checklist, subsidiosQuincePorCiento: fut.met };
  const value = municipalManagementScore(checklist).percent;
  return {
    entry: { ...entry, checklist, value },
    note: explain
      ? `${fut.explanation} El municipio declaró lo contrario; se usa el FUT: ${value} % en lugar de ${entry.value} %.`
      : null,
  };
}

/** The indicators of each monitored component, once. */
const BY_COMPONENT = new Map(
  MONITORED_COMPONENTS.map((component) => [
    component,
    INDICATORS.filter((indicator) => indicator.component === component),
  ]),
);

const periodOrder = (entry: ProgressEntry) => entry.period.year * 100 + (entry.period.month ?? 13);

/** The latest report of an indicator for a period of `year` or before (a year after its months). */
export function latestUpTo(
  reports: Readonly<Record<string, ProgressEntry>> | undefined,
  year: number,
): ProgressEntry | null {
  let latest: ProgressEntry | null = null;
  for (const key in reports) {
    const entry = reports[key]!;
    if (entry.period.year > year) continue;
    // Stryker disable next-line EqualityOperator: reports are keyed by period, so two never share an order
    if (latest === null || periodOrder(entry) > periodOrder(latest)) latest = entry;
  }
  return latest;
}

export interface ScoringOptions {
  /** With the wording of each item (`explanation`); without it, '' (only the scores). */
  explain: boolean;
  /**
   * How the latest report of `year` or before is found (`latestUpTo` unless given): a read model
   * that keeps the reports indexed gives its own, which must give the same report.
   */
  latestUpTo?: typeof latestUpTo;
}

/**
 * Art. 2.1.3: a component's result at the end of the vigencia from the plan's baselines, goals and
 * progress, read as `SECTORAL_READING` states. `budget` is the FUT of the vigencia, if recorded:
 * GES-MUN's requirement 6 (15 % for subsidies) is checked against it. `explain: false` computes
 * the score alone (the risk read model recomputes it on every report).
 */
export function sectoralScore(
  plan: PlanState | null,
  year: number,
  component: MonitoredComponent,
  budget: BudgetReport | null = null,
  options: ScoringOptions = { explain: true },
): ItemScore {
  const { explain } = options;
  const latestOf = options.latestUpTo ?? latestUpTo;
  if (!plan || plan.firstYear === null) {
    return { code: component, score: 0, explanation: 'No hay plan sectorial para la vigencia.' };
  }
  const index = Math.min(4, Math.max(0, year - plan.firstYear + 1));
  let sum = 0;
  let goals = 0;
  const details: string[] = [];
  // Stryker disable next-line ArrayDeclaration: BY_COMPONENT has every monitored component; the fallback never runs
  for (const indicator of BY_COMPONENT.get(component) ?? []) {
    const { code } = indicator;
    const goal = plan.goals[code];
    if (!goal) continue;
    goals += 1;
    const reported = latestOf(plan.progress[code], year);
    const checked =
      reported && code === 'GES-MUN' ? withFutSubsidies(reported, year, budget, explain) : null;
    const latest = checked?.entry ?? reported;
    const baseline = plan.baselines[code];
    let due = 0;
    for (let i = 0; i < index; i++) due += goal.targets[i]!;
    due = round6(due);
    const progress =
      latest && baseline
        ? progressNumbers({
            direction: indicator.direction,
            baseline: baseline.value,
            targets: goal.targets,
            total: goal.total,
            measured: latest.value,
            // Stryker disable next-line ConditionalExpression: index 0 means nothing due, a branch that reads only rawPercent
            ...(index >= 1 ? { yearIndex: index } : {}),
          })
        : null;
    let part: number;
    if (due === 0) {
      const regressed = progress !== null && progress.rawPercent < 0;
      part = regressed ? 0 : 100;
      // Stryker disable next-line ConditionalExpression: without explain the details are dropped (explanation '')
      if (explain)
        details.push(
          regressed
            ? `${code}: nada programado a ${year}, pero retrocedió de ${baseline!.value} a ${latest!.value}: 0.`
            : `${code}: nada programado a ${year} (metas ${goal.targets.join(', ')}): cumple, 100.`,
        );
    } else if (!progress) {
      part = 0;
      // Stryker disable next-line ConditionalExpression: without explain the details are dropped (explanation '')
      if (explain) details.push(`${code}: ${due} programado a ${year} y sin reporte: 0.`);
    } else {
      part = Math.min(100, (progress.percent / progress.expectedPercent!) * 100);
      // Stryker disable next-line ConditionalExpression: without explain the details are dropped (explanation '')
      if (explain) {
        // The change itself, not rawPercent × total: that one carries rawPercent's rounding.
        details.push(
          `${code}: logrado ${progress.achieved} de ${due} programado a ${year}: ${twoDecimals(part)}.`,
        );
      }
    }
    if (checked?.note) details.push(checked.note);
    sum += part;
  }
  if (goals === 0) {
    return {
      code: component,
      score: 0,
      explanation: 'El plan no fija metas para este componente.',
    };
  }
  // Two decimals: the inputs are percentages already rounded to six.
  const score = twoDecimals(sum / goals);
  if (!explain) return { code: component, score, explanation: '' };
  return {
    code: component,
    score,
    explanation: `Cumplimiento medio de ${goals} meta(s) del componente al cierre de ${year}: ${score} %. ${details.join(' ')} ${SECTORAL_READING}`,
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

/** Every item a vigencia's score can draw on, whatever the methodology. */
export type VigenciaItems = Record<Category, ItemScore[]>;

function weightedMean(items: readonly ItemScore[], weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  let total = 0;
  for (const item of items) {
    if (item.exempt) continue;
    const weight = weights.get(item.code) ?? 0;
    sum += item.score * weight;
    total += weight;
  }
  return total === 0 ? 0 : round6(sum / total);
}

/**
 * Weighs item scores into the risk level. Each item the methodology names is taken from `items`
 * (scored 0 when there is none); an exempt item is left out of its category. Sectoral items count
 * only for the components the Viceministerio selected for the year (parágrafo of 2.1.3); an
 * empty selection means all.
 */
export function riskScore(
  methodology: Methodology,
  items: VigenciaItems,
  selectedComponents: readonly MonitoredComponent[],
  strategicFlags: readonly string[],
): RiskScore {
  const categories = CATEGORIES.map((category): CategoryScore => {
    const byCode = new Map(items[category].map((item) => [item.code, item]));
    let named = methodology.items[category].map(
      (item): ItemScore =>
        byCode.get(item.code) ?? { code: item.code, score: 0, explanation: 'Sin dato.' },
    );
    if (category === 'sectoriales' && selectedComponents.length > 0) {
      named = named.filter((item) => selectedComponents.includes(item.code as MonitoredComponent));
    }
    const weights = new Map(methodology.items[category].map((item) => [item.code, item.weight]));
    return {
      category,
      weight: methodology.categoryWeights[category],
      score: weightedMean(named, weights),
      items: named,
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
  /** 2.1.2 a): a direct provider not decertified need not report the subsidy contract. */
  exemptFromSubsidyContract: boolean;
  strategicFlags: readonly string[];
  plan: PlanState | null;
}

const EXEMPTION =
  'Exento (2.1.2 a): el municipio es prestador directo y no ha sido descertificado; la resolución exceptúa este reporte "en el caso que el municipio o distrito sea prestador directo en los términos del artículo 15 de la Ley 142 de 1994 y no haya sido objeto de descertificación por parte de la Superintendencia de Servicios Públicos Domiciliarios". No cuenta en la categoría.';

/** The administrative items (2.1.2): filed in the SUI or not; a) exempt for a direct provider. */
export function administrativeItems(
  inputs: Pick<VigenciaInputs, 'administrative' | 'exemptFromSubsidyContract'>,
): ItemScore[] {
  return ADMINISTRATIVE_REPORTS.map((code): ItemScore => {
    if (code === 'SUI_CONTRATO_SUBSIDIOS' && inputs.exemptFromSubsidyContract) {
      return { code, score: 0, explanation: EXEMPTION, exempt: true };
    }
    const filed = inputs.administrative[code]?.filed === true;
    return {
      code,
      score: filed ? 100 : 0,
      explanation: filed ? 'Reportado en el SUI.' : 'No reportado en el SUI.',
    };
  });
}

/** Every item of a vigencia, methodology-independent; `explain: false` skips the wording. */
export function vigenciaItems(
  inputs: VigenciaInputs,
  options: { explain: boolean } = { explain: true },
): VigenciaItems {
  const presupuestales = inputs.budget
    ? budgetScores(inputs.budget)
    : BUDGET_ITEMS.map((code) => ({ code, score: 0, explanation: 'Sin reporte en el FUT.' }));
  return {
    presupuestales,
    administrativos: administrativeItems(inputs),
    sectoriales: MONITORED_COMPONENTS.map((component) =>
      sectoralScore(inputs.plan, inputs.year, component, inputs.budget, options),
    ),
  };
}

/**
 * Item scores as numbers only, in a fixed order (`BUDGET_ITEMS`, `ADMINISTRATIVE_REPORTS`,
 * `MONITORED_COMPONENTS`; an exempt item is -1): what a read model keeps per version so that any
 * methodology can weigh them again later.
 */
export interface CompactItems {
  presupuestales: number[];
  administrativos: number[];
  sectoriales: number[];
}

const ORDER: Record<Category, readonly string[]> = {
  presupuestales: BUDGET_ITEMS,
  administrativos: ADMINISTRATIVE_REPORTS,
  sectoriales: MONITORED_COMPONENTS,
};

export function compactItems(items: VigenciaItems): CompactItems {
  const pick = (category: Category) => {
    const byCode = new Map(items[category].map((item) => [item.code, item]));
    return ORDER[category].map((code) => {
      const item = byCode.get(code);
      return item?.exempt ? -1 : (item?.score ?? 0);
    });
  };
  return {
    presupuestales: pick('presupuestales'),
    administrativos: pick('administrativos'),
    sectoriales: pick('sectoriales'),
  };
}

const NO_BUDGET = Object.freeze(BUDGET_ITEMS.map(() => 0));

/**
 * `compactItems(vigenciaItems(inputs))` without building the items and their wording: what the
 * risk read model computes whenever every item of a vigencia is scored afresh (`latestOf`: how the
 * sectoral items find the latest reports, see `ScoringOptions`).
 */
export function compactVigenciaItems(
  inputs: VigenciaInputs,
  latestOf: typeof latestUpTo = latestUpTo,
): CompactItems {
  const options: ScoringOptions = { explain: false, latestUpTo: latestOf };
  return {
    presupuestales: inputs.budget
      ? budgetScoreNumbers(inputs.budget, BUDGET_ITEMS)
      : [...NO_BUDGET],
    administrativos: administrativeItems(inputs).map((item) => (item.exempt ? -1 : item.score)),
    sectoriales: MONITORED_COMPONENTS.map(
      (component) =>
        sectoralScore(inputs.plan, inputs.year, component, inputs.budget, options).score,
    ),
  };
}

/** Where each methodology item's score sits in `CompactItems`, per methodology (cached). */
const positions = new WeakMap<Methodology, Record<Category, number[]>>();
function positionsOf(methodology: Methodology): Record<Category, number[]> {
  let found = positions.get(methodology);
  // Stryker disable next-line ConditionalExpression: a cache; recomputing the positions gives the same
  if (!found) {
    found = {
      presupuestales: methodology.items.presupuestales.map((i) => BUDGET_ITEMS.indexOf(i.code)),
      administrativos: methodology.items.administrativos.map((i) =>
        ADMINISTRATIVE_REPORTS.indexOf(i.code),
      ),
      sectoriales: methodology.items.sectoriales.map((i) =>
        MONITORED_COMPONENTS.indexOf(i.code as MonitoredComponent),
      ),
    };
    positions.set(methodology, found);
  }
  return found;
}

export interface WeighedScore {
  /** Category scores in CATEGORIES order. */
  categories: number[];
  total: number;
  level: RiskLevel;
  prioritised: boolean;
}

/**
 * `riskScore` on compact item scores, with the same arithmetic and no item objects: what the
 * risk read model computes on every change, and the map on every entity.
 */
export function weighCompact(
  methodology: Methodology,
  items: CompactItems,
  selectedComponents: readonly MonitoredComponent[],
  strategicFlags: readonly string[],
): WeighedScore {
  const at = positionsOf(methodology);
  const categories = CATEGORIES.map((category) => {
    const listed = methodology.items[category];
    let sum = 0;
    let weights = 0;
    for (let i = 0; i < listed.length; i++) {
      const item = listed[i]!;
      if (
        category === 'sectoriales' &&
        selectedComponents.length > 0 &&
        !selectedComponents.includes(item.code as MonitoredComponent)
      ) {
        continue;
      }
      const position = at[category][i]!;
      const score = position < 0 ? 0 : items[category][position]!;
      if (score < 0) continue; // exempt
      sum += score * item.weight;
      weights += item.weight;
    }
    return weights === 0 ? 0 : round6(sum / weights);
  });
  let total = 0;
  CATEGORIES.forEach((category, index) => {
    total += (categories[index]! * methodology.categoryWeights[category]) / 100;
  });
  total = round6(total);
  const level = riskLevel(total, methodology.bands);
  return {
    categories,
    total,
    level,
    prioritised: level === 'ALTO' || strategicFlags.length > 0,
  };
}

/** Scores one municipality's vigencia under a methodology (in force, or another to compare). */
export function scoreVigencia(
  inputs: VigenciaInputs,
  methodology: Methodology,
  selectedComponents: readonly MonitoredComponent[],
): RiskScore {
  return riskScore(methodology, vigenciaItems(inputs), selectedComponents, inputs.strategicFlags);
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
