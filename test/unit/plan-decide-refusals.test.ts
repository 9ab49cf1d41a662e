/**
 * How the plan decider answers (issue 14, mutation testing of `decide.ts`): a rule it refuses is a
 * refusal naming the field; a failure that is not a rule is not passed off as one.
 */
import { decidePlan } from '../../src/domain/plan/decide';
import { foldPlan } from '../../src/domain/plan/state';
import { given, planOpened, territory } from '../support/plan';

describe('decidePlan', () => {
  it('una regla incumplida es un rechazo con código, campo y mensaje, sin eventos', () => {
    const decision = decidePlan(
      { type: 'OpenPlan', daneCode: '73', firstYear: 2024 },
      foldPlan([]),
      { territory },
    );
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.error).toMatchObject({
      name: 'DomainError',
      code: 'BAD_USER_INPUT',
      field: 'daneCode',
    });
    expect(decision).not.toHaveProperty('events');
  });

  it('una falla que no es una regla (la DIVIPOLA no responde) no se disfraza de rechazo', () => {
    const failing = {
      municipality(): never {
        throw new TypeError('DIVIPOLA no disponible');
      },
    };
    expect(() =>
      decidePlan({ type: 'OpenPlan', daneCode: '73001', firstYear: 2024 }, foldPlan([]), {
        territory: failing,
      }),
    ).toThrow('DIVIPOLA no disponible');
  });

  it('OpenPlan es el único comando que no pide un plan abierto; los demás lo piden', () => {
    given().when({ type: 'OpenPlan', daneCode: '73001', firstYear: 2024 }).then([planOpened]);
    given()
      .when({ type: 'AdoptPlan', act: 'ACUERDO', number: '012', date: '2024-05-31' })
      .thenError('NOT_FOUND', 'plan', /ábralo primero/);
  });
});
