/**
 * Progress reports at their edges (issue 14, mutation testing of `deciders/progress.ts`): the
 * GES-MUN checklist of ficha 4.2.10, the years of the cuatrienio, and a correction of the same
 * period (a month is a period of its own).
 */
import type { PlanEvent } from '../../src/domain/plan/events';
import { given, planOpened } from '../support/plan';

const checklist = {
  fondoSolidaridad: true,
  estratificacion: true,
  equilibrioSubsidios: true,
  convenioSubsidios: false,
  acuerdoPorcentajes: true,
  subsidiosQuincePorCiento: false,
};
const gesMun = {
  type: 'ReportProgress' as const,
  indicator: 'GES-MUN',
  period: { year: 2024 },
  checklist,
  source: 'SUI',
};
const irca = {
  type: 'ReportProgress' as const,
  indicator: 'ACU-IRCA-URB',
  period: { year: 2025, month: 3 },
  value: 4.2,
  source: 'INS',
};

describe('ReportProgress: GES-MUN desde los seis requisitos (ficha 4.2.10)', () => {
  it('cuatro de seis requisitos son 66,67 %, y el evento guarda la lista', () => {
    given(planOpened)
      .when(gesMun)
      .then([
        {
          type: 'ProgressReported',
          data: {
            indicator: 'GES-MUN',
            period: { year: 2024 },
            value: 66.67,
            source: 'SUI',
            checklist,
            previous: null,
          },
        },
      ]);
  });

  it('el valor, si se da junto con la lista, debe coincidir: 66,67 cumple; null se ignora', () => {
    for (const value of [66.67, null]) {
      const { decision } = given(planOpened).when({ ...gesMun, value: value as never });
      expect(decision.ok && decision.events[0]!.data).toMatchObject({ value: 66.67 });
    }
    given(planOpened)
      .when({ ...gesMun, value: 50 })
      .thenError(
        'BAD_USER_INPUT',
        'value',
        /^el valor \(50\) no coincide con los requisitos cumplidos \(4 de 6 = 66\.67 %\)\.$/,
      );
  });

  it('un requisito sin responder (o respondido con texto) se señala con su texto', () => {
    const { estratificacion: _omitted, ...missing } = checklist;
    given(planOpened)
      .when({ ...gesMun, checklist: missing as never })
      .thenError(
        'BAD_USER_INPUT',
        'checklist.estratificacion',
        /^indique si se cumple: Adoptar y aplicar la estratificación socioeconómica urbana y rural\.$/,
      );
    given(planOpened)
      .when({ ...gesMun, checklist: { ...checklist, subsidiosQuincePorCiento: 'no' } as never })
      .thenError('BAD_USER_INPUT', 'checklist.subsidiosQuincePorCiento', /15%/);
  });

  it('la lista solo aplica a GES-MUN, y lo dice', () => {
    given(planOpened)
      .when({ ...irca, checklist })
      .thenError(
        'BAD_USER_INPUT',
        'checklist',
        /^la lista de requisitos solo aplica al indicador GES-MUN \(ficha 4\.2\.10\)\.$/,
      );
  });

  it('una lista null es no dar lista: el valor se toma como se reporta', () => {
    const { decision } = given(planOpened).when({ ...irca, checklist: null as never });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ value: 4.2, checklist: null });
  });
});

describe('ReportProgress: el periodo y la corrección', () => {
  it('el primer y el último año del cuatrienio cumplen', () => {
    for (const year of [2024, 2027]) {
      const { decision } = given(planOpened).when({ ...irca, period: { year } });
      expect(decision.ok).toBe(true);
    }
  });

  it('la fuente es obligatoria', () => {
    given(planOpened)
      .when({ ...irca, source: ' ' })
      .thenError('BAD_USER_INPUT', 'source', /obligatorio/);
  });

  it('el reporte de marzo no es una corrección del de febrero ni del anual', () => {
    const february: PlanEvent = {
      type: 'ProgressReported',
      data: {
        indicator: 'ACU-IRCA-URB',
        period: { year: 2025, month: 2 },
        value: 5,
        source: 'INS',
        checklist: null,
        previous: null,
      },
    };
    const annual: PlanEvent = {
      type: 'ProgressReported',
      data: { ...(february.data as object), period: { year: 2025 } } as never,
    };
    given(planOpened, february, annual)
      .when(irca)
      .then([
        {
          type: 'ProgressReported',
          data: {
            indicator: 'ACU-IRCA-URB',
            period: { year: 2025, month: 3 },
            value: 4.2,
            source: 'INS',
            checklist: null,
            previous: null,
          },
        },
      ]);
  });

  it('corregir el mismo mes pide la justificación y guarda el valor y la fuente anteriores', () => {
    const march: PlanEvent = {
      type: 'ProgressReported',
      data: {
        indicator: 'ACU-IRCA-URB',
        period: { year: 2025, month: 3 },
        value: 5,
        source: 'Secretaría de Salud',
        checklist: null,
        previous: null,
      },
    };
    given(planOpened, march)
      .when(irca)
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        /^se requiere una justificación \(reason\) para corregir un avance ya reportado para ese periodo\.$/,
      );
    given(planOpened, march)
      .when({ ...irca, reason: 'Dato validado por el INS' })
      .then([
        {
          type: 'ProgressReported',
          data: {
            indicator: 'ACU-IRCA-URB',
            period: { year: 2025, month: 3 },
            value: 4.2,
            source: 'INS',
            checklist: null,
            previous: { value: 5, source: 'Secretaría de Salud' },
          },
        },
      ]);
  });
});
