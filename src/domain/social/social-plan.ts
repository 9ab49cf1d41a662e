/**
 * Plan de Gestión Social (Decreto 1425 de 2019; reference/plan-gestion-social.txt) of a PDA
 * (scope: a department) or a municipality (scope: its DANE code), stream
 * `socialplan-{scope}-{firstYear}`: objectives, scope, lines with programmes (goals and
 * indicators) and activities that are planned, rescheduled, cancelled and executed. Participants
 * are recorded as counts by group; no personal data is stored.
 */
import { DomainError, badInput, conflict, notFound } from '../errors';
import { DANE_CODE, DEPARTMENT_CODE, type Territory } from '../territory';
import { formatSemesterKey, governmentPeriod, parseSemester } from '../time';

export const SOCIAL_LINES = [
  { code: 'PARTICIPACION_CIUDADANA', label: 'Participación ciudadana', mandatory: true },
  { code: 'COMUNICACION', label: 'Comunicación', mandatory: true },
  { code: 'CAPACITACION', label: 'Capacitación', mandatory: true },
  {
    code: 'AGUA_SANEAMIENTO_EN_CASA',
    label: 'Acompañamiento: agua y saneamiento en casa (conexiones intradomiciliarias)',
    mandatory: false,
  },
  {
    code: 'ABASTECIMIENTO_RURAL',
    label: 'Acompañamiento: abastecimiento de agua en zona rural (alianzas estratégicas)',
    mandatory: false,
  },
] as const;
export type SocialLine = (typeof SOCIAL_LINES)[number]['code'];
export const MANDATORY_LINES: readonly SocialLine[] = SOCIAL_LINES.filter((l) => l.mandatory).map(
  (l) => l.code,
);

/** Population groups participants are counted by (no names, no identity numbers). */
export const PARTICIPANT_GROUPS = {
  age: ['0-17', '18-26', '27-59', '60+'],
  sex: ['mujeres', 'hombres', 'intersexuales'],
  ethnicGroup: ['indigena', 'afrocolombiano', 'raizal', 'palenquero', 'rom', 'sin_pertenencia'],
  condition: ['victima', 'discapacidad'],
} as const;
export type ParticipantDimension = keyof typeof PARTICIPANT_GROUPS;
export type Participants = Record<ParticipantDimension, Record<string, number>>;

/** Rights categories of the Gestión Social Integral strategy (reference/gestion-social-integral.txt, 3.2). */
export const RIGHTS_CATEGORIES = ['existencia', 'desarrollo', 'ciudadania', 'proteccion'] as const;

export interface ProgrammeGoal {
  indicator: string;
  unit: string;
  targets: [number, number, number, number];
}

export interface Programme {
  programmeId: string;
  line: SocialLine;
  name: string;
  objectives: string[];
  goals: ProgrammeGoal[];
}

export type ActivityStatus = 'PLANNED' | 'CANCELLED' | 'EXECUTED';

export interface Execution {
  date: string;
  place: string;
  participants: Participants;
  rightsCategories: string[];
  product: string;
  evidence: string;
  actualCost: number;
}

export interface Activity {
  activityId: string;
  programmeId: string;
  line: SocialLine;
  name: string;
  municipality: string;
  plannedSemester: string;
  budget: number;
  expectedProduct: string;
  linkedTo: string | null;
  status: ActivityStatus;
  execution: Execution | null;
  cancellationReason: string | null;
  reschedules: number;
}

export interface SocialPlanState {
  planId: string | null;
  scope: string | null;
  firstYear: number | null;
  objectives: string[];
  municipalities: string[];
  programmes: Record<string, Programme>;
  activities: Record<string, Activity>;
}

export const initialSocialPlanState = (): SocialPlanState => ({
  planId: null,
  scope: null,
  firstYear: null,
  objectives: [],
  municipalities: [],
  programmes: {},
  activities: {},
});

