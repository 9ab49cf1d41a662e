/**
 * Everything the semester report shows, read once at the packet's instants and shaped for the
 * HTML and PDF renderers (which only format it). Identities are masked here, as in the API.
 */
import type { AuditDocument } from '../../projections/audit';
import type { FieldChange } from '../../projections/audit';
import { maySeeIdentities, type Principal } from '../domain/access';
import { findFundingRow } from '../domain/catalogue/funding';
import { findIndicator, type Indicator } from '../domain/catalogue/indicators';
import type { RiskScore } from '../domain/monitoring/scoring';
import { adoptionCitation } from '../domain/plan/events';
import { goalFigures, planFigures } from '../domain/plan/figures';
import type { Project } from '../domain/plan/state';
import type { SealReference, ReviewKey } from '../domain/review/events';
import { offTrackGoals, riskVigenciaOf, type OffTrackGoal } from '../domain/review/packet';
import type { ExecutionFigures } from '../domain/social/figures';
import type { YearFunds } from '../domain/rules/funds';
import { classifyIrca } from '../domain/rules/irca';
import { bogotaDate, periodEnd } from '../domain/time';
import type { GoalProgress } from '../domain/rules/progress';
import type { Territory } from '../domain/territory';
import type { Actor } from '../eventstore/port';
import type { ReadStore } from '../readstore/port';
import type { Bitemporal } from '../queries/as-of';
import {
  changesInSemester,
  loadReview,
  packetTime,
  planAtPacket,
  previousRecommendations,
  recommendationsOf,
  riskAtPacket,
  socialExecutionAtPacket,
  type RecommendationAtTime,
} from '../queries/review-packet';
import { sealOf, type SealSources } from '../queries/seal';

export interface ReportPoint {
  /** The last day of the period the figure refers to (AAAA-MM-DD): 31 Dec for a year. */
  date: string;
  /** On a year-end axis: 2025 is the end of 2025 (an annual figure), 2025.25 the end of March 2026. */
  x: number;
  value: number;
  label: string;
}

export interface ReportGoal {
  goalId: string;
  indicator: Indicator;
  baseline: { value: number; year: number } | null;
  /** Level the indicator must reach at the end of each year (baseline plus cumulative targets). */
  targets: Array<{ year: number; target: number; expectedLevel: number }>;
  total: number;
  /** Tabla 11's "RECURSOS A INVERTIR": the investment of the projects contributing, in pesos. */
  resources: number;
  amendments: number;
  reports: ReportPoint[];
  latest: ReportPoint | null;
  progress: GoalProgress | null;
  gap: number;
}

export interface ReportChange {
  /** The event's id, as the audit trail (`AuditEntry.id`) names it. */
  eventId: string;
  recordedAt: Date;
  eventType: string;
  entityId: string;
  changes: FieldChange[];
  reason: string | null;
  legalBasis: string | null;
  answersRecommendation: string | null;
  actor: { name: string | null; role: string; entity: string };
}

export interface ReportModel {
  key: ReviewKey;
  municipality: string;
  department: string;
  planId: string;
  lastYear: number;
  generatedAt: Date;
  packet: Bitemporal & { fixed: boolean };
  review: {
    status: 'PENDIENTE' | 'ABIERTA' | 'CERRADA';
    openedAt: Date | null;
    closedAt: Date | null;
    concept: { value: string; text: string; correctedAfterClosing: boolean } | null;
    recommendations: RecommendationAtTime[];
    presentations: Array<{ forum: string; date: string; act: string; attendance: number }>;
    /** Corrections of the concepto or recommendations made after closing, with their reasons. */
    corrections: Array<{ recordedAt: Date; eventType: string; reason: string | null }>;
  } | null;
  seal: { seal: SealReference; fixedAtOpening: boolean } | null;
  planFound: boolean;
  /** The adoption act in force at the packet's instants (e.g. "Acuerdo 006 de 2024"); null: draft. */
  adoption: string | null;
  goals: ReportGoal[];
  offTrack: OffTrackGoal[];
  changes: ReportChange[];
  projects: Array<Project & { contributions: Array<{ indicator: string; amount: number }> }>;
  funding: Array<{ table: string; label: string; detail: string | null; amounts: number[] }>;
  funds: YearFunds[];
  irca: Array<{ indicator: Indicator; point: ReportPoint; classLabel: string }>;
  risk: {
    year: number;
    legalSource: string;
    /** In Spanish, why the methodology applied is not the one in force; null when it is. */
    methodologyWarning: string | null;
    score: RiskScore;
  } | null;
  social: ExecutionFigures[];
  previous: RecommendationAtTime[];
}

function pointOf(period: { year: number; month?: number }, value: number): ReportPoint {
  const label =
    period.month === undefined
      ? `${period.year}`
      : `${period.year}-${String(period.month).padStart(2, '0')}`;
  const x =
    period.month === undefined
      ? period.year
      : Math.round((period.year - 1 + period.month / 12) * 1000) / 1000;
  return { date: bogotaDate(periodEnd(period)), x, value, label };
}

function actorOf(actor: Actor, visible: boolean) {
  return { name: visible ? actor.name : null, role: actor.role, entity: actor.entity };
}

export interface ReportSources extends SealSources {
  readStore: ReadStore;
  territory: Territory;
  now(): Date;
}

