/**
 * The SGP-APSB monitoring deciders (Res. 449 de 2013: the FUT values, the SUI reports of 2.1.2,
 * the direct provider of 2.1.2 a, the strategic flags of art. 5, the methodologies and the
 * components the Viceministerio selects): every refusal names its field and says why, every
 * accepted command appends exactly the events stated. Written for the mutants mutation testing
 * (issue 14) found no test told apart; given events / when command / then events.
 */
import {
  decideMethodology,
  evolveMethodology,
  componentsStreamId,
  initialMethodologyState,
  methodologyFor,
  methodologyStreamId,
  RES_449_2013,
  RES_449_DEROGATION,
  riskLevel,
  type Methodology,
  type MethodologyCommand,
  type MethodologyEvent,
} from '../../src/domain/monitoring/methodology';
import {
  decideMonitoring,
  evolveMonitoring,
  exemptFromSubsidyContract,
  initialMonitoringState,
  isMonitoringEvent,
  monitoringStreamId,
  type MonitoringCommand,
  type MonitoringEvent,
} from '../../src/domain/monitoring/monitoring';
import { givenEvents } from '../support/decider';
import { compliantBudget } from '../support/monitoring';
import { territory } from '../support/plan';

const ibague = { daneCode: '73001', year: 2025 } as const;

/** Given monitoring events / when a command: the events, or the error's code, field and message. */
const given = givenEvents(
  initialMonitoringState,
  evolveMonitoring,
  (command: MonitoringCommand, state) => decideMonitoring(command, state, { territory }),
);

const budgetReported: MonitoringEvent = {
  type: 'BudgetReported',
  data: { ...ibague, report: compliantBudget, source: 'FUT 2025', previous: null },
};

describe('decisor del monitoreo: el municipio y la vigencia', () => {
  const record = (change: Partial<MonitoringCommand>) =>
    ({
      type: 'RaiseStrategicFlag',
      ...ibague,
      flag: 'Emergencia sanitaria',
      reason: 'Oficio del Viceministerio',
      ...change,
    }) as MonitoringCommand;

  it('el código DANE tiene cinco dígitos, ni más ni menos, y existe en la DIVIPOLA', () => {
    for (const daneCode of ['7300', '730011', 'x73001', '73001x', 73001 as unknown as string]) {
      given()
        .when(record({ daneCode }))
        .thenError(
          'BAD_USER_INPUT',
          'daneCode',
          'el código DANE debe tener 5 dígitos (p. ej. "73001").',
        );
    }
    given()
      .when(record({ daneCode: '99999' }))
      .thenError('NOT_FOUND', 'daneCode', 'el código DANE 99999 no existe en la DIVIPOLA.');
  });

  it('la vigencia va de 2008 a 2100: 2008 y 2100 valen; 2007, 2101 y 2025,5 no', () => {
    for (const year of [2008, 2100]) {
      given()
        .when(record({ year }))
        .then([
          { type: 'StrategicFlagRaised', data: { ...ibague, year, flag: 'Emergencia sanitaria' } },
        ]);
    }
    for (const year of [2007, 2101, 2025.5]) {
      given()
        .when(record({ year }))
        .thenError('BAD_USER_INPUT', 'year', `vigencia inválida ${year}.`);
    }
  });

  it('cada flujo es de un municipio y una vigencia', () => {
    expect(monitoringStreamId('73001', 2025)).toBe('monitoring-73001-2025');
    expect(isMonitoringEvent({ type: 'BudgetReported' })).toBe(true);
    expect(isMonitoringEvent({ type: 'StrategicFlagWithdrawn' })).toBe(true);
    expect(isMonitoringEvent({ type: 'GoalSet' })).toBe(false);
    expect(given(budgetReported).state).toMatchObject(ibague);
  });
});

