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
import { adoptionCitation, periodKey } from '../domain/plan/events';
import { planFigures, type GoalFigures, type PlanFigures } from '../domain/plan/figures';
import type { Adoption, PlanState, ProgressEntry } from '../domain/plan/state';
import type { GoalResources } from '../domain/rules/goal-resources';
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
  /** The goal's latest audit entry, when a read model knows it (current goals). */
  lastEventId?: string | null;
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

/**
 * A goal as GraphQL shows it. A nested list asks a few fields of thousands of goals: the fields
 * that take work are getters on the prototype, computed only when a query asks for them.
 */
class GoalView {
  readonly id: string;
  readonly planId: string;
  readonly total: number;
  readonly amendments: number;
  readonly time: TimeView;

  constructor(
    readonly source: GoalSource,
    readonly visible: boolean,
    readonly bitemporal: Bitemporal | null,
    now: Date,
  ) {
    this.id = source.id;
    this.planId = source.planId;
    this.total = source.state.goal?.total ?? 0;
    this.amendments = source.state.goal?.amendments ?? 0;
    this.time = timeView(bitemporal, now);
  }

  get indicator(): Indicator {
    return indicatorView(this.source.indicator);
  }

  get baseline(): BaselineType | null {
    const { source, visible } = this;
    const baseline = source.state.baseline;
    return baseline
      ? {
          indicator: indicatorView(source.indicator),
          value: baseline.value,
          measuredAt: { year: baseline.measuredAt.year, month: baseline.measuredAt.month ?? null },
          source: baseline.source,
          lineage: lineageView(source.lineage.baseline, visible),
        }
      : null;
  }

  get targets(): YearTarget[] {
    const { source } = this;
    const indicator = findIndicator(source.indicator)!;
    const sign = indicator.direction === 'up' ? 1 : -1;
    const base = source.state.baseline?.value ?? 0;
    let cumulative = 0;
    return (source.state.goal?.targets ?? []).map((target, index) => {
      cumulative += target;
      return {
        yearIndex: index + 1,
        year: source.firstYear + index,
        target,
        expectedLevel: Math.round((base + sign * cumulative) * 1e6) / 1e6,
      };
    });
  }

  get contributions(): ContributionType[] {
    const { source, visible } = this;
    return source.state.contributions.map((c) => ({
      ...c,
      lineage: lineageView(source.lineage.contributions[c.projectId], visible),
    }));
  }

  get gap() {
    return this.source.figures.gap;
  }

  get latestProgress() {
    const latest = this.source.state.latestProgress;
    return latest
      ? progressView(latest, lineageView(this.source.lineage.latestProgress, this.visible))
      : null;
  }

  get progress() {
    return this.source.figures.progress;
  }

  get warnings() {
    return this.source.figures.warnings;
  }

  get lineage() {
    const { lineage } = this.source;
    return {
      baseline: lineageView(lineage.baseline, this.visible),
      goal: lineageView(lineage.goal, this.visible),
      latestProgress: lineageView(lineage.latestProgress, this.visible),
    };
  }
}

export function goalView(
  source: GoalSource,
  visible: boolean,
  time: Bitemporal | null,
  now: Date,
): GoalParent {
  return new GoalView(source, visible, time, now);
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
    lastEventId: doc.lastEventId ?? null,
  };
}

const figuresByState = new WeakMap<PlanState, PlanFigures>();

/**
 * A plan state's figures, once per state object: an as-of state is shared by the requests that ask
 * for the same plan at the same time (`planAtTime` keeps its folds), and no state is ever changed.
 */
function figuresOf(state: PlanState): PlanFigures {
  let figures = figuresByState.get(state);
  if (!figures) figuresByState.set(state, (figures = planFigures(state)));
  return figures;
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
    const ofPlan = figuresOf(state);
    const figures = ofPlan.goals[indicator]!;
    const latest = figures.latestProgress;
    return {
      planFacts: { adoption: state.adoption, resources: ofPlan.resources[indicator]! },
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
    /** The plan's own figures when a read model has them already (current plans). */
    figures?: Omit<PlanFigures, 'goals'> | null;
  },
): PlanParent {
  let computed: Omit<PlanFigures, 'goals'> | null = options.figures ?? null;
  // Methods, not arrow functions bound to names: under tsx (esbuild's keepNames) each named
  // closure costs a defineProperty call, and a nested list builds this view for every plan.
  const lazy = {
    figures() {
      return (computed ??= figuresOf(state));
    },
    contributionsOf(projectId: string): ContributionType[] {
      return Object.values(state.contributions)
        .filter((c) => c.projectId === projectId)
        .map((c) => ({
          ...c,
          lineage: lineageView(
            options.lineageOf(`contribution/${c.projectId}|${c.indicator}`),
            options.visible,
          ),
        }));
    },
  };
  // Lists and figures are built only when the query asks for them (nested lists of plans).
  return {
    id: state.planId!,
    daneCode: state.daneCode!,
    firstYear: state.firstYear!,
    lastYear: state.lastYear!,
    revision: options.revision,
    time: timeView(options.time, options.now),
    status: planStatusOf(state.adoption),
    get adoption() {
      return adoptionView(
        state.adoption,
        lineageView(options.lineageOf('adoption/plan'), options.visible),
      );
    },
    get baselines() {
      return Object.values(state.baselines).map((b) => ({
        indicator: indicatorView(b.indicator),
        value: b.value,
        measuredAt: { year: b.measuredAt.year, month: b.measuredAt.month ?? null },
        source: b.source,
        lineage: lineageView(options.lineageOf(`baseline/${b.indicator}`), options.visible),
      }));
    },
    get needs() {
      return Object.values(state.needs).map((n): NeedType => ({
        id: n.needId,
        need: n.need,
        investmentName: n.investmentName,
        estimatedValue: n.estimatedValue,
      }));
    },
    get projects() {
      return Object.values(state.projects).map((p): ProjectType => ({
        ...p,
        id: p.projectId,
        valueByYear: [...p.valueByYear],
        contributions: lazy.contributionsOf(p.projectId),
      }));
    },
    get funding() {
      return (['fuentes', 'usos', 'gestion'] as const).flatMap((table) =>
        Object.values(state.funding[table]).map((row): FundingRowType => ({
          table,
          row: row.row,
          label: findFundingRow(table, row.row)?.label ?? row.row,
          detail: row.detail,
          amounts: [...row.amounts],
          total: row.amounts.reduce((a, b) => a + b, 0),
        })),
      );
    },
    get fundsByYear() {
      return lazy.figures().funds;
    },
    get missingIndicators() {
      return lazy.figures().missingIndicators.map(indicatorView);
    },
    get warnings() {
      return lazy.figures().warnings;
    },
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
    answersRecommendation: entry.answersRecommendation ?? null,
    changes: entry.changes,
    hash: entry.hash,
  };
}
