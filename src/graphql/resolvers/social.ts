/** The Plan de Gestión Social over GraphQL: the plan as of any semester, activities, execution, and its commands. */
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import type { SocialActivityDocument, SocialPlanDocument } from '../../../projections/social';
import { socialPlanAt } from '../../../projections/social';
import { execute, receipt } from '../commands';
import { MutationReceipt } from '../types/mutation-receipt';
import { maySeeIdentities, mayWriteSocialPlan } from '../../domain/access';
import { compliance, execution } from '../../domain/social/figures';
import {
  SOCIAL_LINES,
  socialPlan,
  socialPlanStreamId,
  type Activity,
  type Participants,
  type SocialPlanCommand,
  type SocialPlanState,
} from '../../domain/social/social-plan';
import { parseSemester } from '../../domain/time';
import { resolveBitemporal } from '../../queries/as-of';
import type { Context } from '../context';
import { apiError, badInput, forbidden, unauthenticated } from '../errors';
import { decodeCursor, encodeCursor, pageInfo, PageArgs, pageSize } from '../pagination';
import { AsOfInput, Lineage, PageInfo, TimeView } from '../types/common';
import { lineageView, timeView } from '../views';
import { checkCitation } from '../citations';

@ObjectType({
  description: 'Meta de un programa de gestión social: indicador, unidad y meta por año.',
})
class ProgrammeGoalType {
  @Field(() => String, { description: 'Indicador.' }) indicator!: string;
  @Field(() => String, { description: 'Unidad.' }) unit!: string;
  @Field(() => [Float], { description: 'Meta de Año 1 a Año 4.' }) targets!: number[];
}

@ObjectType({ description: 'Programa o proyecto de una línea del Plan de Gestión Social.' })
class ProgrammeType {
  @Field(() => ID, { description: 'Id del programa.' }) id!: string;
  @Field(() => String, {
    description:
      'Línea: PARTICIPACION_CIUDADANA, COMUNICACION, CAPACITACION u otra de acompañamiento.',
  })
  line!: string;
  @Field(() => String, { description: 'Nombre.' }) name!: string;
  @Field(() => [String], { description: 'Objetivos.' }) objectives!: string[];
  @Field(() => [ProgrammeGoalType], { description: 'Metas e indicadores.' })
  goals!: ProgrammeGoalType[];
}

@ObjectType({
  description:
    'Ejecución de una actividad: fecha, lugar, participantes por grupo (conteos), producto y costo.',
})
class ExecutionType {
  @Field(() => String, { description: 'Fecha AAAA-MM-DD.' }) date!: string;
  @Field(() => String, { description: 'Lugar.' }) place!: string;
  @Field(() => GraphQLJSONObject, {
    description: 'Conteos por edad, sexo, grupo étnico y condición.',
  })
  participants!: Participants;
  @Field(() => [String], {
    description: 'Categorías de derechos: existencia, desarrollo, ciudadania, proteccion.',
  })
  rightsCategories!: string[];
  @Field(() => String, { description: 'Producto entregado.' }) product!: string;
  @Field(() => String, { description: 'Referencia a la evidencia.' }) evidence!: string;
  @Field(() => Float, { description: 'Costo real en pesos.' }) actualCost!: number;
}

@ObjectType({ description: 'Actividad del Plan de Gestión Social.' })
class SocialActivityType {
  @Field(() => ID, { description: 'Id de la actividad en su plan.' }) id!: string;
  @Field(() => ID, { description: 'Plan de gestión social.' }) planId!: string;
  @Field(() => ID, { description: 'Programa.' }) programmeId!: string;
  @Field(() => String, { description: 'Línea.' }) line!: string;
  @Field(() => String, { description: 'Nombre.' }) name!: string;
  @Field(() => ID, { description: 'Municipio (código DANE).' }) municipality!: string;
  @Field(() => String, { description: 'Semestre planeado, "AAAA-1" o "AAAA-2".' })
  plannedSemester!: string;
  @Field(() => Float, { description: 'Presupuesto en pesos.' }) budget!: number;
  @Field(() => String, { description: 'Producto esperado.' }) expectedProduct!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Proyecto o meta del plan sectorial relacionado.',
  })
  linkedTo!: string | null;
  @Field(() => String, { description: 'PLANNED, CANCELLED o EXECUTED.' }) status!: string;
  @Field(() => Int, { description: 'Veces que se reprogramó.' }) reschedules!: number;
  @Field(() => ExecutionType, { nullable: true, description: 'Ejecución, si ya ocurrió.' })
  execution!: ExecutionType | null;
  @Field(() => Lineage, {
    nullable: true,
    description: 'Último cambio (en las listas de actividades).',
  })
  lastChange!: Lineage | null;
}

