import fc from 'fast-check';
import { compliantBudget } from '../support/monitoring';
import {
  RES_449_2013,
  decideMethodology,
  evolveMethodology,
  initialMethodologyState,
  methodologyFor,
  MONITORED_COMPONENTS,
  riskLevel,
  type Methodology,
} from '../../src/domain/monitoring/methodology';
import {
  decideMonitoring,
  initialMonitoringState,
  evolveMonitoring,
  type MonitoringEvent,
} from '../../src/domain/monitoring/monitoring';
import {
  budgetScores,
  compactItems,
  compareScores,
  scoreVigencia,
  riskScore,
  sectoralScore,
  weighCompact,
} from '../../src/domain/monitoring/scoring';
import { foldPlan } from '../../src/domain/plan/state';
import {
  baselineAcueductoUrbano,
  goalAcueductoUrbano,
  planOpened,
  territory,
} from '../support/plan';
import { propertyRuns } from '../support/property-runs';

const compliant = compliantBudget;

describe('risk levels (Res. 449 de 2013, art. 4), exact boundaries', () => {
  it.each([
    [100, 'SIN_RIESGO'],
    [90, 'SIN_RIESGO'],
    [89.99, 'BAJO'],
    [89.5, 'BAJO'],
    [70, 'BAJO'],
    [69.5, 'MEDIO'],
    [40, 'MEDIO'],
    [39.99, 'ALTO'],
    [0, 'ALTO'],
  ])('%d is %s', (score, level) => {
    expect(riskLevel(score)).toBe(level);
  });

  it('weights the categories 40 / 10 / 50 (art. 3)', () => {
    expect(RES_449_2013.categoryWeights).toEqual({
      presupuestales: 40,
      administrativos: 10,
      sectoriales: 50,
    });
  });
});

describe('budget items computed from FUT values (art. 2.1.1)', () => {
  it('all comply when the reported values agree', () => {
    expect(budgetScores(compliant).map((s) => s.score)).toEqual([
      100, 100, 100, 100, 100, 100, 100,
    ]);
  });
  it.each([
    ['INCORPORACION', { incorporated: 900_000_000 }],
    ['RECAUDO_EFECTIVO', { collected: 900_000_000 }],
    ['RECAUDO_SSF', { withoutFundsReported: 0 }],
    ['EQUILIBRIO', { finalExpenditure: 1_050_000_000 }],
    ['DEFICIT', { commitments: 1_100_000_000 }],
    ['USO_ADECUADO', { ineligibleSpending: 5_000_000 }],
    ['SUBSIDIOS', { subsidiesPaid: 100_000_000 }],
  ])('%s fails on its own rule', (code, change) => {
    const scores = budgetScores({ ...compliant, ...change });
    expect(scores.filter((s) => s.score === 0).map((s) => s.code)).toEqual([code]);
  });
});

describe('weighted result and prioritisation (arts. 3-5)', () => {
  const admin = (filed: number) =>
    RES_449_2013.items.administrativos.map((item, i) => ({
      code: item.code,
      score: i < filed ? 100 : 0,
      explanation: '',
    }));
  const sectoral = (score: number) =>
    RES_449_2013.items.sectoriales.map((item) => ({ code: item.code, score, explanation: '' }));

  it('40 % budget + 10 % administrative + 50 % sectoral', () => {
    const result = riskScore(
      RES_449_2013,
      {
        presupuestales: budgetScores(compliant),
        administrativos: admin(2),
        sectoriales: sectoral(60),
      },
      [],
      [],
    );
    expect(result.categories.map((c) => c.score)).toEqual([100, 50, 60]);
    expect(result.total).toBe(40 + 5 + 30);
    expect(result).toMatchObject({ level: 'BAJO', prioritised: false });
  });

  it('only the components the Viceministerio selected count', () => {
    const items = RES_449_2013.items.sectoriales.map((item) => ({
      code: item.code,
      score: item.code === 'calidad_agua' ? 100 : 0,
      explanation: '',
    }));
    const result = riskScore(
      RES_449_2013,
      { presupuestales: budgetScores(compliant), administrativos: admin(4), sectoriales: items },
      ['calidad_agua'],
      [],
    );
    expect(result.total).toBe(100);
    expect(result.level).toBe('SIN_RIESGO');
  });

  it('prioritises alto, and any strategic flag', () => {
    const low = riskScore(
      RES_449_2013,
      { presupuestales: [], administrativos: admin(0), sectoriales: sectoral(0) },
      [],
      [],
    );
    expect(low).toMatchObject({ total: 0, level: 'ALTO', prioritised: true });
    const flagged = riskScore(
      RES_449_2013,
      {
        presupuestales: budgetScores(compliant),
        administrativos: admin(4),
        sectoriales: sectoral(100),
      },
      [],
      ['Emergencia sanitaria'],
    );
    expect(flagged).toMatchObject({ level: 'SIN_RIESGO', prioritised: true });
  });
});

