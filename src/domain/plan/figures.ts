/**
 * Everything derived from a plan's state that the CTP and control bodies read: per goal the gap
 * against its projects (Tabla 10) and its progress; per year the funds available against planned
 * investment; and which indicators Tabla 2 requires but the plan lacks.
 */
import { findIndicator, requiredIndicators } from '../catalogue/indicators';
import { fundsByYear, type YearFunds } from '../rules/funds';
import { goalGap, type GoalGap } from '../rules/goal-gap';
import { goalResources, type GoalResources } from '../rules/goal-resources';
import { goalProgress, type GoalProgress } from '../rules/progress';
import type { YearValues } from './events';
import type { PlanState, ProgressEntry } from './state';

export interface GoalFigures {
  indicator: string;
  gap: GoalGap;
  latestProgress: ProgressEntry | null;
  progress: GoalProgress | null;
  warnings: string[];
}

export interface PlanFigures {
  goals: Record<string, GoalFigures>;
  /** Tabla 11's "RECURSOS A INVERTIR" per goal (needs the whole plan: projects serve several). */
  resources: Record<string, GoalResources>;
  funds: YearFunds[];
  missingIndicators: string[];
  warnings: string[];
}

const periodOrder = (entry: ProgressEntry): number =>
  entry.period.year * 100 + (entry.period.month ?? 13);

/** The latest report of an indicator; an annual figure counts as after the months of its year. */
export function latestProgress(state: PlanState, indicator: string): ProgressEntry | null {
  // A loop rather than a list of the entries: the plans read model asks on every report.
  const entries = state.progress[indicator];
  let latest: ProgressEntry | null = null;
  for (const key in entries) {
    const entry = entries[key]!;
    if (latest === null) {
      latest = entry;
      continue;
    }
    // Stryker disable next-line EqualityOperator: `>=` is equivalent (entries are keyed by period, so no two share an order); the disable takes `<` with it, which the latest-report tests kill
    if (periodOrder(entry) > periodOrder(latest)) latest = entry;
  }
  return latest;
}

export function progressOfGoal(
  state: PlanState,
  indicatorCode: string,
  entry: ProgressEntry,
): GoalProgress | null {
  const indicator = findIndicator(indicatorCode);
  const goal = state.goals[indicatorCode];
  const baseline = state.baselines[indicatorCode];
  if (!indicator || !goal || !baseline || state.firstYear === null) return null;
  const index = entry.period.year - state.firstYear + 1;
  return goalProgress({
    direction: indicator.direction,
    baseline: baseline.value,
    targets: goal.targets,
    total: goal.total,
    measured: entry.value,
    ...(index >= 1 && index <= 4 ? { yearIndex: index } : {}),
  });
}

/** A goal's gap against its projects (Tabla 10), its progress, and what to warn about. */
export function goalFigures(state: PlanState, indicator: string): GoalFigures | null {
  const goal = state.goals[indicator];
  if (!goal) return null;
  const lines = Object.values(state.contributions).filter((c) => c.indicator === indicator);
  const gap = goalGap(indicator, goal.total, lines);
  const latest = latestProgress(state, indicator);
  const progress = latest ? progressOfGoal(state, indicator, latest) : null;
  const warnings = [
    gap.warning,
    progress?.status === 'RETROCESO' ? progress.explanation : null,
  ].filter((w): w is string => w !== null);
  return { indicator, gap, latestProgress: latest, progress, warnings };
}

export function planFigures(state: PlanState): PlanFigures {
  const goals: Record<string, GoalFigures> = {};
  const resources: Record<string, GoalResources> = {};
  for (const indicator of Object.keys(state.goals)) {
    goals[indicator] = goalFigures(state, indicator)!;
    resources[indicator] = goalResources(state, indicator);
  }
  const rows = (table: keyof PlanState['funding']): YearValues[] =>
    Object.values(state.funding[table]).map((row) => row.amounts);
  const funds =
    state.firstYear === null
      ? []
      : fundsByYear(
          state.firstYear,
          { fuentes: rows('fuentes'), usos: rows('usos'), gestion: rows('gestion') },
          Object.values(state.projects).map((p) => p.valueByYear),
        );
  const missingIndicators = requiredIndicators()
    .filter((indicator) => !state.baselines[indicator.code] || !state.goals[indicator.code])
    .map((indicator) => indicator.code);
  const warnings = [
    ...Object.values(goals).flatMap((g) => g.warnings),
    ...funds.map((f) => f.warning).filter((w): w is string => w !== null),
    ...(missingIndicators.length > 0
      ? [
          `Faltan línea base o meta para indicadores obligatorios de la Tabla 2: ${missingIndicators.join(', ')}.`,
        ]
      : []),
  ];
  return { goals, resources, funds, missingIndicators, warnings };
}
