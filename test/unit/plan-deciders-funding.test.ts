/**
 * Fuentes, usos and recursos de gestión (Tablas 4, 5 and 6) at their edges (issue 14, mutation
 * testing of `deciders/funding.ts`): which rows need a detail, a row per detail, and a row that
 * does not change.
 */
import type { SetFundingRow } from '../../src/domain/plan/commands';
import type { PlanEvent } from '../../src/domain/plan/events';
import { given, planOpened } from '../support/plan';

const row: SetFundingRow = {
  type: 'SetFundingRow',
  table: 'usos',
  row: 'SERVICIO_DEUDA',
  detail: 'Findeter',
  amounts: [1, 2, 3, 4],
};
const debtSet = (detail: string, amounts: number[], previous: number[] | null): PlanEvent =>
  ({
    type: 'FundingRowSet',
    data: { table: 'usos', row: 'SERVICIO_DEUDA', detail, amounts, previous },
  }) as PlanEvent;

describe('SetFundingRow', () => {
  it('una tabla desconocida se rechaza nombrando las tres', () => {
    given(planOpened)
      .when({ ...row, table: 'otras' as never })
      .thenError(
        'BAD_USER_INPUT',
        'table',
        /^la tabla debe ser "fuentes" \(Tabla 4\), "usos" \(Tabla 5\) o "gestion" \(Tabla 6\)\.$/,
      );
  });

  it('una tabla que solo existe como propiedad heredada de un objeto no es una tabla', () => {
    given(planOpened)
      .when({ ...row, table: 'toString' as never })
      .thenError('BAD_USER_INPUT', 'table', /Tabla 4/);
  });

  it('una fila desconocida se rechaza con las filas de esa tabla', () => {
    given(planOpened)
      .when({ ...row, table: 'gestion' as const, row: 'PROPIOS' })
      .thenError(
        'BAD_USER_INPUT',
        'row',
        /^fila desconocida "PROPIOS" para la tabla gestion; use una de: PDA, SGR, COOPERACION, DEPARTAMENTO, NACION, OTROS\.$/,
      );
  });

  it('el servicio a la deuda nombra la entidad (máx. 200 caracteres), sin espacios de más', () => {
    given(planOpened)
      .when({ ...row, detail: '  Findeter ' })
      .then([debtSet('Findeter', [1, 2, 3, 4], null)]);
    given(planOpened)
      .when({ ...row, detail: undefined })
      .thenError('BAD_USER_INPUT', 'detail', /obligatorio/);
    given(planOpened)
      .when({ ...row, detail: 'x'.repeat(201) })
      .thenError('BAD_USER_INPUT', 'detail', /^supera 200 caracteres\.$/);
  });

  it('una fila sin detalle obligatorio lo guarda si se da (máx. 200), y si no es null', () => {
    const sgp = { ...row, table: 'fuentes' as const, row: 'SGP_APSB' };
    const { decision } = given(planOpened).when({ ...sgp, detail: ' Vigencia 2024 ' });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ detail: 'Vigencia 2024' });
    const without = given(planOpened).when({ ...sgp, detail: undefined }).decision;
    expect(without.ok && without.events[0]!.data).toMatchObject({ detail: null });
    given(planOpened)
      .when({ ...sgp, detail: 'x'.repeat(201) })
      .thenError('BAD_USER_INPUT', 'detail', /^supera 200 caracteres\.$/);
  });

  it('la deuda con otra entidad es otra fila: no tiene valores anteriores', () => {
    given(planOpened, debtSet('Findeter', [1, 2, 3, 4], null))
      .when({ ...row, detail: 'Banco Agrario' })
      .then([debtSet('Banco Agrario', [1, 2, 3, 4], null)]);
  });

  it('los mismos valores no son un cambio; cambiar un solo año sí, con los anteriores', () => {
    const first = debtSet('Findeter', [1, 2, 3, 4], null);
    given(planOpened, first)
      .when(row)
      .thenError('BAD_USER_INPUT', 'amounts', /^la fila ya tiene esos valores\.$/);
    given(planOpened, first)
      .when({ ...row, amounts: [1, 2, 3, 5] })
      .then([debtSet('Findeter', [1, 2, 3, 5], [1, 2, 3, 4])]);
  });
});
