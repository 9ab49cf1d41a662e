/**
 * The edges of each rule of `src/domain/rules`, one by one: the cases mutation testing (issue 14)
 * showed no other test told apart, stated in the seed's terms.
 */
import { classifyIrca } from '../../src/domain/rules/irca';
import { fundsByYear } from '../../src/domain/rules/funds';
import { goalGap } from '../../src/domain/rules/goal-gap';
import { goalResources } from '../../src/domain/rules/goal-resources';
import {
  municipalManagementPercent,
  subsidyMinimumMet,
} from '../../src/domain/rules/municipal-management';
import { goalProgress, progressNumbers } from '../../src/domain/rules/progress';
import { assertLevel, round6 } from '../../src/domain/rules/units';
import type { BudgetReport } from '../../src/domain/monitoring/budget';
import { initialPlanState, type PlanState, type Project } from '../../src/domain/plan/state';

describe('avance de una meta en sus bordes (Tabla 7 y Tabla 11)', () => {
  // Cobertura urbana de acueducto: de 90 % hacia 98 %, 2 puntos por año.
  const cobertura = { direction: 'up' as const, baseline: 90, targets: [2, 2, 2, 2], total: 8 };

  it('avance exactamente al día es AL_DIA, no REZAGADA', () => {
    // Año 2: lo programado es 4 de 8 puntos, 50 %; el indicador subió justo 4.
    const p = goalProgress({ ...cobertura, measured: 94, yearIndex: 2 });
    expect(p).toMatchObject({ percent: 50, expectedPercent: 50, status: 'AL_DIA' });
    expect(p.explanation).toBe('Avance de 50 % hacia el nivel meta 98.');
  });

  it('un punto menos de lo programado es REZAGADA, con lo avanzado y lo programado', () => {
    const p = goalProgress({ ...cobertura, measured: 93, yearIndex: 2 });
    expect(p).toMatchObject({ percent: 37.5, expectedPercent: 50, status: 'REZAGADA' });
    expect(p.explanation).toBe(
      'Avance de 37.5 % frente a 50 % programado a ese año: la meta va rezagada.',
    );
  });

  it('sin año de medición no hay programado y nada va rezagado', () => {
    const p = goalProgress({ ...cobertura, measured: 91 });
    expect(p).toMatchObject({ percent: 12.5, expectedPercent: null, status: 'AL_DIA' });
  });

  it('medido igual a la línea base no es retroceso: avance 0 %, y rezagada si algo estaba programado', () => {
    expect(goalProgress({ ...cobertura, measured: 90 })).toMatchObject({
      percent: 0,
      rawPercent: 0,
      status: 'AL_DIA',
    });
    expect(goalProgress({ ...cobertura, measured: 90, yearIndex: 1 })).toMatchObject({
      percent: 0,
      expectedPercent: 25,
      status: 'REZAGADA',
    });
  });

  it('un indicador que debía subir y bajó dice "debía subir"', () => {
    const p = goalProgress({ ...cobertura, measured: 89 });
    expect(p).toMatchObject({ percent: 0, rawPercent: -12.5, status: 'RETROCESO' });
    expect(p.explanation).toBe(
      'El indicador debía subir desde 90 hacia 98, pero está en 89: se alejó de la meta, el avance se reporta como 0 %.',
    );
  });

  it('llegar justo al nivel meta es CUMPLIDA; pasarlo es SUPERADA, limitada a 100 %', () => {
    const cumplida = goalProgress({ ...cobertura, measured: 98, yearIndex: 4 });
    expect(cumplida).toMatchObject({ percent: 100, rawPercent: 100, status: 'CUMPLIDA' });
    expect(cumplida.explanation).toBe('Meta cumplida: el indicador llegó a 98.');
    const superada = goalProgress({ ...cobertura, measured: 99 });
    expect(superada).toMatchObject({ percent: 100, rawPercent: 112.5, status: 'SUPERADA' });
    expect(superada.explanation).toBe(
      'El indicador (99) superó el nivel meta 98; el avance se limita a 100 %.',
    );
  });

  describe('una meta que no compromete cambio (total 0): SIN_META mientras no empeore', () => {
    const sinCambio = { direction: 'down' as const, baseline: 5, targets: [0, 0, 0, 0], total: 0 };

    it('se mantiene: SIN_META, 100 %, sin programado aunque haya año', () => {
      const p = goalProgress({ ...sinCambio, measured: 5, yearIndex: 3 });
      expect(p).toMatchObject({
        percent: 100,
        rawPercent: 100,
        expectedPercent: null,
        status: 'SIN_META',
      });
      expect(p.explanation).toBe('La meta no compromete cambio; el indicador se mantiene.');
    });

    it('mejora: sigue SIN_META', () => {
      expect(goalProgress({ ...sinCambio, measured: 4 })).toMatchObject({
        percent: 100,
        status: 'SIN_META',
      });
    });

    it('empeora: RETROCESO, 0 %, diciendo de cuánto a cuánto', () => {
      const p = goalProgress({ ...sinCambio, measured: 6 });
      expect(p).toMatchObject({ percent: 0, rawPercent: 0, status: 'RETROCESO' });
      expect(p.explanation).toBe(
        'La meta no compromete cambio, pero el indicador empeoró de 5 a 6.',
      );
    });
  });

  describe('las cifras del avance que usan los puntajes (progressNumbers)', () => {
    it('avance = logrado / total × 100, limitado a 0-100, con el nivel meta en la dirección del indicador', () => {
      expect(progressNumbers({ ...cobertura, measured: 92, yearIndex: 1 })).toEqual({
        targetLevel: 98,
        achieved: 2,
        rawPercent: 25,
        percent: 25,
        expectedPercent: 25,
      });
      expect(progressNumbers({ ...cobertura, measured: 88 })).toMatchObject({
        rawPercent: -25,
        percent: 0,
      });
      expect(progressNumbers({ ...cobertura, measured: 100 })).toMatchObject({
        rawPercent: 125,
        percent: 100,
      });
    });

    it('meta sin cambio: 100 % si se mantiene o mejora, 0 % si empeora, y nunca un programado', () => {
      const sinCambio = { direction: 'up' as const, baseline: 5, targets: [0, 0, 0, 0], total: 0 };
      expect(progressNumbers({ ...sinCambio, measured: 5, yearIndex: 2 })).toEqual({
        targetLevel: 5,
        achieved: 0,
        rawPercent: 100,
        percent: 100,
        expectedPercent: null,
      });
      expect(progressNumbers({ ...sinCambio, measured: 4 })).toMatchObject({
        rawPercent: 0,
        percent: 0,
      });
    });

    it('metas de tres años medidas en el Año 4: se espera la suma de las tres, no más', () => {
      expect(
        progressNumbers({ ...cobertura, targets: [2, 2, 4], measured: 92, yearIndex: 4 })
          .expectedPercent,
      ).toBe(100);
    });
  });
});

