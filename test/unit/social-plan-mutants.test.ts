/**
 * The Plan de Gestión Social (Decreto 1425 de 2019) at its edges: every refusal by code, field and
 * message, every accepted command by its exact events, and what the CTP reads of it (compliance
 * with the mandatory lines, execution per line and semester). Written for the mutants mutation
 * testing (issue 14) showed no other test told apart; given events / when command / then events.
 */
import { compliance, execution } from '../../src/domain/social/figures';
import {
  decideSocialPlan,
  evolveSocialPlan,
  initialSocialPlanState,
  isSocialPlanEvent,
  MANDATORY_LINES,
  type SocialPlanCommand,
  type SocialPlanEvent,
} from '../../src/domain/social/social-plan';
import { givenEvents } from '../support/decider';
import { territory } from '../support/plan';

const given = givenEvents(
  initialSocialPlanState,
  evolveSocialPlan,
  (command: SocialPlanCommand, state) => decideSocialPlan(command, state, { territory }),
);

const opened: SocialPlanEvent = {
  type: 'SocialPlanOpened',
  data: {
    planId: 'socialplan-73-2024',
    scope: '73',
    firstYear: 2024,
    objectives: ['Apropiación social de las obras'],
    municipalities: ['73001', '73268'],
  },
};
const programme: SocialPlanEvent = {
  type: 'ProgrammeAdded',
  data: {
    programmeId: 'CA',
    line: 'CAPACITACION',
    name: 'Escuela del agua',
    objectives: ['Formar veedores'],
    goals: [{ indicator: 'Talleres realizados', unit: 'talleres', targets: [2, 4, 4, 2] }],
  },
};
const planned = (activityId = 'A1', plannedSemester = '2024-2'): SocialPlanEvent => ({
  type: 'ActivityPlanned',
  data: {
    activityId,
    programmeId: 'CA',
    line: 'CAPACITACION',
    name: 'Taller de control social',
    municipality: '73001',
    plannedSemester,
    budget: 5_000_000,
    expectedProduct: 'Acta del taller',
    linkedTo: null,
  },
});
const participants = {
  age: { '0-17': 0, '18-26': 10, '27-59': 20, '60+': 5 },
  sex: { mujeres: 20, hombres: 15, intersexuales: 0 },
  ethnicGroup: {
    indigena: 0,
    afrocolombiano: 0,
    raizal: 0,
    palenquero: 0,
    rom: 0,
    sin_pertenencia: 35,
  },
  condition: { victima: 0, discapacidad: 0 },
};
const execution1 = {
  date: '2024-09-14',
  place: 'Salón comunal',
  participants,
  rightsCategories: ['ciudadania'],
  product: 'Acta de veeduría',
  evidence: 'Carpeta acta-17.pdf',
  actualCost: 0,
};
const executedEvent = (previous: typeof execution1 | null = null): SocialPlanEvent => ({
  type: 'ActivityExecuted',
  data: { activityId: 'A1', execution: execution1, previous },
});

