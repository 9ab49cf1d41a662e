/**
 * The SGP-APSB risk assessment of a municipality's vigencia computed on read, item by item with
 * its explanations, as known at any instant: from the monitoring inputs, the plan timeline and the
 * methodologies recorded by then. The national map reads the risk read model instead
 * (`src/queries/risk-map.ts`); both use the same domain function, and a test holds them equal.
 *
 * Time: the vigencia fixes the valid time (the plan's figures for periods up to its end count);
 * `knownAt` fixes what had been recorded (by default the end of the `asOf` semester).
 */
import type { MethodologyDocument, MonitoringDocument } from '../../projections/monitoring';
import { assessVigencia, vigenciaInputs, type Assessment } from '../domain/monitoring/assessment';
import {
  RES_449_2013,
  type Methodology,
  type MonitoredComponent,
} from '../domain/monitoring/methodology';
import { initialMonitoringState } from '../domain/monitoring/monitoring';
import {
  compareScores,
  riskScore,
  type CategoryDifference,
  type RiskScore,
} from '../domain/monitoring/scoring';
import { planStreamId } from '../domain/plan/events';
import { periodContaining, periodEnd } from '../domain/time';
import { notFound } from '../domain/errors';
import type { ReadStore } from '../readstore/port';
import { planAtTime, planTimeline } from './plan-as-of';

export interface RiskView extends Assessment {
  daneCode: string;
  year: number;
  /** When and on what legal basis the ministry recorded a methodology, by id. */
  recordOf: MethodologyRecordOf;
  /** Whether anything (plan or monitoring input) was on record for the vigencia. */
  hasInputs: boolean;
  /** Present when another methodology was asked for: its score and the difference per category. */
  recomputed: {
    methodology: Methodology;
    score: RiskScore;
    differences: CategoryDifference[];
  } | null;
}

export type MethodologyRecordOf = (
  id: string,
) => { recordedAt: Date | null; legalBasis: string | null } | undefined;

/** When and on what basis each methodology was recorded, from the `methodologies` read model. */
export function recordsOf(docs: readonly MethodologyDocument[]): MethodologyRecordOf {
  return (id) => {
    const doc = docs.find((d) => d.kind === 'methodology' && d.methodology?.id === id);
    return doc ? { recordedAt: doc.recordedAt, legalBasis: doc.legalBasis ?? null } : undefined;
  };
}

/** Methodologies the ministry had recorded by an instant, in record order. */
export function recordedBy(docs: readonly MethodologyDocument[], knownAt: number): Methodology[] {
  return docs
    .filter((d) => d.kind === 'methodology' && d.methodology && d.recordedAt.getTime() <= knownAt)
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
    .map((d) => d.methodology!);
}

/** The components selected for a vigencia as known at an instant (empty: all). */
export function selectionAt(
  docs: readonly MethodologyDocument[],
  year: number,
  knownAt: number,
): MonitoredComponent[] {
  const selection = docs.find((d) => d.kind === 'components' && d.year === year);
  return (
    selection?.selections.filter((s) => s.validFrom.getTime() <= knownAt).pop()?.components ?? []
  );
}

/** Another methodology to recompute under: a recorded one, or Res. 449 itself. */
export function otherMethodology(docs: readonly MethodologyDocument[], id: string): Methodology {
  if (id === RES_449_2013.id) return RES_449_2013;
  const found = docs.find((d) => d.kind === 'methodology' && d.methodology?.id === id)?.methodology;
  if (!found) throw notFound('methodologyId', `no hay una metodología ${id} registrada.`);
  return found;
}

export async function riskOf(
  store: ReadStore,
  daneCode: string,
  year: number,
  knownAtInstant: Date,
  otherMethodologyId: string | null,
): Promise<RiskView> {
  const knownAt = knownAtInstant.getTime();
  const planId = planStreamId(daneCode, periodContaining(year).firstYear);
  const [[monitoring], timeline, methodologyDocs] = await Promise.all([
    store
      .collection<MonitoringDocument>('monitoring')
      .findByIds([`monitoring-${daneCode}-${year}`]),
    planTimeline(store, planId),
    store.collection<MethodologyDocument>('methodologies').find({}),
  ]);
  const inForce =
    monitoring?.versions.filter((v) => v.validFrom.getTime() <= knownAt).pop()?.state ??
    initialMonitoringState();
  // The vigencia is judged on the plan's figures for periods up to its end, as known then.
  const plan =
    planAtTime(timeline, { knownAt: knownAtInstant, validUntil: periodEnd({ year }) })?.state ??
    null;
  const inputs = vigenciaInputs(year, inForce, plan);
  const assessment = assessVigencia(
    inputs,
    recordedBy(methodologyDocs, knownAt),
    selectionAt(methodologyDocs, year, knownAt),
  );
  let recomputed: RiskView['recomputed'] = null;
  if (otherMethodologyId && otherMethodologyId !== assessment.applied.methodology.id) {
    const other = otherMethodology(methodologyDocs, otherMethodologyId);
    const score = riskScore(other, assessment.items, assessment.components, inputs.strategicFlags);
    recomputed = {
      methodology: other,
      score,
      differences: compareScores(assessment.score, score),
    };
  }
  const hasInputs =
    plan !== null || monitoring?.versions.some((v) => v.validFrom.getTime() <= knownAt) === true;
  return {
    daneCode,
    year,
    recordOf: recordsOf(methodologyDocs),
    hasInputs,
    ...assessment,
    recomputed,
  };
}