export type SocialPlanCommand =
  | {
      type: 'OpenSocialPlan';
      scope: string;
      firstYear: number;
      objectives: string[];
      municipalities: string[];
      reason?: string;
      legalBasis?: string;
    }
  | {
      type: 'AddProgramme';
      programmeId: string;
      line: string;
      name: string;
      objectives: string[];
      goals: ProgrammeGoal[];
      reason?: string;
      legalBasis?: string;
    }
  | {
      type: 'PlanActivity';
      activityId: string;
      programmeId: string;
      name: string;
      municipality: string;
      plannedSemester: string;
      budget: number;
      expectedProduct: string;
      linkedTo?: string;
      reason?: string;
      legalBasis?: string;
    }
  | {
      type: 'RescheduleActivity';
      activityId: string;
      plannedSemester: string;
      reason?: string;
      legalBasis?: string;
    }
  | { type: 'CancelActivity'; activityId: string; reason?: string; legalBasis?: string }
  | ({
      type: 'RecordExecution';
      activityId: string;
      reason?: string;
      legalBasis?: string;
    } & Execution);

export type SocialPlanEvent =
  | {
      type: 'SocialPlanOpened';
      data: {
        planId: string;
        scope: string;
        firstYear: number;
        objectives: string[];
        municipalities: string[];
      };
    }
  | { type: 'ProgrammeAdded'; data: Programme }
  | {
      type: 'ActivityPlanned';
      data: Omit<Activity, 'status' | 'execution' | 'cancellationReason' | 'reschedules'>;
    }
  | {
      type: 'ActivityRescheduled';
      data: { activityId: string; plannedSemester: string; previous: string };
    }
  | { type: 'ActivityCancelled'; data: { activityId: string } }
  | {
      type: 'ActivityExecuted';
      data: { activityId: string; execution: Execution; previous: Execution | null };
    };

const SOCIAL_TYPES = new Set([
  'SocialPlanOpened',
  'ProgrammeAdded',
  'ActivityPlanned',
  'ActivityRescheduled',
  'ActivityCancelled',
  'ActivityExecuted',
]);
export const isSocialPlanEvent = (fact: { type: string }): fact is SocialPlanEvent =>
  SOCIAL_TYPES.has(fact.type);
export const socialPlanStreamId = (scope: string, firstYear: number) =>
  `socialplan-${scope}-${firstYear}`;

export function evolveSocialPlan(state: SocialPlanState, event: SocialPlanEvent): SocialPlanState {
  switch (event.type) {
    case 'SocialPlanOpened':
      return { ...state, ...event.data };
    case 'ProgrammeAdded':
      return {
        ...state,
        programmes: { ...state.programmes, [event.data.programmeId]: event.data },
      };
    case 'ActivityPlanned':
      return {
        ...state,
        activities: {
          ...state.activities,
          [event.data.activityId]: {
            ...event.data,
            status: 'PLANNED',
            execution: null,
            cancellationReason: null,
            reschedules: 0,
          },
        },
      };
    case 'ActivityRescheduled': {
      const activity = state.activities[event.data.activityId]!;
      return withActivity(state, {
        ...activity,
        plannedSemester: event.data.plannedSemester,
        reschedules: activity.reschedules + 1,
      });
    }
    case 'ActivityCancelled':
      return withActivity(state, {
        ...state.activities[event.data.activityId]!,
        status: 'CANCELLED',
      });
    case 'ActivityExecuted':
      return withActivity(state, {
        ...state.activities[event.data.activityId]!,
        status: 'EXECUTED',
        execution: event.data.execution,
      });
  }
}

const withActivity = (state: SocialPlanState, activity: Activity): SocialPlanState => ({
  ...state,
  activities: { ...state.activities, [activity.activityId]: activity },
});

