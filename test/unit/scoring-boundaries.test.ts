/**
 * The edges of the SGP-APSB risk scoring (Res. 449 de 2013, arts. 2-5): the cases mutation testing
 * (issue 14) showed no other test told apart, stated in the resolution's terms.
 */
import { RES_449_2013, type Methodology } from '../../src/domain/monitoring/methodology';
import {
  budgetScores,
  compactItems,
  riskScore,
  sectoralScore,
  vigenciaItems,
  weighCompact,
  type BudgetReport,
} from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { compliantBudget } from '../support/monitoring';
import { baselineAcueductoUrbano, goalAcueductoUrbano, planOpened } from '../support/plan';

const scoreOf = (report: BudgetReport, code: string) =>
  budgetScores(report).find((item) => item.code === code)!.score;

describe('ítems presupuestales (art. 2.1.1): un peso de diferencia cumple, dos no', () => {
  const budget = (change: Partial<BudgetReport>): BudgetReport => ({
    ...compliantBudget,
    ...change,
  });
  const assigned = compliantBudget.assignedConpes;

  it('incorporación: lo incorporado frente a lo asignado por Conpes', () => {
    expect(scoreOf(budget({ incorporated: assigned - 1 }), 'INCORPORACION')).toBe(100);
    expect(scoreOf(budget({ incorporated: assigned - 2 }), 'INCORPORACION')).toBe(0);
    expect(scoreOf(budget({ incorporated: assigned + 5 }), 'INCORPORACION')).toBe(100);
  });

  it.each([
    [
      'recaudo efectivo: lo reportado frente a lo girado',
      'RECAUDO_EFECTIVO',
      'collected',
      'transferred',
    ],
    [
      'recaudo sin situación de fondos: lo reportado frente a lo asignado',
      'RECAUDO_SSF',
      'withoutFundsReported',
      'withoutFundsAssigned',
    ],
    [
      'equilibrio: gastos definitivos frente a ingresos definitivos',
      'EQUILIBRIO',
      'finalExpenditure',
      'finalRevenue',
    ],
  ] as const)('%s, de más o de menos', (_, code, reportedField, reference) => {
    const expected = compliantBudget[reference];
    for (const [difference, score] of [
      [1, 100],
      [-1, 100],
      [2, 0],
      [-2, 0],
    ] as const) {
      expect(scoreOf(budget({ [reportedField]: expected + difference }), code)).toBe(score);
    }
  });

  it('déficit: compromisos hasta un peso por encima de los recursos disponibles cumplen', () => {
    const available = compliantBudget.availableResources;
    expect(scoreOf(budget({ commitments: available + 1 }), 'DEFICIT')).toBe(100);
    expect(scoreOf(budget({ commitments: available + 2 }), 'DEFICIT')).toBe(0);
    expect(scoreOf(budget({ commitments: available - 100 }), 'DEFICIT')).toBe(100);
  });

  it('uso adecuado: un peso en actividades no previstas por la Ley 1176 se tolera, dos no', () => {
    expect(scoreOf(budget({ ineligibleSpending: 1 }), 'USO_ADECUADO')).toBe(100);
    expect(scoreOf(budget({ ineligibleSpending: 2 }), 'USO_ADECUADO')).toBe(0);
  });

  it('subsidios: sin subsidios comprometidos no cumple; pagado un peso por debajo de lo comprometido sí', () => {
    expect(scoreOf(budget({ subsidiesCommitted: 0, subsidiesPaid: 0 }), 'SUBSIDIOS')).toBe(0);
    expect(scoreOf(budget({ subsidiesCommitted: 1_000, subsidiesPaid: 999 }), 'SUBSIDIOS')).toBe(
      100,
    );
    expect(scoreOf(budget({ subsidiesCommitted: 1_000, subsidiesPaid: 998 }), 'SUBSIDIOS')).toBe(0);
  });

  it('cada ítem explica qué comparó con qué, en pesos', () => {
    expect(budgetScores(compliantBudget).map((item) => item.explanation)).toEqual([
      'Incorporado 1.000.000.000 frente a asignado por Conpes 1.000.000.000.',
      'Recaudo reportado 920.000.000 frente a girado 920.000.000.',
      'Sin situación de fondos reportado 80.000.000 frente a asignado 80.000.000.',
      'Ingresos definitivos 1.000.000.000 frente a gastos definitivos 1.000.000.000.',
      'Compromisos 950.000.000 frente a recursos disponibles 1.000.000.000.',
      'Gasto en actividades no previstas en los arts. 10 y 11 de la Ley 1176 de 2007: 0.',
      'Subsidios comprometidos 150.000.000, pagados 150.000.000.',
    ]);
  });
});

/** A progress report of the plan (annual, or for a month 1-12). */
const reported = (
  indicator: string,
  value: number,
  period: { year: number; month?: number },
  checklist: Record<string, boolean> | null = null,
): PlanEvent =>
  ({
    type: 'ProgressReported',
    data: { indicator, period, value, source: 'SUI', checklist, previous: null },
  }) as PlanEvent;

