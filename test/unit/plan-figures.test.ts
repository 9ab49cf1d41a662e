/**
 * The figures the CTP and control bodies read from a plan (issue 14, mutation testing of
 * `figures.ts`): the latest report of an indicator, a goal's progress for the Año it was measured
 * in, its gap against its projects, the funds per year and the indicators Tabla 2 still misses.
 */
import type { PlanEvent } from '../../src/domain/plan/events';
import {
  goalFigures,
  latestProgress,
  planFigures,
  progressOfGoal,
} from '../../src/domain/plan/figures';
import { foldPlan } from '../../src/domain/plan/state';
import { fundsByYear } from '../../src/domain/rules/funds';
import { goalProgress } from '../../src/domain/rules/progress';
import {
  baselineAcueductoUrbano,
  goalAcueductoUrbano,
  planOpened,
  projectOwn,
} from '../support/plan';

const reported = (period: { year: number; month?: number }, value: number): PlanEvent => ({
  type: 'ProgressReported',
  data: {
    indicator: 'ACU-COB-URB',
    period,
    value,
    source: 'SUI',
    checklist: null,
    previous: null,
  },
});
const irca = (period: { year: number; month?: number }, value: number): PlanEvent => ({
  type: 'ProgressReported',
  data: {
    indicator: 'ACU-IRCA-URB',
    period,
    value,
    source: 'INS',
    checklist: null,
    previous: null,
  },
});
const attach = (projectId: string, indicator: string, amount: number): PlanEvent => ({
  type: 'ProjectContributionAttached',
  data: {
    projectId,
    indicator,
    amount,
    unit: indicator === 'ACU-COB-URB' ? 'poblacion' : 'porcentaje',
  },
});
// Línea base 12.000 personas sin acueducto, meta: 6.000 menos (1.000, 2.000, 2.000, 1.000).
const goalSet = [planOpened, baselineAcueductoUrbano, goalAcueductoUrbano];

describe('el último reporte de un indicador', () => {
  it('sin reportes no hay último', () => {
    expect(latestProgress(foldPlan(goalSet), 'ACU-IRCA-URB')).toBeNull();
  });
  it('el anual de un año cuenta después de sus meses, y antes de enero del año siguiente', () => {
    const state = foldPlan([
      planOpened,
      irca({ year: 2024, month: 12 }, 6),
      irca({ year: 2024 }, 5),
      irca({ year: 2024, month: 3 }, 7),
    ]);
    expect(latestProgress(state, 'ACU-IRCA-URB')!.value).toBe(5);
    const january = foldPlan([
      planOpened,
      irca({ year: 2025, month: 1 }, 4),
      irca({ year: 2024 }, 5),
      irca({ year: 2024, month: 12 }, 6),
    ]);
    expect(latestProgress(january, 'ACU-IRCA-URB')!.value).toBe(4);
  });
  it('diciembre de un año cuenta antes que enero del siguiente', () => {
    const state = foldPlan([
      planOpened,
      irca({ year: 2025, month: 1 }, 4),
      irca({ year: 2024, month: 12 }, 6),
    ]);
    expect(latestProgress(state, 'ACU-IRCA-URB')!.value).toBe(4);
  });
});

