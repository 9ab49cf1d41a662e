/**
 * The domain's refusals (src/domain/errors.ts): a code the API puts in `extensions.code`, the field
 * named, a Spanish message, and a name of its own so that a handler tells it from a crash.
 */
import { badInput, conflict, DomainError, notFound } from '../../src/domain/errors';
import { DANE_CODE, DEPARTMENT_CODE } from '../../src/domain/territory';

describe('los rechazos del dominio', () => {
  it('dicen su código, el campo y el mensaje, y se distinguen de un error cualquiera', () => {
    for (const [make, code] of [
      [badInput, 'BAD_USER_INPUT'],
      [notFound, 'NOT_FOUND'],
      [conflict, 'CONFLICT'],
    ] as const) {
      const error = make('targets[2]', 'debe ser mayor o igual a cero.');
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toBeInstanceOf(Error);
      expect({
        name: error.name,
        code: error.code,
        field: error.field,
        message: error.message,
      }).toEqual({
        name: 'DomainError',
        code,
        field: 'targets[2]',
        message: 'debe ser mayor o igual a cero.',
      });
    }
  });

  it('un código DANE de municipio tiene 5 dígitos y uno de departamento 2', () => {
    expect(['73001', '7300', '730011', '7300a'].map((c) => DANE_CODE.test(c))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(['73', '7', '730', 'x7'].map((c) => DEPARTMENT_CODE.test(c))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
