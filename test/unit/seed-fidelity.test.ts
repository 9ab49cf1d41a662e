/**
 * The seed's rules computed as they state them (Resolución 449 de 2013): each test quotes the
 * words and numbers it checks. The quotations are copied here from the resolution; tests never
 * read the reference folder.
 */
import { FICHAS } from '../../src/domain/catalogue/fichas';
import { FUNDING_ROWS } from '../../src/domain/catalogue/funding';
import { fichaOf, findIndicator } from '../../src/domain/catalogue/indicators';
import {
  methodologyFor,
  RES_449_2013,
  type Methodology,
} from '../../src/domain/monitoring/methodology';
import {
  decideMonitoring,
  evolveMonitoring,
  exemptFromSubsidyContract,
  initialMonitoringState,
} from '../../src/domain/monitoring/monitoring';
import { administrativeItems, riskScore, sectoralScore } from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { goalResources } from '../../src/domain/rules/goal-resources';
import { IRCA_CLASSES } from '../../src/domain/rules/irca';
import { MUNICIPAL_MANAGEMENT_REQUIREMENTS } from '../../src/domain/rules/municipal-management';
import { compliantBudget, gesMunChecklist, gesMunPlan, gesMunReport } from '../support/monitoring';
import { baselineAcueductoUrbano, planOpened, projectOwn, territory } from '../support/plan';

const progress = (indicator: string, year: number, value: number, checklist = null): PlanEvent => ({
  type: 'ProgressReported',
  data: { indicator, period: { year }, value, source: 'SUI', checklist, previous: null },
});

describe('2.1.3: a plan that keeps its own timetable is not punished', () => {
  // A goal [0, 0, 500, 500]: nothing due in Año 1 or Año 2, 500 fewer people without water by
  // the end of Año 3, 1,000 by Año 4.
  const backLoaded: PlanEvent = {
    type: 'GoalSet',
    data: {
      goalId: '73001-2024-ACU-COB-URB',
      indicator: 'ACU-COB-URB',
      targets: [0, 0, 500, 500],
      total: 1_000,
      previous: null,
    },
  };
  const plan = (...reports: PlanEvent[]) =>
    foldPlan([planOpened, baselineAcueductoUrbano, backLoaded, ...reports]);

  it('scores a [0, 0, 500, 500] goal on schedule (100) in Año 1, reported or not', () => {
    const unreported = sectoralScore(plan(), 2024, 'cobertura');
    expect(unreported.score).toBe(100);
    expect(unreported.explanation).toMatch(/nada programado a 2024 \(metas 0, 0, 500, 500\)/);
    // "teniendo en cuenta la línea base y las metas al final de la vigencia": nothing moved, 12,000.
    expect(
      sectoralScore(plan(progress('ACU-COB-URB', 2024, 12_000)), 2024, 'cobertura').score,
    ).toBe(100);
  });

  it('nothing due but moving backwards is not compliance', () => {
    const worse = sectoralScore(plan(progress('ACU-COB-URB', 2024, 12_400)), 2024, 'cobertura');
    expect(worse.score).toBe(0);
    expect(worse.explanation).toMatch(/retrocedió de 12000 a 12400/);
  });

  it('once something is due, it is what was achieved over what was due, and no report is 0', () => {
    const reported = plan(progress('ACU-COB-URB', 2026, 11_800));
    // Año 3: 500 due, 200 achieved.
    expect(sectoralScore(reported, 2026, 'cobertura').score).toBe(40);
    expect(sectoralScore(plan(), 2026, 'cobertura').score).toBe(0);
  });

  it('states the reading it uses, since the resolution gives no formula', () => {
    expect(sectoralScore(plan(), 2024, 'cobertura').explanation).toMatch(
      /Lectura de la implementación \(la Res\. 449 de 2013, 2\.1\.3, no da fórmula\)/,
    );
  });
});

