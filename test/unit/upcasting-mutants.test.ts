/**
 * Old events read in today's meaning (src/domain/upcasting.ts, issue 13): ficha 4.2.8 recorded as
 * "% no tratado" (ALC-NOTRAT-URB) reads as "% tratado" (ALC-TRAT-URB), and GES-MUN recorded as a
 * count of requirements (0-6) reads as the percentage Tabla 1 names. One test per event type and
 * per edge mutation testing (issue 14) showed no other test told apart; the integration suite
 * (test/integration/upcasting.test.ts) replays a whole version-1 log.
 */
import { CURRENT_SCHEMA_VERSION, upcast } from '../../src/domain/upcasting';

const v1 = (type: string, data: Record<string, unknown>) =>
  upcast({ type, data, schemaVersion: 1 });

describe('niveles (línea base y reportes de avance)', () => {
  it('72,5 % no tratado es 27,5 % tratado, también en el valor anterior que se reemplazó', () => {
    expect(
      v1('BaselineSet', {
        indicator: 'ALC-NOTRAT-URB',
        value: 72.5,
        measuredAt: { year: 2023 },
        previous: { value: 80.1, measuredAt: { year: 2022 } },
      }),
    ).toEqual({
      type: 'BaselineSet',
      data: {
        indicator: 'ALC-TRAT-URB',
        value: 27.5,
        measuredAt: { year: 2023 },
        previous: { value: 19.9, measuredAt: { year: 2022 } },
      },
    });
  });

  it('GES-MUN: 3 de 6 requisitos es 50 %, 5 de 6 es 83,33 %; el indicador conserva su código', () => {
    expect(
      v1('ProgressReported', {
        indicator: 'GES-MUN',
        period: { year: 2024 },
        value: 5,
        previous: { value: 3 },
      }).data,
    ).toEqual({
      indicator: 'GES-MUN',
      period: { year: 2024 },
      value: 83.33,
      previous: { value: 50 },
    });
  });

  it('otro indicador no cambia; un valor que no es número tampoco; sin anterior, sigue sin él', () => {
    const cobertura = { indicator: 'ACU-COB-URB', value: 12_000, previous: null };
    expect(v1('BaselineSet', cobertura).data).toEqual(cobertura);
    expect(v1('ProgressReported', { indicator: 'ALC-NOTRAT-URB', value: null }).data).toEqual({
      indicator: 'ALC-TRAT-URB',
      value: null,
    });
    expect(v1('ProgressReported', { indicator: 'GES-MUN', value: '3' }).data).toEqual({
      indicator: 'GES-MUN',
      value: '3',
    });
    expect(v1('BaselineSet', { indicator: 'GES-MUN', value: 6, previous: 'x' }).data).toEqual({
      indicator: 'GES-MUN',
      value: 100,
      previous: 'x',
    });
  });
});

describe('metas', () => {
  it('una meta de ALC-NOTRAT-URB cambia de código e identificador y conserva sus magnitudes', () => {
    expect(
      v1('GoalSet', {
        goalId: '73001-2024-ALC-NOTRAT-URB',
        indicator: 'ALC-NOTRAT-URB',
        targets: [1.5, 2.5, 2.5, 2],
        total: 8.5,
      }).data,
    ).toEqual({
      goalId: '73001-2024-ALC-TRAT-URB',
      indicator: 'ALC-TRAT-URB',
      targets: [1.5, 2.5, 2.5, 2],
      total: 8.5,
      previous: null,
    });
  });

  it('solo se renombra un identificador que termina en "-ALC-NOTRAT-URB"', () => {
    for (const goalId of ['ALC-NOTRAT-URB', '73001-2024-ALC-NOTRAT-URB-2', 42]) {
      expect(
        v1('GoalSet', { goalId, indicator: 'ACU-COB-URB', targets: [1, 1, 1, 1], total: 4 }).data
          .goalId,
      ).toBe(goalId);
    }
  });

  it('GES-MUN: las metas anuales pasan a porcentaje por sus niveles acumulados y suman el total', () => {
    // 1, 3, 4 and 5 requirements by Año 1-4: 16,67 %, 50 %, 66,67 %, 83,33 %.
    const upcasted = v1('GoalSet', {
      goalId: '73001-2024-GES-MUN',
      indicator: 'GES-MUN',
      targets: [1, 2, 1, 1],
      total: 5,
    }).data;
    expect(upcasted).toEqual({
      goalId: '73001-2024-GES-MUN',
      indicator: 'GES-MUN',
      targets: [16.67, 33.33, 16.67, 16.66],
      total: 83.33,
      previous: null,
    });
  });

  it('una meta que ya trae su anterior la conserva, convertida; una enmienda no la añade', () => {
    const previous = { goalId: 'g', targets: [3, 0, 0, 0], total: 3 };
    expect(
      v1('GoalSet', {
        goalId: 'g',
        indicator: 'GES-MUN',
        targets: [6, 0, 0, 0],
        total: 6,
        previous,
      }).data,
    ).toEqual({
      goalId: 'g',
      indicator: 'GES-MUN',
      targets: [100, 0, 0, 0],
      total: 100,
      previous: { goalId: 'g', targets: [50, 0, 0, 0], total: 50 },
    });
    expect(
      v1('GoalAmended', {
        goalId: 'g',
        indicator: 'ACU-COB-URB',
        targets: [1, 0, 0, 0],
        total: 1,
      }).data,
    ).toEqual({ goalId: 'g', indicator: 'ACU-COB-URB', targets: [1, 0, 0, 0], total: 1 });
  });
});

