/** From monitoring assessments and methodologies to their GraphQL shapes. Pure functions. */
import {
  CATEGORIES,
  RES_449_2013,
  type AppliedMethodology,
  type Methodology,
} from '../domain/monitoring/methodology';
import type { RiskScore } from '../domain/monitoring/scoring';
import type { RiskView } from '../queries/risk';
import type {
  AppliedMethodologyType,
  MethodologyType,
  RiskAssessment,
  RiskLevelEnum,
  RiskScoreType,
} from './types/monitoring';

export interface RecordedMethodology {
  methodology: Methodology;
  recordedAt: Date | null;
  legalBasis: string | null;
}

export function methodologyView(recorded: RecordedMethodology): MethodologyType {
  const { methodology: m } = recorded;
  return {
    id: m.id,
    name: m.name,
    legalSource: m.legalSource,
    firstYear: m.firstYear,
    lastYear: m.lastYear,
    categoryWeights: CATEGORIES.map((category) => ({
      category,
      weight: m.categoryWeights[category],
    })),
    items: CATEGORIES.flatMap((category) =>
      m.items[category].map((item) => ({
        category,
        code: item.code,
        label: item.label,
        weight: item.weight,
        legalText: item.legalText ?? null,
      })),
    ),
    bands: m.bands.map((band) => ({
      level: band.level as RiskLevelEnum,
      min: band.min,
      legalText: band.legalText ?? null,
    })),
    builtIn: m === RES_449_2013,
    recordedAt: recorded.recordedAt,
    legalBasis: recorded.legalBasis,
  };
}

/** When and on what basis the ministry recorded a methodology (null for the built-in one). */
export type RecordOf = (id: string) => Omit<RecordedMethodology, 'methodology'> | undefined;

export function appliedView(
  applied: AppliedMethodology,
  recordOf: RecordOf,
): AppliedMethodologyType {
  const m = applied.methodology;
  const record = recordOf(m.id) ?? { recordedAt: null, legalBasis: null };
  return {
    id: m.id,
    name: m.name,
    legalSource: m.legalSource,
    inForce: applied.inForce,
    warning: applied.warning,
    definition: methodologyView({ methodology: m, ...record }),
  };
}

/** A score with each item's label from the methodology that weighed it. */
export function scoreView(score: RiskScore, methodology: Methodology): RiskScoreType {
  const labels = new Map(
    CATEGORIES.flatMap((c) => methodology.items[c].map((item) => [item.code, item.label])),
  );
  return {
    ...score,
    categories: score.categories.map((category) => ({
      ...category,
      items: category.items.map((item) => ({
        code: item.code,
        label: labels.get(item.code) ?? item.code,
        score: item.score,
        exempt: item.exempt === true,
        explanation: item.explanation,
      })),
    })),
  };
}

export function assessmentView(view: RiskView): RiskAssessment {
  const { methodology } = view.applied;
  return {
    daneCode: view.daneCode,
    year: view.year,
    legalSource: methodology.legalSource,
    methodology: appliedView(view.applied, view.recordOf),
    warnings: [
      ...(view.hasInputs
        ? []
        : [
            `No hay nada registrado para la vigencia ${view.year} (ni plan sectorial ni insumos de monitoreo): el puntaje refleja falta de datos, y el mapa nacional no lo califica.`,
          ]),
      ...(view.applied.warning ? [view.applied.warning] : []),
    ],
    components: [...view.components],
    score: scoreView(view.score, methodology),
    recomputed: view.recomputed
      ? {
          score: scoreView(view.recomputed.score, view.recomputed.methodology),
          differences: view.recomputed.differences,
        }
      : null,
  };
}
