/**
 * Baselines and goals at their edges (issue 14, mutation testing of `deciders/goals.ts`): the
 * baseline's year, the total as the sum of the four years (to the millionth), the level a goal
 * would reach, and what counts as a change of a goal.
 */
import type { PlanEvent } from '../../src/domain/plan/events';
import {
  baselineAcueductoUrbano,
  baselineAguasTratadas,
  given,
  goalAcueductoUrbano,
  planAdopted,
  planOpened,
} from '../support/plan';

const baseline = {
  type: 'SetBaseline' as const,
  indicator: 'ACU-COB-URB',
  value: 12_000,
  measuredAt: { year: 2023 },
  source: 'SUI',
};

describe('SetBaseline: el año de la línea base (plan 2024-2027)', () => {
  it('una línea base del primer año del cuatrienio cumple; la del año siguiente no', () => {
    given(planOpened)
      .when({ ...baseline, measuredAt: { year: 2024 } })
      .then([
        {
          type: 'BaselineSet',
          data: {
            indicator: 'ACU-COB-URB',
            value: 12_000,
            measuredAt: { year: 2024 },
            source: 'SUI',
            previous: null,
          },
        },
      ]);
    given(planOpened)
      .when({ ...baseline, measuredAt: { year: 2025 } })
      .thenError(
        'BAD_USER_INPUT',
        'measuredAt.year',
        /^la línea base describe la situación al formular el plan: su año \(2025\) no puede ser posterior a 2024\.$/,
      );
  });

  it('un indicador de ficha mensual admite una línea base anual o de un mes', () => {
    for (const measuredAt of [{ year: 2023 }, { year: 2023, month: 12 }]) {
      given(planOpened)
        .when({ ...baseline, indicator: 'ASE-DISP-URB', value: 80, measuredAt })
        .then([
          {
            type: 'BaselineSet',
            data: {
              indicator: 'ASE-DISP-URB',
              value: 80,
              measuredAt,
              source: 'SUI',
              previous: null,
            },
          },
        ]);
    }
  });

  it('un indicador de ficha anual no admite mes en la línea base', () => {
    given(planOpened)
      .when({ ...baseline, measuredAt: { year: 2023, month: 6 } })
      .thenError('BAD_USER_INPUT', 'measuredAt.month', /anual/);
  });

  it('corregir la línea base del plan adoptado pide la justificación, y la dice', () => {
    given(planOpened, baselineAcueductoUrbano, planAdopted)
      .when({ ...baseline, value: 11_000 })
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        /^se requiere una justificación \(reason\) para corregir una línea base del plan adoptado\.$/,
      );
  });
});

const goal = {
  type: 'SetGoal' as const,
  indicator: 'ACU-COB-URB',
  targets: [1_000, 2_000, 2_000, 1_000],
  total: 6_000,
};

