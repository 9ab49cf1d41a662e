import { GraphQLDateTime } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import type { AuditDocument } from '../../../projections/audit';
import type { PlanDocument } from '../../../projections/plans';
import type { GoalDocument } from '../../../projections/goals';
import { goalResources } from '../../domain/rules/goal-resources';
import type { Lineage as LineageDoc } from '../../../projections/envelope';
import { maySeeIdentities, type Principal } from '../../domain/access';
import { DANE_CODE } from '../../domain/territory';
import { latestProgress } from '../../domain/plan/figures';
import { initialPlanState as emptyPlan, type PlanState } from '../../domain/plan/state';
import { periodKey, planStreamId } from '../../domain/plan/events';
import { resolveBitemporal, type Bitemporal } from '../../queries/as-of';
import { planAtTime, versionKey } from '../../queries/plan-as-of';
import { auditQuery as auditReadQuery } from '../../queries/audit';
import { DomainError } from '../../domain/errors';
import type { Context } from '../context';
import { badInput } from '../errors';
import { decodeCursor, encodeCursor, pageInfo, PageArgs, pageSize } from '../pagination';
import { AsOfInput, PageInfo } from '../types/common';
import {
  AuditEntry,
  GoalResourcesType,
  GoalType,
  PlanStatus,
  PlanType,
  ProgressReportType,
} from '../types/plan';
import { Indicator, Municipality } from '../types/reference';
import {
  allIndicatorViews,
  auditView,
  goalSourceFromDocument,
  goalSourcesFromState,
  goalView,
  lineageFromAudit,
  lineageView,
  municipalityView,
  planStatusOf,
  planView,
  progressView,
  type AuditParent,
  type GoalParent,
  type GoalPlanFacts,
  type PlanParent,
} from '../views';

// ---------------------------------------------------------------------------- connections

@ObjectType({ description: 'Arista de la conexión de municipios.' })
class MunicipalityEdge {
  @Field(() => String, { description: 'Cursor opaco de este elemento.' })
  cursor!: string;

  @Field(() => Municipality, { description: 'El municipio.' })
  node!: Municipality;
}

@ObjectType({ description: 'Lista paginada de municipios (conexión Relay).' })
class MunicipalityConnection {
  @Field(() => [MunicipalityEdge], { description: 'Elementos de la página.' })
  edges!: MunicipalityEdge[];

  @Field(() => PageInfo, { description: 'Información de paginación.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Total de elementos que cumplen el filtro.' })
  totalCount!: number;
}

@ObjectType({ description: 'Arista de la conexión de la bitácora de auditoría.' })
export class AuditEntryEdge {
  @Field(() => String, { description: 'Cursor opaco de esta entrada.' })
  cursor!: string;

  @Field(() => AuditEntry, { description: 'La entrada.' })
  node!: AuditParent;
}

@ObjectType({
  description:
    'Bitácora de auditoría paginada (conexión Relay), de la más reciente a la más antigua.',
})
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: 'Entradas de la página.' })
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo, { description: 'Información de paginación.' })
  pageInfo!: PageInfo;

  // A promise too: the audit trail counts only when a query selects the field (see `auditTrail`).
  @Field(() => Int, { description: 'Total de entradas que cumplen el filtro.' })
  totalCount!: number | Promise<number>;
}

export enum AuditEntityType {
  header = 'header',
  baseline = 'baseline',
  goal = 'goal',
  need = 'need',
  project = 'project',
  contribution = 'contribution',
  funding = 'funding',
  progress = 'progress',
  socialplan = 'socialplan',
  programme = 'programme',
  activity = 'activity',
  review = 'review',
  recommendation = 'recommendation',
  presentation = 'presentation',
}
registerEnumType(AuditEntityType, {
  name: 'AuditEntityType',
  description: 'Tipo de entidad de un plan.',
});

@InputType({ description: 'Filtro de la bitácora de auditoría; los criterios se combinan con Y.' })
export class AuditFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Meta: cambios de su línea base, metas, contribuciones y avances.',
  })
  goalId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Entidad exacta, p. ej. "plan-73001-2024/goal/ACU-COB-URB".',
  })
  entityId?: string | null;

  @Field(() => AuditEntityType, { nullable: true, description: 'Tipo de entidad.' })
  entityType?: AuditEntityType | null;

  @Field(() => ID, { nullable: true, description: 'Plan sectorial, p. ej. "plan-73001-2024".' })
  planId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Municipio (código DANE).' })
  daneCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Id del actor (solo para quien puede ver identidades).',
  })
  actorId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Tipos de evento, p. ej. ["GoalAmended"].',
  })
  eventTypes?: string[] | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Registrados desde este instante (inclusive).',
  })
  from?: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Registrados hasta este instante (inclusive).',
  })
  to?: Date | null;
}