describe('reporte presupuestal del FUT (2.1.1)', () => {
  const command = (change: Partial<Extract<MonitoringCommand, { type: 'RecordBudgetReport' }>>) =>
    ({
      type: 'RecordBudgetReport',
      ...ibague,
      report: compliantBudget,
      source: ' FUT 2025 ',
      ...change,
    }) as MonitoringCommand;

  it('el primero se registra sin justificación, con la fuente sin espacios sobrantes', () => {
    given().when(command({})).then([budgetReported]);
  });

  it('cada valor es un número de pesos mayor o igual a cero: 0 vale; -1, NaN, infinito o texto no', () => {
    given()
      .when(command({ report: { ...compliantBudget, ineligibleSpending: 0 } }))
      .then([budgetReported]);
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5']) {
      given()
        .when(command({ report: { ...compliantBudget, subsidiesPaid: value as number } }))
        .thenError(
          'BAD_USER_INPUT',
          'report.subsidiesPaid',
          'debe ser un valor en pesos mayor o igual a cero.',
        );
    }
    given()
      .when(command({ report: undefined as never }))
      .thenError(
        'BAD_USER_INPUT',
        'report.assignedConpes',
        'debe ser un valor en pesos mayor o igual a cero.',
      );
  });

  it('solo se guardan los trece valores del FUT, nada más de lo que llegue', () => {
    given()
      .when(command({ report: { ...compliantBudget, extra: 1 } as never }))
      .then([budgetReported]);
  });

  it('corregirlo exige justificación y guarda los valores anteriores', () => {
    const corrected = { ...compliantBudget, collected: 900_000_000 };
    for (const reason of [undefined, '  ']) {
      given(budgetReported)
        .when(command({ report: corrected, ...(reason === undefined ? {} : { reason }) }))
        .thenError(
          'BAD_USER_INPUT',
          'reason',
          'se requiere una justificación (reason) para corregir el reporte presupuestal de la vigencia.',
        );
    }
    given(budgetReported)
      .when(command({ report: corrected, reason: 'FUT corregido' }))
      .then([
        {
          type: 'BudgetReported',
          data: { ...ibague, report: corrected, source: 'FUT 2025', previous: compliantBudget },
        },
      ]);
    expect(
      given(budgetReported, {
        type: 'BudgetReported',
        data: { ...ibague, report: corrected, source: 'FUT', previous: compliantBudget },
      }).state.budget,
    ).toEqual(corrected);
  });

  it('la fuente es obligatoria', () => {
    for (const source of ['', '   ', undefined]) {
      given()
        .when(command({ source: source as string }))
        .thenError('BAD_USER_INPUT', 'source', 'es obligatorio.');
    }
  });
});