const baseline = (indicator: string, value: number): PlanEvent => ({
  type: 'BaselineSet',
  data: { indicator, value, measuredAt: { year: 2023 }, source: 'SUI', previous: null },
});

const goal = (indicator: string, targets: [number, number, number, number]): PlanEvent => ({
  type: 'GoalSet',
  data: {
    goalId: `73001-2024-${indicator}`,
    indicator,
    targets,
    total: targets.reduce((a, b) => a + b, 0),
    previous: null,
  },
});

describe('componente sectorial (art. 2.1.3) en sus bordes', () => {
  // ACU-COB-URB: 12.000 personas sin servicio; 1.000 menos programadas para 2024.
  const plan = (...events: PlanEvent[]) =>
    foldPlan([planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, ...events]);

  it('un reporte de 2025 no cuenta para la vigencia 2024', () => {
    const scored = plan(
      reported('ACU-COB-URB', 11_500, { year: 2024 }),
      reported('ACU-COB-URB', 9_000, { year: 2025 }),
    );
    expect(sectoralScore(scored, 2024, 'cobertura').score).toBe(50);
    // For 2025 (3.000 programmed by then) the 2025 report counts: 3.000 of 3.000.
    expect(sectoralScore(scored, 2025, 'cobertura').score).toBe(100);
  });

  it('el reporte anual de 2024 es posterior a los mensuales de 2024; diciembre, al de noviembre', () => {
    const annualLast = plan(
      reported('ACU-COB-URB', 11_000, { year: 2024 }),
      reported('ACU-COB-URB', 11_800, { year: 2024, month: 12 }),
    );
    expect(sectoralScore(annualLast, 2024, 'cobertura').score).toBe(100);
    const december = plan(
      reported('ACU-COB-URB', 11_600, { year: 2024, month: 12 }),
      reported('ACU-COB-URB', 11_900, { year: 2024, month: 11 }),
    );
    expect(sectoralScore(december, 2024, 'cobertura').score).toBe(40);
    // A report for January 2025 is later than the annual one of 2024 (2025 × 100 + 1 > 2024 × 100 + 13).
    const january = plan(
      reported('ACU-COB-URB', 11_900, { year: 2024 }),
      reported('ACU-COB-URB', 10_000, { year: 2025, month: 1 }),
    );
    expect(sectoralScore(january, 2025, 'cobertura').score).toBe(66.67);
  });

  it('el componente es el promedio de sus metas: una cumplida y una en cero dan 50', () => {
    const scored = plan(
      baseline('ALC-COB-URB', 5_000),
      goal('ALC-COB-URB', [500, 500, 500, 500]),
      reported('ACU-COB-URB', 11_000, { year: 2024 }),
      reported('ALC-COB-URB', 5_000, { year: 2024 }),
    );
    const score = sectoralScore(scored, 2024, 'cobertura');
    expect(score.score).toBe(50);
    expect(score.explanation).toMatch(
      /^Cumplimiento medio de 2 meta\(s\) del componente al cierre de 2024: 50 %\. /,
    );
    expect(score.explanation).toContain(
      'ACU-COB-URB: logrado 1000 de 1000 programado a 2024: 100.',
    );
    expect(score.explanation).toContain('ALC-COB-URB: logrado 0 de 500 programado a 2024: 0.');
  });

  it('lo logrado por encima de lo programado se acota a 100', () => {
    expect(
      sectoralScore(plan(reported('ACU-COB-URB', 10_000, { year: 2024 })), 2024, 'cobertura').score,
    ).toBe(100);
  });

  it('con avance programado y sin reporte: 0, diciendo cuánto estaba programado', () => {
    const score = sectoralScore(plan(), 2025, 'cobertura');
    expect(score.score).toBe(0);
    expect(score.explanation).toContain('ACU-COB-URB: 3000 programado a 2025 y sin reporte: 0.');
  });

  it('sin avance programado a la vigencia cumple (100), salvo que el indicador retroceda', () => {
    const nothingDue = (...events: PlanEvent[]) =>
      foldPlan([
        planOpened,
        baselineAcueductoUrbano,
        goal('ACU-COB-URB', [0, 0, 1_000, 1_000]),
        ...events,
      ]);
    const kept = sectoralScore(nothingDue(), 2024, 'cobertura');
    expect(kept.score).toBe(100);
    expect(kept.explanation).toContain(
      'ACU-COB-URB: nada programado a 2024 (metas 0, 0, 1000, 1000): cumple, 100.',
    );
    const same = nothingDue(reported('ACU-COB-URB', 12_000, { year: 2024 }));
    expect(sectoralScore(same, 2024, 'cobertura').score).toBe(100);
    const worse = sectoralScore(
      nothingDue(reported('ACU-COB-URB', 12_500, { year: 2024 })),
      2024,
      'cobertura',
    );
    expect(worse.score).toBe(0);
    expect(worse.explanation).toContain(
      'ACU-COB-URB: nada programado a 2024, pero retrocedió de 12000 a 12500: 0.',
    );
  });

  it('una vigencia anterior al plan no tiene nada programado; una posterior, todo el cuatrienio', () => {
    const scored = plan(reported('ACU-COB-URB', 6_000, { year: 2027 }));
    expect(sectoralScore(scored, 2023, 'cobertura').score).toBe(100);
    expect(sectoralScore(scored, 2030, 'cobertura').explanation).toContain(
      'ACU-COB-URB: logrado 6000 de 6000 programado a 2030: 100.',
    );
  });

  it('un componente sin metas en el plan da 0 y lo dice; sin plan, también', () => {
    expect(sectoralScore(plan(), 2024, 'gestion_ambiental')).toEqual({
      code: 'gestion_ambiental',
      score: 0,
      explanation: 'El plan no fija metas para este componente.',
    });
    expect(sectoralScore(foldPlan([]), 2024, 'cobertura')).toEqual({
      code: 'cobertura',
      score: 0,
      explanation: 'No hay plan sectorial para la vigencia.',
    });
  });

  it('sin explicación (explain: false) da el mismo puntaje y ningún texto', () => {
    const scored = plan(reported('ACU-COB-URB', 11_500, { year: 2024 }));
    expect(sectoralScore(scored, 2024, 'cobertura', null, { explain: false })).toEqual({
      code: 'cobertura',
      score: 50,
      explanation: '',
    });
  });
});