@ObjectType({
  description: 'Cumplimiento de una línea obligatoria: al menos un programa y una actividad.',
})
class LineComplianceType {
  @Field(() => String, { description: 'Línea obligatoria.' }) line!: string;
  @Field(() => Int, { description: 'Programas.' }) programmes!: number;
  @Field(() => Int, { description: 'Actividades no canceladas.' }) activities!: number;
  @Field(() => String, { nullable: true, description: 'Lo que falta, si falta algo.' }) missing!:
    string | null;
}

@ObjectType({ description: 'Cumplimiento del plan con las tres líneas obligatorias.' })
class ComplianceType {
  @Field(() => Boolean, { description: 'Cubre todas las líneas obligatorias.' })
  compliant!: boolean;
  @Field(() => [LineComplianceType], { description: 'Por línea.' }) lines!: LineComplianceType[];
}

@ObjectType({
  description:
    'Ejecución por línea y semestre: actividades y presupuesto ejecutados frente a lo planeado, participantes y atrasos.',
})
export class ExecutionFiguresType {
  @Field(() => String, { description: 'Línea.' }) line!: string;
  @Field(() => String, { description: 'Semestre planeado.' }) semester!: string;
  @Field(() => Int, { description: 'Actividades planeadas (no canceladas).' }) planned!: number;
  @Field(() => Int, { description: 'Ejecutadas.' }) executed!: number;
  @Field(() => Int, { description: 'Canceladas.' }) cancelled!: number;
  @Field(() => Int, {
    description: 'Atrasadas: planeadas, sin ejecutar, con su semestre ya vencido.',
  })
  late!: number;
  @Field(() => Float, { description: 'Presupuesto planeado.' }) budgetPlanned!: number;
  @Field(() => Float, { description: 'Costo ejecutado.' }) budgetExecuted!: number;
  @Field(() => GraphQLJSONObject, { description: 'Participantes sumados por grupo.' })
  participants!: Participants;
}

@ObjectType({
  description: 'Plan de Gestión Social de un PDA (departamento) o municipio para un cuatrienio.',
})
class SocialPlanType {
  @Field(() => ID, { description: 'Id: "socialplan-{alcance}-{añoInicial}".' }) id!: string;
  @Field(() => ID, { description: 'Alcance: código de departamento o de municipio.' })
  scope!: string;
  @Field(() => Int, { description: 'Primer año del cuatrienio.' }) firstYear!: number;
  @Field(() => Int, { nullable: true, description: 'Revisión actual (nula en vistas históricas).' })
  revision!: number | null;
  @Field(() => [String], { description: 'Objetivos generales.' }) objectives!: string[];
  @Field(() => [ID], { description: 'Municipios que cubre (alcance).' }) municipalities!: string[];
  @Field(() => [ProgrammeType], { description: 'Programas por línea.' })
  programmes!: ProgrammeType[];
  @Field(() => [SocialActivityType], { description: 'Actividades.' })
  activities!: SocialActivityType[];
  @Field(() => ComplianceType, { description: 'Cumplimiento de las líneas obligatorias.' })
  compliance!: ComplianceType;
  @Field(() => [ExecutionFiguresType], { description: 'Ejecución por línea y semestre.' })
  execution!: ExecutionFiguresType[];
  @Field(() => TimeView, { description: 'Ejecución y atrasos se leen a este instante.' })
  time!: TimeView;
}

@ObjectType({ description: 'Arista de actividades.' })
class SocialActivityEdge {
  @Field(() => String, { description: 'Cursor.' }) cursor!: string;
  @Field(() => SocialActivityType, { description: 'Actividad.' }) node!: SocialActivityType;
}

@ObjectType({ description: 'Actividades paginadas (conexión Relay).' })
class SocialActivityConnection {
  @Field(() => [SocialActivityEdge], { description: 'Página.' }) edges!: SocialActivityEdge[];
  @Field(() => PageInfo, { description: 'Paginación.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Total que cumple el filtro.' }) totalCount!: number;
}

@InputType({ description: 'Filtro de actividades; los criterios se combinan con Y.' })
class SocialActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Plan, p. ej. "socialplan-73-2024".' }) planId?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Alcance del plan (departamento o municipio).' })
  scope?: string | null;
  @Field(() => ID, { nullable: true, description: 'Municipio de la actividad.' }) municipality?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Línea.' }) line?: string | null;
  @Field(() => String, { nullable: true, description: 'Semestre planeado.' }) semester?:
    string | null;
  @Field(() => String, { nullable: true, description: 'PLANNED, CANCELLED o EXECUTED.' }) status?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Grupo con participantes, "dimension:grupo", p. ej. "condition:victima" o "age:60+".',
  })
  populationGroup?: string | null;
}