// ---------------------------------------------------------------------------- plan reading

function visibleFor(ctx: Context, state: Pick<PlanState, 'daneCode' | 'departmentCode'>): boolean {
  return maySeeIdentities(ctx.principal, {
    daneCode: state.daneCode ?? '',
    departmentCode: state.departmentCode ?? '',
  });
}

function checkTimeArgs(
  asOf: AsOfInput | null | undefined,
  knownAt: Date | null | undefined,
): Bitemporal | null {
  if (!asOf && !knownAt) return null;
  return resolveBitemporal(asOf, knownAt);
}

/** A plan, now or at a point of both time axes. */
export async function loadPlan(
  ctx: Context,
  planId: string,
  time: Bitemporal | null,
): Promise<PlanParent | null> {
  const now = ctx.services.now();
  if (time === null) {
    const [doc, goals] = await Promise.all([
      ctx.loaders.plan.load(planId),
      ctx.loaders.goalsByPlan.load(planId),
    ]);
    if (!doc) return null;
    // Built when a lineage is asked for, once: a nested list of goals mostly asks for none.
    let byIndicator: Map<string, GoalDocument> | undefined;
    // A method, not a named arrow function: tsx (esbuild's keepNames) would give each plan of a
    // nested list a defineProperty call for it.
    const lineages = {
      goal(indicator: string): GoalDocument | undefined {
        return (byIndicator ??= new Map(goals.map((g) => [g.indicator, g]))).get(indicator);
      },
      of(key: string): LineageDoc | null {
        const [kind, rest] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
        if (kind === 'adoption') return doc.adoptionLineage ?? null;
        if (kind === 'baseline') return lineages.goal(rest)?.lineage.baseline ?? null;
        if (kind === 'contribution') {
          const [projectId, indicator] = rest.split('|') as [string, string];
          return lineages.goal(indicator)?.lineage.contributions[projectId] ?? null;
        }
        return null;
      },
    };
    return planView(doc.state, {
      revision: doc.revision,
      time: null,
      now,
      visible: visibleFor(ctx, doc.state),
      // Without the plan's facts: the goal fields that need them read this same plan through
      // the request's loader (`planFactsFor`), when a query asks for them.
      goalSources: goals.map((goal) => goalSourceFromDocument(goal)).filter((g) => g !== null),
      lineageOf: lineages.of,
      figures: doc.figures,
    });
  }
  const atTime = planAtTime(await ctx.loaders.timeline.load(planId), time);
  if (!atTime) return null;
  // Lineage is shown for baselines, goals, contributions and each goal's latest report: look up
  // the audit entries of those versions only, not of every progress report in force.
  const latestReports = new Set(
    Object.keys(atTime.state.goals).flatMap((indicator) => {
      const latest = latestProgress(atTime.state, indicator);
      return latest ? [`progress/${indicator}/${periodKey(latest.period)}`] : [];
    }),
  );
  const eventIds = [...atTime.versions]
    .filter(([key]) => !key.startsWith('progress/') || latestReports.has(key))
    .map(([, version]) => version.eventId);
  const entries = await ctx.loaders.auditEntry.loadMany(eventIds);
  const byEvent = new Map<string, AuditDocument>();
  for (const entry of entries)
    if (entry && !(entry instanceof Error)) byEvent.set(entry._id, entry);
  const lineageOf = (key: string) => {
    const version = atTime.versions.get(key);
    return version ? lineageFromAudit(byEvent.get(version.eventId)) : null;
  };
  return planView(atTime.state, {
    revision: null,
    time,
    now,
    visible: visibleFor(ctx, atTime.state),
    goalSources: goalSourcesFromState(atTime.state, lineageOf),
    lineageOf,
  });
}