describe('abrir el plan de gestión social', () => {
  const open = (change: Record<string, unknown> = {}) =>
    ({
      type: 'OpenSocialPlan',
      scope: '73',
      firstYear: 2024,
      objectives: [' Apropiación social de las obras '],
      municipalities: ['73001', '73268', '73001'],
      ...change,
    }) as SocialPlanCommand;

  it('un PDA abre el de su departamento, con sus municipios una sola vez', () => {
    given().when(open()).then([opened]);
  });

  it('un municipio abre el suyo: su alcance es él mismo', () => {
    given()
      .when(open({ scope: '73001', municipalities: ['05001'] }))
      .then([
        {
          type: 'SocialPlanOpened',
          data: {
            ...opened.data,
            planId: 'socialplan-73001-2024',
            scope: '73001',
            municipalities: ['73001'],
          },
        },
      ]);
  });

  it('una sola vez', () => {
    given(opened)
      .when(open())
      .thenError('CONFLICT', 'scope', 'el plan socialplan-73-2024 ya está abierto.');
  });

  it('el alcance es un departamento (2 dígitos) o un municipio (5 dígitos) que exista', () => {
    for (const scope of ['7', '730', '730011', 'x73']) {
      given()
        .when(open({ scope }))
        .thenError(
          'BAD_USER_INPUT',
          'scope',
          'use un código de departamento (2 dígitos) o de municipio (5 dígitos) de la DIVIPOLA.',
        );
    }
    given()
      .when(open({ scope: '99999' }))
      .thenError('NOT_FOUND', 'scope', 'el municipio 99999 no existe en la DIVIPOLA.');
  });

  it('al menos un objetivo general, sin datos personales', () => {
    for (const objectives of [[], undefined]) {
      given()
        .when(open({ objectives }))
        .thenError('BAD_USER_INPUT', 'objectives', 'indique al menos un objetivo general.');
    }
    given()
      .when(open({ objectives: ['Bien', ' '] }))
      .thenError('BAD_USER_INPUT', 'objectives[1]', 'es obligatorio.');
  });

  it('el de un departamento nombra sus municipios, todos del departamento y de la DIVIPOLA', () => {
    for (const municipalities of [[], undefined]) {
      given()
        .when(open({ municipalities }))
        .thenError(
          'BAD_USER_INPUT',
          'municipalities',
          'indique los municipios que cubre el plan (alcance).',
        );
    }
    given()
      .when(open({ municipalities: ['73001', '05001'] }))
      .thenError(
        'BAD_USER_INPUT',
        'municipalities[1]',
        '05001 no es un municipio del departamento 73.',
      );
    given()
      .when(open({ municipalities: ['73001', '73999'] }))
      .thenError('NOT_FOUND', 'municipalities[1]', 'el municipio 73999 no existe en la DIVIPOLA.');
  });

  it('nada se agrega a un plan que no se ha abierto', () => {
    given()
      .when({ type: 'CancelActivity', activityId: 'A1', reason: 'x' })
      .thenError('NOT_FOUND', 'plan', 'el plan de gestión social no existe: ábralo primero.');
  });
});

describe('programas de las líneas', () => {
  const add = (change: Record<string, unknown> = {}) =>
    ({
      type: 'AddProgramme',
      programmeId: 'CA',
      line: 'CAPACITACION',
      name: ' Escuela del agua ',
      objectives: ['Formar veedores'],
      goals: [{ indicator: 'Talleres realizados', unit: 'talleres', targets: [2, 4, 4, 2] }],
      ...change,
    }) as SocialPlanCommand;

  it('se agrega con sus metas por año', () => {
    given(opened).when(add()).then([programme]);
    expect(given(opened, programme).state.programmes.CA).toEqual(programme.data);
  });

  it('sin objetivos ni metas también: son opcionales', () => {
    given(opened)
      .when(add({ objectives: undefined, goals: undefined }))
      .then([{ ...programme, data: { ...programme.data, objectives: [], goals: [] } } as never]);
  });

  it('el identificador: letra o dígito y hasta 64 caracteres; no se repite', () => {
    for (const programmeId of ['-CA', 'C A', 'x'.repeat(65), '', 7]) {
      given(opened)
        .when(add({ programmeId }))
        .thenError('BAD_USER_INPUT', 'programmeId', 'identificador inválido.');
    }
    given(opened)
      .when(add({ programmeId: 'x'.repeat(64) }))
      .then([{ ...programme, data: { ...programme.data, programmeId: 'x'.repeat(64) } } as never]);
    given(opened, programme)
      .when(add())
      .thenError('CONFLICT', 'programmeId', 'el programa CA ya existe.');
  });

  it('la línea es una de las cinco del decreto, y lo dice', () => {
    given(opened)
      .when(add({ line: 'SALUD' }))
      .thenError(
        'BAD_USER_INPUT',
        'line',
        'línea desconocida; use PARTICIPACION_CIUDADANA, COMUNICACION, CAPACITACION, AGUA_SANEAMIENTO_EN_CASA, ABASTECIMIENTO_RURAL.',
      );
  });

  it('una meta por año del cuatrienio, cada una un número mayor o igual a cero', () => {
    const goal = (targets: unknown) => ({ goals: [{ indicator: 'i', unit: 'u', targets }] });
    for (const targets of [[1, 1, 1], [1, 1, 1, 1, 1], '1111']) {
      given(opened)
        .when(add(goal(targets)))
        .thenError('BAD_USER_INPUT', 'goals[0].targets', 'una meta por año del cuatrienio (4).');
    }
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      given(opened)
        .when(add(goal([0, 1, bad, 1])))
        .thenError(
          'BAD_USER_INPUT',
          'goals[0].targets[2]',
          'debe ser un número mayor o igual a cero.',
        );
    }
  });

  it('nombre, indicador y unidad tienen su máximo: 200, 200 y 60 caracteres', () => {
    given(opened)
      .when(add({ name: 'x'.repeat(201) }))
      .thenError('BAD_USER_INPUT', 'name', 'supera 200 caracteres.');
    given(opened)
      .when(add({ goals: [{ indicator: 'x'.repeat(201), unit: 'u', targets: [0, 0, 0, 0] }] }))
      .thenError('BAD_USER_INPUT', 'goals[0].indicator', 'supera 200 caracteres.');
    given(opened)
      .when(add({ goals: [{ indicator: 'i', unit: 'x'.repeat(61), targets: [0, 0, 0, 0] }] }))
      .thenError('BAD_USER_INPUT', 'goals[0].unit', 'supera 60 caracteres.');
    given(opened)
      .when(add({ objectives: ['x'.repeat(501)] }))
      .thenError('BAD_USER_INPUT', 'objectives[0]', 'supera 500 caracteres.');
    given(opened)
      .when(add({ objectives: ['x'.repeat(500)] }))
      .then([
        { ...programme, data: { ...programme.data, objectives: ['x'.repeat(500)] } } as never,
      ]);
  });
});