describe('reportes administrativos en el SUI (2.1.2)', () => {
  const command = (
    change: Partial<Extract<MonitoringCommand, { type: 'RecordAdministrativeReport' }>>,
  ) =>
    ({
      type: 'RecordAdministrativeReport',
      ...ibague,
      report: 'SUI_ESTRATIFICACION',
      filed: true,
      filedOn: '2025-03-01',
      source: 'SUI',
      ...change,
    }) as MonitoringCommand;
  const filed: MonitoringEvent = {
    type: 'AdministrativeReportRecorded',
    data: {
      ...ibague,
      report: 'SUI_ESTRATIFICACION',
      filed: true,
      filedOn: '2025-03-01',
      source: 'SUI',
    },
  };

  it('reportado con fecha: se registra con ella', () => {
    given().when(command({})).then([filed]);
    expect(given(filed).state.administrative).toEqual({
      SUI_ESTRATIFICACION: { filed: true, filedOn: '2025-03-01', source: 'SUI' },
    });
  });

  it('no reportado: sin fecha, aunque llegue una', () => {
    given()
      .when(command({ filed: false, filedOn: '2025-03-01' }))
      .then([
        {
          type: 'AdministrativeReportRecorded',
          data: { ...filed.data, filed: false, filedOn: null } as never,
        },
      ]);
  });

  it('solo los cuatro reportes de la resolución, y lo dice', () => {
    given()
      .when(command({ report: 'SUI_OTRO' }))
      .thenError(
        'BAD_USER_INPUT',
        'report',
        'reporte desconocido "SUI_OTRO": use uno de SUI_CONTRATO_SUBSIDIOS, SUI_ACUERDO_SUBSIDIOS, SUI_ESTRATIFICACION, SUI_FONDO_SOLIDARIDAD.',
      );
  });

  it('reportado o no, se dice (sí/no), no con texto', () => {
    given()
      .when(command({ filed: 'true' as never }))
      .thenError('BAD_USER_INPUT', 'filed', 'indique si el reporte se hizo en el SUI.');
  });

  it('la fecha del reporte es AAAA-MM-DD y existe', () => {
    for (const filedOn of [undefined, '2025-3-1', 'x2025-03-01', '2025-03-01x', '2025-13-45']) {
      given()
        .when(command({ filedOn }))
        .thenError(
          'BAD_USER_INPUT',
          'filedOn',
          'indique la fecha del reporte en el SUI (AAAA-MM-DD).',
        );
    }
  });

  it('la fecha es solo el día: ni un espacio antes, ni la hora después, ni una lista con la fecha', () => {
    const dates: unknown[] = [' 2025-03-01', '2025-03-01 ', '2025-03-01T05:00:00Z', ['2025-03-01']];
    for (const filedOn of dates) {
      given()
        .when(command({ filedOn: filedOn as string }))
        .thenError(
          'BAD_USER_INPUT',
          'filedOn',
          'indique la fecha del reporte en el SUI (AAAA-MM-DD).',
        );
    }
  });

  it('corregir un reporte ya registrado exige justificación; registrar otro distinto, no', () => {
    given(filed)
      .when(command({ filed: false }))
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para corregir un reporte administrativo.',
      );
    given(filed)
      .when(command({ report: 'SUI_ACUERDO_SUBSIDIOS' }))
      .then([{ ...filed, data: { ...filed.data, report: 'SUI_ACUERDO_SUBSIDIOS' } }]);
    given(filed)
      .when(command({ filed: false, reason: 'No se hizo' }))
      .then([{ ...filed, data: { ...filed.data, filed: false, filedOn: null } }]);
  });

  it('la fuente es obligatoria', () => {
    given()
      .when(command({ source: ' ' }))
      .thenError('BAD_USER_INPUT', 'source', 'es obligatorio.');
  });
});