function activityView(
  activity: Activity & { planId: string },
  lastChange: Lineage | null,
): SocialActivityType {
  return {
    ...activity,
    id: activity.activityId,
    linkedTo: activity.linkedTo,
    execution: activity.execution,
    lastChange,
  };
}

function planView(
  doc: SocialPlanDocument,
  state: SocialPlanState,
  time: { knownAt: Date; validUntil: Date | null } | null,
  now: Date,
): SocialPlanType {
  const at = time?.validUntil ?? time?.knownAt ?? now;
  return {
    id: doc._id,
    scope: doc.scope,
    firstYear: doc.firstYear,
    revision: time ? null : doc.revision,
    objectives: state.objectives,
    municipalities: state.municipalities,
    programmes: Object.values(state.programmes).map((p) => ({ ...p, id: p.programmeId })),
    activities: Object.values(state.activities).map((a) =>
      activityView({ ...a, planId: doc._id }, null),
    ),
    compliance: compliance(state),
    execution: execution(state, at),
    time: timeView(time, now),
  };
}

async function loadSocialPlan(ctx: Context, scope: string, firstYear: number) {
  const [doc] = await ctx.services.readStore
    .collection<SocialPlanDocument>('social_plans')
    .findByIds([socialPlanStreamId(scope, firstYear)]);
  return doc ?? null;
}

const scopeOf = (ctx: Context, scope: string) =>
  scope.length === 2
    ? { daneCode: scope, departmentCode: scope }
    : {
        daneCode: scope,
        departmentCode: ctx.services.territory.municipality(scope)?.departmentCode ?? '',
      };

@InputType({ description: 'Plan de gestión social al que se dirige una mutación.' })
class SocialTarget {
  @Field(() => ID, { description: 'Alcance: código de departamento (PDA) o de municipio.' })
  scope!: string;
  @Field(() => Int, { description: 'Primer año del cuatrienio.' }) firstYear!: number;
  @Field(() => Int, { nullable: true, description: 'Revisión leída; si cambió, CONFLICT.' })
  expectedRevision?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Justificación (obligatoria al reprogramar, cancelar o corregir).',
  })
  reason?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Recomendación definitiva del CTP que este cambio atiende (queda vinculada).',
  })
  answersRecommendation?: string | null;
}

@InputType({ description: 'Abrir un Plan de Gestión Social.' })
class OpenSocialPlanInput extends SocialTarget {
  @Field(() => [String], { description: 'Objetivos generales.' }) objectives!: string[];
  @Field(() => [ID], {
    nullable: true,
    description: 'Municipios que cubre (para un plan departamental).',
  })
  municipalities?: string[] | null;
}

@InputType({ description: 'Meta de un programa.' })
class ProgrammeGoalInput {
  @Field(() => String, { description: 'Indicador.' }) indicator!: string;
  @Field(() => String, { description: 'Unidad.' }) unit!: string;
  @Field(() => [Float], { description: 'Meta de Año 1 a Año 4.' }) targets!: number[];
}

@InputType({ description: 'Agregar un programa a una línea.' })
class AddProgrammeInput extends SocialTarget {
  @Field(() => ID, { description: 'Id del programa.' }) programmeId!: string;
  @Field(() => String, { description: 'Línea.' }) line!: string;
  @Field(() => String, { description: 'Nombre.' }) name!: string;
  @Field(() => [String], { description: 'Objetivos.' }) objectives!: string[];
  @Field(() => [ProgrammeGoalInput], { description: 'Metas e indicadores.' })
  goals!: ProgrammeGoalInput[];
}

@InputType({ description: 'Planear una actividad.' })
class PlanActivityInput extends SocialTarget {
  @Field(() => ID, { description: 'Id de la actividad.' }) activityId!: string;
  @Field(() => ID, { description: 'Programa.' }) programmeId!: string;
  @Field(() => String, { description: 'Nombre.' }) name!: string;
  @Field(() => ID, { description: 'Municipio.' }) municipality!: string;
  @Field(() => String, { description: 'Semestre planeado.' }) plannedSemester!: string;
  @Field(() => Float, { description: 'Presupuesto en pesos.' }) budget!: number;
  @Field(() => String, { description: 'Producto esperado.' }) expectedProduct!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Proyecto o meta del plan sectorial relacionado.',
  })
  linkedTo?: string | null;
}