describe('el avance de una meta según el año medido', () => {
  const input = {
    direction: 'down' as const,
    baseline: 12_000,
    targets: [1_000, 2_000, 2_000, 1_000],
    total: 6_000,
  };
  it.each([
    [2024, 1],
    [2027, 4],
  ])('una medición de %s se compara con lo prometido hasta el Año %s', (year, yearIndex) => {
    const state = foldPlan([...goalSet, reported({ year }, 10_000)]);
    expect(progressOfGoal(state, 'ACU-COB-URB', latestProgress(state, 'ACU-COB-URB')!)).toEqual(
      goalProgress({ ...input, measured: 10_000, yearIndex }),
    );
  });
  it.each([2023, 2028])(
    'una medición de %s, fuera del cuatrienio, no tiene lo prometido',
    (year) => {
      const state = foldPlan([...goalSet, reported({ year }, 10_000)]);
      const progress = progressOfGoal(state, 'ACU-COB-URB', latestProgress(state, 'ACU-COB-URB')!);
      expect(progress).toEqual(goalProgress({ ...input, measured: 10_000 }));
      expect(progress!.expectedPercent).toBeNull();
    },
  );
  it('sin meta, sin línea base o sin indicador conocido no hay avance', () => {
    const entry = {
      indicator: 'ACU-COB-URB',
      period: { year: 2025 },
      value: 10_000,
      source: 'SUI',
      checklist: null,
    };
    expect(
      progressOfGoal(foldPlan([planOpened, baselineAcueductoUrbano]), 'ACU-COB-URB', entry),
    ).toBeNull();
    const noBaseline = foldPlan([planOpened, goalAcueductoUrbano]);
    expect(progressOfGoal(noBaseline, 'ACU-COB-URB', entry)).toBeNull();
    expect(progressOfGoal(foldPlan(goalSet), 'NO-EXISTE', entry)).toBeNull();
    expect(progressOfGoal(foldPlan(goalSet), 'ACU-COB-URB', entry)).not.toBeNull();
  });
  it('sin un plan abierto no hay cuatrienio donde ubicar la medición: no hay avance', () => {
    const unopened = foldPlan([baselineAcueductoUrbano, goalAcueductoUrbano]);
    expect(unopened.firstYear).toBeNull();
    expect(unopened.goals['ACU-COB-URB']).toBeDefined();
    const entry = {
      ...latestProgress(foldPlan([...goalSet, reported({ year: 2025 }, 10_000)]), 'ACU-COB-URB')!,
    };
    expect(progressOfGoal(unopened, 'ACU-COB-URB', entry)).toBeNull();
  });
});

describe('las cifras de una meta (Tabla 10)', () => {
  it('sin meta no hay cifras', () => {
    expect(goalFigures(foldPlan([planOpened, baselineAcueductoUrbano]), 'ACU-COB-URB')).toBeNull();
  });
  it('la brecha cuenta solo las contribuciones a esa meta, y el retroceso se advierte', () => {
    const state = foldPlan([
      ...goalSet,
      projectOwn,
      attach('P-001', 'ACU-COB-URB', 2_500),
      attach('P-001', 'ACU-IRCA-URB', 1),
      reported({ year: 2025 }, 13_000),
    ]);
    const figures = goalFigures(state, 'ACU-COB-URB')!;
    expect(figures.indicator).toBe('ACU-COB-URB');
    expect(figures.gap).toMatchObject({ total: 6_000, contributed: 2_500, gap: 3_500 });
    expect(figures.latestProgress).toMatchObject({ value: 13_000 });
    expect(figures.progress!.status).toBe('RETROCESO');
    expect(figures.warnings).toEqual([figures.gap.warning, figures.progress!.explanation]);
  });
  it('un avance que no es retroceso no se advierte; una meta respaldada no tiene advertencias', () => {
    const state = foldPlan([
      ...goalSet,
      projectOwn,
      attach('P-001', 'ACU-COB-URB', 6_000),
      reported({ year: 2025 }, 10_000),
    ]);
    const figures = goalFigures(state, 'ACU-COB-URB')!;
    expect(figures.progress!.status).not.toBe('RETROCESO');
    expect(figures.warnings).toEqual([]);
    expect(goalFigures(foldPlan(goalSet), 'ACU-COB-URB')).toMatchObject({
      latestProgress: null,
      progress: null,
    });
  });
});