describe('recursos disponibles por año (Tablas 4-6) en sus bordes', () => {
  const funding: Parameters<typeof fundsByYear>[1] = {
    fuentes: [[100, 100, 100, 100]],
    usos: [[0, 0, 0, 0]],
    gestion: [],
  };

  it('un saldo exactamente 0 no es sobredimensionar el plan; un peso más sí, y dice cuánto', () => {
    const funds = fundsByYear(2024, funding, [[100, 101, 0, 0]]);
    expect(funds.map((f) => [f.yearIndex, f.year, f.balance])).toEqual([
      [1, 2024, 0],
      [2, 2025, -1],
      [3, 2026, 100],
      [4, 2027, 100],
    ]);
    expect(funds[0]!.warning).toBeNull();
    expect(funds[1]!.warning).toBe(
      'Año 2 (2025): las inversiones planeadas (101) superan los recursos disponibles (100) en 1; no sobredimensione el plan.',
    );
  });
});

describe('meta frente a contribuciones (Tabla 10): el aviso dice la diferencia en positivo', () => {
  it('proyectos que aportan 2 más que la meta', () => {
    expect(goalGap('ACU-COB-URB', 8, [{ projectId: 'P-1', amount: 10 }]).warning).toBe(
      'Los proyectos de ACU-COB-URB aportan 10, 2 más que la meta (8): la meta podría estar subvalorada (Tabla 10).',
    );
  });
});

describe('"RECURSOS A INVERTIR" por meta (Tabla 11)', () => {
  const project = (projectId: string, valueByYear: Project['valueByYear']): Project => ({
    projectId,
    kind: 'propio',
    name: projectId,
    needId: null,
    valueByYear,
    estimatedValue: valueByYear.reduce((a, b) => a + b, 0),
    endDate: null,
    fundingSources: [],
    executor: null,
    executorDetail: null,
  });
  const state = (): PlanState => ({
    ...initialPlanState(),
    firstYear: 2024,
    projects: { 'P-2': project('P-2', [10, 0, 0, 0]), 'P-1': project('P-1', [0, 20, 0, 40]) },
    contributions: {
      'P-2|ACU-COB-URB': {
        projectId: 'P-2',
        indicator: 'ACU-COB-URB',
        amount: 1,
        unit: 'poblacion',
      },
      'P-1|ACU-COB-URB': {
        projectId: 'P-1',
        indicator: 'ACU-COB-URB',
        amount: 1,
        unit: 'poblacion',
      },
      'P-1|ALC-COB-URB': {
        projectId: 'P-1',
        indicator: 'ALC-COB-URB',
        amount: 1,
        unit: 'poblacion',
      },
    },
  });

  it('Año 1 a 4 con su año; los proyectos en orden de código; uno que sirve a dos metas aporta la mitad', () => {
    const resources = goalResources(state(), 'ACU-COB-URB');
    expect(resources.byYear).toEqual([
      { yearIndex: 1, year: 2024, amount: 10 },
      { yearIndex: 2, year: 2025, amount: 10 },
      { yearIndex: 3, year: 2026, amount: 0 },
      { yearIndex: 4, year: 2027, amount: 20 },
    ]);
    expect(resources.total).toBe(40);
    expect(resources.projects).toEqual([
      { projectId: 'P-1', share: 0.5, amount: 30 },
      { projectId: 'P-2', share: 1, amount: 10 },
    ]);
  });

  it('una contribución cuyo proyecto no está en el plan no aporta pesos', () => {
    const plan = state();
    delete plan.projects['P-2'];
    const resources = goalResources(plan, 'ACU-COB-URB');
    expect(resources.total).toBe(30);
    expect(resources.projects.map((p) => p.projectId)).toEqual(['P-1']);
  });
});