describe('sectoral component from the plan (art. 2.1.3)', () => {
  it('is the change achieved by the end of the vigencia over the change committed by then', () => {
    // Goal: 12,000 without service → -1,000 in 2024; 700 fewer reported for 2024 = 70 % of the year.
    const plan = foldPlan([
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      {
        type: 'ProgressReported',
        data: {
          indicator: 'ACU-COB-URB',
          period: { year: 2024 },
          value: 11_300,
          source: 'SUI',
          checklist: null,
          previous: null,
        },
      },
    ]);
    expect(sectoralScore(plan, 2024, 'cobertura').score).toBe(70);
    expect(sectoralScore(plan, 2024, 'calidad_agua')).toMatchObject({ score: 0 });
    expect(sectoralScore(null, 2024, 'cobertura').explanation).toMatch(/No hay plan/);
  });
});

describe('monitoring decider', () => {
  const fold = (events: MonitoringEvent[]) =>
    events.reduce(evolveMonitoring, initialMonitoringState());
  it('records a FUT report, and a correction keeps the previous values and needs a reason', () => {
    const first = decideMonitoring(
      {
        type: 'RecordBudgetReport',
        daneCode: '73001',
        year: 2025,
        report: compliant,
        source: 'FUT 2025',
      },
      initialMonitoringState(),
      { territory },
    );
    expect(first.ok && first.events[0]).toMatchObject({
      type: 'BudgetReported',
      data: { previous: null },
    });
    const state = fold(first.ok ? first.events : []);
    const again = decideMonitoring(
      {
        type: 'RecordBudgetReport',
        daneCode: '73001',
        year: 2025,
        report: { ...compliant, collected: 1 },
        source: 'FUT 2025',
      },
      state,
      { territory },
    );
    expect(!again.ok && again.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const corrected = decideMonitoring(
      {
        type: 'RecordBudgetReport',
        daneCode: '73001',
        year: 2025,
        report: { ...compliant, collected: 1 },
        source: 'FUT 2025',
        reason: 'Corrección del FUT',
      },
      state,
      { territory },
    );
    expect(corrected.ok && corrected.events[0]!.data).toMatchObject({ previous: compliant });
  });
  it.each([
    [
      {
        type: 'RecordBudgetReport',
        daneCode: '99999',
        year: 2025,
        report: compliant,
        source: 'FUT',
      },
      'daneCode',
    ],
    [
      {
        type: 'RecordBudgetReport',
        daneCode: '73001',
        year: 2025,
        report: { ...compliant, commitments: -1 },
        source: 'FUT',
      },
      'report.commitments',
    ],
    [
      {
        type: 'RecordAdministrativeReport',
        daneCode: '73001',
        year: 2025,
        report: 'X',
        filed: true,
        filedOn: '2025-03-01',
        source: 'SUI',
      },
      'report',
    ],
    [
      {
        type: 'RecordAdministrativeReport',
        daneCode: '73001',
        year: 2025,
        report: 'SUI_ESTRATIFICACION',
        filed: true,
        source: 'SUI',
      },
      'filedOn',
    ],
    [{ type: 'RaiseStrategicFlag', daneCode: '73001', year: 2025, flag: 'Emergencia' }, 'reason'],
    [
      { type: 'WithdrawStrategicFlag', daneCode: '73001', year: 2025, flag: 'Nada', reason: 'x' },
      'flag',
    ],
  ])('refuses %o naming %s', (command, field) => {
    const decision = decideMonitoring(command as never, initialMonitoringState(), { territory });
    expect(!decision.ok && decision.error.field).toBe(field);
  });
});

describe('methodologies versioned by events, and recomputation under another one', () => {
  const res98: Methodology = {
    ...RES_449_2013,
    id: 'RES-98-2019',
    name: 'Resolución 98 de 2019 (hipotética para la prueba)',
    legalSource: 'Resolución 98 de 2019',
    firstYear: 2019,
    lastYear: null,
    categoryWeights: { presupuestales: 30, administrativos: 20, sectoriales: 50 },
  };

  it('a new resolution is a new methodology, never an edit', () => {
    const defined = decideMethodology(
      { type: 'DefineMethodology', methodology: res98, legalBasis: 'Resolución 98 de 2019' },
      initialMethodologyState(),
    );
    expect(defined.ok && defined.events).toEqual([
      { type: 'MethodologyDefined', data: { methodology: res98 } },
    ]);
    const state = evolveMethodology(
      initialMethodologyState(),
      (defined.ok ? defined.events : [])[0]!,
    );
    const again = decideMethodology(
      { type: 'DefineMethodology', methodology: { ...res98, name: 'otra' }, legalBasis: 'x' },
      state,
    );
    expect(!again.ok && again.error).toMatchObject({ code: 'CONFLICT' });
  });

  it.each([
    [
      { categoryWeights: { presupuestales: 40, administrativos: 10, sectoriales: 40 } },
      'methodology.categoryWeights',
    ],
    [{ bands: [{ level: 'ALTO', min: 10 }] }, 'methodology.bands'],
    [{ id: 'res 98' }, 'methodology.id'],
  ])('refuses an invalid methodology (%o)', (change, field) => {
    const decision = decideMethodology(
      {
        type: 'DefineMethodology',
        methodology: { ...res98, ...change } as Methodology,
        legalBasis: 'x',
      },
      initialMethodologyState(),
    );
    expect(!decision.ok && decision.error.field).toBe(field);
  });

  it('selects components per vigencia, and applies the latest methodology covering a year', () => {
    const selection = decideMethodology(
      {
        type: 'SelectComponents',
        year: 2025,
        components: ['calidad_agua', 'cobertura'],
        legalBasis: 'Circular 2025',
      },
      initialMethodologyState(),
    );
    expect(selection.ok && selection.events[0]!.data).toEqual({
      year: 2025,
      components: ['calidad_agua', 'cobertura'],
    });
    const bad = decideMethodology(
      { type: 'SelectComponents', year: 2025, components: ['continuidad'], legalBasis: 'x' },
      initialMethodologyState(),
    );
    expect(!bad.ok && bad.error.field).toBe('components');
    expect(methodologyFor(2015, [res98]).methodology.id).toBe('RES-449-2013');
    expect(methodologyFor(2025, [res98]).methodology.id).toBe('RES-98-2019');
  });

  it('recomputes a vigencia under another methodology and shows the difference per category', () => {
    const inputs = {
      year: 2024,
      budget: compliant,
      administrative: { SUI_CONTRATO_SUBSIDIOS: { filed: true } },
      exemptFromSubsidyContract: false,
      strategicFlags: [],
      plan: null,
    };
    const stored = scoreVigencia(inputs, RES_449_2013, []);
    const other = scoreVigencia(inputs, res98, []);
    expect(stored.total).toBe(40 + 2.5 + 0);
    expect(other.total).toBe(30 + 5 + 0);
    expect(compareScores(stored, other)).toEqual([
      { category: 'presupuestales', stored: 40, recomputed: 30, difference: -10 },
      { category: 'administrativos', stored: 2.5, recomputed: 5, difference: 2.5 },
      { category: 'sectoriales', stored: 0, recomputed: 0, difference: 0 },
    ]);
  });
});

describe('the stored scores weigh compact items exactly as riskScore weighs item objects', () => {
  it('for any item scores, exemption, selection and weights', () => {
    const score = fc.oneof(fc.constantFrom(0, 100), fc.double({ min: 0, max: 100, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(score, { minLength: 7, maxLength: 7 }),
        fc.array(fc.oneof(score, fc.constant(-1)), { minLength: 4, maxLength: 4 }),
        fc.array(score, { minLength: 4, maxLength: 4 }),
        fc.subarray([...MONITORED_COMPONENTS]),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (presupuestales, administrativos, sectoriales, selection, budgetWeight, flagged) => {
          const methodology = {
            ...RES_449_2013,
            categoryWeights: {
              presupuestales: budgetWeight,
              administrativos: (100 - budgetWeight) / 2,
              sectoriales: (100 - budgetWeight) / 2,
            },
          };
          const compact = { presupuestales, administrativos, sectoriales };
          const items = {
            presupuestales: presupuestales.map((s, i) => ({
              code: RES_449_2013.items.presupuestales[i]!.code,
              score: s,
              explanation: '',
            })),
            administrativos: administrativos.map((s, i) => ({
              code: RES_449_2013.items.administrativos[i]!.code,
              score: Math.max(0, s),
              explanation: '',
              ...(s < 0 ? { exempt: true } : {}),
            })),
            sectoriales: sectoriales.map((s, i) => ({
              code: MONITORED_COMPONENTS[i]!,
              score: s,
              explanation: '',
            })),
          };
          const flags = flagged ? ['Emergencia'] : [];
          const full = riskScore(methodology, items, selection, flags);
          expect(compactItems(items)).toEqual(compact);
          expect(weighCompact(methodology, compact, selection, flags)).toEqual({
            categories: full.categories.map((c) => c.score),
            total: full.total,
            level: full.level,
            prioritised: full.prioritised,
          });
        },
      ),
      propertyRuns(300),
    );
  });
});