describe('las cifras del plan', () => {
  it('un plan sin abrir no tiene recursos por año, y le faltan los once indicadores de la Tabla 2', () => {
    const figures = planFigures(foldPlan([]));
    expect(figures.funds).toEqual([]);
    expect(figures.goals).toEqual({});
    expect(figures.missingIndicators).toHaveLength(11);
  });
  it('recursos por año de las tres tablas contra la inversión de los proyectos', () => {
    const row = (table: string, code: string, amounts: number[]): PlanEvent =>
      ({
        type: 'FundingRowSet',
        data: { table, row: code, detail: null, amounts, previous: null },
      }) as PlanEvent;
    const state = foldPlan([
      ...goalSet,
      projectOwn,
      row('fuentes', 'SGP_APSB', [1e9, 1e9, 1e9, 1e9]),
      row('fuentes', 'PROPIOS', [1e8, 0, 0, 0]),
      row('usos', 'SUBSIDIOS_ASEO', [2e8, 2e8, 2e8, 2e8]),
      row('gestion', 'SGR', [0, 3e8, 0, 0]),
    ]);
    const figures = planFigures(state);
    expect(figures.funds).toEqual(
      fundsByYear(
        2024,
        {
          fuentes: [
            [1e9, 1e9, 1e9, 1e9],
            [1e8, 0, 0, 0],
          ],
          usos: [[2e8, 2e8, 2e8, 2e8]],
          gestion: [[0, 3e8, 0, 0]],
        },
        [[500_000_000, 1_500_000_000, 0, 0]],
      ),
    );
    // Año 2: 1.000 + 300 - 200 millones disponibles contra 1.500 millones planeados.
    expect(figures.funds[1]!.balance).toBe(-400_000_000);
    expect(figures.warnings).toContain(figures.funds[1]!.warning);
    expect(figures.goals['ACU-COB-URB']).toEqual(goalFigures(state, 'ACU-COB-URB'));
    expect(Object.keys(figures.resources)).toEqual(['ACU-COB-URB']);
  });
  it('faltan los indicadores de la Tabla 2 sin línea base o sin meta, y se advierte una vez', () => {
    const onlyBaseline: PlanEvent = {
      type: 'BaselineSet',
      data: {
        indicator: 'ACU-COB-RUR',
        value: 3_000,
        measuredAt: { year: 2023 },
        source: 'SUI',
        previous: null,
      },
    };
    const figures = planFigures(foldPlan([...goalSet, onlyBaseline]));
    expect(figures.missingIndicators).toEqual([
      'ACU-COB-RUR',
      'ALC-COB-URB',
      'ALC-COB-RUR',
      'ASE-COB-URB',
      'ACU-IRCA-URB',
      'ACU-IRCA-RUR',
      'ASE-DISP-URB',
      'ALC-TRAT-URB',
      'ASEG-RUPS',
      'GES-MUN',
    ]);
    expect(figures.warnings).toEqual([
      ...figures.goals['ACU-COB-URB']!.warnings,
      `Faltan línea base o meta para indicadores obligatorios de la Tabla 2: ${figures.missingIndicators.join(', ')}.`,
    ]);
    expect(figures.warnings.at(-1)).toMatch(
      /^Faltan línea base o meta .*: ACU-COB-RUR, ALC-COB-URB, /,
    );
  });
  it('un plan con todos los indicadores de la Tabla 2 no advierte que falten', () => {
    const state = foldPlan([...goalSet]);
    // Todos los obligatorios con línea base y meta: se simula sobre el estado plegado.
    for (const code of planFigures(state).missingIndicators) {
      state.baselines[code] = { ...state.baselines['ACU-COB-URB']!, indicator: code };
      state.goals[code] = {
        ...state.goals['ACU-COB-URB']!,
        indicator: code,
        total: 0,
        targets: [0, 0, 0, 0],
      };
    }
    const figures = planFigures(state);
    expect(figures.missingIndicators).toEqual([]);
    // Only the goals' and the years' own warnings: nothing is added for the Tabla 2.
    expect(figures.warnings).toEqual([
      ...Object.values(figures.goals).flatMap((g) => g.warnings),
      ...figures.funds.flatMap((f) => (f.warning === null ? [] : [f.warning])),
    ]);
  });
});