describe('SetGoal: la meta total y las metas de los cuatro años', () => {
  it('sin línea base se pide registrarla primero, nombrando el indicador', () => {
    given(planOpened)
      .when(goal)
      .thenError(
        'BAD_USER_INPUT',
        'indicator',
        /^registre primero la línea base de ACU-COB-URB: la meta se mide desde ella\.$/,
      );
  });

  it('la meta total es la suma de los cuatro años: 6.000 cumple, 6.001 no', () => {
    given(planOpened, baselineAcueductoUrbano).when(goal).then([goalAcueductoUrbano]);
    given(planOpened, baselineAcueductoUrbano)
      .when({ ...goal, total: 6_001 })
      .thenError(
        'BAD_USER_INPUT',
        'total',
        /^la meta total \(6001\) debe ser la suma de las metas de los cuatro años \(6000\)\.$/,
      );
  });

  it('en porcentajes, 0,1 + 0,2 puntos suman 0,3 puntos (sin ruido binario)', () => {
    const { decision } = given(planOpened, baselineAguasTratadas).when({
      type: 'SetGoal',
      indicator: 'ALC-TRAT-URB',
      targets: [0.1, 0.2, 0, 0],
      total: 0.3,
    });
    expect(decision.ok).toBe(true);
  });

  it('la meta puede llevar el indicador hasta 100 % justo, no más allá', () => {
    // Línea base 27,5 % tratadas: 72,5 puntos más llegan a 100 %.
    given(planOpened, baselineAguasTratadas)
      .when({
        type: 'SetGoal',
        indicator: 'ALC-TRAT-URB',
        targets: [20, 20, 20, 12.5],
        total: 72.5,
      })
      .then([
        {
          type: 'GoalSet',
          data: {
            goalId: '73001-2024-ALC-TRAT-URB',
            indicator: 'ALC-TRAT-URB',
            targets: [20, 20, 20, 12.5],
            total: 72.5,
            previous: null,
          },
        },
      ]);
    given(planOpened, baselineAguasTratadas)
      .when({
        type: 'SetGoal',
        indicator: 'ALC-TRAT-URB',
        targets: [20, 20, 20, 13],
        total: 73,
      })
      .thenError(
        'BAD_USER_INPUT',
        'total',
        /^la meta llevaría el indicador de 27.5 a 100.5, fuera del rango de porcentaje \(0-100\)\.$/,
      );
  });

  it('una meta que baja (población sin acueducto) no puede llevar el indicador bajo cero', () => {
    const baselineRural: PlanEvent = {
      type: 'BaselineSet',
      data: {
        indicator: 'ACU-COB-RUR',
        value: 3_000,
        measuredAt: { year: 2023 },
        source: 'SUI',
        previous: null,
      },
    };
    const rural = { type: 'SetGoal' as const, indicator: 'ACU-COB-RUR' };
    expect(
      given(planOpened, baselineRural).when({
        ...rural,
        targets: [1_000, 1_000, 500, 500],
        total: 3_000,
      }).decision.ok,
    ).toBe(true);
    given(planOpened, baselineRural)
      .when({ ...rural, targets: [1_000, 1_000, 500, 501], total: 3_001 })
      .thenError('BAD_USER_INPUT', 'total', /de 3000 a -1, fuera del rango/);
  });

  it('repartir la misma meta total de otro modo entre los años es un cambio de la meta', () => {
    given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
      .when({ ...goal, targets: [2_000, 1_000, 2_000, 1_000] })
      .then([
        {
          type: 'GoalSet',
          data: {
            goalId: '73001-2024-ACU-COB-URB',
            indicator: 'ACU-COB-URB',
            targets: [2_000, 1_000, 2_000, 1_000],
            total: 6_000,
            previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
          },
        },
      ]);
  });

  it('repetir la meta del borrador con los mismos valores no es un cambio', () => {
    given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
      .when(goal)
      .thenError('BAD_USER_INPUT', 'targets', /^la meta ya tiene esos valores\.$/);
  });

  it('en el plan adoptado, SetGoal sobre una meta existente remite a AmendGoal', () => {
    given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, planAdopted)
      .when({ ...goal, targets: [2_000, 1_000, 2_000, 1_000] })
      .thenError(
        'CONFLICT',
        'indicator',
        /^la meta de ACU-COB-URB ya hace parte del plan adoptado: para cambiarla use AmendGoal/,
      );
  });

  it('añadir una meta al plan adoptado pide justificación y acto, y con ellos se registra', () => {
    const history = [planOpened, baselineAcueductoUrbano, planAdopted];
    given(...history)
      .when(goal)
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        /^se requiere una justificación \(reason\) para añadir una meta a un plan ya adoptado\.$/,
      );
    given(...history)
      .when({ ...goal, reason: 'Nueva meta del plan' })
      .thenError('BAD_USER_INPUT', 'legalBasis', /que modificó el plan adoptado\.$/);
    given(...history)
      .when({ ...goal, reason: 'Nueva meta del plan', legalBasis: 'Acuerdo 020 de 2025' })
      .then([goalAcueductoUrbano]);
  });
});

describe('AmendGoal: modificar una meta del plan adoptado', () => {
  const amend = {
    type: 'AmendGoal' as const,
    indicator: 'ACU-COB-URB',
    targets: [1_000, 1_500, 1_500, 1_000],
    total: 5_000,
    reason: 'Reducción de recursos del SGP',
    legalBasis: 'Acuerdo 012 de 2025',
  };
  const adopted = [planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, planAdopted];

  it('en borrador se rechaza con el mensaje que remite a SetGoal', () => {
    given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
      .when(amend)
      .thenError(
        'CONFLICT',
        'plan',
        /: mientras es borrador, cambie la meta con SetGoal; AmendGoal es para el plan adoptado \(adoptPlan\)\.$/,
      );
  });

  it('la justificación y el acto se piden con lo que se modifica', () => {
    given(...adopted)
      .when({ ...amend, reason: ' ' })
      .thenError('BAD_USER_INPUT', 'reason', /para modificar una meta\.$/);
    given(...adopted)
      .when({ ...amend, legalBasis: undefined })
      .thenError('BAD_USER_INPUT', 'legalBasis', /que aprobó la modificación de la meta\.$/);
  });

  it('sin meta fijada remite a SetGoal; mover la meta entre años es una modificación', () => {
    given(planOpened, baselineAcueductoUrbano, planAdopted)
      .when(amend)
      .thenError('NOT_FOUND', 'indicator', /^no hay meta fijada para ACU-COB-URB: use SetGoal\.$/);
    given(...adopted)
      .when({ ...amend, targets: [2_000, 1_000, 2_000, 1_000], total: 6_000 })
      .then([
        {
          type: 'GoalAmended',
          data: {
            goalId: '73001-2024-ACU-COB-URB',
            indicator: 'ACU-COB-URB',
            targets: [2_000, 1_000, 2_000, 1_000],
            total: 6_000,
            previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
          },
        },
      ]);
    given(...adopted)
      .when({ ...amend, targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 })
      .thenError(
        'BAD_USER_INPUT',
        'targets',
        /^la modificación no cambia ningún valor de la meta\.$/,
      );
  });
});
