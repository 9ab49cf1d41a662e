/** What the CTP and control bodies read of a social plan: compliance with the mandatory lines and execution. */
import { parseSemester, semesterEnd } from '../time';
import {
  MANDATORY_LINES,
  PARTICIPANT_GROUPS,
  SOCIAL_LINES,
  type Activity,
  type ParticipantDimension,
  type Participants,
  type SocialLine,
  type SocialPlanState,
} from './social-plan';

export interface LineCompliance {
  line: SocialLine;
  programmes: number;
  activities: number;
  missing: string | null;
}

/** The plan must cover every mandatory line with at least one programme and one (not cancelled) activity. */
export function compliance(state: SocialPlanState): {
  compliant: boolean;
  lines: LineCompliance[];
} {
  const lines = MANDATORY_LINES.map((line): LineCompliance => {
    const programmes = Object.values(state.programmes).filter((p) => p.line === line).length;
    const activities = Object.values(state.activities).filter(
      (a) => a.line === line && a.status !== 'CANCELLED',
    ).length;
    const label = SOCIAL_LINES.find((l) => l.code === line)!.label;
    const missing =
      programmes === 0
        ? `La línea obligatoria "${label}" no tiene programas.`
        : activities === 0
          ? `La línea obligatoria "${label}" no tiene actividades.`
          : null;
    return { line, programmes, activities, missing };
  });
  return { compliant: lines.every((l) => l.missing === null), lines };
}

export interface ExecutionFigures {
  line: SocialLine;
  semester: string;
  planned: number;
  executed: number;
  cancelled: number;
  /** Planned, not executed, and its semester already over at the instant of the view. */
  late: number;
  budgetPlanned: number;
  budgetExecuted: number;
  participants: Participants;
}

const emptyParticipants = (): Participants =>
  Object.fromEntries(
    Object.entries(PARTICIPANT_GROUPS).map(([dimension, groups]) => [
      dimension,
      Object.fromEntries(groups.map((g) => [g, 0])),
    ]),
  ) as Participants;

/** Execution per line and semester of planning, as of `at` (which decides what is late). */
export function execution(state: SocialPlanState, at: Date, semester?: string): ExecutionFigures[] {
  const groups = new Map<string, Activity[]>();
  for (const activity of Object.values(state.activities)) {
    if (semester && activity.plannedSemester !== semester) continue;
    const key = `${activity.line}|${activity.plannedSemester}`;
    groups.set(key, [...(groups.get(key) ?? []), activity]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, activities]) => {
      const [line, plannedSemester] = key.split('|') as [SocialLine, string];
      const participants = emptyParticipants();
      let budgetExecuted = 0;
      for (const activity of activities) {
        if (!activity.execution) continue;
        budgetExecuted += activity.execution.actualCost;
        for (const dimension of Object.keys(participants) as ParticipantDimension[]) {
          for (const [group, n] of Object.entries(activity.execution.participants[dimension]))
            participants[dimension][group]! += n;
        }
      }
      const over = semesterEnd(parseSemester(plannedSemester)).getTime() < at.getTime();
      return {
        line,
        semester: plannedSemester,
        planned: activities.filter((a) => a.status !== 'CANCELLED').length,
        executed: activities.filter((a) => a.status === 'EXECUTED').length,
        cancelled: activities.filter((a) => a.status === 'CANCELLED').length,
        late: activities.filter((a) => a.status === 'PLANNED' && over).length,
        budgetPlanned: activities
          .filter((a) => a.status !== 'CANCELLED')
          .reduce((sum, a) => sum + a.budget, 0),
        budgetExecuted,
        participants,
      };
    });
}
