/**
 * The checks every plan command shares, at their edges (issue 14, mutation testing of
 * `deciders/shared.ts`): texts, identifiers, dates, pesos, the four years, indicators, periods and
 * justifications, each refusal naming the field and saying what is expected.
 */
import { findIndicator } from '../../src/domain/catalogue/indicators';
import { monthRule } from '../../src/domain/plan/deciders/shared';
import { given, planAdopted, planOpened } from '../support/plan';

const need = {
  type: 'RegisterNeed' as const,
  needId: 'N-1',
  need: 'Barrio sin red',
  investmentName: 'Red El Salado',
  estimatedValue: 2e9,
};
const needRegistered = (data: Partial<typeof need>) => ({
  type: 'NeedRegistered' as const,
  data: {
    needId: 'N-1',
    need: 'Barrio sin red',
    investmentName: 'Red El Salado',
    estimatedValue: 2e9,
    ...data,
  },
});

describe('un texto obligatorio', () => {
  it('vacío o en blanco se rechaza con "es obligatorio."', () => {
    for (const value of ['', '   ', undefined, 7]) {
      given(planOpened)
        .when({ ...need, need: value as never })
        .thenError('BAD_USER_INPUT', 'need', /^es obligatorio\.$/);
    }
  });
  it('se guarda sin los espacios de los extremos', () => {
    given(planOpened)
      .when({ ...need, need: '  Barrio sin red  ' })
      .then([needRegistered({})]);
  });
  it('500 caracteres cumplen, 501 no (máximo por omisión)', () => {
    const long = 'x'.repeat(500);
    given(planOpened)
      .when({ ...need, need: long })
      .then([needRegistered({ need: long })]);
    given(planOpened)
      .when({ ...need, need: `${long}x` })
      .thenError('BAD_USER_INPUT', 'need', /^supera 500 caracteres\.$/);
  });
});

describe('un identificador', () => {
  const message =
    /^identificador inválido: use letras, dígitos, "\.", "_" o "-" \(máx\. 64 caracteres\)\.$/;
  it('de 64 caracteres cumple, de 65 no', () => {
    const id = `N${'x'.repeat(63)}`;
    given(planOpened)
      .when({ ...need, needId: id })
      .then([needRegistered({ needId: id })]);
    given(planOpened)
      .when({ ...need, needId: `${id}x` })
      .thenError('BAD_USER_INPUT', 'needId', message);
  });
  it('empieza por letra o dígito y admite ".", "_" y "-" después', () => {
    given(planOpened)
      .when({ ...need, needId: '7a.b_c-D' })
      .then([needRegistered({ needId: '7a.b_c-D' })]);
    for (const id of ['-N1', '.N1', 'N 1', 'N1 ', ' N1', 'Ñ1', '', 17]) {
      given(planOpened)
        .when({ ...need, needId: id as never })
        .thenError('BAD_USER_INPUT', 'needId', message);
    }
  });
});

describe('un valor en pesos', () => {
  it('cero cumple; un número negativo se rechaza mostrando el valor', () => {
    given(planOpened)
      .when({ ...need, estimatedValue: 0 })
      .then([needRegistered({ estimatedValue: 0 })]);
    given(planOpened)
      .when({ ...need, estimatedValue: -1 })
      .thenError(
        'BAD_USER_INPUT',
        'estimatedValue',
        /^un valor en pesos no puede ser negativo \(-1\)\.$/,
      );
  });
  it('un texto, NaN o infinito no es un número', () => {
    for (const value of ['5', Number.NaN, Number.POSITIVE_INFINITY]) {
      given(planOpened)
        .when({ ...need, estimatedValue: value as never })
        .thenError('BAD_USER_INPUT', 'estimatedValue', /^debe ser un número\.$/);
    }
  });
});

describe('los cuatro años del cuatrienio', () => {
  const project = {
    type: 'RegisterProject' as const,
    projectId: 'P-1',
    kind: 'propio' as const,
    name: 'Obra',
  };
  it('tres valores, cinco o ninguno se rechazan: uno por año, exactamente cuatro', () => {
    // '1234' and { length: 4 } have four of something, but are not four values.
    for (const valueByYear of [[1, 2, 3], [1, 2, 3, 4, 5], undefined, '1234', { length: 4 }]) {
      given(planOpened)
        .when({ ...project, valueByYear: valueByYear as never })
        .thenError(
          'BAD_USER_INPUT',
          'valueByYear',
          /^se requieren exactamente cuatro valores, uno por cada año \(Año 1 a Año 4\) del cuatrienio\.$/,
        );
    }
  });
  it('el valor equivocado se señala por su año', () => {
    given(planOpened)
      .when({ ...project, valueByYear: [1, 2, 3, 'x'] as never })
      .thenError('BAD_USER_INPUT', 'valueByYear[3]', /número/);
  });
});

