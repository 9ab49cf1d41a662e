/**
 * What the review packet reads, as rules: which semester came before (the follow-up), which
 * vigencia's risk score is the latest one the CTP can read, and which goals are off track.
 */
import { goalFigures } from '../plan/figures';
import type { PlanState } from '../plan/state';
import type { ProgressStatus } from '../rules/progress';
import { formatSemesterKey, parseSemester, periodContaining } from '../time';
import type { ReviewKey } from './events';

/** The review of the semester before (possibly in the previous cuatrienio). */
export function previousReviewKey(key: ReviewKey): ReviewKey {
  const semester = parseSemester(key.semester);
  const previous =
    semester.half === 2
      ? { year: semester.year, half: 1 as const }
      : { year: semester.year - 1, half: 2 as const };
  return {
    daneCode: key.daneCode,
    firstYear: periodContaining(previous.year).firstYear,
    semester: formatSemesterKey(previous),
  };
}

/**
 * The vigencia whose SGP-APSB risk the packet shows: the last one closed before the semester
 * (its FUT is reported in the first months of the following year), e.g. 2024 for 2025-1 and 2025-2.
 */
export const riskVigenciaOf = (semester: string): number => parseSemester(semester).year - 1;

export interface OffTrackGoal {
  indicator: string;
  goalId: string;
  status: ProgressStatus | 'SIN_REPORTE';
  explanation: string;
}

/** Goals moving away from their target, behind their yearly distribution, or never reported. */
export function offTrackGoals(state: PlanState): OffTrackGoal[] {
  return Object.values(state.goals)
    .sort((a, b) => a.indicator.localeCompare(b.indicator))
    .flatMap((goal): OffTrackGoal[] => {
      const figures = goalFigures(state, goal.indicator)!;
      if (!figures.latestProgress)
        return [
          {
            indicator: goal.indicator,
            goalId: goal.goalId,
            status: 'SIN_REPORTE',
            explanation: 'No se ha reportado avance de este indicador.',
          },
        ];
      const progress = figures.progress;
      if (progress && (progress.status === 'RETROCESO' || progress.status === 'REZAGADA'))
        return [
          {
            indicator: goal.indicator,
            goalId: goal.goalId,
            status: progress.status,
            explanation: progress.explanation,
          },
        ];
      return [];
    });
}