/** Planning activity A1 of programme CA in Ibagué, with what a test changes. */
const plan = (change: Record<string, unknown> = {}) =>
  ({
    type: 'PlanActivity',
    activityId: 'A1',
    programmeId: 'CA',
    name: 'Taller de control social',
    municipality: '73001',
    plannedSemester: '2024-2',
    budget: 5_000_000,
    expectedProduct: 'Acta del taller',
    ...change,
  }) as SocialPlanCommand;

describe('actividades planeadas', () => {
  it('hereda la línea de su programa; el vínculo se normaliza a identificador', () => {
    given(opened, programme).when(plan()).then([planned()]);
    given(opened, programme)
      .when(plan({ linkedTo: '73001-2024/ACU COB' }))
      .then([
        { ...planned(), data: { ...planned().data, linkedTo: '73001-2024-ACU-COB' } } as never,
      ]);
  });

  it('no se repite, y su programa existe', () => {
    given(opened, programme, planned())
      .when(plan())
      .thenError('CONFLICT', 'activityId', 'la actividad A1 ya existe.');
    given(opened, programme)
      .when(plan({ programmeId: 'XX' }))
      .thenError('NOT_FOUND', 'programmeId', 'el programa XX no existe en este plan.');
  });

  it('en un municipio del alcance del plan', () => {
    given(opened, programme)
      .when(plan({ municipality: '05001' }))
      .thenError('BAD_USER_INPUT', 'municipality', '05001 no está en el alcance del plan.');
  });

  it('con presupuesto en pesos mayor o igual a cero', () => {
    given(opened, programme)
      .when(plan({ budget: 0 }))
      .then([{ ...planned(), data: { ...planned().data, budget: 0 } } as never]);
    for (const budget of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5']) {
      given(opened, programme)
        .when(plan({ budget }))
        .thenError('BAD_USER_INPUT', 'budget', 'debe ser un valor en pesos mayor o igual a cero.');
    }
  });

  it('en un semestre del cuatrienio: 2024-1 y 2027-2 sí; 2023-2 y 2028-1 no', () => {
    for (const semester of ['2024-1', '2027-2']) {
      given(opened, programme)
        .when(plan({ plannedSemester: semester }))
        .then([planned('A1', semester)]);
    }
    for (const semester of ['2023-2', '2028-1']) {
      given(opened, programme)
        .when(plan({ plannedSemester: semester }))
        .thenError(
          'BAD_USER_INPUT',
          'plannedSemester',
          `el semestre ${semester} está fuera del cuatrienio 2024-2027.`,
        );
    }
    given(opened, programme)
      .when(plan({ plannedSemester: 20242 }))
      .thenError(
        'BAD_USER_INPUT',
        'plannedSemester',
        'semestre inválido "": use AAAA-1 o AAAA-2, p. ej. "2025-1".',
      );
  });

  it('el producto esperado tiene a lo sumo 300 caracteres', () => {
    given(opened, programme)
      .when(plan({ expectedProduct: 'x'.repeat(301) }))
      .thenError('BAD_USER_INPUT', 'expectedProduct', 'supera 300 caracteres.');
  });
});

