/**
 * How a recommendation stands: unanswered, rejected, committed (accepted with a date not yet
 * passed), overdue (the commitment date passed and no change cites it) or attended (a change of
 * the plan cites it). The next semester's review follows up the open ones.
 */
import { bogotaDate } from '../time';
import type { Recommendation } from './state';

export type RecommendationStatus =
  'SIN_RESPUESTA' | 'RECHAZADA' | 'COMPROMETIDA' | 'VENCIDA' | 'ATENDIDA';

export const STATUS_LABELS: Record<RecommendationStatus, string> = {
  SIN_RESPUESTA: 'Sin respuesta',
  RECHAZADA: 'Rechazada',
  COMPROMETIDA: 'Comprometida',
  VENCIDA: 'Compromiso vencido',
  ATENDIDA: 'Atendida',
};

/** `citations`: changes of the plan recorded by `at` that cite this recommendation. */
export function recommendationStatus(
  recommendation: Pick<Recommendation, 'response'>,
  citations: number,
  at: Date,
): RecommendationStatus {
  const response = recommendation.response;
  if (!response) return 'SIN_RESPUESTA';
  if (response.decision === 'REJECTED') return 'RECHAZADA';
  if (citations > 0) return 'ATENDIDA';
  return response.commitmentDate !== null && response.commitmentDate < bogotaDate(at)
    ? 'VENCIDA'
    : 'COMPROMETIDA';
}

/** Still to be followed up, whatever the date: unanswered, or accepted and not yet attended. */
export function isOpen(
  recommendation: Pick<Recommendation, 'response'>,
  citations: number,
): boolean {
  const response = recommendation.response;
  if (!response) return true;
  return response.decision !== 'REJECTED' && citations === 0;
}
