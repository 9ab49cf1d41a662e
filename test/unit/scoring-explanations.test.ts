/**
 * What a sectoral item says (art. 2.1.3, SECTORAL_READING), word for word: the mean, each goal's
 * line and the reading, one space apart and nothing else (issue 14).
 */
import { SECTORAL_READING, sectoralScore } from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { baselineAcueductoUrbano, goalAcueductoUrbano, planOpened } from '../support/plan';

describe('la explicación de un ítem sectorial, exacta', () => {
  it('una meta a medio camino: el promedio, la meta y la lectura, sin más', () => {
    const plan = foldPlan([
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      {
        type: 'ProgressReported',
        data: {
          indicator: 'ACU-COB-URB',
          period: { year: 2024 },
          value: 11_500,
          source: 'SUI',
          checklist: null,
          previous: null,
        },
      } as PlanEvent,
    ]);
    expect(sectoralScore(plan, 2024, 'cobertura')).toEqual({
      code: 'cobertura',
      score: 50,
      explanation: `Cumplimiento medio de 1 meta(s) del componente al cierre de 2024: 50 %. ACU-COB-URB: logrado 500 de 1000 programado a 2024: 50. ${SECTORAL_READING}`,
    });
  });
});