/** What a goal needs from its whole plan, from the `plans` read model. */
function planFactsOf(doc: PlanDocument, indicator: string): GoalPlanFacts {
  return {
    adoption: doc.state.adoption ?? null,
    resources: doc.figures?.resources?.[indicator] ?? goalResources(doc.state, indicator),
  };
}

/** A goal's plan facts: carried by its source, or read from the plan (one loader per request). */
async function planFactsFor(goal: GoalParent, ctx: Context): Promise<GoalPlanFacts | null> {
  if (goal.source.planFacts) return goal.source.planFacts;
  const doc = await ctx.loaders.plan.load(goal.source.planId);
  return doc ? planFactsOf(doc, goal.source.indicator) : null;
}

export function planIdArgs(daneCode: string, firstYear: number): string {
  if (!DANE_CODE.test(daneCode)) throw badInput('daneCode', 'el código DANE debe tener 5 dígitos.');
  if (!Number.isInteger(firstYear)) throw badInput('firstYear', 'debe ser un año.');
  return planStreamId(daneCode, firstYear);
}

const GOAL_ID = /^(\d{5})-(\d{4})-([A-Z-]+)$/;

export async function loadGoal(
  ctx: Context,
  id: string,
  time: Bitemporal | null,
): Promise<GoalParent | null> {
  const match = GOAL_ID.exec(id);
  if (!match) throw badInput('id', 'id de meta inválido: use "{dane}-{añoInicial}-{indicador}".');
  if (time === null) {
    const doc = await ctx.loaders.goal.load(id);
    const source = doc ? goalSourceFromDocument(doc) : null;
    if (!source) return null;
    const scope = ctx.services.territory.municipality(source.daneCode);
    const visible = maySeeIdentities(ctx.principal, {
      daneCode: source.daneCode,
      departmentCode: scope?.departmentCode ?? '',
    });
    return goalView(source, visible, null, ctx.services.now());
  }
  const plan = await loadPlan(ctx, planStreamId(match[1]!, Number(match[2])), time);
  const source = plan?.goalSources?.find((g) => g.id === id);
  return source && plan ? goalView(source, plan.visible, time, ctx.services.now()) : null;
}

/**
 * The read-store query of an audit filter, for the `auditTrail` query and the
 * `auditEntryAdded` subscription alike (the subscription evaluates it with mingo, as the embedded
 * store does).
 */
export function auditQuery(
  filter: AuditFilter | null | undefined,
  principal: Principal | null,
): Record<string, unknown> {
  // One filter for the query, its subscription and the CSV/XLSX export (src/queries/audit.ts).
  try {
    return auditReadQuery(filter, principal);
  } catch (error) {
    if (error instanceof DomainError) throw badInput(error.field ?? 'filter', error.message);
    throw error;
  }
}

/** An audit entry as a connection edge, its actor masked unless the caller may see identities. */
export function auditEdge(ctx: Pick<Context, 'principal' | 'services'>, entry: AuditDocument) {
  const municipality = ctx.services.territory.municipality(entry.daneCode);
  const visible = maySeeIdentities(ctx.principal, {
    daneCode: entry.daneCode,
    departmentCode: municipality?.departmentCode ?? '',
  });
  return { cursor: encodeCursor('a:', entry.position), node: auditView(entry, visible) };
}

@Resolver()
export class QueryResolver {
  @Query(() => Municipality, {
    nullable: true,
    description: 'Un municipio por su código DANE (nulo si no existe).',
  })
  municipality(
    @Arg('daneCode', () => ID) daneCode: string,
    @Ctx() ctx: Context,
  ): Municipality | null {
    const found = ctx.services.territory.municipality(daneCode);
    return found ? municipalityView(found) : null;
  }

  @Query(() => MunicipalityConnection, {
    description: 'Municipios de la DIVIPOLA, por código DANE, opcionalmente de un departamento.',
  })
  municipalities(
    @Arg('departmentCode', () => ID, {
      nullable: true,
      description: 'Código DANE del departamento (2 dígitos).',
    })
    departmentCode: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): MunicipalityConnection {
    const all = departmentCode
      ? ctx.services.territory.inDepartment(departmentCode)
      : ctx.services.territory.all;
    const after = decodeCursor(page.after, 'm:');
    const first = pageSize(page.first);
    const start = after === null ? 0 : all.findIndex((m) => m.daneCode > after);
    const slice = start < 0 ? [] : all.slice(start, start + first);
    const edges = slice.map((m) => ({
      cursor: encodeCursor('m:', m.daneCode),
      node: municipalityView(m),
    }));
    return {
      edges,
      totalCount: all.length,
      pageInfo: pageInfo(edges, start >= 0 && start + first < all.length, start > 0),
    };
  }