describe('una fecha AAAA-MM-DD', () => {
  const adopt = { type: 'AdoptPlan' as const, act: 'ACUERDO' as const, number: '012' };
  it('el 29 de febrero de 2024 existe; el de 2025 no', () => {
    expect(given(planOpened).when({ ...adopt, date: '2024-02-29' }).decision.ok).toBe(true);
    given(planOpened)
      .when({ ...adopt, date: '2025-02-29' })
      .thenError('BAD_USER_INPUT', 'date', /\(AAAA-MM-DD\)\.$/);
  });
  it('un objeto que se escribe como una fecha no es una fecha', () => {
    const lookalike = { toString: () => '2024-05-31' };
    given(planOpened)
      .when({ ...adopt, date: lookalike as never })
      .thenError('BAD_USER_INPUT', 'date', /\(AAAA-MM-DD\)\.$/);
  });
  it.each([
    '2024-5-31',
    '2024-05-31T00:00:00Z',
    ' 2024-05-31',
    '2024-05-31 ',
    '31/05/2024',
    '2024-13-01',
  ])('"%s" no es una fecha AAAA-MM-DD', (date) => {
    given(planOpened)
      .when({ ...adopt, date })
      .thenError('BAD_USER_INPUT', 'date', /\(AAAA-MM-DD\)\.$/);
  });
});

describe('un indicador', () => {
  it('desconocido se rechaza remitiendo al catálogo, también si no es texto', () => {
    for (const [code, shown] of [
      ['XYZ', 'XYZ'],
      [42, '42'],
      // Not Object.prototype's "toString" taken for a retired indicator's explanation.
      ['toString', 'toString'],
      // A list that reads as a retired code is not that code: no retired indicator's explanation.
      [['ALC-NOTRAT-URB'], 'ALC-NOTRAT-URB'],
    ] as const) {
      given(planOpened)
        .when({
          type: 'SetBaseline',
          indicator: code as never,
          value: 1,
          measuredAt: { year: 2023 },
          source: 'SUI',
        })
        .thenError(
          'BAD_USER_INPUT',
          'indicator',
          new RegExp(`^indicador desconocido "${shown}": consulte el catálogo de indicadores\\.$`),
        );
    }
  });
});

describe('el periodo de una medición', () => {
  const baseline = {
    type: 'SetBaseline' as const,
    indicator: 'ACU-IRCA-URB',
    value: 4,
    source: 'INS',
  };
  it('es obligatorio, como objeto { year, month? }', () => {
    for (const measuredAt of [undefined, null, 2023]) {
      given(planOpened)
        .when({ ...baseline, measuredAt: measuredAt as never })
        .thenError('BAD_USER_INPUT', 'measuredAt', /^es obligatorio \(\{ year, month\? \}\)\.$/);
    }
  });
  it('el año va de 1990 a 2100: 1990 cumple, 1989 y 2101 no, ni un año con decimales', () => {
    expect(given(planOpened).when({ ...baseline, measuredAt: { year: 1990 } }).decision.ok).toBe(
      true,
    );
    for (const year of [1989, 2101, 2023.5]) {
      given(planOpened)
        .when({ ...baseline, measuredAt: { year } })
        .thenError('BAD_USER_INPUT', 'measuredAt.year', new RegExp(`^año inválido ${year}\\.$`));
    }
    // 2100 es un año válido: lo que lo rechaza es que la línea base sea posterior al plan.
    given(planOpened)
      .when({ ...baseline, measuredAt: { year: 2100 } })
      .thenError('BAD_USER_INPUT', 'measuredAt.year', /posterior a 2024/);
  });
  it('el mes va de 1 a 12: 1 y 12 cumplen, 0, 13 y 1,5 no', () => {
    for (const month of [1, 12]) {
      expect(
        given(planOpened).when({ ...baseline, measuredAt: { year: 2023, month } }).decision.ok,
      ).toBe(true);
    }
    for (const month of [0, 13, 1.5]) {
      given(planOpened)
        .when({ ...baseline, measuredAt: { year: 2023, month } })
        .thenError(
          'BAD_USER_INPUT',
          'measuredAt.month',
          new RegExp(`^mes inválido ${month}: debe estar entre 1 y 12\\.$`),
        );
    }
  });
  it('un mes null es una medición anual', () => {
    const { decision } = given(planOpened).when({
      ...baseline,
      measuredAt: { year: 2023, month: null as never },
    });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ measuredAt: { year: 2023 } });
  });
  it('una ficha mensual pide el mes, una anual no lo admite, y lo dicen', () => {
    const report = {
      type: 'ReportProgress' as const,
      value: 80,
      source: 'SUI',
    };
    given(planOpened)
      .when({ ...report, indicator: 'ASE-DISP-URB', period: { year: 2024 } })
      .thenError(
        'BAD_USER_INPUT',
        'period.month',
        /^la ficha del indicador es mensual: indique el mes \(1-12\)\.$/,
      );
    given(planOpened)
      .when({ ...report, indicator: 'ALC-TRAT-URB', period: { year: 2024, month: 1 } })
      .thenError(
        'BAD_USER_INPUT',
        'period.month',
        /^la ficha del indicador es anual: no indique mes\.$/,
      );
  });
});