/** Null when the municipality does not exist; the report of a semester not yet over is refused before. */
export async function buildReportModel(
  sources: ReportSources,
  key: ReviewKey,
  principal: Principal | null,
): Promise<ReportModel | null> {
  const municipality = sources.territory.municipality(key.daneCode);
  if (!municipality) return null;
  const store = sources.readStore;
  const visible = maySeeIdentities(principal, {
    daneCode: key.daneCode,
    departmentCode: municipality.departmentCode,
  });
  const now = sources.now();
  const review = await loadReview(store, key, null);
  const time = packetTime(key, review?.state ?? null);
  const [plan, changes, social, risk, previous, currentSeal] = await Promise.all([
    planAtPacket(store, key, time),
    changesInSemester(store, key, time),
    socialExecutionAtPacket(store, key, time),
    riskAtPacket(store, key, time),
    previousRecommendations(store, key, time),
    sealOf(sources, key.semester),
  ]);
  const state = plan?.state ?? null;
  const figures = state ? planFigures(state) : null;
  const goals: ReportGoal[] = state
    ? Object.values(state.goals)
        .sort((a, b) => a.indicator.localeCompare(b.indicator))
        .map((goal) => {
          const indicator = findIndicator(goal.indicator)!;
          const baseline = state.baselines[goal.indicator] ?? null;
          const sign = indicator.direction === 'up' ? 1 : -1;
          let cumulative = 0;
          const targets = goal.targets.map((target, index) => {
            cumulative += target;
            return {
              year: key.firstYear + index,
              target,
              expectedLevel: Math.round(((baseline?.value ?? 0) + sign * cumulative) * 1e6) / 1e6,
            };
          });
          const reports = Object.values(state.progress[goal.indicator] ?? {})
            .map((entry) => pointOf(entry.period, entry.value))
            .sort((a, b) => a.date.localeCompare(b.date));
          const goalFigure = goalFigures(state, goal.indicator)!;
          const latest = goalFigure.latestProgress;
          return {
            goalId: goal.goalId,
            indicator,
            baseline: baseline ? { value: baseline.value, year: baseline.measuredAt.year } : null,
            targets,
            total: goal.total,
            resources: figures!.resources[goal.indicator]?.total ?? 0,
            amendments: goal.amendments,
            reports,
            latest: latest ? pointOf(latest.period, latest.value) : null,
            progress: goalFigure.progress,
            gap: goalFigure.gap.gap,
          };
        })
    : [];
  const irca = goals
    .filter((g) => g.indicator.code.includes('IRCA') && g.latest)
    .map((g) => ({
      indicator: g.indicator,
      point: g.latest!,
      classLabel: classifyIrca(g.latest!.value).label,
    }));
  const state_ = review?.state ?? null;
  const corrections =
    review?.history
      .filter(
        (h) =>
          h.event.type === 'ConceptCorrected' ||
          (h.event.type === 'RecommendationCorrected' && h.event.data.afterClosing),
      )
      .map((h) => ({
        recordedAt: h.recordedAt,
        eventType: h.event.type,
        reason: h.lineage.reason,
      })) ?? [];
  const fixedSeal = state_?.opened?.seal ?? null;
  return {
    key,
    municipality: municipality.name,
    department: municipality.department,
    planId: `plan-${key.daneCode}-${key.firstYear}`,
    lastYear: key.firstYear + 3,
    generatedAt: now,
    packet: { ...time, fixed: state_?.opened !== null && state_ !== null },
    review:
      review && state_
        ? {
            status: state_.closed ? 'CERRADA' : state_.opened ? 'ABIERTA' : 'PENDIENTE',
            openedAt: state_.opened ? new Date(state_.opened.knownAt) : null,
            closedAt:
              review.history.find((h) => h.event.type === 'ReviewClosed')?.recordedAt ?? null,
            concept: state_.concept
              ? {
                  value: state_.concept.concept,
                  text: state_.concept.text,
                  correctedAfterClosing: state_.concept.correctedAfterClosing,
                }
              : null,
            recommendations: recommendationsOf(review, now),
            presentations: state_.presentations,
            corrections,
          }
        : null,
    seal: fixedSeal
      ? { seal: fixedSeal, fixedAtOpening: true }
      : currentSeal
        ? { seal: currentSeal, fixedAtOpening: false }
        : null,
    planFound: state !== null,
    adoption: state?.adoption ? adoptionCitation(state.adoption) : null,
    goals,
    offTrack: state ? offTrackGoals(state) : [],
    changes: changes.map((entry: AuditDocument) => ({
      eventId: entry._id,
      recordedAt: entry.recordedAt,
      eventType: entry.eventType,
      entityId: entry.entityId,
      changes: entry.changes,
      reason: entry.reason,
      legalBasis: entry.legalBasis,
      answersRecommendation: entry.answersRecommendation ?? null,
      actor: actorOf(entry.actor, visible),
    })),
    projects: state
      ? Object.values(state.projects).map((p) => ({
          ...p,
          contributions: Object.values(state.contributions)
            .filter((c) => c.projectId === p.projectId)
            .map((c) => ({ indicator: c.indicator, amount: c.amount })),
        }))
      : [],
    funding: state
      ? (['fuentes', 'usos', 'gestion'] as const).flatMap((table) =>
          Object.values(state.funding[table]).map((row) => ({
            table,
            label: findFundingRow(table, row.row)?.label ?? row.row,
            detail: row.detail,
            amounts: [...row.amounts],
          })),
        )
      : [],
    funds: figures?.funds ?? [],
    irca,
    risk: {
      year: riskVigenciaOf(key.semester),
      legalSource: risk.applied.methodology.legalSource,
      methodologyWarning: risk.applied.warning,
      score: risk.score,
    },
    social,
    previous,
  };
}