  @Query(() => [Indicator], {
    description: 'Catálogo de indicadores con la exigencia de la Tabla 2 por servicio y zona.',
  })
  indicators(): Indicator[] {
    return allIndicatorViews();
  }

  @Query(() => PlanType, {
    nullable: true,
    description:
      'Plan sectorial de un municipio y cuatrienio: hoy, o "as of" un semestre o instante (`asOf`) según lo registrado hasta `knownAt` (por omisión, el fin de `asOf`: lo que vio el CTP).',
  })
  async plan(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('firstYear', () => Int, { description: 'Primer año del cuatrienio, p. ej. 2024.' })
    firstYear: number,
    @Arg('asOf', () => AsOfInput, { nullable: true }) asOf: AsOfInput | null,
    @Arg('knownAt', () => GraphQLDateTime, {
      nullable: true,
      description: 'Tiempo de registro de la lectura.',
    })
    knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<PlanParent | null> {
    return loadPlan(ctx, planIdArgs(daneCode, firstYear), checkTimeArgs(asOf, knownAt));
  }

  @Query(() => GoalType, {
    nullable: true,
    description: 'Una meta por su id, hoy o "as of" un semestre o instante.',
  })
  async goal(
    @Arg('id', () => ID, {
      description: '"{dane}-{añoInicial}-{indicador}", p. ej. "73001-2024-ACU-COB-URB".',
    })
    id: string,
    @Arg('asOf', () => AsOfInput, { nullable: true }) asOf: AsOfInput | null,
    @Arg('knownAt', () => GraphQLDateTime, { nullable: true }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<GoalParent | null> {
    return loadGoal(ctx, id, checkTimeArgs(asOf, knownAt));
  }

  @Query(() => AuditEntryConnection, {
    description:
      'Bitácora de auditoría: quién cambió qué, cuándo, de qué valor a cuál y con qué fundamento legal.',
  })
  async auditTrail(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntryConnection> {
    const query = auditQuery(filter, ctx.principal);
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 'a:');
    const collection = ctx.services.readStore.collection<AuditDocument>('audit');
    const found = await collection.find(
      after === null ? query : { ...query, position: { $lt: Number(after) } },
      { sort: { position: -1 }, limit: first + 1 },
    );
    const pageItems = found.slice(0, first);
    const edges = pageItems.map((entry) => auditEdge(ctx, entry));
    let total: Promise<number> | undefined;
    return {
      edges,
      // Counted only when the query selects it (graphql reads the field by name: a getter defers
      // the count), and once.
      get totalCount() {
        return (total ??= collection.count(query));
      },
      pageInfo: pageInfo(edges, found.length > first, after !== null),
    };
  }
}

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @FieldResolver(() => [PlanType], {
    description: 'Planes sectoriales del municipio (actuales), por cuatrienio.',
  })
  async plans(@Root() municipality: Municipality, @Ctx() ctx: Context): Promise<PlanParent[]> {
    const docs = await ctx.loaders.plansByDane.load(municipality.daneCode);
    // loadPlan reads each plan by id: these are the same documents.
    for (const doc of docs) ctx.loaders.plan.prime(doc._id, doc);
    const plans = await Promise.all(docs.map((doc) => loadPlan(ctx, doc._id, null)));
    return plans.filter((p): p is PlanParent => p !== null);
  }
}

@Resolver(() => PlanType)
export class PlanResolver {
  @FieldResolver(() => Municipality, { description: 'Municipio.' })
  municipality(@Root() plan: PlanParent, @Ctx() ctx: Context): Municipality {
    return municipalityView(ctx.services.territory.municipality(plan.daneCode)!);
  }

  @FieldResolver(() => [GoalType], { description: 'Metas por indicador (Tabla 11).' })
  goals(@Root() plan: PlanParent, @Ctx() ctx: Context): GoalParent[] {
    const now = ctx.services.now();
    return (plan.goalSources ?? []).map((source) =>
      goalView(source, plan.visible, plan.bitemporal, now),
    );
  }
}

@Resolver(() => GoalType)
export class GoalResolver {
  @FieldResolver(() => Municipality, { description: 'Municipio del plan.' })
  municipality(@Root() goal: GoalParent, @Ctx() ctx: Context): Municipality {
    return municipalityView(ctx.services.territory.municipality(goal.source.daneCode)!);
  }

  @FieldResolver(() => [ProgressReportType], {
    description: 'Todos los reportes de avance del indicador en el plan, por periodo.',
  })
  async progressReports(
    @Root() goal: GoalParent,
    @Ctx() ctx: Context,
  ): Promise<ProgressReportType[]> {
    const timeline = await ctx.loaders.timeline.load(goal.source.planId);
    const atTime = planAtTime(
      timeline,
      goal.bitemporal ?? { knownAt: ctx.services.now(), validUntil: null },
    );
    const reports = Object.values(atTime?.state.progress[goal.source.indicator] ?? {}).sort(
      (a, b) =>
        a.period.year * 100 +
        (a.period.month ?? 13) -
        (b.period.year * 100 + (b.period.month ?? 13)),
    );
    const versions = reports.map((r) =>
      atTime!.versions.get(
        versionKey({ kind: 'progress', key: `${r.indicator}/${periodKey(r.period)}` }),
      ),
    );
    const entries = await ctx.loaders.auditEntry.loadMany(versions.map((v) => v?.eventId ?? ''));
    return reports.map((report, index) => {
      const entry = entries[index];
      const lineage = entry && !(entry instanceof Error) ? lineageFromAudit(entry) : null;
      return progressView(report, lineageView(lineage, goal.visible));
    });
  }

  @FieldResolver(() => PlanStatus, {
    description:
      'Si la meta era borrador o hacía parte del plan adoptado en el instante de esta vista.',
  })
  async planStatus(@Root() goal: GoalParent, @Ctx() ctx: Context): Promise<PlanStatus> {
    return planStatusOf((await planFactsFor(goal, ctx))?.adoption ?? null);
  }

  @FieldResolver(() => GoalResourcesType, {
    description: 'Recursos a invertir (Tabla 11), por año, de los proyectos que contribuyen.',
  })
  async resources(@Root() goal: GoalParent, @Ctx() ctx: Context): Promise<GoalResourcesType> {
    const facts = await planFactsFor(goal, ctx);
    return (
      facts?.resources ?? goalResources({ ...emptyPlan(), firstYear: goal.source.firstYear }, '')
    );
  }

  @FieldResolver(() => AuditEntry, {
    nullable: true,
    description: 'Último cambio registrado sobre esta meta o su indicador.',
  })
  async lastChange(@Root() goal: GoalParent, @Ctx() ctx: Context): Promise<AuditParent | null> {
    // A current goal knows its last event: one lookup by id, batched with the other goals'.
    if (goal.bitemporal === null && goal.source.lastEventId) {
      const entry = await ctx.loaders.auditEntry.load(goal.source.lastEventId);
      return entry ? auditView(entry, goal.visible) : null;
    }
    const entries = await ctx.loaders.auditByGoal.load(goal.id);
    const knownAt = goal.bitemporal?.knownAt.getTime() ?? Number.POSITIVE_INFINITY;
    const last = entries.find((entry) => entry.recordedAt.getTime() <= knownAt);
    return last ? auditView(last, goal.visible) : null;
  }
}

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => Municipality, {
    nullable: true,
    description: 'Municipio del cambio (nulo en un plan de gestión social departamental).',
  })
  municipality(@Root() entry: AuditParent, @Ctx() ctx: Context): Municipality | null {
    const found = ctx.services.territory.municipality(entry.daneCode);
    return found ? municipalityView(found) : null;
  }

  @FieldResolver(() => PlanStatus, {
    nullable: true,
    description:
      'Si el plan sectorial era borrador o ya estaba adoptado cuando se registró este evento (nulo fuera de un plan sectorial).',
  })
  async planStatus(@Root() entry: AuditParent, @Ctx() ctx: Context): Promise<PlanStatus | null> {
    if (!entry.planId.startsWith('plan-')) return null;
    const plan = await ctx.loaders.plan.load(entry.planId);
    const adopted = plan?.adoptionLineage?.position;
    return adopted !== undefined && entry.position >= adopted
      ? PlanStatus.ADOPTADO
      : PlanStatus.BORRADOR;
  }
}