// ---------------------------------------------------------------------------- rules

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** An identity number (cédula, tarjeta de identidad, NIT): 6 to 12 digits, possibly with dots. */
const IDENTITY_NUMBER = /\b\d{1,3}(?:\.\d{3}){1,3}\b|\b\d{6,12}\b/;
/** Three or more "Nombre Apellido" separated by commas, semicolons or line breaks: a name list. */
const NAME_LIST =
  /(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s*[,;\n]\s*){2,}[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+/;

/** Free text that must not carry personal data of participants (Ley 1581 de 2012). */
function publicText(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string' || value.trim() === '') throw badInput(field, 'es obligatorio.');
  if (value.length > max) throw badInput(field, `supera ${max} caracteres.`);
  if (IDENTITY_NUMBER.test(value) || NAME_LIST.test(value)) {
    throw badInput(
      field,
      'parece contener datos personales (números de identificación o listas de nombres): registre solo conteos por grupo.',
    );
  }
  return value.trim();
}

function identifier(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value))
    throw badInput(field, 'identificador inválido.');
  return value;
}

function count(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0)
    throw badInput(field, 'debe ser un conteo entero mayor o igual a cero.');
  return value as number;
}

function participants(value: Participants | undefined): Participants {
  if (!value || typeof value !== 'object')
    throw badInput('participants', 'indique los conteos por grupo.');
  const result = {} as Participants;
  for (const [dimension, groups] of Object.entries(PARTICIPANT_GROUPS) as Array<
    [ParticipantDimension, readonly string[]]
  >) {
    const given = value[dimension] ?? {};
    for (const key of Object.keys(given)) {
      if (!groups.includes(key))
        throw badInput(
          `participants.${dimension}.${key}`,
          `grupo desconocido; use ${groups.join(', ')}.`,
        );
    }
    result[dimension] = Object.fromEntries(
      groups.map((g) => [g, count(given[g] ?? 0, `participants.${dimension}.${g}`)]),
    );
  }
  const total = (d: ParticipantDimension) => Object.values(result[d]).reduce((a, b) => a + b, 0);
  if (total('age') === 0)
    throw badInput('participants.age', 'una actividad ejecutada tiene al menos un participante.');
  if (total('sex') !== total('age')) {
    throw badInput(
      'participants.sex',
      `el total por sexo (${total('sex')}) debe coincidir con el total por edad (${total('age')}).`,
    );
  }
  return result;
}

function semesterIn(value: unknown, field: string, firstYear: number): string {
  const semester = parseSemester(typeof value === 'string' ? value : '', field);
  if (semester.year < firstYear || semester.year > firstYear + 3) {
    throw badInput(
      field,
      `el semestre ${formatSemesterKey(semester)} está fuera del cuatrienio ${firstYear}-${firstYear + 3}.`,
    );
  }
  return formatSemesterKey(semester);
}

function requireReason(reason: string | undefined, why: string): void {
  if (!reason?.trim()) throw badInput('reason', `se requiere una justificación (reason) ${why}.`);
}

