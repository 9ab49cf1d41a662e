/** The SGP-APSB risk score of a municipality's vigencia, now or as of any instant. */
import type { MethodologyDocument, MonitoringDocument } from '../../projections/monitoring';
import {
  methodologyFor,
  RES_449_2013,
  type Methodology,
  type MonitoredComponent,
} from '../domain/monitoring/methodology';
import { initialMonitoringState } from '../domain/monitoring/monitoring';
import {
  compareScores,
  scoreVigencia,
  type CategoryDifference,
  type RiskScore,
} from '../domain/monitoring/scoring';
import { planStreamId } from '../domain/plan/events';
import { periodContaining, periodEnd } from '../domain/time';
import { notFound } from '../domain/errors';
import type { ReadStore } from '../readstore/port';
import type { Bitemporal } from './as-of';
import { planAtTime, planTimeline } from './plan-as-of';

export interface RiskView {
  daneCode: string;
  year: number;
  methodology: Methodology;
  components: MonitoredComponent[];
  score: RiskScore;
  /** Present when another methodology was asked for: its score and the difference per category. */
  recomputed: {
    methodology: Methodology;
    score: RiskScore;
    differences: CategoryDifference[];
  } | null;
}

export async function riskOf(
  store: ReadStore,
  daneCode: string,
  year: number,
  time: Bitemporal,
  otherMethodologyId: string | null,
): Promise<RiskView> {
  const knownAt = time.knownAt.getTime();
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
  // The vigencia is judged on figures up to its end (or the asked instant, if earlier).
  const validUntil = Math.min(
    time.validUntil?.getTime() ?? Infinity,
    periodEnd({ year }).getTime(),
  );
  const plan = timeline
    ? (planAtTime(timeline, { knownAt: time.knownAt, validUntil: new Date(validUntil) })?.state ??
      null)
    : null;
  const recorded = methodologyDocs
    .filter((d) => d.kind === 'methodology' && d.methodology && d.recordedAt.getTime() <= knownAt)
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
    .map((d) => d.methodology!);
  const methodology = methodologyFor(year, recorded);
  const selection = methodologyDocs.find((d) => d.kind === 'components' && d.year === year);
  const components =
    selection?.selections.filter((s) => s.validFrom.getTime() <= knownAt).pop()?.components ?? [];
  const inputs = {
    year,
    budget: inForce.budget,
    administrative: inForce.administrative,
    strategicFlags: inForce.strategicFlags,
    plan,
  };
  const score = scoreVigencia(inputs, methodology, components);
  let recomputed: RiskView['recomputed'] = null;
  if (otherMethodologyId && otherMethodologyId !== methodology.id) {
    const other =
      otherMethodologyId === RES_449_2013.id
        ? RES_449_2013
        : recorded.find((m) => m.id === otherMethodologyId);
    if (!other)
      throw notFound('methodologyId', `no hay una metodología ${otherMethodologyId} registrada.`);
    const otherScore = scoreVigencia(inputs, other, components);
    recomputed = {
      methodology: other,
      score: otherScore,
      differences: compareScores(score, otherScore),
    };
  }
  return { daneCode, year, methodology, components, score, recomputed };
}