@InputType({ description: 'Reprogramar, cancelar o registrar la ejecución de una actividad.' })
class ActivityChangeInput extends SocialTarget {
  @Field(() => ID, { description: 'Id de la actividad.' }) activityId!: string;
  @Field(() => String, { nullable: true, description: 'Nuevo semestre (reprogramar).' })
  plannedSemester?: string | null;
  @Field(() => String, { nullable: true, description: 'Fecha de ejecución AAAA-MM-DD.' }) date?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Lugar (sin datos personales).' }) place?:
    string | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Conteos por grupo: { age, sex, ethnicGroup, condition }.',
  })
  participants?: Participants | null;
  @Field(() => [String], { nullable: true, description: 'Categorías de derechos.' })
  rightsCategories?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Producto entregado.' }) product?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Referencia a la evidencia.' }) evidence?:
    string | null;
  @Field(() => Float, { nullable: true, description: 'Costo real en pesos.' }) actualCost?:
    number | null;
}

@ObjectType({ description: 'Resultado de una mutación del Plan de Gestión Social.' })
class SocialPlanPayload extends MutationReceipt {
  @Field(() => SocialPlanType, {
    nullable: true,
    description:
      'El plan después del cambio; nulo si los modelos de lectura aún no lo tienen (`readModelsCurrent` falso).',
  })
  plan!: SocialPlanType | null;
}

async function run(
  ctx: Context,
  input: SocialTarget,
  command: SocialPlanCommand,
): Promise<SocialPlanPayload> {
  if (!/^\d{2}$|^\d{5}$/.test(input.scope))
    throw badInput(
      'scope',
      'use un código de departamento (2 dígitos) o de municipio (5 dígitos).',
    );
  if (!ctx.principal) throw unauthenticated('Inicie sesión: escribir requiere un token.');
  if (!mayWriteSocialPlan(ctx.principal, scopeOf(ctx, input.scope))) {
    throw forbidden(
      `Su rol ${ctx.principal.role} (${ctx.principal.entity}) no escribe el plan de gestión social ${input.scope}.`,
    );
  }
  const expected = input.expectedRevision;
  const citation = await checkCitation(ctx, input.answersRecommendation, (dane) =>
    input.scope.length === 2 ? dane.startsWith(input.scope) : dane === input.scope,
  );
  const result = await execute(
    ctx,
    ctx.principal,
    socialPlan,
    socialPlanStreamId(input.scope, input.firstYear),
    { ...command, ...(input.reason ? { reason: input.reason } : {}) } as SocialPlanCommand,
    { territory: ctx.services.territory },
    expected === null || expected === undefined ? undefined : expected,
    citation,
  );
  const doc = await loadSocialPlan(ctx, input.scope, input.firstYear);
  if (!doc && result.readModelsCurrent)
    throw apiError('INTERNAL_SERVER_ERROR', 'El plan no está en los modelos de lectura.');
  return {
    plan: doc ? planView(doc, doc.state, null, ctx.services.now()) : null,
    ...receipt(result),
  };
}