describe('4.2.10 requirement 6 is checked against the FUT where it exists', () => {
  // "6. Destinar mínimo el 15% de los recursos del SGP-APSB para subsidios."
  const plan = gesMunPlan(gesMunReport(gesMunChecklist));

  it('keeps the declared six of six when the FUT shows 15 % committed to subsidies', () => {
    // compliantBudget: 150,000,000 of 1,000,000,000 assigned = 15 %.
    const score = sectoralScore(plan, 2024, 'estado_prestacion', compliantBudget);
    expect(score.score).toBe(100);
    expect(score.explanation).toMatch(/\(15 %\) cumplen el mínimo del 15 %/);
  });

  it('counts five of six (83.33 %) when the FUT shows 10 %', () => {
    const budget = { ...compliantBudget, subsidiesCommitted: 100_000_000 };
    const score = sectoralScore(plan, 2024, 'estado_prestacion', budget);
    // Baseline 50 %, goal +50 in Año 1: 33.33 of 50 points = 66.66.
    expect(score.score).toBe(66.66);
    expect(score.explanation).toMatch(/se usa el FUT: 83.33 % en lugar de 100 %/);
  });

  it('without a FUT the declaration stands', () => {
    expect(sectoralScore(plan, 2024, 'estado_prestacion').score).toBe(100);
  });
});

describe('art. 5 of Res. 98 de 2019 derogated Res. 449: the methodology in force is stated', () => {
  // "<NOTA DE VIGENCIA: Resolución derogada por el artículo 5 de la Resolución 98 de 2019>"
  it('computes 2025 under Res. 449 only as a reference, and says so in Spanish', () => {
    const applied = methodologyFor(2025, []);
    expect(applied.methodology.id).toBe('RES-449-2013');
    expect(applied.inForce).toBe(false);
    expect(applied.warning).toMatch(
      /Ninguna metodología registrada por el Ministerio cubre la vigencia 2025.*derogada por el artículo 5 de la Resolución 98 de 2019.*defineMethodology/,
    );
  });

  it('Res. 449 governs its own vigencias, and a recorded methodology governs those it covers', () => {
    expect(methodologyFor(2015, [])).toMatchObject({ inForce: true, warning: null });
    const recorded: Methodology = {
      ...RES_449_2013,
      id: 'RES-98-2019',
      legalSource: 'Resolución 98 de 2019',
      firstYear: 2019,
      lastYear: null,
    };
    expect(methodologyFor(2025, [recorded])).toMatchObject({
      methodology: { id: 'RES-98-2019' },
      inForce: true,
    });
  });
});

describe('2.1.2 a): a direct provider not decertified is exempt from the subsidy contract', () => {
  // "salvo en el caso que el municipio o distrito sea prestador directo en los términos del
  // artículo 15 de la Ley 142 de 1994 y no haya sido objeto de descertificación por parte de la
  // Superintendencia de Servicios Públicos Domiciliarios"
  const filedExceptA = {
    SUI_ACUERDO_SUBSIDIOS: { filed: true },
    SUI_ESTRATIFICACION: { filed: true },
    SUI_FONDO_SOLIDARIDAD: { filed: true },
  };
  const weigh = (exempt: boolean) =>
    riskScore(
      RES_449_2013,
      {
        presupuestales: [],
        administrativos: administrativeItems({
          administrative: filedExceptA,
          exemptFromSubsidyContract: exempt,
        }),
        sectoriales: [],
      },
      [],
      [],
    ).categories[1]!;

  it('leaves item a) out of the category, explained with the seed’s words', () => {
    const exempt = weigh(true);
    expect(exempt.score).toBe(100);
    const a = exempt.items.find((item) => item.code === 'SUI_CONTRATO_SUBSIDIOS')!;
    expect(a.exempt).toBe(true);
    expect(a.explanation).toMatch(
      /prestador directo en los términos del artículo 15 de la Ley 142/,
    );
    // Without the exemption the missing report counts: 3 of 4.
    expect(weigh(false).score).toBe(75);
  });

  it('is recorded per municipality and vigencia by the ministry, corrections with a reason', () => {
    const command = {
      type: 'RecordDirectProviderStatus' as const,
      daneCode: '73349',
      year: 2025,
      directProvider: true,
      decertified: false,
      source: 'RUPS (SSPD)',
    };
    const first = decideMonitoring(command, initialMonitoringState(), { territory });
    expect(first.ok && first.events).toEqual([
      {
        type: 'DirectProviderStatusRecorded',
        data: {
          daneCode: '73349',
          year: 2025,
          directProvider: true,
          decertified: false,
          source: 'RUPS (SSPD)',
          previous: null,
        },
      },
    ]);
    const state = evolveMonitoring(initialMonitoringState(), first.ok ? first.events[0]! : never());
    expect(exemptFromSubsidyContract(state.directProvider)).toBe(true);
    const decertified = decideMonitoring({ ...command, decertified: true }, state, { territory });
    expect(!decertified.ok && decertified.error.field).toBe('reason');
    const corrected = decideMonitoring(
      { ...command, decertified: true, reason: 'Resolución de descertificación de la SSPD' },
      state,
      { territory },
    );
    const after = evolveMonitoring(state, corrected.ok ? corrected.events[0]! : never());
    expect(exemptFromSubsidyContract(after.directProvider)).toBe(false);
  });
});

