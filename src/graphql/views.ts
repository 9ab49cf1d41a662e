/**
 * From read models to the GraphQL shapes. Pure functions: identities are masked here when the
 * caller may not see them, so no resolver can forget to.
 */
import type { AuditDocument } from '../../projections/audit';
import type { Lineage as LineageDoc } from '../../projections/envelope';
import type { GoalDocument } from '../../projections/goals';
import { findFundingRow } from '../domain/catalogue/funding';
import {
  fichaOf,
  findIndicator,
  INDICATORS,
  requirementOf,
  TABLA_2,
  type Indicator as IndicatorData,
} from '../domain/catalogue/indicators';
import type { Actor } from '../eventstore/port';
import type { Municipality as MunicipalityData } from '../domain/territory';
import { periodKey } from '../domain/plan/events';
import { goalFigures, planFigures, type GoalFigures } from '../domain/plan/figures';
import { adoptionCitation } from '../domain/plan/events';
import type { Adoption, PlanState, ProgressEntry } from '../domain/plan/state';
import { goalResources, type GoalResources } from '../domain/rules/goal-resources';
import { classifyIrca } from '../domain/rules/irca';
import type { Bitemporal } from '../queries/as-of';
import type { ActorView, Lineage, TimeView } from './types/common';
import {
  PlanStatus,
  type AdoptionType,
  type AuditEntry,
  type BaselineType,
  type ContributionType,
  type FundingRowType,
  type GoalType,
  type NeedType,
  type PlanType,
  type ProgressReportType,
  type ProjectType,
  type YearTarget,
} from './types/plan';
import type { Requirement } from './types/reference';
import { type Indicator, type Municipality } from './types/reference';

const INDICATOR_VIEWS = new Map<string, Indicator>(
  INDICATORS.map((indicator) => [indicator.code, toIndicatorView(indicator)]),
);

function toIndicatorView(indicator: IndicatorData): Indicator {
  const row = TABLA_2[indicator.type];
  const ficha = fichaOf(indicator);
  return {
    ...indicator,
    fichaText: ficha ? { title: ficha.title, rows: ficha.rows.map((row) => ({ ...row })) } : null,
    sources: [...indicator.sources],
    requirement: requirementOf(indicator) as Requirement,
    tablaDos: Object.entries(row).flatMap(([service, zones]) =>
      Object.entries(zones).map(([zone, requirement]) => ({
        service,
        zone,
        requirement: requirement as Requirement,
      })),
    ),
  };
}

export const allIndicatorViews = (): Indicator[] => [...INDICATOR_VIEWS.values()];
export const indicatorView = (code: string): Indicator => {
  const view = INDICATOR_VIEWS.get(code);
  if (!view) throw new Error(`Indicador desconocido en un modelo de lectura: ${code}`);
  return view;
};

export function municipalityView(m: MunicipalityData): Municipality {
  return {
    daneCode: m.daneCode,
    name: m.name,
    kind: m.kind,
    latitude: m.latitude,
    longitude: m.longitude,
    department: { code: m.departmentCode, name: m.department },
  };
}

export function actorView(actor: Actor, visible: boolean): ActorView {
  return {
    id: visible ? actor.id : null,
    name: visible ? actor.name : null,
    role: actor.role,
    entity: actor.entity,
  };
}

export function lineageView(
  lineage: LineageDoc | null | undefined,
  visible: boolean,
): Lineage | null {
  if (!lineage) return null;
  return {
    eventId: lineage.eventId,
    eventType: lineage.eventType,
    recordedAt: lineage.recordedAt,
    actor: actorView(lineage.actor, visible),
    reason: lineage.reason,
    legalBasis: lineage.legalBasis,
  };
}

/** The lineage an audit entry carries (as-of views take lineage from the audit trail). */
export function lineageFromAudit(entry: AuditDocument | null | undefined): LineageDoc | null {
  if (!entry) return null;
  return {
    eventId: entry._id,
    eventType: entry.eventType,
    position: entry.position,
    recordedAt: entry.recordedAt,
    actor: entry.actor,
    reason: entry.reason,
    legalBasis: entry.legalBasis,
  };
}

export function timeView(time: Bitemporal | null, now: Date): TimeView {
  return { asOf: time?.validUntil ?? null, knownAt: time?.knownAt ?? now };
}

export function progressView(entry: ProgressEntry, lineage: Lineage | null): ProgressReportType {
  const indicator = findIndicator(entry.indicator);
  return {
    indicator: entry.indicator,
    period: { year: entry.period.year, month: entry.period.month ?? null },
    value: entry.value,
    source: entry.source,
    checklist: entry.checklist,
    ircaClass: indicator?.code.includes('IRCA') ? classifyIrca(entry.value).label : null,
    lineage,
  };
}