describe('gestión del municipio (GES-MUN) frente al FUT de la misma vigencia', () => {
  const checklist = {
    fondoSolidaridad: true,
    estratificacion: true,
    equilibrioSubsidios: true,
    convenioSubsidios: true,
    acuerdoPorcentajes: true,
    subsidiosQuincePorCiento: true,
  };
  const gesMun = (year: number) =>
    foldPlan([
      planOpened,
      baseline('GES-MUN', 50),
      goal('GES-MUN', [50, 0, 0, 0]),
      reported('GES-MUN', 100, { year }, checklist),
    ]);
  const lowSubsidies = { ...compliantBudget, subsidiesCommitted: 100_000_000 };

  it('el municipio declara el 15 % y el FUT dice que no: se usa el FUT, 5 de 6 requisitos', () => {
    const score = sectoralScore(gesMun(2024), 2024, 'estado_prestacion', lowSubsidies);
    // 83,33 % against a goal of 100 %: 33,33 of 50 points = 66,66.
    expect(score.score).toBe(66.66);
    expect(score.explanation).toContain(
      'El municipio declaró lo contrario; se usa el FUT: 83.33 % en lugar de 100 %.',
    );
  });

  it('el FUT coincide con lo declarado: nada cambia, y se cita el FUT', () => {
    const score = sectoralScore(gesMun(2024), 2024, 'estado_prestacion', compliantBudget);
    expect(score.score).toBe(100);
    expect(score.explanation).toContain('(15 %) cumplen el mínimo del 15 %');
    expect(
      sectoralScore(gesMun(2024), 2024, 'estado_prestacion', compliantBudget, { explain: false })
        .explanation,
    ).toBe('');
  });

  it('el FUT de 2025 no corrige un reporte de 2024', () => {
    expect(sectoralScore(gesMun(2024), 2025, 'estado_prestacion', lowSubsidies).score).toBe(100);
  });
});

describe('pesos de los ítems (art. 3): un ítem de peso 2 cuenta el doble', () => {
  // Every Res. 449 item weighs 1; a methodology may weigh them otherwise.
  const weighted: Methodology = {
    ...RES_449_2013,
    id: 'prueba-pesos',
    items: {
      ...RES_449_2013.items,
      presupuestales: RES_449_2013.items.presupuestales.map((item, i) => ({
        ...item,
        weight: i === 1 ? 2 : 1,
      })),
    },
  };
  const items = vigenciaItems({
    year: 2024,
    budget: { ...compliantBudget, incorporated: 0 },
    administrative: {},
    exemptFromSubsidyContract: false,
    strategicFlags: [],
    plan: null,
  });

  it('incorporación en 0, recaudo efectivo (peso 2) y los otros cinco en 100: (0 + 100 × 2 + 100 × 5) / 8 = 87,5', () => {
    const result = riskScore(weighted, items, [], []);
    expect(result.categories[0]).toMatchObject({ category: 'presupuestales', score: 87.5 });
    expect(weighCompact(weighted, compactItems(items), [], []).categories[0]).toBe(87.5);
    // Under Res. 449 itself, 6 of 7.
    expect(riskScore(RES_449_2013, items, [], []).categories[0]!.score).toBe(85.714286);
  });
});