describe('prestador directo (2.1.2 a)', () => {
  const command = (
    change: Partial<Extract<MonitoringCommand, { type: 'RecordDirectProviderStatus' }>>,
  ) =>
    ({
      type: 'RecordDirectProviderStatus',
      ...ibague,
      directProvider: true,
      decertified: false,
      source: 'SSPD',
      ...change,
    }) as MonitoringCommand;
  const recorded: MonitoringEvent = {
    type: 'DirectProviderStatusRecorded',
    data: { ...ibague, directProvider: true, decertified: false, source: 'SSPD', previous: null },
  };

  it('exento solo el prestador directo no descertificado', () => {
    expect(exemptFromSubsidyContract(null)).toBe(false);
    expect(
      exemptFromSubsidyContract({ directProvider: true, decertified: false, source: 'x' }),
    ).toBe(true);
    expect(
      exemptFromSubsidyContract({ directProvider: true, decertified: true, source: 'x' }),
    ).toBe(false);
    expect(
      exemptFromSubsidyContract({ directProvider: false, decertified: false, source: 'x' }),
    ).toBe(false);
  });

  it('se registra y queda en el estado', () => {
    given().when(command({})).then([recorded]);
    expect(given(recorded).state.directProvider).toEqual({
      directProvider: true,
      decertified: false,
      source: 'SSPD',
    });
  });

  it('ambas condiciones son sí o no', () => {
    given()
      .when(command({ directProvider: 'sí' as never }))
      .thenError(
        'BAD_USER_INPUT',
        'directProvider',
        'indique si el municipio es prestador directo.',
      );
    given()
      .when(command({ decertified: undefined as never }))
      .thenError(
        'BAD_USER_INPUT',
        'decertified',
        'indique si la Superintendencia de Servicios Públicos Domiciliarios lo descertificó.',
      );
  });

  it('la fuente es obligatoria', () => {
    given()
      .when(command({ source: '' }))
      .thenError('BAD_USER_INPUT', 'source', 'es obligatorio.');
  });

  it('repetir la misma condición se rechaza; cambiar cualquiera de las dos exige justificación', () => {
    given(recorded)
      .when(command({ reason: 'x' }))
      .thenError(
        'BAD_USER_INPUT',
        'directProvider',
        'la condición de prestador ya está registrada así.',
      );
    for (const change of [{ decertified: true }, { directProvider: false }]) {
      given(recorded)
        .when(command(change))
        .thenError(
          'BAD_USER_INPUT',
          'reason',
          'se requiere una justificación (reason) para corregir la condición de prestador directo.',
        );
      given(recorded)
        .when(command({ ...change, reason: 'Resolución SSPD' }))
        .then([
          {
            type: 'DirectProviderStatusRecorded',
            data: {
              ...recorded.data,
              ...change,
              previous: { directProvider: true, decertified: false, source: 'SSPD' },
            } as never,
          },
        ]);
    }
  });
});

describe('indicadores estratégicos (art. 5)', () => {
  const raised = (flag: string): MonitoringEvent => ({
    type: 'StrategicFlagRaised',
    data: { ...ibague, flag },
  });
  const command = (type: 'RaiseStrategicFlag' | 'WithdrawStrategicFlag', change = {}) =>
    ({ type, ...ibague, flag: ' Emergencia ', reason: 'Oficio', ...change }) as MonitoringCommand;

  it('priorizar exige justificación y no repite un indicador ya registrado', () => {
    given()
      .when(command('RaiseStrategicFlag'))
      .then([raised('Emergencia')]);
    given()
      .when(command('RaiseStrategicFlag', { reason: ' ' }))
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para priorizar por un indicador estratégico.',
      );
    given(raised('Emergencia'))
      .when(command('RaiseStrategicFlag'))
      .thenError('CONFLICT', 'flag', 'el indicador estratégico "Emergencia" ya está registrado.');
    given()
      .when(command('RaiseStrategicFlag', { flag: '' }))
      .thenError('BAD_USER_INPUT', 'flag', 'es obligatorio.');
  });

  it('retirar exige justificación y que el indicador esté registrado; los demás siguen', () => {
    given(raised('Emergencia'))
      .when(command('WithdrawStrategicFlag'))
      .then([{ type: 'StrategicFlagWithdrawn', data: { ...ibague, flag: 'Emergencia' } }]);
    given(raised('Emergencia'))
      .when(command('WithdrawStrategicFlag', { reason: undefined }))
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para retirar un indicador estratégico.',
      );
    given()
      .when(command('WithdrawStrategicFlag'))
      .thenError('NOT_FOUND', 'flag', 'el indicador estratégico "Emergencia" no está registrado.');
    const state = given(raised('A'), raised('B'), {
      type: 'StrategicFlagWithdrawn',
      data: { ...ibague, flag: 'A' },
    }).state;
    expect(state.strategicFlags).toEqual(['B']);
  });

  it('retirar nombra el indicador: sin él se rechaza por el campo flag', () => {
    given(raised('Emergencia'))
      .when(command('WithdrawStrategicFlag', { flag: ' ' }))
      .thenError('BAD_USER_INPUT', 'flag', 'es obligatorio.');
  });
});

