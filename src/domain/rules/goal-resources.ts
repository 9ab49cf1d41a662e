/**
 * Tabla 11's "RECURSOS A INVERTIR" column: per goal and year, the investment of the projects that
 * contribute to it (Tablas 8-10, "Relacionar el aporte de las inversiones a los indicadores
 * sectoriales"). The resolution does not say how a project that serves several goals is split;
 * the implementation's reading: in equal parts among the indicators it contributes to, so that
 * the column adds up to the plan's investment and no peso is counted twice.
 */
import type { PlanState } from '../plan/state';
import { round6 } from './units';

export interface GoalResources {
  /** Año 1..4, in pesos. */
  byYear: Array<{ yearIndex: number; year: number; amount: number }>;
  total: number;
  projects: Array<{ projectId: string; share: number; amount: number }>;
  explanation: string;
}

export const RESOURCES_READING =
  'Tabla 11, "RECURSOS A INVERTIR": la inversión por año de los proyectos que contribuyen a la meta (Tablas 8 a 10). Un proyecto que contribuye a varias metas reparte su valor en partes iguales entre ellas (lectura de la implementación: la resolución no dice cómo repartirlo).';

export function goalResources(state: PlanState, indicator: string): GoalResources {
  const firstYear = state.firstYear ?? 0;
  const goalsOf = new Map<string, number>();
  for (const contribution of Object.values(state.contributions)) {
    goalsOf.set(contribution.projectId, (goalsOf.get(contribution.projectId) ?? 0) + 1);
  }
  const byYear = [0, 0, 0, 0];
  const projects: GoalResources['projects'] = [];
  for (const contribution of Object.values(state.contributions)) {
    if (contribution.indicator !== indicator) continue;
    const project = state.projects[contribution.projectId];
    if (!project) continue;
    const share = 1 / goalsOf.get(project.projectId)!;
    project.valueByYear.forEach((value, index) => (byYear[index]! += value * share));
    projects.push({
      projectId: project.projectId,
      share: round6(share),
      amount: round6(project.estimatedValue * share),
    });
  }
  projects.sort((a, b) => a.projectId.localeCompare(b.projectId));
  return {
    byYear: byYear.map((amount, index) => ({
      yearIndex: index + 1,
      year: firstYear + index,
      amount: round6(amount),
    })),
    total: round6(byYear.reduce((a, b) => a + b, 0)),
    projects,
    explanation: RESOURCES_READING,
  };
}