describe('reprogramar y cancelar', () => {
  it('reprogramar exige justificación, otro semestre y que siga planeada', () => {
    const reschedule = (change: Record<string, unknown> = {}) =>
      ({
        type: 'RescheduleActivity',
        activityId: 'A1',
        plannedSemester: '2025-1',
        reason: 'Ola invernal',
        ...change,
      }) as SocialPlanCommand;
    given(opened, programme, planned())
      .when(reschedule())
      .then([
        {
          type: 'ActivityRescheduled',
          data: { activityId: 'A1', plannedSemester: '2025-1', previous: '2024-2' },
        },
      ]);
    given(opened, programme, planned())
      .when(reschedule({ reason: ' ' }))
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para reprogramar una actividad.',
      );
    given(opened, programme, planned())
      .when(reschedule({ plannedSemester: '2024-2' }))
      .thenError('BAD_USER_INPUT', 'plannedSemester', 'la actividad ya está en ese semestre.');
    for (const done of [
      executedEvent(),
      { type: 'ActivityCancelled', data: { activityId: 'A1' } } as SocialPlanEvent,
    ]) {
      given(opened, programme, planned(), done)
        .when(reschedule())
        .thenError('CONFLICT', 'activityId', 'solo se reprograma una actividad planeada.');
    }
    given(opened, programme)
      .when(reschedule())
      .thenError('NOT_FOUND', 'activityId', 'la actividad A1 no existe en este plan.');
  });

  it('cancelar exige justificación y que siga planeada', () => {
    const cancel = (reason?: string) =>
      ({ type: 'CancelActivity', activityId: 'A1', reason }) as SocialPlanCommand;
    given(opened, programme, planned())
      .when(cancel('Obra suspendida'))
      .then([{ type: 'ActivityCancelled', data: { activityId: 'A1' } }]);
    given(opened, programme, planned())
      .when(cancel())
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para cancelar una actividad.',
      );
    given(opened, programme, planned(), executedEvent())
      .when(cancel('x'))
      .thenError('CONFLICT', 'activityId', 'solo se cancela una actividad planeada.');
  });

  it('el estado cuenta las reprogramaciones y marca la cancelación', () => {
    const state = given(
      opened,
      programme,
      planned(),
      {
        type: 'ActivityRescheduled',
        data: { activityId: 'A1', plannedSemester: '2025-1', previous: '2024-2' },
      },
      {
        type: 'ActivityRescheduled',
        data: { activityId: 'A1', plannedSemester: '2025-2', previous: '2025-1' },
      },
    ).state;
    expect(state.activities.A1).toMatchObject({
      plannedSemester: '2025-2',
      reschedules: 2,
      status: 'PLANNED',
      execution: null,
      cancellationReason: null,
    });
  });
});

