/**
 * The plan's lifecycle at its edges (issue 14, mutation testing of `deciders/lifecycle.ts`): the
 * DANE code as text only, and the adoption act dated from the year before the cuatrienio to its
 * last year, each message saying what to do.
 */
import { given, planOpened } from '../support/plan';

const adopt = {
  type: 'AdoptPlan' as const,
  act: 'ACUERDO' as const,
  number: '012',
  date: '2024-05-31',
};

describe('OpenPlan: el código DANE', () => {
  it('es un texto de 5 dígitos: el número 73001 no sirve, aunque se escriba igual', () => {
    given()
      .when({ type: 'OpenPlan', daneCode: 73001 as unknown as string, firstYear: 2024 })
      .thenError('BAD_USER_INPUT', 'daneCode', /5 dígitos/);
  });
});

describe('AdoptPlan: la fecha del acto de adopción (plan 2024-2027)', () => {
  it.each([
    ['2023-12-15', 'el año anterior al cuatrienio (el plan de desarrollo se adopta antes)'],
    ['2027-12-31', 'el último año del cuatrienio'],
  ])('un acto del %s cumple: %s', (date) => {
    given(planOpened)
      .when({ ...adopt, date })
      .then([{ type: 'PlanAdopted', data: { act: 'ACUERDO', number: '012', date } }]);
  });

  it.each([
    ['2022-12-31', 2022],
    ['2028-01-01', 2028],
  ])('un acto del %s no cumple, y el mensaje dice el año (%s) y el cuatrienio', (date, year) => {
    given(planOpened)
      .when({ ...adopt, date })
      .thenError(
        'BAD_USER_INPUT',
        'date',
        new RegExp(`^el acto de adopción del plan 2024-2027 no puede ser de ${year}\\.$`),
      );
  });

  it('una fecha que no existe se rechaza pidiendo la fecha del acto en AAAA-MM-DD', () => {
    given(planOpened)
      .when({ ...adopt, date: '2024-02-30' })
      .thenError('BAD_USER_INPUT', 'date', /^indique la fecha del acto \(AAAA-MM-DD\)\.$/);
  });

  it('un acto que no es acuerdo ni decreto se rechaza diciendo cuáles valen', () => {
    given(planOpened)
      .when({ ...adopt, act: 'RESOLUCION' as never })
      .thenError('BAD_USER_INPUT', 'act', /ACUERDO del concejo o un DECRETO del alcalde/);
  });
});
