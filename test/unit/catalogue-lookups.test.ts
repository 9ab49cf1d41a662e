/**
 * The catalogue's look-ups (Res. 449 de 2013: the indicators of Tabla 2 and their fichas técnicas;
 * Formatos 3 and 4: the rows of funding). The tables themselves are data, checked against the seed
 * by test/unit/seed-fidelity.test.ts; these pin the functions that read them (issue 14).
 */
import { findFundingRow } from '../../src/domain/catalogue/funding';
import {
  fichaOf,
  findIndicator,
  INDICATORS,
  requiredIndicators,
  requirementOf,
} from '../../src/domain/catalogue/indicators';

describe('el catálogo de indicadores', () => {
  it('se busca por código exacto; un código desconocido no existe', () => {
    expect(findIndicator('ACU-COB-URB')).toMatchObject({ code: 'ACU-COB-URB', ficha: '4.2.1' });
    expect(findIndicator('acu-cob-urb')).toBeUndefined();
    expect(findIndicator('')).toBeUndefined();
  });

  it('la ficha técnica es el texto de la resolución; la continuidad no tiene ficha', () => {
    expect(fichaOf({ ficha: '4.2.1' })?.title).toBe(
      '4.2.1 Indicador de cobertura de acueducto en la zona urbana',
    );
    expect(fichaOf({ ficha: null })).toBeNull();
    expect(fichaOf({ ficha: '9.9.9' })).toBeNull();
  });

  it('Tabla 2: un indicador transversal o de todo el municipio toma el requisito más fuerte de sus celdas', () => {
    const cobertura = findIndicator('ACU-COB-URB')!;
    expect(requirementOf(cobertura)).toBe('SI');
    expect(
      requirementOf({
        ...cobertura,
        type: 'continuidad',
        service: 'alcantarillado',
        zone: 'urbana',
      }),
    ).toBe('NO');
    expect(
      requirementOf({
        ...cobertura,
        type: 'continuidad',
        service: 'alcantarillado',
        zone: 'total',
      }),
    ).toBe('OPCIONAL');
    expect(
      requirementOf({ ...cobertura, type: 'calidad', service: 'transversal', zone: 'rural' }),
    ).toBe('SI');
    expect(requirementOf({ ...cobertura, type: 'cobertura', service: 'aseo', zone: 'rural' })).toBe(
      'OPCIONAL',
    );
    expect(requiredIndicators().every((i) => requirementOf(i) === 'SI')).toBe(true);
    expect(requiredIndicators().length).toBe(
      INDICATORS.filter((i) => requirementOf(i) === 'SI').length,
    );
  });
});

describe('las filas de financiación (Formatos 3 y 4)', () => {
  it('se buscan por tabla y código', () => {
    expect(findFundingRow('fuentes', 'SGP_APSB')).toEqual({
      code: 'SGP_APSB',
      label: 'SGP de Agua Potable y Saneamiento Básico',
      needsDetail: false,
    });
    expect(findFundingRow('fuentes', 'NO_EXISTE')).toBeUndefined();
  });
});
