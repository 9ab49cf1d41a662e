/** A change of the plan citing the CTP recommendation it answers: checked before it is appended. */
import type { RecommendationDocument } from '../../projections/reviews';
import { parseRecommendationRef } from '../domain/review/events';
import type { Context } from './context';
import { badInput, notFound } from './errors';

/**
 * A change of the plan may cite the CTP recommendation it answers: the recommendation must exist,
 * be final (its review closed) and concern the municipality changed (or, for a departmental
 * social plan, one of its municipalities).
 */
export async function checkCitation(
  ctx: Context,
  ref: string | null | undefined,
  concerns: (daneCode: string) => boolean,
): Promise<string | undefined> {
  if (ref === null || ref === undefined || ref === '') return undefined;
  if (!parseRecommendationRef(ref))
    throw badInput(
      'answersRecommendation',
      'use la referencia de la recomendación, p. ej. "ctpreview-73001-2024-2025-1/R2".',
    );
  const [found] = await ctx.services.readStore
    .collection<RecommendationDocument>('recommendations')
    .findByIds([ref]);
  if (!found) throw notFound(`la recomendación ${ref} no existe.`, 'answersRecommendation');
  if (!concerns(found.daneCode))
    throw badInput('answersRecommendation', `la recomendación ${ref} es de otro municipio.`);
  if (!found.final)
    throw badInput(
      'answersRecommendation',
      `la recomendación ${ref} aún no es definitiva: su revisión no está cerrada.`,
    );
  return ref;
}