describe('requisito 6 de la ficha 4.2.10: mínimo el 15 % del SGP-APSB para subsidios', () => {
  const budget = (assignedConpes: number, subsidiesCommitted: number) =>
    ({ assignedConpes, subsidiesCommitted }) as BudgetReport;

  it('un peso de diferencia cumple, dos no', () => {
    // 15 % de 1.000.000 es 150.000.
    expect(subsidyMinimumMet(budget(1_000_000, 149_999)).met).toBe(true);
    expect(subsidyMinimumMet(budget(1_000_000, 149_998)).met).toBe(false);
  });

  it('la explicación da los pesos del FUT, el porcentaje y si cumple', () => {
    expect(subsidyMinimumMet(budget(1_000_000, 200_000))).toEqual({
      met: true,
      share: 0.2,
      explanation:
        'FUT: subsidios comprometidos 200.000 de 1.000.000 asignados por Conpes (20 %) cumplen el mínimo del 15 % (requisito 6 de la ficha 4.2.10).',
    });
    expect(subsidyMinimumMet(budget(1_000_000, 100_000)).explanation).toMatch(
      /\(10 %\) no cumplen el mínimo/,
    );
  });

  it('sin recursos asignados por Conpes la proporción es 0, no una división por cero', () => {
    expect(subsidyMinimumMet(budget(0, 0))).toMatchObject({ met: true, share: 0 });
    expect(subsidyMinimumMet(budget(0, 5))).toMatchObject({ share: 0 });
  });

  it('k de 6 requisitos, a dos decimales', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(municipalManagementPercent)).toEqual([
      0, 16.67, 33.33, 50, 66.67, 83.33, 100,
    ]);
  });
});

describe('IRCA (Res. 2115 de 2007) fuera de 0-100', () => {
  it('se rechaza nombrando el campo (por omisión "irca") y el valor recibido', () => {
    expect(() => classifyIrca(-1)).toThrow(expect.objectContaining({ field: 'irca' }));
    expect(() => classifyIrca(100.5, 'value')).toThrow(
      'el IRCA debe estar entre 0 y 100 (recibido 100.5).',
    );
  });
});

describe('niveles de un indicador en su unidad', () => {
  it('cero y el máximo de la unidad valen; por debajo de cero o encima del máximo no', () => {
    expect(assertLevel('porcentaje', 0, 'baseline')).toBe(0);
    expect(assertLevel('porcentaje', 100, 'baseline')).toBe(100);
    expect(assertLevel('horas', 24, 'baseline')).toBe(24);
    expect(() => assertLevel('porcentaje', -0.01, 'baseline')).toThrow(
      'no puede ser negativo (-0.01); la unidad es porcentaje (0-100).',
    );
    expect(() => assertLevel('porcentaje', 100.01, 'baseline')).toThrow(
      '100.01 excede el máximo de 100 para porcentaje (0-100).',
    );
    expect(() => assertLevel('horas', 24.5, 'baseline')).toThrow(/excede el máximo de 24/);
  });

  it('la población es un número entero de personas; un porcentaje puede tener decimales', () => {
    expect(() => assertLevel('poblacion', 10.5, 'baseline')).toThrow(
      'debe ser un número entero (población (personas)).',
    );
    expect(assertLevel('porcentaje', 10.5, 'baseline')).toBe(10.5);
  });

  it('un valor que no es un número finito se rechaza', () => {
    for (const value of ['5', Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(() => assertLevel('porcentaje', value, 'baseline')).toThrow('debe ser un número.');
    }
  });

  it('round6 quita el ruido binario: 0,1 + 0,2 es 0,3', () => {
    expect(round6(0.1 + 0.2)).toBe(0.3);
    expect(round6(1.0000004)).toBe(1);
  });
});