describe('aportes de los proyectos', () => {
  it.each(['ProjectContributionAttached', 'ProjectContributionChanged'])(
    '%s de GES-MUN: la cantidad pasa a porcentaje, también la anterior, y la unidad es porcentaje',
    (type) => {
      expect(
        v1(type, {
          projectId: 'P-01',
          indicator: 'GES-MUN',
          amount: 2,
          unit: 'requisitos',
          previous: { amount: 1, unit: 'requisitos' },
        }).data,
      ).toEqual({
        projectId: 'P-01',
        indicator: 'GES-MUN',
        amount: 33.33,
        unit: 'porcentaje',
        previous: { amount: 16.67, unit: 'requisitos' },
      });
    },
  );

  it('un aporte sin cantidad ni unidad no las gana; uno de ALC-NOTRAT-URB conserva la magnitud', () => {
    // An amount that is not a number is kept as it came, GES-MUN or not.
    expect(
      v1('ProjectContributionChanged', { projectId: 'P-01', indicator: 'GES-MUN', amount: null })
        .data,
    ).toEqual({ projectId: 'P-01', indicator: 'GES-MUN', amount: null });
    // Strict: not even an `amount: undefined` key.
    expect(
      v1('ProjectContributionDetached', { projectId: 'P-01', indicator: 'GES-MUN' }).data,
    ).toStrictEqual({ projectId: 'P-01', indicator: 'GES-MUN' });
    expect(
      v1('ProjectContributionAttached', {
        projectId: 'P-01',
        indicator: 'ALC-NOTRAT-URB',
        amount: 8.5,
        unit: 'porcentaje',
      }).data,
    ).toEqual({ projectId: 'P-01', indicator: 'ALC-TRAT-URB', amount: 8.5, unit: 'porcentaje' });
    expect(
      v1('ProjectContributionAttached', {
        projectId: 'P-01',
        indicator: 'ACU-COB-URB',
        amount: 3,
        unit: 'personas',
      }).data,
    ).toEqual({ projectId: 'P-01', indicator: 'ACU-COB-URB', amount: 3, unit: 'personas' });
  });
});

describe('versiones', () => {
  it('la versión actual es la 2: un evento de versión 2 se lee tal cual', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
    const data = { indicator: 'ALC-NOTRAT-URB', value: 72.5 };
    expect(upcast({ type: 'BaselineSet', data, schemaVersion: 2 })).toEqual({
      type: 'BaselineSet',
      data: { indicator: 'ALC-NOTRAT-URB', value: 72.5 },
    });
  });

  it('un tipo sin conversión se lee tal cual aunque sea de la versión 1', () => {
    const data = { daneCode: '73001', indicator: 'ALC-NOTRAT-URB' };
    expect(upcast({ type: 'PlanOpened', data, schemaVersion: 1 })).toEqual({
      type: 'PlanOpened',
      data,
    });
  });
});