function decideOrThrow(
  command: SocialPlanCommand,
  state: SocialPlanState,
  territory: Territory,
): SocialPlanEvent[] {
  if (command.type === 'OpenSocialPlan') {
    if (state.planId) throw conflict('scope', `el plan ${state.planId} ya está abierto.`);
    const isDepartment = DEPARTMENT_CODE.test(command.scope);
    if (!isDepartment && !DANE_CODE.test(command.scope)) {
      throw badInput(
        'scope',
        'use un código de departamento (2 dígitos) o de municipio (5 dígitos) de la DIVIPOLA.',
      );
    }
    if (!isDepartment && !territory.municipality(command.scope))
      throw notFound('scope', `el municipio ${command.scope} no existe en la DIVIPOLA.`);
    const period = governmentPeriod(command.firstYear);
    const objectives = (command.objectives ?? []).map((o, i) => publicText(o, `objectives[${i}]`));
    if (objectives.length === 0)
      throw badInput('objectives', 'indique al menos un objetivo general.');
    const municipalities = isDepartment ? (command.municipalities ?? []) : [command.scope];
    if (municipalities.length === 0)
      throw badInput('municipalities', 'indique los municipios que cubre el plan (alcance).');
    municipalities.forEach((code, i) => {
      const m = territory.municipality(code);
      if (!m)
        throw notFound(`municipalities[${i}]`, `el municipio ${code} no existe en la DIVIPOLA.`);
      if (isDepartment && m.departmentCode !== command.scope) {
        throw badInput(
          `municipalities[${i}]`,
          `${code} no es un municipio del departamento ${command.scope}.`,
        );
      }
    });
    return [
      {
        type: 'SocialPlanOpened',
        data: {
          planId: socialPlanStreamId(command.scope, period.firstYear),
          scope: command.scope,
          firstYear: period.firstYear,
          objectives,
          municipalities: [...new Set(municipalities)],
        },
      },
    ];
  }
  if (!state.planId || state.firstYear === null)
    throw notFound('plan', 'el plan de gestión social no existe: ábralo primero.');
  const firstYear = state.firstYear;
  switch (command.type) {
    case 'AddProgramme': {
      const programmeId = identifier(command.programmeId, 'programmeId');
      if (state.programmes[programmeId])
        throw conflict('programmeId', `el programa ${programmeId} ya existe.`);
      const line = SOCIAL_LINES.find((l) => l.code === command.line);
      if (!line)
        throw badInput(
          'line',
          `línea desconocida; use ${SOCIAL_LINES.map((l) => l.code).join(', ')}.`,
        );
      const goals = (command.goals ?? []).map((goal, i) => {
        if (!Array.isArray(goal.targets) || goal.targets.length !== 4)
          throw badInput(`goals[${i}].targets`, 'una meta por año del cuatrienio (4).');
        goal.targets.forEach((t, k) => {
          // Stryker disable next-line ConditionalExpression: `typeof … !== 'number'` as `false` leaves a value that is not a number to Number.isFinite, which does not coerce and refuses it too; the disable takes this line's other conditional mutants with it, each killed by the refusal tests
          if (typeof t !== 'number' || !Number.isFinite(t) || t < 0)
            throw badInput(`goals[${i}].targets[${k}]`, 'debe ser un número mayor o igual a cero.');
        });
        return {
          indicator: publicText(goal.indicator, `goals[${i}].indicator`, 200),
          unit: publicText(goal.unit, `goals[${i}].unit`, 60),
          targets: goal.targets,
        };
      });
      return [
        {
          type: 'ProgrammeAdded',
          data: {
            programmeId,
            line: line.code,
            name: publicText(command.name, 'name', 200),
            objectives: (command.objectives ?? []).map((o, i) => publicText(o, `objectives[${i}]`)),
            goals,
          },
        },
      ];
    }
    case 'PlanActivity': {
      const activityId = identifier(command.activityId, 'activityId');
      if (state.activities[activityId])
        throw conflict('activityId', `la actividad ${activityId} ya existe.`);
      const programme = state.programmes[command.programmeId];
      if (!programme)
        throw notFound('programmeId', `el programa ${command.programmeId} no existe en este plan.`);
      if (!state.municipalities.includes(command.municipality)) {
        throw badInput('municipality', `${command.municipality} no está en el alcance del plan.`);
      }
      if (
        // Stryker disable next-line ConditionalExpression: `typeof … !== 'number'` as `false` leaves a value that is not a number to Number.isFinite, which does not coerce and refuses it too; the disable takes this line's other conditional mutants with it, each killed by the refusal tests
        typeof command.budget !== 'number' ||
        !Number.isFinite(command.budget) ||
        command.budget < 0
      ) {
        throw badInput('budget', 'debe ser un valor en pesos mayor o igual a cero.');
      }
      return [
        {
          type: 'ActivityPlanned',
          data: {
            activityId,
            programmeId: programme.programmeId,
            line: programme.line,
            name: publicText(command.name, 'name', 200),
            municipality: command.municipality,
            plannedSemester: semesterIn(command.plannedSemester, 'plannedSemester', firstYear),
            budget: command.budget,
            expectedProduct: publicText(command.expectedProduct, 'expectedProduct', 300),
            linkedTo: command.linkedTo
              ? identifier(command.linkedTo.replace(/[^A-Za-z0-9._-]/g, '-'), 'linkedTo')
              : null,
          },
        },
      ];
    }
    case 'RescheduleActivity':
    case 'CancelActivity':
    case 'RecordExecution': {
      const activity = state.activities[command.activityId];
      if (!activity)
        throw notFound('activityId', `la actividad ${command.activityId} no existe en este plan.`);
      if (command.type === 'RescheduleActivity') {
        requireReason(command.reason, 'para reprogramar una actividad');
        if (activity.status !== 'PLANNED')
          throw conflict('activityId', 'solo se reprograma una actividad planeada.');
        const plannedSemester = semesterIn(command.plannedSemester, 'plannedSemester', firstYear);
        if (plannedSemester === activity.plannedSemester)
          throw badInput('plannedSemester', 'la actividad ya está en ese semestre.');
        return [
          {
            type: 'ActivityRescheduled',
            data: {
              activityId: activity.activityId,
              plannedSemester,
              previous: activity.plannedSemester,
            },
          },
        ];
      }
      if (command.type === 'CancelActivity') {
        requireReason(command.reason, 'para cancelar una actividad');
        if (activity.status !== 'PLANNED')
          throw conflict('activityId', 'solo se cancela una actividad planeada.');
        return [{ type: 'ActivityCancelled', data: { activityId: activity.activityId } }];
      }
      if (activity.status === 'CANCELLED')
        throw conflict('activityId', 'la actividad fue cancelada.');
      if (activity.execution)
        requireReason(command.reason, 'para corregir la ejecución registrada');
      if (
        typeof command.date !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(command.date) ||
        Number.isNaN(Date.parse(command.date))
      ) {
        throw badInput('date', 'fecha de ejecución AAAA-MM-DD.');
      }
      // Stryker disable next-line ArrayDeclaration: a missing list is refused by the check below (no categories) whatever stands in for it here
      const unknownRights = (command.rightsCategories ?? []).filter(
        (r) => !(RIGHTS_CATEGORIES as readonly string[]).includes(r),
      );
      if (!command.rightsCategories?.length || unknownRights.length) {
        throw badInput(
          'rightsCategories',
          `indique una o varias de ${RIGHTS_CATEGORIES.join(', ')}.`,
        );
      }
      if (
        // Stryker disable next-line ConditionalExpression: `typeof … !== 'number'` as `false` leaves a value that is not a number to Number.isFinite, which does not coerce and refuses it too; the disable takes this line's other conditional mutants with it, each killed by the refusal tests
        typeof command.actualCost !== 'number' ||
        !Number.isFinite(command.actualCost) ||
        command.actualCost < 0
      ) {
        throw badInput('actualCost', 'debe ser un valor en pesos mayor o igual a cero.');
      }
      const execution: Execution = {
        date: command.date,
        place: publicText(command.place, 'place', 200),
        participants: participants(command.participants),
        rightsCategories: [...command.rightsCategories],
        product: publicText(command.product, 'product', 300),
        evidence: publicText(command.evidence, 'evidence', 300),
        actualCost: command.actualCost,
      };
      return [
        {
          type: 'ActivityExecuted',
          data: { activityId: activity.activityId, execution, previous: activity.execution },
        },
      ];
    }
  }
}

export function decideSocialPlan(
  command: SocialPlanCommand,
  state: SocialPlanState,
  context: { territory: Territory },
): { ok: true; events: SocialPlanEvent[] } | { ok: false; error: DomainError } {
  try {
    return { ok: true, events: decideOrThrow(command, state, context.territory) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

export const socialPlan = {
  initialState: initialSocialPlanState,
  evolve: evolveSocialPlan,
  decide: decideSocialPlan,
  isEvent: isSocialPlanEvent,
};