function never(): never {
  throw new Error('se esperaba una decisión aceptada');
}

describe('Tabla 11: "RECURSOS A INVERTIR" per goal and year', () => {
  it('adds the investment of the projects contributing to the goal, shared projects split evenly', () => {
    const shared: PlanEvent = {
      type: 'ProjectRegistered',
      data: {
        ...(projectOwn.data as object),
        projectId: 'P-002',
        name: 'Redes de acueducto y alcantarillado',
        valueByYear: [0, 400_000_000, 400_000_000, 0],
        estimatedValue: 800_000_000,
      } as never,
    };
    const attach = (projectId: string, indicator: string, amount: number): PlanEvent => ({
      type: 'ProjectContributionAttached',
      data: { projectId, indicator, amount, unit: 'poblacion' },
    });
    const state = foldPlan([
      planOpened,
      projectOwn,
      shared,
      attach('P-001', 'ACU-COB-URB', 2_500),
      attach('P-002', 'ACU-COB-URB', 1_000),
      attach('P-002', 'ALC-COB-URB', 1_000),
    ]);
    const resources = goalResources(state, 'ACU-COB-URB');
    // P-001 [500M, 1,500M, 0, 0] whole; P-002 [0, 400M, 400M, 0] split between two goals.
    expect(resources.byYear.map((y) => [y.year, y.amount])).toEqual([
      [2024, 500_000_000],
      [2025, 1_700_000_000],
      [2026, 200_000_000],
      [2027, 0],
    ]);
    expect(resources.total).toBe(2_400_000_000);
    expect(resources.projects).toEqual([
      { projectId: 'P-001', share: 1, amount: 2_000_000_000 },
      { projectId: 'P-002', share: 0.5, amount: 400_000_000 },
    ]);
    expect(goalResources(state, 'ALC-COB-URB').total).toBe(400_000_000);
  });
});