describe('la justificación y el acto administrativo', () => {
  it('una justificación o un acto en blanco no cuentan', () => {
    const adopted = [planOpened, planAdopted];
    const goal = {
      type: 'SetGoal' as const,
      indicator: 'ALC-TRAT-URB',
      targets: [1, 1, 1, 1],
      total: 4,
    };
    const baselineSet = {
      type: 'BaselineSet' as const,
      data: {
        indicator: 'ALC-TRAT-URB',
        value: 27.5,
        measuredAt: { year: 2023 },
        source: 'PSMV',
        previous: null,
      },
    };
    given(...adopted, baselineSet)
      .when({ ...goal, reason: '  ', legalBasis: 'Acuerdo 020 de 2025' })
      .thenError('BAD_USER_INPUT', 'reason', /^se requiere una justificación \(reason\) /);
    given(...adopted, baselineSet)
      .when({ ...goal, reason: 'Nueva meta', legalBasis: '  ' })
      .thenError(
        'BAD_USER_INPUT',
        'legalBasis',
        /^se requiere el acto administrativo \(legalBasis, p\. ej\. "Acuerdo 012 de 2024"\) /,
      );
  });
});

describe('un plan sin abrir', () => {
  it('cualquier comando distinto de OpenPlan pide abrirlo primero', () => {
    given()
      .when(need)
      .thenError(
        'NOT_FOUND',
        'plan',
        /^el plan sectorial no existe: ábralo primero \(OpenPlan\)\.$/,
      );
  });
});

describe('la periodicidad de la ficha decide el mes de una medición', () => {
  it('la ficha mensual lo exige, la mensual y anual lo admite sin exigirlo, la anual no lo admite', () => {
    const ruleOf = (code: string) => monthRule(findIndicator(code)!);
    expect(ruleOf('ASE-DISP-URB')).toBe('required');
    expect(ruleOf('ACU-IRCA-URB')).toBe('optional');
    expect(ruleOf('ALC-TRAT-URB')).toBe('forbidden');
  });
});

describe('el nivel de GES-MUN (ficha 4.2.10)', () => {
  const baseline = {
    type: 'SetBaseline' as const,
    indicator: 'GES-MUN',
    measuredAt: { year: 2023 },
    source: 'Alcaldía',
  };
  it('es k de seis requisitos: 50 % (tres) y 16,67 % (uno) cumplen, 40 % no, y se dicen los siete valores', () => {
    for (const value of [50, 16.67]) {
      given(planOpened)
        .when({ ...baseline, value })
        .then([
          {
            type: 'BaselineSet',
            data: {
              indicator: 'GES-MUN',
              value,
              measuredAt: { year: 2023 },
              source: 'Alcaldía',
              previous: null,
            },
          },
        ]);
    }
    given(planOpened)
      .when({ ...baseline, value: 40 })
      .thenError(
        'BAD_USER_INPUT',
        'value',
        /^GES-MUN es el porcentaje de los seis requisitos de la ficha 4\.2\.10 cumplidos: use 0, 16\.67, 33\.33, 50, 66\.67, 83\.33, 100 \(recibido 40\)\.$/,
      );
  });
  it('otro porcentaje (aguas residuales tratadas) toma cualquier valor de 0 a 100', () => {
    const { decision } = given(planOpened).when({
      ...baseline,
      indicator: 'ALC-TRAT-URB',
      value: 40,
    });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ value: 40 });
  });
});
