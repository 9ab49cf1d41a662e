/**
 * The packet's goals off track (`offTrackGoals`): given the plan's events, which goals the CTP is
 * shown as moving away, behind their yearly distribution, or never reported, and which it is not.
 */
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { offTrackGoals } from '../../src/domain/review/packet';
import { baselineAcueductoUrbano, goalAcueductoUrbano, planOpened } from '../support/plan';

// ACU-COB-URB goes down: 12,000 households without service in 2023, 6,000 fewer by 2027
// (1,000 in 2024 and 2,000 in 2025, so 50 % is due by 2025).
// ALC-COB-URB likewise: 5,000 in 2023, 2,000 fewer by 2027, 500 a year (50 % by 2025).
const alcantarillado: PlanEvent[] = [
  {
    type: 'BaselineSet',
    data: {
      indicator: 'ALC-COB-URB',
      value: 5_000,
      measuredAt: { year: 2023 },
      source: 'SUI',
      previous: null,
    },
  },
  {
    type: 'GoalSet',
    data: {
      goalId: '73001-2024-ALC-COB-URB',
      indicator: 'ALC-COB-URB',
      targets: [500, 500, 500, 500],
      total: 2_000,
      previous: null,
    },
  },
];
const reported = (
  indicator: string,
  value: number,
  period: { year: number; month?: number } = { year: 2025 },
): PlanEvent => ({
  type: 'ProgressReported',
  data: { indicator, period, value, source: 'SUI', checklist: null, previous: null },
});
// Alcantarillado first, so that the order shown is the packet's (by indicator), not the log's.
const given = (...reports: PlanEvent[]) =>
  offTrackGoals(
    foldPlan([
      planOpened,
      ...alcantarillado,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      ...reports,
    ]),
  );

describe('offTrackGoals: the goals the packet shows the CTP', () => {
  it('a goal never reported is SIN_REPORTE, in the order of the indicators', () => {
    expect(given()).toEqual([
      {
        indicator: 'ACU-COB-URB',
        goalId: '73001-2024-ACU-COB-URB',
        status: 'SIN_REPORTE',
        explanation: 'No se ha reportado avance de este indicador.',
      },
      {
        indicator: 'ALC-COB-URB',
        goalId: '73001-2024-ALC-COB-URB',
        status: 'SIN_REPORTE',
        explanation: 'No se ha reportado avance de este indicador.',
      },
    ]);
  });

  it('moving away from the target is RETROCESO; on schedule is not shown', () => {
    // 13,000 > 12,000: worse than the baseline. ALC: 4,000 is 1,000 of 2,000, the 50 % due.
    expect(given(reported('ACU-COB-URB', 13_000), reported('ALC-COB-URB', 4_000))).toEqual([
      {
        indicator: 'ACU-COB-URB',
        goalId: '73001-2024-ACU-COB-URB',
        status: 'RETROCESO',
        explanation: expect.stringMatching(/está en 13000: se alejó de la meta/),
      },
    ]);
  });

  it('behind the yearly distribution is REZAGADA; a goal met is not shown', () => {
    // 11,000: 1,000 of 6,000 (16.7 %) where 50 % was due by 2025. ALC: 3,000 meets the goal.
    expect(given(reported('ACU-COB-URB', 11_000), reported('ALC-COB-URB', 3_000))).toEqual([
      {
        indicator: 'ACU-COB-URB',
        goalId: '73001-2024-ACU-COB-URB',
        status: 'REZAGADA',
        explanation: expect.stringMatching(/frente a 50 % programado a ese año/),
      },
    ]);
  });

  it('the latest report is the one that counts: a goal back on schedule leaves the list', () => {
    // 2026: 5,500 of 6,000 (91.7 %) where 83.3 % is due by then.
    const later = (value: number) => reported('ACU-COB-URB', value, { year: 2026 });
    expect(
      given(reported('ACU-COB-URB', 13_000), later(6_500), reported('ALC-COB-URB', 4_000)),
    ).toEqual([]);
  });
});