describe('metodologías registradas por el Ministerio (arts. 2-5)', () => {
  const res98: Methodology = {
    ...RES_449_2013,
    id: 'RES-98-2019',
    legalSource: 'Resolución 98 de 2019',
    firstYear: 2019,
    lastYear: null,
  };
  const define = (change: Partial<Methodology> | Record<string, unknown>, legalBasis = 'x') =>
    decideMethodology(
      {
        type: 'DefineMethodology',
        methodology: { ...res98, ...change } as Methodology,
        legalBasis,
      },
      initialMethodologyState(),
    );
  const refusal = (decision: ReturnType<typeof decideMethodology>) =>
    decision.ok
      ? 'aceptada'
      : { code: decision.error.code, field: decision.error.field, message: decision.error.message };

  it('se adopta por un acto administrativo, que se nombra', () => {
    for (const legalBasis of ['', '  ']) {
      expect(refusal(define({}, legalBasis))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'legalBasis',
        message: 'indique el acto administrativo que lo adopta.',
      });
    }
    const selection = decideMethodology(
      { type: 'SelectComponents', year: 2025, components: ['cobertura'] } as MethodologyCommand,
      initialMethodologyState(),
    );
    expect(refusal(selection)).toMatchObject({ field: 'legalBasis' });
  });

  it('una metodología ya definida no se redefine: la nueva resolución es otra', () => {
    const state = evolveMethodology(initialMethodologyState(), {
      type: 'MethodologyDefined',
      data: { methodology: res98 },
    });
    expect(
      refusal(
        decideMethodology(
          { type: 'DefineMethodology', methodology: res98, legalBasis: 'x' },
          state,
        ),
      ),
    ).toEqual({
      code: 'CONFLICT',
      field: 'methodology.id',
      message:
        'la metodología RES-98-2019 ya existe: una nueva resolución es una nueva metodología.',
    });
  });

  it('el identificador: mayúsculas, dígitos y guiones, de 3 a 40', () => {
    for (const id of ['RES', 'R'.repeat(40), 'RES-98-2019']) {
      expect(define({ id }).ok).toBe(true);
    }
    for (const id of ['RE', 'R'.repeat(41), 'res-98', ' RES-98', 'RES-98 ', 98]) {
      expect(refusal(define({ id }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'methodology.id',
        message: 'use mayúsculas, dígitos y guiones, p. ej. "RES-98-2019".',
      });
    }
    expect(refusal(define({ id: undefined }))).toMatchObject({ field: 'methodology.id' });
    // A number whose digits would pass the pattern is still not an identifier.
    expect(refusal(define({ id: 20190098 }))).toMatchObject({ field: 'methodology.id' });
  });

  it('nombra la norma que la adopta', () => {
    for (const legalSource of ['', ' ', undefined]) {
      expect(refusal(define({ legalSource }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'methodology.legalSource',
        message: 'indique la norma que la adopta.',
      });
    }
  });

  it('el rango de vigencias: años enteros, el último no antes del primero, o abierto', () => {
    for (const range of [
      { firstYear: 2019, lastYear: 2019 },
      { firstYear: 2019, lastYear: null },
    ]) {
      expect(define(range).ok).toBe(true);
    }
    for (const range of [
      { firstYear: 2019.5, lastYear: null },
      { firstYear: 2019, lastYear: 2018 },
      { firstYear: 2019, lastYear: 2020.5 },
    ]) {
      expect(refusal(define(range))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'methodology.lastYear',
        message: 'el rango de vigencias es inválido.',
      });
    }
  });

  it('los pesos de las tres categorías (art. 3) suman 100, ninguno negativo', () => {
    expect(
      define({ categoryWeights: { presupuestales: 0, administrativos: 0, sectoriales: 100 } }).ok,
    ).toBe(true);
    for (const categoryWeights of [
      { presupuestales: 40, administrativos: 10, sectoriales: 49 },
      { presupuestales: -10, administrativos: 60, sectoriales: 50 },
      { presupuestales: 40, administrativos: 10 },
      { presupuestales: '40', administrativos: 10, sectoriales: 50 },
      // Text that would add up to "0100" (0 + 0 + "100") is not a weight either.
      { presupuestales: 0, administrativos: 0, sectoriales: '100' },
    ]) {
      expect(refusal(define({ categoryWeights }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'methodology.categoryWeights',
        message: 'los pesos de las tres categorías deben sumar 100.',
      });
    }
    expect(refusal(define({ categoryWeights: undefined }))).toMatchObject({
      field: 'methodology.categoryWeights',
    });
  });

  it('cada categoría tiene ítems con código y peso positivo', () => {
    const item = { code: 'X', label: 'X', weight: 1 };
    for (const [category, items] of [
      ['presupuestales', []],
      ['administrativos', [{ ...item, weight: 0 }]],
      ['sectoriales', [item, { ...item, code: '' }]],
      ['presupuestales', 'X'],
    ] as const) {
      expect(
        refusal(define({ items: { ...RES_449_2013.items, [category]: items } as never })),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        field: `methodology.items.${category}`,
        message: 'cada categoría necesita ítems con código y peso positivo.',
      });
    }
    expect(refusal(define({ items: undefined }))).toMatchObject({
      field: 'methodology.items.presupuestales',
    });
  });

  it('las bandas de riesgo (art. 4) van de mayor a menor y la última empieza en 0', () => {
    const band = (min: number) => ({ level: 'ALTO', min });
    expect(define({ bands: [band(0)] }).ok).toBe(true);
    for (const bands of [
      [],
      [band(50), band(50), band(0)],
      [band(40), band(90), band(0)],
      [band(90), band(10)],
      undefined,
    ]) {
      expect(refusal(define({ bands }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'methodology.bands',
        message: 'las bandas van de mayor a menor y la última empieza en 0.',
      });
    }
  });

  it('el nivel de riesgo es el de la banda más alta alcanzada, en el orden que vengan', () => {
    const unordered = [
      { level: 'ALTO' as const, min: 0 },
      { level: 'SIN_RIESGO' as const, min: 90 },
      { level: 'MEDIO' as const, min: 40 },
      { level: 'BAJO' as const, min: 70 },
    ];
    expect(riskLevel(95, unordered)).toBe('SIN_RIESGO');
    expect(riskLevel(75, unordered)).toBe('BAJO');
    expect(riskLevel(39.99, unordered)).toBe('ALTO');
    // A result below every band (only a negative one) falls in the last band listed.
    expect(riskLevel(-1, RES_449_2013.bands)).toBe('ALTO');
  });
});

describe('componentes seleccionados por el Viceministerio (parágrafo de 2.1.3)', () => {
  const select = (change: Record<string, unknown>, state = initialMethodologyState()) =>
    decideMethodology(
      {
        type: 'SelectComponents',
        year: 2025,
        components: ['cobertura'],
        legalBasis: 'Circular 2025',
        ...change,
      } as MethodologyCommand,
      state,
    );
  const selected: MethodologyEvent = {
    type: 'ComponentsSelected',
    data: { year: 2025, components: ['cobertura'] },
  };

  it('una vigencia es un año entero', () => {
    const decision = select({ year: 2025.5 });
    expect(!decision.ok && [decision.error.field, decision.error.message]).toEqual([
      'year',
      'vigencia inválida.',
    ]);
  });

  it('al menos un componente, todos monitoreados (la continuidad no lo es)', () => {
    for (const components of [[], ['cobertura', 'continuidad']]) {
      const decision = select({ components });
      expect(!decision.ok && [decision.error.field, decision.error.message]).toEqual([
        'components',
        'seleccione uno o varios de cobertura, gestion_ambiental, estado_prestacion, calidad_agua.',
      ]);
    }
  });

  it('la primera selección no pide justificación; cambiarla sí', () => {
    expect(select({})).toEqual({ ok: true, events: [selected] });
    const state = evolveMethodology(initialMethodologyState(), selected);
    expect(state.components).toEqual(['cobertura']);
    for (const reason of [undefined, ' ']) {
      const decision = select({ components: ['calidad_agua'], reason }, state);
      expect(!decision.ok && [decision.error.field, decision.error.message]).toEqual([
        'reason',
        'se requiere una justificación para cambiar la selección de la vigencia.',
      ]);
    }
    expect(select({ components: ['calidad_agua'], reason: 'Circular 2' }, state).ok).toBe(true);
  });
});

describe('la metodología que aplica a una vigencia', () => {
  const ranged = (id: string, firstYear: number, lastYear: number | null): Methodology => ({
    ...RES_449_2013,
    id,
    firstYear,
    lastYear,
  });

  it('la última registrada que la cubre, incluidos su primer y su último año', () => {
    const a = ranged('A-2019', 2019, 2022);
    const b = ranged('B-2021', 2021, null);
    expect(methodologyFor(2019, [a, b]).methodology.id).toBe('A-2019');
    expect(methodologyFor(2021, [a, b]).methodology.id).toBe('B-2021');
    expect(methodologyFor(2022, [a]).methodology.id).toBe('A-2019');
    expect(methodologyFor(2023, [a])).toMatchObject({ inForce: false });
    expect(methodologyFor(2030, [a, b])).toEqual({ methodology: b, inForce: true, warning: null });
  });

  it('la Res. 449 rige 2013 a 2018; antes y después solo como referencia, y lo dice', () => {
    for (const year of [2013, 2018]) {
      expect(methodologyFor(year, [])).toEqual({
        methodology: RES_449_2013,
        inForce: true,
        warning: null,
      });
    }
    for (const year of [2012, 2019]) {
      expect(methodologyFor(year, [])).toEqual({
        methodology: RES_449_2013,
        inForce: false,
        warning: `Ninguna metodología registrada por el Ministerio cubre la vigencia ${year}: el puntaje se calcula con la Resolución 449 de 2013 solo como referencia. ${RES_449_DEROGATION} El Ministerio registra la metodología vigente con la mutación defineMethodology.`,
      });
    }
  });
});

describe('un fallo no es un rechazo', () => {
  it('si la consulta de la DIVIPOLA falla, el error sale tal cual y no como dato mal ingresado', () => {
    const broken = {
      municipality: () => {
        throw new Error('DIVIPOLA no disponible');
      },
    };
    expect(() =>
      decideMonitoring(
        { type: 'RaiseStrategicFlag', ...ibague, flag: 'x', reason: 'x' },
        initialMonitoringState(),
        { territory: broken },
      ),
    ).toThrow('DIVIPOLA no disponible');
  });

  it('una selección de componentes sin lista es un fallo del llamador, no un rechazo', () => {
    expect(() =>
      decideMethodology(
        { type: 'SelectComponents', year: 2025, legalBasis: 'x' } as MethodologyCommand,
        initialMethodologyState(),
      ),
    ).toThrow(TypeError);
  });
});

describe('una metodología ausente', () => {
  it('se rechaza nombrando su identificador, no con un fallo', () => {
    const decision = decideMethodology(
      { type: 'DefineMethodology', methodology: null as never, legalBasis: 'x' },
      initialMethodologyState(),
    );
    expect(!decision.ok && [decision.error.code, decision.error.field]).toEqual([
      'BAD_USER_INPUT',
      'methodology.id',
    ]);
  });
});

describe('dónde se registran las metodologías y las selecciones', () => {
  it('sin eventos no hay metodología definida ni selección de componentes', () => {
    expect(initialMethodologyState()).toEqual({ defined: null, components: null });
  });

  it('una metodología en el flujo methodology-{id}; la selección de una vigencia en sgp-components-{año}', () => {
    expect(methodologyStreamId('RES-98-2019')).toBe('methodology-RES-98-2019');
    expect(componentsStreamId(2025)).toBe('sgp-components-2025');
  });
});
