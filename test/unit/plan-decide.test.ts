import {
  baselineAcueductoUrbano,
  baselineAguasTratadas,
  given,
  goalAcueductoUrbano,
  goalAguasTratadas,
  planAdopted,
  planOpened,
  projectOwn,
} from '../support/plan';

const checklistAll = {
  fondoSolidaridad: true,
  estratificacion: true,
  equilibrioSubsidios: true,
  convenioSubsidios: false,
  acuerdoPorcentajes: true,
  subsidiosQuincePorCiento: false,
};

describe('sector plan decider', () => {
  describe('OpenPlan', () => {
    it('opens the plan of a DIVIPOLA municipality for a cuatrienio', () => {
      given().when({ type: 'OpenPlan', daneCode: '73001', firstYear: 2024 }).then([planOpened]);
    });
    it.each([
      ['73', 2024, 'daneCode', /5 dígitos/, 'BAD_USER_INPUT'],
      ['99999', 2024, 'daneCode', /no existe en la DIVIPOLA/, 'NOT_FOUND'],
      ['73001', 2025, 'firstYear', /múltiplos de 4.*2024-2027/, 'BAD_USER_INPUT'],
      ['73001', 1900, 'firstYear', /entre 2000 y 2100/, 'BAD_USER_INPUT'],
    ] as const)('refuses %s / %s (%s)', (daneCode, firstYear, field, message, code) => {
      given().when({ type: 'OpenPlan', daneCode, firstYear }).thenError(code, field, message);
    });
    it('refuses to open twice', () => {
      given(planOpened)
        .when({ type: 'OpenPlan', daneCode: '73001', firstYear: 2024 })
        .thenError('CONFLICT', 'daneCode');
    });
    it('every other command needs an open plan', () => {
      given()
        .when({
          type: 'SetBaseline',
          indicator: 'ACU-COB-URB',
          value: 1,
          measuredAt: { year: 2023 },
          source: 'SUI',
        })
        .thenError('NOT_FOUND', 'plan', /ábralo primero/);
    });
  });

  describe('SetBaseline', () => {
    it('records the baseline with its source', () => {
      given(planOpened)
        .when({
          type: 'SetBaseline',
          indicator: 'ACU-COB-URB',
          value: 12_000,
          measuredAt: { year: 2023 },
          source: 'SUI',
        })
        .then([baselineAcueductoUrbano]);
    });
    it('a draft baseline changes freely, keeping the previous value in the event', () => {
      const { decision } = given(planOpened, baselineAcueductoUrbano).when({
        type: 'SetBaseline',
        indicator: 'ACU-COB-URB',
        value: 11_500,
        measuredAt: { year: 2023 },
        source: 'DANE CNPV',
      });
      expect(decision.ok && decision.events[0]!.data).toMatchObject({
        value: 11_500,
        previous: { value: 12_000 },
      });
    });
    it('a correction of the adopted plan keeps the previous value and needs a reason', () => {
      const command = {
        type: 'SetBaseline' as const,
        indicator: 'ACU-COB-URB',
        value: 11_500,
        measuredAt: { year: 2023 },
        source: 'DANE CNPV',
      };
      given(planOpened, baselineAcueductoUrbano, planAdopted)
        .when(command)
        .thenError('BAD_USER_INPUT', 'reason');
      given(planOpened, baselineAcueductoUrbano, planAdopted)
        .when({ ...command, reason: 'Dato censal verificado' })
        .then([
          {
            type: 'BaselineSet',
            data: {
              indicator: 'ACU-COB-URB',
              value: 11_500,
              measuredAt: { year: 2023 },
              source: 'DANE CNPV',
              previous: { value: 12_000, measuredAt: { year: 2023 }, source: 'SUI' },
            },
          },
        ]);
    });
    it.each([
      ['unknown indicator', { indicator: 'XYZ' }, 'indicator', /desconocido/],
      ['negative population', { value: -5 }, 'value', /negativo/],
      ['fractional population', { value: 10.5 }, 'value', /entero/],
      [
        'percentage above 100',
        { indicator: 'ALC-TRAT-URB', value: 100.1 },
        'value',
        /máximo de 100/,
      ],
      ['hours above 24', { indicator: 'ACU-CONT-URB', value: 25 }, 'value', /máximo de 24/],
      [
        'month on an annual ficha',
        { measuredAt: { year: 2023, month: 5 } },
        'measuredAt.month',
        /anual/,
      ],
      [
        'baseline after the period starts',
        { measuredAt: { year: 2025 } },
        'measuredAt.year',
        /posterior a 2024/,
      ],
      ['empty source', { source: ' ' }, 'source', /obligatorio/],
    ])('refuses %s', (_label, change, field, message) => {
      given(planOpened)
        .when({
          type: 'SetBaseline',
          indicator: 'ACU-COB-URB',
          value: 100,
          measuredAt: { year: 2023 },
          source: 'SUI',
          ...change,
        })
        .thenError('BAD_USER_INPUT', field, message);
    });
  });

  describe('SetGoal', () => {
    const setGoal = {
      type: 'SetGoal' as const,
      indicator: 'ACU-COB-URB',
      targets: [1_000, 2_000, 2_000, 1_000],
      total: 6_000,
    };
    it('sets targets for Año 1-4 and their total', () => {
      given(planOpened, baselineAcueductoUrbano).when(setGoal).then([goalAcueductoUrbano]);
    });
    it.each([
      ['three targets', { targets: [1, 2, 3] }, 'targets', /cuatro valores/],
      [
        'a negative target',
        { targets: [1_000, -1, 2_000, 1_000], total: 3_999 },
        'targets[1]',
        /negativo/,
      ],
      ['a total that is not the sum', { total: 6_001 }, 'total', /suma de las metas/],
      [
        'a goal below zero population',
        { targets: [5_000, 5_000, 5_000, 5_000], total: 20_000 },
        'total',
        /-8000/,
      ],
    ])('refuses %s', (_label, change, field, message) => {
      given(planOpened, baselineAcueductoUrbano)
        .when({ ...setGoal, ...change })
        .thenError('BAD_USER_INPUT', field, message);
    });
    it('needs the baseline first', () => {
      given(planOpened)
        .when(setGoal)
        .thenError('BAD_USER_INPUT', 'indicator', /línea base/);
    });
    it('in a draft, a second SetGoal revises the goal and keeps the one it replaces', () => {
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
        .when({ ...setGoal, targets: [500, 2_000, 2_000, 1_000], total: 5_500 })
        .then([
          {
            type: 'GoalSet',
            data: {
              goalId: '73001-2024-ACU-COB-URB',
              indicator: 'ACU-COB-URB',
              targets: [500, 2_000, 2_000, 1_000],
              total: 5_500,
              previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
            },
          },
        ]);
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
        .when(setGoal)
        .thenError('BAD_USER_INPUT', 'targets', /ya tiene esos valores/);
    });
    it('once the plan is adopted, a second SetGoal is refused: changes are amendments', () => {
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, planAdopted)
        .when(setGoal)
        .thenError('CONFLICT', 'indicator', /AmendGoal/);
    });
    it('adding a goal to an adopted plan needs a reason and the act that modified it', () => {
      given(planOpened, baselineAcueductoUrbano, planAdopted)
        .when(setGoal)
        .thenError('BAD_USER_INPUT', 'reason');
      given(planOpened, baselineAcueductoUrbano, planAdopted)
        .when({ ...setGoal, reason: 'Meta omitida en el acuerdo' })
        .thenError('BAD_USER_INPUT', 'legalBasis');
      const { decision } = given(planOpened, baselineAcueductoUrbano, planAdopted).when({
        ...setGoal,
        reason: 'Meta omitida en el acuerdo',
        legalBasis: 'Acuerdo 020 de 2024',
      });
      expect(decision.ok).toBe(true);
    });
    it('ficha 4.2.8 as Tabla 7 states it: 27,5 % treated, 8.5 points more, to 36 %', () => {
      given(planOpened, baselineAguasTratadas)
        .when({
          type: 'SetGoal',
          indicator: 'ALC-TRAT-URB',
          targets: [1.5, 2.5, 2.5, 2],
          total: 8.5,
        })
        .then([goalAguasTratadas]);
    });
    it('a percentage goal may not take the indicator above 100 %', () => {
      given(planOpened, baselineAguasTratadas)
        .when({
          type: 'SetGoal',
          indicator: 'ALC-TRAT-URB',
          targets: [20, 20, 20, 20],
          total: 80,
        })
        .thenError('BAD_USER_INPUT', 'total', /27.5 a 107.5, fuera del rango/);
    });
    it('the retired "% no tratadas" code is refused with the reason, never converted', () => {
      given(planOpened)
        .when({
          type: 'SetBaseline',
          indicator: 'ALC-NOTRAT-URB',
          value: 72.5,
          measuredAt: { year: 2023 },
          source: 'PSMV',
        })
        .thenError('BAD_USER_INPUT', 'indicator', /reemplazado por ALC-TRAT-URB.*100 - no tratado/);
    });
  });

  describe('AdoptPlan', () => {
    const adopt = {
      type: 'AdoptPlan' as const,
      act: 'ACUERDO' as const,
      number: '012',
      date: '2024-05-31',
    };
    it('records the acuerdo that adopted the plan', () => {
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
        .when(adopt)
        .then([planAdopted]);
    });
    it.each([
      ['twice', [planAdopted], {}, 'CONFLICT', 'plan'],
      [
        'by an act that is neither acuerdo nor decreto',
        [],
        { act: 'RESOLUCION' },
        'BAD_USER_INPUT',
        'act',
      ],
      ['without number', [], { number: ' ' }, 'BAD_USER_INPUT', 'number'],
      ['on a date that does not exist', [], { date: '2024-02-30' }, 'BAD_USER_INPUT', 'date'],
      ['dated outside the cuatrienio', [], { date: '2031-01-10' }, 'BAD_USER_INPUT', 'date'],
    ])('refuses adopting %s', (_label, history, change, code, field) => {
      given(planOpened, ...(history as never[]))
        .when({ ...adopt, ...(change as object) } as never)
        .thenError(code, field);
    });
  });

  describe('AmendGoal', () => {
    const amend = {
      type: 'AmendGoal' as const,
      indicator: 'ACU-COB-URB',
      targets: [1_000, 1_500, 1_500, 1_000],
      total: 5_000,
      reason: 'Reducción de recursos del SGP',
      legalBasis: 'Acuerdo 012 de 2025',
    };
    it('keeps the old value in the event', () => {
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, planAdopted)
        .when(amend)
        .then([
          {
            type: 'GoalAmended',
            data: {
              goalId: '73001-2024-ACU-COB-URB',
              indicator: 'ACU-COB-URB',
              targets: [1_000, 1_500, 1_500, 1_000],
              total: 5_000,
              previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
            },
          },
        ]);
    });
    it('is for the adopted plan: a draft goal is revised with SetGoal', () => {
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano)
        .when(amend)
        .thenError('CONFLICT', 'plan', /borrador.*adoptPlan/);
    });
    it('requires a reason and a legal basis', () => {
      const history = [planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, planAdopted];
      given(...history)
        .when({ ...amend, reason: undefined })
        .thenError('BAD_USER_INPUT', 'reason');
      given(...history)
        .when({ ...amend, legalBasis: '' })
        .thenError('BAD_USER_INPUT', 'legalBasis', /Acuerdo/);
    });
    it('refuses to amend a goal that was never set, or to change nothing', () => {
      given(planOpened, baselineAcueductoUrbano, planAdopted)
        .when(amend)
        .thenError('NOT_FOUND', 'indicator');
      given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, planAdopted)
        .when({ ...amend, targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 })
        .thenError('BAD_USER_INPUT', 'targets', /no cambia/);
    });
  });

  describe('needs bank and projects', () => {
    it('registers a need (Tabla 3)', () => {
      given(planOpened)
        .when({
          type: 'RegisterNeed',
          needId: 'N-1',
          need: 'Barrio sin red',
          investmentName: 'Red El Salado',
          estimatedValue: 2e9,
        })
        .then([
          {
            type: 'NeedRegistered',
            data: {
              needId: 'N-1',
              need: 'Barrio sin red',
              investmentName: 'Red El Salado',
              estimatedValue: 2e9,
            },
          },
        ]);
    });
    it('registers an own project (Tabla 8), its value the sum of its years', () => {
      given(planOpened)
        .when({
          type: 'RegisterProject',
          projectId: 'P-001',
          kind: 'propio',
          name: 'Ampliación red de acueducto barrio El Salado',
          valueByYear: [500_000_000, 1_500_000_000, 0, 0],
        })
        .then([projectOwn]);
    });
    it('registers a third-party project (Tabla 9) with end date, sources and executor', () => {
      const { decision } = given(planOpened).when({
        type: 'RegisterProject',
        projectId: 'PDA-77',
        kind: 'tercero',
        name: 'PTAR Ibagué fase II',
        valueByYear: [0, 3e9, 4e9, 0],
        endDate: '2026-12-31',
        fundingSources: ['SGR', 'PDA Tolima'],
        executor: 'PDA',
      });
      expect(decision.ok && decision.events[0]!.data).toMatchObject({
        kind: 'tercero',
        estimatedValue: 7e9,
        endDate: '2026-12-31',
        fundingSources: ['SGR', 'PDA Tolima'],
        executor: 'PDA',
      });
    });
    it.each([
      ['a duplicate project id', [projectOwn], { projectId: 'P-001' }, 'CONFLICT', 'projectId'],
      [
        'a third-party project without end date',
        [],
        { kind: 'tercero', fundingSources: ['SGR'], executor: 'PDA' },
        'BAD_USER_INPUT',
        'endDate',
      ],
      [
        'an unknown executor',
        [],
        { kind: 'tercero', endDate: '2026-01-01', fundingSources: ['SGR'], executor: 'ONU' },
        'BAD_USER_INPUT',
        'executor',
      ],
      ['an unknown need', [], { needId: 'N-404' }, 'BAD_USER_INPUT', 'needId'],
      ['a negative value', [], { valueByYear: [1, -1, 0, 0] }, 'BAD_USER_INPUT', 'valueByYear[1]'],
      ['an id with spaces', [], { projectId: 'P 1' }, 'BAD_USER_INPUT', 'projectId'],
    ])('refuses %s', (_label, history, change, code, field) => {
      given(planOpened, ...(history as never[]))
        .when({
          type: 'RegisterProject',
          projectId: 'P-002',
          kind: 'propio',
          name: 'Obra',
          valueByYear: [1, 1, 1, 1],
          ...(change as object),
        } as never)
        .thenError(code, field);
    });
  });

  describe('contributions (links are versioned)', () => {
    const attach = {
      type: 'AttachContribution' as const,
      projectId: 'P-001',
      indicator: 'ACU-COB-URB',
      amount: 2_500,
      unit: 'poblacion',
    };
    const attached = {
      type: 'ProjectContributionAttached' as const,
      data: {
        projectId: 'P-001',
        indicator: 'ACU-COB-URB',
        amount: 2_500,
        unit: 'poblacion' as const,
      },
    };
    it('attaches, changes and detaches, each an event', () => {
      given(planOpened, projectOwn).when(attach).then([attached]);
      given(planOpened, projectOwn, attached)
        .when({ ...attach, type: 'ChangeContribution', amount: 3_000 })
        .then([
          {
            type: 'ProjectContributionChanged',
            data: {
              projectId: 'P-001',
              indicator: 'ACU-COB-URB',
              amount: 3_000,
              unit: 'poblacion',
              previous: { amount: 2_500 },
            },
          },
        ]);
      given(planOpened, projectOwn, attached)
        .when({
          type: 'DetachContribution',
          projectId: 'P-001',
          indicator: 'ACU-COB-URB',
          reason: 'Proyecto reformulado',
        })
        .then([
          {
            type: 'ProjectContributionDetached',
            data: { projectId: 'P-001', indicator: 'ACU-COB-URB', previous: { amount: 2_500 } },
          },
        ]);
    });
    it('refuses a contribution in the wrong unit', () => {
      given(planOpened, projectOwn)
        .when({ ...attach, unit: 'porcentaje' })
        .thenError('BAD_USER_INPUT', 'unit', /población/);
    });
    it.each([
      ['an unknown project', [], attach, 'NOT_FOUND', 'projectId'],
      ['a zero amount', [projectOwn], { ...attach, amount: 0 }, 'BAD_USER_INPUT', 'amount'],
      ['attaching twice', [projectOwn, attached], attach, 'CONFLICT', 'indicator'],
      [
        'changing a missing link',
        [projectOwn],
        { ...attach, type: 'ChangeContribution' },
        'NOT_FOUND',
        'indicator',
      ],
      [
        'detaching without a reason',
        [projectOwn, attached],
        { type: 'DetachContribution', projectId: 'P-001', indicator: 'ACU-COB-URB' },
        'BAD_USER_INPUT',
        'reason',
      ],
    ])('refuses %s', (_label, history, command, code, field) => {
      given(planOpened, ...(history as never[]))
        .when(command as never)
        .thenError(code, field);
    });
  });

  describe('SetFundingRow', () => {
    it('sets a Tabla 4 row per year and keeps the previous amounts on change', () => {
      const first = {
        type: 'FundingRowSet' as const,
        data: {
          table: 'fuentes' as const,
          row: 'SGP_APSB',
          detail: null,
          amounts: [1e9, 1e9, 1.1e9, 1.1e9] as [number, number, number, number],
          previous: null,
        },
      };
      given(planOpened)
        .when({
          type: 'SetFundingRow',
          table: 'fuentes',
          row: 'SGP_APSB',
          amounts: [1e9, 1e9, 1.1e9, 1.1e9],
        })
        .then([first]);
      given(planOpened, first)
        .when({
          type: 'SetFundingRow',
          table: 'fuentes',
          row: 'SGP_APSB',
          amounts: [1e9, 1e9, 1.2e9, 1.2e9],
        })
        .then([
          {
            type: 'FundingRowSet',
            data: {
              ...first.data,
              amounts: [1e9, 1e9, 1.2e9, 1.2e9],
              previous: [1e9, 1e9, 1.1e9, 1.1e9],
            },
          },
        ]);
    });
    it.each([
      ['an unknown table', { table: 'otras' }, 'table'],
      ['a row of another table', { row: 'SERVICIO_DEUDA' }, 'row'],
      ['a debt row without the lender', { table: 'usos', row: 'SERVICIO_DEUDA' }, 'detail'],
      ['negative pesos', { amounts: [1, 2, -3, 4] }, 'amounts[2]'],
      ['five years', { amounts: [1, 2, 3, 4, 5] }, 'amounts'],
    ])('refuses %s', (_label, change, field) => {
      given(planOpened)
        .when({
          type: 'SetFundingRow',
          table: 'fuentes',
          row: 'SGP_APSB',
          amounts: [1, 2, 3, 4],
          ...(change as object),
        } as never)
        .thenError('BAD_USER_INPUT', field);
    });
  });

  describe('ReportProgress', () => {
    it('records an annual figure with its source', () => {
      given(planOpened, baselineAcueductoUrbano)
        .when({
          type: 'ReportProgress',
          indicator: 'ACU-COB-URB',
          period: { year: 2024 },
          value: 11_200,
          source: 'SUI',
        })
        .then([
          {
            type: 'ProgressReported',
            data: {
              indicator: 'ACU-COB-URB',
              period: { year: 2024 },
              value: 11_200,
              source: 'SUI',
              checklist: null,
              previous: null,
            },
          },
        ]);
    });
    it('monthly fichas take a month; IRCA (mensual y anual) takes either', () => {
      given(planOpened)
        .when({
          type: 'ReportProgress',
          indicator: 'ASE-DISP-URB',
          period: { year: 2024 },
          value: 90,
          source: 'SUI',
        })
        .thenError('BAD_USER_INPUT', 'period.month', /mensual/);
      for (const period of [{ year: 2025 }, { year: 2025, month: 3 }]) {
        const { decision } = given(planOpened).when({
          type: 'ReportProgress',
          indicator: 'ACU-IRCA-URB',
          period,
          value: 4.2,
          source: 'INS',
        });
        expect(decision.ok).toBe(true);
      }
    });
    it('computes GES-MUN, a percentage (Tabla 1), from the six requirements of ficha 4.2.10', () => {
      const { decision } = given(planOpened).when({
        type: 'ReportProgress',
        indicator: 'GES-MUN',
        period: { year: 2024 },
        checklist: checklistAll,
        source: 'SUI',
      });
      // Four of six requirements met: 66.67 %.
      expect(decision.ok && decision.events[0]!.data).toMatchObject({
        value: 66.67,
        checklist: checklistAll,
      });
      given(planOpened)
        .when({
          type: 'ReportProgress',
          indicator: 'GES-MUN',
          period: { year: 2024 },
          checklist: checklistAll,
          value: 4,
          source: 'SUI',
        })
        .thenError('BAD_USER_INPUT', 'value', /4 de 6 = 66.67 %/);
      // Without a checklist the value must still be k of the six requirements.
      given(planOpened)
        .when({
          type: 'ReportProgress',
          indicator: 'GES-MUN',
          period: { year: 2024 },
          value: 60,
          source: 'SUI',
        })
        .thenError('BAD_USER_INPUT', 'value', /16.67, 33.33, 50, 66.67, 83.33, 100/);
    });
    it('a correction for the same period keeps the previous value and needs a reason', () => {
      const reported = {
        type: 'ProgressReported' as const,
        data: {
          indicator: 'ACU-COB-URB',
          period: { year: 2024 },
          value: 11_200,
          source: 'SUI',
          checklist: null,
          previous: null,
        },
      };
      const correction = {
        type: 'ReportProgress' as const,
        indicator: 'ACU-COB-URB',
        period: { year: 2024 },
        value: 11_000,
        source: 'SUI',
      };
      given(planOpened, reported).when(correction).thenError('BAD_USER_INPUT', 'reason');
      const { decision } = given(planOpened, reported).when({
        ...correction,
        reason: 'Reporte tardío del prestador',
      });
      expect(decision.ok && decision.events[0]!.data).toMatchObject({
        value: 11_000,
        previous: { value: 11_200, source: 'SUI' },
      });
    });
    it.each([
      [
        'a year outside the period',
        { period: { year: 2028 } },
        'period.year',
        /fuera del periodo de gobierno 2024-2027/,
      ],
      ['a year before the period', { period: { year: 2023 } }, 'period.year', /fuera del periodo/],
      ['an IRCA above 100', { indicator: 'ACU-IRCA-URB', value: 101 }, 'value', /máximo de 100/],
      ['a checklist on another indicator', { checklist: checklistAll }, 'checklist', /GES-MUN/],
      [
        'a month 13',
        { indicator: 'ACU-IRCA-URB', period: { year: 2025, month: 13 } },
        'period.month',
        /entre 1 y 12/,
      ],
    ])('refuses %s', (_label, change, field, message) => {
      given(planOpened)
        .when({
          type: 'ReportProgress',
          indicator: 'ACU-COB-URB',
          period: { year: 2024 },
          value: 10,
          source: 'SUI',
          ...(change as object),
        } as never)
        .thenError('BAD_USER_INPUT', field, message);
    });
  });
});