describe('ejecución de una actividad', () => {
  const record = (change: Record<string, unknown> = {}) =>
    ({ type: 'RecordExecution', activityId: 'A1', ...execution1, ...change }) as SocialPlanCommand;

  it('se registra con conteos por grupo (los que faltan, en cero) y sin espacios sobrantes', () => {
    given(opened, programme, planned())
      .when(
        record({
          place: ' Salón comunal ',
          participants: {
            age: { '18-26': 10, '27-59': 20, '60+': 5 },
            sex: { mujeres: 20, hombres: 15 },
            ethnicGroup: { sin_pertenencia: 35 },
          },
        }),
      )
      .then([executedEvent()]);
    const state = given(opened, programme, planned(), executedEvent()).state;
    expect(state.activities.A1).toMatchObject({ status: 'EXECUTED', execution: execution1 });
  });

  it('corregirla exige justificación y guarda la anterior; una cancelada no se ejecuta', () => {
    given(opened, programme, planned(), executedEvent())
      .when(record())
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para corregir la ejecución registrada.',
      );
    given(opened, programme, planned(), executedEvent())
      .when(record({ reason: 'Factura final' }))
      .then([executedEvent(execution1)]);
    given(opened, programme, planned(), {
      type: 'ActivityCancelled',
      data: { activityId: 'A1' },
    })
      .when(record())
      .thenError('CONFLICT', 'activityId', 'la actividad fue cancelada.');
  });

  it('la fecha es AAAA-MM-DD', () => {
    for (const date of [undefined, '2024-9-14', 'x2024-09-14', '2024-09-14x', '2024-19-14']) {
      given(opened, programme, planned())
        .when(record({ date }))
        .thenError('BAD_USER_INPUT', 'date', 'fecha de ejecución AAAA-MM-DD.');
    }
  });

  it('al menos una categoría de derechos, todas de la estrategia', () => {
    for (const rightsCategories of [undefined, [], ['ciudadania', 'salud']]) {
      given(opened, programme, planned())
        .when(record({ rightsCategories }))
        .thenError(
          'BAD_USER_INPUT',
          'rightsCategories',
          'indique una o varias de existencia, desarrollo, ciudadania, proteccion.',
        );
    }
  });

  it('el costo real en pesos, mayor o igual a cero', () => {
    for (const actualCost of [-1, Number.NaN, Number.POSITIVE_INFINITY, undefined]) {
      given(opened, programme, planned())
        .when(record({ actualCost }))
        .thenError(
          'BAD_USER_INPUT',
          'actualCost',
          'debe ser un valor en pesos mayor o igual a cero.',
        );
    }
  });

  it('los participantes son conteos enteros por grupo, al menos uno, y por sexo suman lo que por edad', () => {
    given(opened, programme, planned())
      .when(record({ participants: undefined }))
      .thenError('BAD_USER_INPUT', 'participants', 'indique los conteos por grupo.');
    given(opened, programme, planned())
      .when(record({ participants: { ...participants, age: { '18-26': 0 } } }))
      .thenError(
        'BAD_USER_INPUT',
        'participants.age',
        'una actividad ejecutada tiene al menos un participante.',
      );
    given(opened, programme, planned())
      .when(record({ participants: { ...participants, sex: { mujeres: 20, hombres: 16 } } }))
      .thenError(
        'BAD_USER_INPUT',
        'participants.sex',
        'el total por sexo (36) debe coincidir con el total por edad (35).',
      );
    given(opened, programme, planned())
      .when(record({ participants: { ...participants, age: { ...participants.age, '60+': 5.5 } } }))
      .thenError(
        'BAD_USER_INPUT',
        'participants.age.60+',
        'debe ser un conteo entero mayor o igual a cero.',
      );
    given(opened, programme, planned())
      .when(record({ participants: { ...participants, sex: { otros: 1 } } }))
      .thenError(
        'BAD_USER_INPUT',
        'participants.sex.otros',
        'grupo desconocido; use mujeres, hombres, intersexuales.',
      );
  });

  it('ningún texto lleva datos personales: números de identificación o listas de nombres', () => {
    const personal =
      'parece contener datos personales (números de identificación o listas de nombres): registre solo conteos por grupo.';
    for (const text of [
      'CC 1.110.456',
      'TI 123456',
      'NIT 123456789012',
      'Ana Gómez; Luis Pérez; Marta Díaz',
    ]) {
      given(opened, programme, planned())
        .when(record({ evidence: text }))
        .thenError('BAD_USER_INPUT', 'evidence', personal);
    }
    // Not personal: a year, a short number, two names.
    for (const text of ['Acta 2024', 'Taller 12345', 'Ana Gómez y Luis Pérez']) {
      given(opened, programme, planned())
        .when(record({ evidence: text }))
        .then([
          {
            type: 'ActivityExecuted',
            data: {
              activityId: 'A1',
              execution: { ...execution1, evidence: text },
              previous: null,
            },
          },
        ]);
    }
  });
});