describe("the seed's words where the seed has them", () => {
  it('IRCA: ALTO has no action of its own in the seed table; the others are verbatim', () => {
    // "35,1- 80 | ALTO | |" and "80,1 - 100 | INVIABLE SANITARIAMENTE | Gestión directa a las
    // competencias de la persona prestadora, alcaldes, gobernadores y entidad del orden nacional."
    const byClass = Object.fromEntries(IRCA_CLASSES.map((c) => [c.class, c]));
    expect(byClass.ALTO).toMatchObject({ range: '35,1- 80', level: 'ALTO', action: null });
    expect(byClass.MEDIO!.action).toBe(
      'Gestión directa a las competencias de la persona prestadora',
    );
    expect(byClass.INVIABLE_SANITARIAMENTE!.action).toBe(
      'Gestión directa a las competencias de la persona prestadora, alcaldes, gobernadores y entidad del orden nacional.',
    );
    expect(IRCA_CLASSES.map((c) => c.level)).toEqual([
      'SIN RIESGO',
      'BAJO',
      'MEDIO',
      'ALTO',
      'INVIABLE SANITARIAMENTE',
    ]);
  });

  it('keeps each ficha as the seed writes it, 4.2.8 contradiction included, and notes the reading', () => {
    expect(Object.keys(FICHAS)).toEqual([
      '4.2.1',
      '4.2.2',
      '4.2.3',
      '4.2.4',
      '4.2.5',
      '4.2.6',
      '4.2.7',
      '4.2.8',
      '4.2.9',
      '4.2.10',
    ]);
    const treated = findIndicator('ALC-TRAT-URB')!;
    const rows = Object.fromEntries(fichaOf(treated)!.rows.map((r) => [r.aspect, r.content]));
    expect(rows.INDICADOR).toBe('TRATAMIENTO DE AGUAS RESIDUALES');
    expect(rows['DEFINICIÓN']).toBe(
      'Es el caudal de aguas residuales que no es sometido a tratamiento.',
    );
    expect(treated).toMatchObject({ direction: 'up', unit: 'porcentaje' });
    expect(treated.note).toMatch(/Base 2010, 27,5%.*36%/);
    expect(findIndicator('GES-MUN')).toMatchObject({ unit: 'porcentaje', direction: 'up' });
    expect(findIndicator('GES-MUN')!.name).toBe(
      'Porcentaje de procesos de gestión cumplidos con los requisitos de ley',
    );
  });

  it('the ficha 4.2.10 requirements and the art. 2.1 items are the seed’s text', () => {
    const ficha = Object.fromEntries(FICHAS['4.2.10']!.rows.map((r) => [r.aspect, r.content]));
    for (const requirement of MUNICIPAL_MANAGEMENT_REQUIREMENTS) {
      expect(ficha.INDICADORES).toContain(requirement.label);
    }
    const items = Object.fromEntries(
      RES_449_2013.items.administrativos.map((item) => [item.code, item.legalText]),
    );
    expect(items.SUI_CONTRATO_SUBSIDIOS).toMatch(
      /^Reporte en el Sistema Único de Información \(SUI\), del contrato o convenio suscrito/,
    );
    expect(RES_449_2013.items.presupuestales.map((i) => i.label)).toEqual([
      'Incorporación Presupuestal',
      'Recaudo efectivo',
      'Recaudo sin situación de fondos',
      'Equilibrio Presupuestal',
      'Déficit Fiscal',
      'Uso adecuado de los recursos',
      'Destinación a subsidios',
    ]);
    expect(RES_449_2013.bands.map((b) => b.legalText)).toEqual([
      'Sin Riesgo | Mayor o Igual al 90%',
      'Riesgo Bajo | Entre el 70% y 89%',
      'Riesgo Medio | Entre el 40% y 69%',
      'Riesgo Alto | Entre 0% y 39%',
    ]);
  });

  it('Tablas 4, 5 and 6 name their rows as the seed does (placeholders "xx" become `detail`)', () => {
    const labels = (table: keyof typeof FUNDING_ROWS) => FUNDING_ROWS[table].map((r) => r.label);
    // TABLA NÚMERO 4, Total Fuentes.
    expect(labels('fuentes')).toEqual([
      'Propios',
      'SGP de Agua Potable y Saneamiento Básico',
      'SGP- Propósito General de Libre Inversión',
      'Regalías Directas',
      'Crédito Público',
      '1% de los ingresos corrientes (protección de cuencas)',
      'Otras',
    ]);
    // TABLA NÚMERO 5 ("Servicio a la deuda con la entidad xx", "Compromisos para inversión prestador xx").
    expect(labels('usos')).toContain('Compromisos con el PDA para Subsidios');
    expect(labels('usos')).toContain('Servicio a la deuda con la entidad');
    // TABLA NÚMERO 6, Recursos de Gestión.
    expect(labels('gestion')).toEqual([
      'Proyectos con el PDA (Plan Departamental de Agua)',
      'Proyectos con el SGR (Sistema General de Regalías)',
      'Proyectos de cooperación internacional',
      'Proyectos de Inversión con el departamento',
      'Proyectos Nación',
      'Otros',
    ]);
  });
});