@Resolver()
export class SocialPlanResolver {
  @Query(() => SocialPlanType, {
    nullable: true,
    description: 'Plan de Gestión Social, hoy o "as of" un semestre o instante.',
  })
  async socialPlan(
    @Arg('scope', () => ID, { description: 'Departamento (2 dígitos) o municipio (5 dígitos).' })
    scope: string,
    @Arg('firstYear', () => Int) firstYear: number,
    @Arg('asOf', () => AsOfInput, { nullable: true }) asOf: AsOfInput | null,
    @Arg('knownAt', () => GraphQLDateTime, { nullable: true }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<SocialPlanType | null> {
    const doc = await loadSocialPlan(ctx, scope, firstYear);
    if (!doc) return null;
    if (!asOf && !knownAt) return planView(doc, doc.state, null, ctx.services.now());
    const time = resolveBitemporal(asOf, knownAt);
    const state = socialPlanAt(doc, time.knownAt);
    return state ? planView(doc, state, time, ctx.services.now()) : null;
  }

  @Query(() => [ExecutionFiguresType], {
    description: 'Ejecución por línea de un semestre (o de todos), a hoy.',
  })
  async socialExecution(
    @Arg('scope', () => ID) scope: string,
    @Arg('firstYear', () => Int) firstYear: number,
    @Arg('semester', () => String, { nullable: true }) semester: string | null,
    @Ctx() ctx: Context,
  ): Promise<ExecutionFiguresType[]> {
    if (semester) parseSemester(semester, 'semester');
    const doc = await loadSocialPlan(ctx, scope, firstYear);
    return doc ? execution(doc.state, ctx.services.now(), semester ?? undefined) : [];
  }

  @Query(() => SocialActivityConnection, {
    description: 'Actividades de gestión social, filtradas y paginadas.',
  })
  async socialActivities(
    @Arg('filter', () => SocialActivityFilter, { nullable: true })
    filter: SocialActivityFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<SocialActivityConnection> {
    const query: Record<string, unknown> = {};
    if (filter?.planId) query.planId = filter.planId;
    if (filter?.scope) query.scope = filter.scope;
    if (filter?.municipality) query.municipality = filter.municipality;
    if (filter?.line) {
      if (!SOCIAL_LINES.some((l) => l.code === filter.line))
        throw badInput('filter.line', 'línea desconocida.');
      query.line = filter.line;
    }
    if (filter?.semester) query.plannedSemester = filter.semester;
    if (filter?.status) query.status = filter.status;
    if (filter?.populationGroup) query.groups = filter.populationGroup;
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 's:');
    const collection =
      ctx.services.readStore.collection<SocialActivityDocument>('social_activities');
    const [totalCount, found] = await Promise.all([
      collection.count(query),
      collection.find(after ? { ...query, _id: { $gt: after } } : query, {
        sort: { _id: 1 },
        limit: first + 1,
      }),
    ]);
    const edges = found.slice(0, first).map((doc) => ({
      cursor: encodeCursor('s:', doc._id),
      node: activityView(
        doc,
        lineageView(doc.lastChange, maySeeIdentities(ctx.principal, scopeOf(ctx, doc.scope))),
      ),
    }));
    return {
      edges,
      totalCount,
      pageInfo: pageInfo(edges, found.length > first, after !== null),
    };
  }

  @Mutation(() => SocialPlanPayload, {
    description:
      'Abre un Plan de Gestión Social (PDA en su departamento, PLANNER en su municipio).',
  })
  openSocialPlan(
    @Arg('input', () => OpenSocialPlanInput) input: OpenSocialPlanInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'OpenSocialPlan',
      scope: input.scope,
      firstYear: input.firstYear,
      objectives: input.objectives,
      municipalities: input.municipalities ?? [],
    });
  }

  @Mutation(() => SocialPlanPayload, { description: 'Agrega un programa a una línea.' })
  addProgramme(
    @Arg('input', () => AddProgrammeInput) input: AddProgrammeInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'AddProgramme',
      programmeId: input.programmeId,
      line: input.line,
      name: input.name,
      objectives: input.objectives,
      goals: input.goals.map((g) => ({
        ...g,
        targets: g.targets as [number, number, number, number],
      })),
    });
  }

  @Mutation(() => SocialPlanPayload, { description: 'Planea una actividad.' })
  planActivity(
    @Arg('input', () => PlanActivityInput) input: PlanActivityInput,
    @Ctx() ctx: Context,
  ) {
    const {
      activityId,
      programmeId,
      name,
      municipality,
      plannedSemester,
      budget,
      expectedProduct,
    } = input;
    return run(ctx, input, {
      type: 'PlanActivity',
      activityId,
      programmeId,
      name,
      municipality,
      plannedSemester,
      budget,
      expectedProduct,
      ...(input.linkedTo ? { linkedTo: input.linkedTo } : {}),
    });
  }

  @Mutation(() => SocialPlanPayload, { description: 'Reprograma una actividad; exige `reason`.' })
  rescheduleActivity(
    @Arg('input', () => ActivityChangeInput) input: ActivityChangeInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'RescheduleActivity',
      activityId: input.activityId,
      plannedSemester: input.plannedSemester ?? '',
    });
  }

  @Mutation(() => SocialPlanPayload, { description: 'Cancela una actividad; exige `reason`.' })
  cancelActivity(
    @Arg('input', () => ActivityChangeInput) input: ActivityChangeInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, { type: 'CancelActivity', activityId: input.activityId });
  }

  @Mutation(() => SocialPlanPayload, {
    description:
      'Registra (o corrige, con `reason`) la ejecución de una actividad, con conteos de participantes.',
  })
  recordExecution(
    @Arg('input', () => ActivityChangeInput) input: ActivityChangeInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'RecordExecution',
      activityId: input.activityId,
      date: input.date ?? '',
      place: input.place ?? '',
      participants: input.participants as Participants,
      rightsCategories: input.rightsCategories ?? [],
      product: input.product ?? '',
      evidence: input.evidence ?? '',
      actualCost: input.actualCost as number,
    });
  }
}