describe('lo que lee el CTP: cumplimiento y ejecución', () => {
  it('las líneas obligatorias son participación, comunicación y capacitación', () => {
    expect(MANDATORY_LINES).toEqual(['PARTICIPACION_CIUDADANA', 'COMUNICACION', 'CAPACITACION']);
    expect(isSocialPlanEvent({ type: 'ActivityExecuted' })).toBe(true);
    expect(isSocialPlanEvent({ type: 'GoalSet' })).toBe(false);
  });

  it('una línea con programa y solo actividades canceladas no cumple; lo dice con su nombre', () => {
    const state = given(opened, programme, planned(), {
      type: 'ActivityCancelled',
      data: { activityId: 'A1' },
    }).state;
    const capacitacion = compliance(state).lines.find((l) => l.line === 'CAPACITACION')!;
    expect(capacitacion).toEqual({
      line: 'CAPACITACION',
      programmes: 1,
      activities: 0,
      missing: 'La línea obligatoria "Capacitación" no tiene actividades.',
    });
    expect(compliance(state).lines[0]).toEqual({
      line: 'PARTICIPACION_CIUDADANA',
      programmes: 0,
      activities: 0,
      missing: 'La línea obligatoria "Participación ciudadana" no tiene programas.',
    });
  });

  it('con las tres líneas cubiertas, cumple', () => {
    const events: SocialPlanEvent[] = [opened];
    for (const line of MANDATORY_LINES) {
      events.push(
        { ...programme, data: { ...programme.data, programmeId: line, line } } as SocialPlanEvent,
        {
          ...planned(`A-${line}`),
          data: { ...planned(`A-${line}`).data, programmeId: line, line },
        } as SocialPlanEvent,
      );
    }
    const result = compliance(given(...events).state);
    expect(result.compliant).toBe(true);
    expect(result.lines.every((l) => l.missing === null && l.activities === 1)).toBe(true);
  });

  it('ejecución por semestre: se filtra por semestre, suma costos y participantes, y cuenta atrasadas', () => {
    const second: SocialPlanEvent = {
      type: 'ActivityExecuted',
      data: {
        activityId: 'A2',
        execution: { ...execution1, actualCost: 1_000 },
        previous: null,
      },
    };
    const state = given(
      opened,
      programme,
      planned('A1'),
      planned('A2'),
      planned('A3'),
      planned('A4', '2025-1'),
      executedEvent(),
      second,
    ).state;
    // The last instant of 2024-2 in Bogotá: not yet late; one millisecond later, late.
    const end = new Date('2025-01-01T04:59:59.999Z');
    const [onTime] = execution(state, end, '2024-2');
    expect(onTime).toMatchObject({
      line: 'CAPACITACION',
      semester: '2024-2',
      planned: 3,
      executed: 2,
      cancelled: 0,
      late: 0,
      budgetPlanned: 15_000_000,
      budgetExecuted: 1_000,
    });
    expect(onTime!.participants.age).toEqual({ '0-17': 0, '18-26': 20, '27-59': 40, '60+': 10 });
    expect(onTime!.participants.sex.intersexuales).toBe(0);
    expect(execution(state, new Date(end.getTime() + 1), '2024-2')[0]!.late).toBe(1);
    expect(execution(state, end).map((f) => f.semester)).toEqual(['2024-2', '2025-1']);
    expect(execution(state, end, '2026-1')).toEqual([]);
  });
});

describe('ejecución: lo cancelado y el orden', () => {
  it('una actividad cancelada no suma al presupuesto planeado; las cifras van por línea y luego por semestre', () => {
    const comunicacion: SocialPlanEvent = {
      ...programme,
      data: { ...programme.data, programmeId: 'CO', line: 'COMUNICACION' },
    } as SocialPlanEvent;
    const onLine = (activityId: string, semester: string): SocialPlanEvent =>
      ({
        ...planned(activityId, semester),
        data: { ...planned(activityId, semester).data, programmeId: 'CO', line: 'COMUNICACION' },
      }) as SocialPlanEvent;
    const state = given(
      opened,
      programme,
      comunicacion,
      planned('A1', '2025-1'),
      planned('A2', '2024-2'),
      { type: 'ActivityCancelled', data: { activityId: 'A2' } },
      onLine('B1', '2025-1'),
      onLine('B2', '2024-1'),
    ).state;
    const figures = execution(state, new Date('2024-03-01T12:00:00Z'));
    expect(
      figures.map((f) => [f.line, f.semester, f.planned, f.cancelled, f.budgetPlanned]),
    ).toEqual([
      ['CAPACITACION', '2024-2', 0, 1, 0],
      ['CAPACITACION', '2025-1', 1, 0, 5_000_000],
      ['COMUNICACION', '2024-1', 1, 0, 5_000_000],
      ['COMUNICACION', '2025-1', 1, 0, 5_000_000],
    ]);
    // A cancelled activity is never late, even once its semester is over.
    expect(execution(state, new Date('2025-03-01T12:00:00Z'), '2024-2')[0]!.late).toBe(0);
  });
});