export const planStatusOf = (adoption: Adoption | null): PlanStatus =>
  adoption ? PlanStatus.ADOPTADO : PlanStatus.BORRADOR;

/** What a goal shows that only its whole plan knows: adoption, and Tabla 11's resources. */
export interface GoalPlanFacts {
  adoption: Adoption | null;
  resources: GoalResources;
}

/** Everything a goal shows, whether it comes from the `goals` read model or an as-of state. */
export interface GoalSource {
  /** null when read from the `goals` model alone: field resolvers then load the plan. */
  planFacts: GoalPlanFacts | null;
  id: string;
  planId: string;
  daneCode: string;
  firstYear: number;
  indicator: string;
  state: Pick<GoalDocument, 'baseline' | 'goal' | 'contributions' | 'latestProgress'>;
  figures: GoalFigures;
  lineage: {
    baseline: LineageDoc | null;
    goal: LineageDoc | null;
    contributions: Record<string, LineageDoc>;
    latestProgress: LineageDoc | null;
  };
}

/** GoalType fields resolved by field resolvers (they need loaders). */
export type GoalParent = Omit<
  GoalType,
  'municipality' | 'progressReports' | 'lastChange' | 'planStatus' | 'resources'
> & {
  source: GoalSource;
  time: TimeView;
  bitemporal: Bitemporal | null;
  visible: boolean;
};

export function goalView(
  source: GoalSource,
  visible: boolean,
  time: Bitemporal | null,
  now: Date,
): GoalParent {
  const { baseline, goal, contributions, latestProgress } = source.state;
  const indicator = findIndicator(source.indicator)!;
  const sign = indicator.direction === 'up' ? 1 : -1;
  let cumulative = 0;
  const targets: YearTarget[] = (goal?.targets ?? []).map((target, index) => {
    cumulative += target;
    return {
      yearIndex: index + 1,
      year: source.firstYear + index,
      target,
      expectedLevel: Math.round(((baseline?.value ?? 0) + sign * cumulative) * 1e6) / 1e6,
    };
  });
  const baselineView: BaselineType | null = baseline
    ? {
        indicator: indicatorView(source.indicator),
        value: baseline.value,
        measuredAt: { year: baseline.measuredAt.year, month: baseline.measuredAt.month ?? null },
        source: baseline.source,
        lineage: lineageView(source.lineage.baseline, visible),
      }
    : null;
  return {
    id: source.id,
    planId: source.planId,
    indicator: indicatorView(source.indicator),
    baseline: baselineView,
    targets,
    total: goal?.total ?? 0,
    amendments: goal?.amendments ?? 0,
    contributions: contributions.map((c): ContributionType => ({
      ...c,
      lineage: lineageView(source.lineage.contributions[c.projectId], visible),
    })),
    gap: source.figures.gap,
    latestProgress: latestProgress
      ? progressView(latestProgress, lineageView(source.lineage.latestProgress, visible))
      : null,
    progress: source.figures.progress,
    warnings: source.figures.warnings,
    lineage: {
      baseline: lineageView(source.lineage.baseline, visible),
      goal: lineageView(source.lineage.goal, visible),
      latestProgress: lineageView(source.lineage.latestProgress, visible),
    },
    source,
    time: timeView(time, now),
    bitemporal: time,
    visible,
  };
}

export function goalSourceFromDocument(
  doc: GoalDocument,
  planFacts: GoalPlanFacts | null = null,
): GoalSource | null {
  if (!doc.goal || !doc.figures) return null;
  return {
    planFacts,
    id: doc._id,
    planId: doc.planId,
    daneCode: doc.daneCode,
    firstYear: doc.firstYear,
    indicator: doc.indicator,
    state: doc,
    figures: doc.figures,
    lineage: doc.lineage,
  };
}

