/**
 * Tabla 10 (Modelo para fijar las metas): a goal's total should equal the sum of the
 * contributions of the projects pointing at its indicator. The gap is what no project covers yet
 * (positive) or what projects promise beyond the goal (negative).
 */
import { round6 } from './units';

export interface ContributionLine {
  projectId: string;
  amount: number;
}

export interface GoalGap {
  total: number;
  contributed: number;
  /** total - contributed. */
  gap: number;
  warning: string | null;
}

export function goalGap(
  indicator: string,
  total: number,
  contributions: readonly ContributionLine[],
): GoalGap {
  const contributed = round6(contributions.reduce((sum, c) => sum + c.amount, 0));
  const gap = round6(total - contributed);
  let warning: string | null = null;
  if (gap > 0) {
    warning = `La meta de ${indicator} (${total}) supera en ${gap} la suma de las contribuciones de sus proyectos (${contributed}): faltan proyectos que la respalden (Tabla 10).`;
  } else if (gap < 0) {
    warning = `Los proyectos de ${indicator} aportan ${contributed}, ${-gap} más que la meta (${total}): la meta podría estar subvalorada (Tabla 10).`;
  }
  return { total, contributed, gap, warning };
}