describe('un fallo no es un rechazo', () => {
  it('si la consulta de la DIVIPOLA falla, el error sale tal cual', () => {
    const broken = {
      municipality: () => {
        throw new Error('DIVIPOLA no disponible');
      },
    };
    expect(() =>
      decideSocialPlan(
        {
          type: 'OpenSocialPlan',
          scope: '73001',
          firstYear: 2024,
          objectives: ['x'],
          municipalities: [],
        },
        initialSocialPlanState(),
        { territory: broken },
      ),
    ).toThrow('DIVIPOLA no disponible');
  });
});

describe('lo que no es del tipo esperado se rechaza nombrando el campo', () => {
  const record = (change: Record<string, unknown>) =>
    ({ type: 'RecordExecution', activityId: 'A1', ...execution1, ...change }) as SocialPlanCommand;

  it('los participantes son conteos por grupo: un número o un texto no lo son', () => {
    for (const value of [35, 'treinta y cinco']) {
      given(opened, programme, planned())
        .when(record({ participants: value }))
        .thenError('BAD_USER_INPUT', 'participants', 'indique los conteos por grupo.');
    }
  });

  it('la fecha de ejecución es un texto: una lista con la fecha no lo es', () => {
    given(opened, programme, planned())
      .when(record({ date: ['2024-09-14'] }))
      .thenError('BAD_USER_INPUT', 'date', 'fecha de ejecución AAAA-MM-DD.');
  });

  it('un plan sin cuatrienio (ningún evento válido lo deja así) no admite nada: se pide abrirlo', () => {
    const withoutPeriod = { ...given(opened, programme).state, firstYear: null };
    const decision = decideSocialPlan(
      { type: 'CancelActivity', activityId: 'A1', reason: 'x' },
      withoutPeriod,
      { territory },
    );
    expect(!decision.ok && [decision.error.code, decision.error.field]).toEqual([
      'NOT_FOUND',
      'plan',
    ]);
  });
});

describe('cada rechazo nombra su campo', () => {
  it('sin eventos, el plan de gestión social no tiene nada: ni objetivos ni municipios', () => {
    expect(initialSocialPlanState()).toEqual({
      planId: null,
      scope: null,
      firstYear: null,
      objectives: [],
      municipalities: [],
      programmes: {},
      activities: {},
    });
  });

  it('un texto obligatorio que no es texto se rechaza como ausente', () => {
    given(opened, programme)
      .when(plan({ name: 42 }))
      .thenError('BAD_USER_INPUT', 'name', 'es obligatorio.');
  });

  it('la actividad: su identificador, su nombre y su vínculo, cada uno por su campo', () => {
    given(opened, programme)
      .when(plan({ activityId: '-A1' }))
      .thenError('BAD_USER_INPUT', 'activityId', 'identificador inválido.');
    given(opened, programme)
      .when(plan({ name: ' ' }))
      .thenError('BAD_USER_INPUT', 'name', 'es obligatorio.');
    // A link that starts with what is not a letter or digit stays invalid once normalised.
    given(opened, programme)
      .when(plan({ linkedTo: '/meta' }))
      .thenError('BAD_USER_INPUT', 'linkedTo', 'identificador inválido.');
  });

  it('reprogramar fuera del cuatrienio se rechaza por el semestre', () => {
    given(opened, programme, planned())
      .when({
        type: 'RescheduleActivity',
        activityId: 'A1',
        plannedSemester: '2028-1',
        reason: 'Ola invernal',
      })
      .thenError(
        'BAD_USER_INPUT',
        'plannedSemester',
        'el semestre 2028-1 está fuera del cuatrienio 2024-2027.',
      );
  });

  it('la fecha de ejecución es solo AAAA-MM-DD: ni con hora después ni con algo antes, aunque sean fechas', () => {
    for (const date of ['2024-09-14T10:00', '12024-09-14']) {
      given(opened, programme, planned())
        .when({ type: 'RecordExecution', activityId: 'A1', ...execution1, date })
        .thenError('BAD_USER_INPUT', 'date', 'fecha de ejecución AAAA-MM-DD.');
    }
  });
});