/** Goals of a plan state, with lineage looked up by entity (`kind/key`) from the audit trail. */
export function goalSourcesFromState(
  state: PlanState,
  lineageOf: (entityKey: string) => LineageDoc | null,
): GoalSource[] {
  const goals = Object.values(state.goals).sort((a, b) => a.indicator.localeCompare(b.indicator));
  return goals.map((goal) => {
    const indicator = goal.indicator;
    const contributions = Object.values(state.contributions).filter(
      (c) => c.indicator === indicator,
    );
    const figures = goalFigures(state, indicator)!;
    const latest = figures.latestProgress;
    return {
      planFacts: { adoption: state.adoption, resources: goalResources(state, indicator) },
      id: goal.goalId,
      planId: state.planId!,
      daneCode: state.daneCode!,
      firstYear: state.firstYear!,
      indicator,
      state: {
        baseline: state.baselines[indicator] ?? null,
        goal,
        contributions,
        latestProgress: latest,
      },
      figures,
      lineage: {
        baseline: lineageOf(`baseline/${indicator}`),
        goal: lineageOf(`goal/${indicator}`),
        contributions: Object.fromEntries(
          contributions.flatMap((c) => {
            const lineage = lineageOf(`contribution/${c.projectId}|${indicator}`);
            return lineage ? [[c.projectId, lineage]] : [];
          }),
        ),
        latestProgress: latest
          ? lineageOf(`progress/${indicator}/${periodKey(latest.period)}`)
          : null,
      },
    };
  });
}

export function adoptionView(
  adoption: Adoption | null,
  lineage: Lineage | null,
): AdoptionType | null {
  return adoption ? { ...adoption, citation: adoptionCitation(adoption), lineage } : null;
}

export type PlanParent = Omit<PlanType, 'municipality' | 'goals'> & {
  daneCode: string;
  state: PlanState;
  goalSources: GoalSource[] | null;
  bitemporal: Bitemporal | null;
  visible: boolean;
};

export function planView(
  state: PlanState,
  options: {
    revision: number | null;
    time: Bitemporal | null;
    now: Date;
    visible: boolean;
    goalSources: GoalSource[] | null;
    lineageOf: (entityKey: string) => LineageDoc | null;
  },
): PlanParent {
  const figures = planFigures(state);
  const contributionsOf = (projectId: string): ContributionType[] =>
    Object.values(state.contributions)
      .filter((c) => c.projectId === projectId)
      .map((c) => ({
        ...c,
        lineage: lineageView(
          options.lineageOf(`contribution/${c.projectId}|${c.indicator}`),
          options.visible,
        ),
      }));
  return {
    id: state.planId!,
    daneCode: state.daneCode!,
    firstYear: state.firstYear!,
    lastYear: state.lastYear!,
    revision: options.revision,
    time: timeView(options.time, options.now),
    status: planStatusOf(state.adoption),
    adoption: adoptionView(
      state.adoption,
      lineageView(options.lineageOf('adoption/plan'), options.visible),
    ),
    baselines: Object.values(state.baselines).map((b) => ({
      indicator: indicatorView(b.indicator),
      value: b.value,
      measuredAt: { year: b.measuredAt.year, month: b.measuredAt.month ?? null },
      source: b.source,
      lineage: lineageView(options.lineageOf(`baseline/${b.indicator}`), options.visible),
    })),
    needs: Object.values(state.needs).map((n): NeedType => ({
      id: n.needId,
      need: n.need,
      investmentName: n.investmentName,
      estimatedValue: n.estimatedValue,
    })),
    projects: Object.values(state.projects).map((p): ProjectType => ({
      ...p,
      id: p.projectId,
      valueByYear: [...p.valueByYear],
      contributions: contributionsOf(p.projectId),
    })),
    funding: (['fuentes', 'usos', 'gestion'] as const).flatMap((table) =>
      Object.values(state.funding[table]).map((row): FundingRowType => ({
        table,
        row: row.row,
        label: findFundingRow(table, row.row)?.label ?? row.row,
        detail: row.detail,
        amounts: [...row.amounts],
        total: row.amounts.reduce((a, b) => a + b, 0),
      })),
    ),
    fundsByYear: figures.funds,
    missingIndicators: figures.missingIndicators.map(indicatorView),
    warnings: figures.warnings,
    state,
    goalSources: options.goalSources,
    bitemporal: options.time,
    visible: options.visible,
  };
}

export type AuditParent = Omit<AuditEntry, 'municipality' | 'planStatus'> & {
  daneCode: string;
  /** Log position: compared with the plan's adoption to tell draft from adopted. */
  position: number;
};

export function auditView(entry: AuditDocument, visible: boolean): AuditParent {
  return {
    id: entry._id,
    recordedAt: entry.recordedAt,
    eventType: entry.eventType,
    entityType: entry.entityType,
    entityId: entry.entityId,
    planId: entry.planId,
    goalId: entry.goalId,
    daneCode: entry.daneCode,
    position: entry.position,
    actor: actorView(entry.actor, visible),
    reason: entry.reason,
    legalBasis: entry.legalBasis,
    changes: entry.changes,
    hash: entry.hash,
  };
}
