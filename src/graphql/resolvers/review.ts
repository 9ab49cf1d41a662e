/**
 * The CTP's semester review over GraphQL: the review (now, or as recorded at any instant), its
 * packet at the instants fixed when it was opened, lists by department, semester, concept and
 * open recommendations, and the council's and the administration's mutations.
 */
import { GraphQLDateTime } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AuditDocument } from '../../../projections/audit';
import type { ReviewDocument } from '../../../projections/reviews';
import { maySeeIdentities, mayWriteReview } from '../../domain/access';
import { planStreamId } from '../../domain/plan/events';
import type { ReviewCommand } from '../../domain/review/commands';
import { sideOf } from '../../domain/review/commands';
import { ctpReview } from '../../domain/review/aggregate';
import {
  reviewStreamId,
  type RecommendationTarget,
  type ReviewKey,
} from '../../domain/review/events';
import { offTrackGoals } from '../../domain/review/packet';
import { DANE_CODE } from '../../domain/territory';
import { parseSemester } from '../../domain/time';
import { resolveBitemporal, type AsOfInput as AsOf, type Bitemporal } from '../../queries/as-of';
import { planAtTime } from '../../queries/plan-as-of';
import {
  changesQuery,
  loadReview,
  packetTime,
  previousRecommendations,
  recommendationsOf,
  riskAtPacket,
  socialExecutionAtPacket,
  type RecommendationAtTime,
  type ReviewAtTime,
} from '../../queries/review-packet';
import { sealOf } from '../../queries/seal';
import { execute, receipt } from '../commands';
import type { Context } from '../context';
import { apiError, badInput, forbidden, unauthenticated } from '../errors';
import { decodeCursor, encodeCursor, pageInfo, PageArgs, pageSize } from '../pagination';
import { AsOfInput } from '../types/common';
import { PlanType } from '../types/plan';
import {
  AddRecommendationInput,
  CloseReviewInput,
  CorrectRecommendationInput,
  OffTrackGoalType,
  OpenReviewInput,
  RecommendationType,
  RecordConceptInput,
  RecordPresentationInput,
  RespondToRecommendationInput,
  ReviewConnection,
  ReviewFilter,
  ReviewPacketType,
  ReviewPayload,
  ReviewType,
  type ReviewTarget,
  type ConceptType,
  type PresentationForum,
  type RecommendationDecision,
  type RecommendationStatus,
  type ReviewConcept,
  type ReviewStatus,
} from '../types/review';
import { lineageView, municipalityView, timeView, auditView, type PlanParent } from '../views';
import { AuditEntryConnection, loadPlan } from './read';
import { ExecutionFiguresType } from './social';
import { assessmentView } from '../monitoring-views';
import { RiskAssessment } from '../types/monitoring';

// ---------------------------------------------------------------------------- views

type PacketParent = ReviewPacketType & { key: ReviewKey; bitemporal: Bitemporal; visible: boolean };
type ReviewParent = ReviewType & { packet: PacketParent };

export const reportPathOf = (key: ReviewKey) =>
  `/informes/${key.daneCode}/${key.firstYear}/${key.semester}`;

function scopeOf(ctx: Context, daneCode: string) {
  return {
    daneCode,
    departmentCode: ctx.services.territory.municipality(daneCode)?.departmentCode ?? '',
  };
}

export function recommendationView(item: RecommendationAtTime): RecommendationType {
  const { recommendation: r } = item;
  return {
    id: `${item.reviewId}/${r.recommendationId}`,
    number: r.recommendationId,
    reviewId: item.reviewId,
    semester: item.semester,
    target: r.target as RecommendationType['target'],
    text: r.text,
    corrections: r.corrections,
    correctedAfterClosing: r.correctedAfterClosing,
    final: item.final,
    response: r.response
      ? {
          decision: r.response.decision as RecommendationDecision,
          justification: r.response.justification,
          commitmentDate: r.response.commitmentDate,
          changes: r.responseChanges,
        }
      : null,
    status: item.status as RecommendationStatus,
    citedBy: item.citations,
  };
}

function reviewView(ctx: Context, key: ReviewKey, at: ReviewAtTime): ReviewParent {
  const visible = maySeeIdentities(ctx.principal, scopeOf(ctx, key.daneCode));
  const viewInstant = at.knownAt ?? ctx.services.now();
  const { state, history } = at;
  const closing = history.find((h) => h.event.type === 'ReviewClosed');
  const conceptChange = [...history]
    .reverse()
    .find((h) => h.event.type === 'ConceptRecorded' || h.event.type === 'ConceptCorrected');
  const concept: ConceptType | null = state.concept
    ? {
        value: state.concept.concept as ReviewConcept,
        text: state.concept.text,
        correctedAfterClosing: state.concept.correctedAfterClosing,
        lineage: lineageView(conceptChange?.lineage, visible),
      }
    : null;
  const recommendations = recommendationsOf(at, viewInstant);
  const municipality = ctx.services.territory.municipality(key.daneCode);
  return {
    id: reviewStreamId(key),
    daneCode: key.daneCode,
    municipality: municipality ? municipalityView(municipality) : null,
    firstYear: key.firstYear,
    semester: key.semester,
    status: (state.closed ? 'CERRADA' : state.opened ? 'ABIERTA' : 'PENDIENTE') as ReviewStatus,
    revision: at.knownAt ? null : at.doc.revision,
    openedAt: state.opened ? new Date(state.opened.knownAt) : null,
    closedAt: closing?.recordedAt ?? null,
    concept,
    recommendations: recommendations.map(recommendationView),
    openRecommendations: recommendations.filter((r) =>
      ['SIN_RESPUESTA', 'COMPROMETIDA', 'VENCIDA'].includes(r.status),
    ).length,
    presentations: state.presentations.map((p) => ({
      id: p.presentationId,
      forum: p.forum as PresentationForum,
      date: p.date,
      act: p.act,
      attendance: p.attendance,
    })),
    packet: {
      key,
      bitemporal: packetTime(key, state),
      visible,
      time: timeView(packetTime(key, state), viewInstant),
      fixed: state.opened !== null,
      seal: state.opened?.seal ?? null,
    },
    reportPath: reportPathOf(key),
    time: timeView(at.knownAt ? { knownAt: at.knownAt, validUntil: null } : null, viewInstant),
  };
}

function reviewKeyArgs(daneCode: string, firstYear: number, semester: string): ReviewKey {
  if (!DANE_CODE.test(daneCode)) throw badInput('daneCode', 'el código DANE debe tener 5 dígitos.');
  if (!Number.isInteger(firstYear) || firstYear < 2000 || firstYear > 2100)
    throw badInput('firstYear', 'debe ser un año entre 2000 y 2100.');
  parseSemester(semester, 'semester');
  return { daneCode, firstYear, semester };
}

// ---------------------------------------------------------------------------- mutations

async function run(
  ctx: Context,
  input: ReviewTarget,
  command: ReviewCommand,
): Promise<ReviewPayload> {
  const key = reviewKeyArgs(input.daneCode, input.firstYear, input.semester);
  const municipality = ctx.services.territory.municipality(key.daneCode);
  if (!municipality)
    throw badInput('daneCode', `el código DANE ${key.daneCode} no existe en la DIVIPOLA.`);
  if (!ctx.principal)
    throw unauthenticated('Inicie sesión: escribir en una revisión requiere un token.');
  const side = sideOf(command.type);
  if (!mayWriteReview(ctx.principal, side, scopeOf(ctx, key.daneCode))) {
    throw forbidden(
      side === 'COUNCIL'
        ? `Solo el CTP de ${municipality.name} (o de su departamento) abre, conceptúa, recomienda y cierra esta revisión; su rol es ${ctx.principal.role} (${ctx.principal.entity}).`
        : `Solo la administración de ${municipality.name} (PLANNER del municipio, PDA del departamento) responde y registra presentaciones; su rol es ${ctx.principal.role} (${ctx.principal.entity}).`,
    );
  }
  const expected = input.expectedRevision;
  if (expected !== null && expected !== undefined && (!Number.isInteger(expected) || expected < -1))
    throw badInput(
      'expectedRevision',
      'debe ser un entero ≥ 0 (o -1 para una revisión que aún no existe).',
    );
  const plan = await ctx.loaders.plan.load(planStreamId(key.daneCode, key.firstYear));
  const result = await execute(
    ctx,
    ctx.principal,
    ctpReview,
    reviewStreamId(key),
    { ...command, ...(input.reason ? { reason: input.reason } : {}) } as ReviewCommand,
    {
      key,
      now: ctx.services.now(),
      territory: ctx.services.territory,
      plan: plan
        ? {
            goalIds: new Set(Object.values(plan.state.goals).map((g) => g.goalId)),
            projectIds: new Set(Object.keys(plan.state.projects)),
          }
        : null,
      seal: command.type === 'OpenReview' ? await sealOf(ctx.services, key.semester) : null,
    },
    expected === null || expected === undefined
      ? undefined
      : expected === -1
        ? 'no_stream'
        : expected,
  );
  const at = await loadReview(ctx.services.readStore, key, null);
  if (!at && result.readModelsCurrent)
    throw apiError('INTERNAL_SERVER_ERROR', 'La revisión no está en los modelos de lectura.');
  return { review: at ? reviewView(ctx, key, at) : null, ...receipt(result) };
}

const target = (input: { kind: string; id: string }): RecommendationTarget =>
  ({ kind: input.kind, id: input.id }) as RecommendationTarget;

// ---------------------------------------------------------------------------- resolvers

@Resolver()
export class ReviewResolver {
  @Query(() => ReviewType, {
    nullable: true,
    description:
      'Revisión semestral del CTP de un municipio: hoy, o como estaba registrada a un instante (`asOf`/`knownAt` se leen en tiempo de registro: lo registrado hasta entonces).',
  })
  async review(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('firstYear', () => Int, { description: 'Primer año del cuatrienio.' }) firstYear: number,
    @Arg('semester', () => String, { description: 'Semestre "AAAA-1" o "AAAA-2".' })
    semester: string,
    @Arg('asOf', () => AsOfInput, { nullable: true }) asOf: AsOf | null,
    @Arg('knownAt', () => GraphQLDateTime, { nullable: true }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<ReviewParent | null> {
    const key = reviewKeyArgs(daneCode, firstYear, semester);
    const instant = asOf || knownAt ? resolveBitemporal(asOf, knownAt).knownAt : null;
    const at = await loadReview(ctx.services.readStore, key, instant);
    return at ? reviewView(ctx, key, at) : null;
  }

  @Query(() => ReviewConnection, {
    description:
      'Revisiones del CTP, filtradas por municipio, departamento, semestre, concepto, estado o recomendaciones abiertas.',
  })
  async reviews(
    @Arg('filter', () => ReviewFilter, { nullable: true }) filter: ReviewFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ReviewConnection> {
    const query: Record<string, unknown> = {};
    if (filter?.daneCode) query.daneCode = filter.daneCode;
    if (filter?.departmentCode) query.departmentCode = filter.departmentCode;
    if (filter?.semester)
      query.semester = parseSemester(filter.semester, 'filter.semester') && filter.semester;
    if (filter?.concept) query.concept = filter.concept;
    if (filter?.status) query.status = filter.status;
    if (filter?.hasOpenRecommendations === true) query.openRecommendations = { $gt: 0 };
    if (filter?.hasOpenRecommendations === false) query.openRecommendations = 0;
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 'r:');
    const collection = ctx.services.readStore.collection<ReviewDocument>('reviews');
    const [totalCount, found] = await Promise.all([
      collection.count(query),
      collection.find(after ? { ...query, _id: { $gt: after } } : query, {
        sort: { _id: 1 },
        limit: first + 1,
      }),
    ]);
    const edges = found.slice(0, first).map((doc) => {
      const key = { daneCode: doc.daneCode, firstYear: doc.firstYear, semester: doc.semester };
      return {
        cursor: encodeCursor('r:', doc._id),
        node: reviewView(ctx, key, {
          doc,
          state: doc.state,
          citations: doc.citations,
          history: doc.history,
          knownAt: null,
        }),
      };
    });
    return { edges, totalCount, pageInfo: pageInfo(edges, found.length > first, after !== null) };
  }

  @Mutation(() => ReviewPayload, {
    description:
      'Abre la revisión semestral (CTP del municipio o del departamento), solo después de terminado el semestre en hora de Bogotá; fija los instantes del paquete y el sello.',
  })
  openReview(@Arg('input', () => OpenReviewInput) input: OpenReviewInput, @Ctx() ctx: Context) {
    return run(ctx, input, { type: 'OpenReview' });
  }

  @Mutation(() => ReviewPayload, {
    description: 'Registra el concepto (CTP); cerrada la revisión, lo corrige con `reason`.',
  })
  recordConcept(
    @Arg('input', () => RecordConceptInput) input: RecordConceptInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, { type: 'RecordConcept', concept: input.concept, text: input.text });
  }

  @Mutation(() => ReviewPayload, {
    description: 'Agrega una recomendación (CTP, revisión abierta).',
  })
  addRecommendation(
    @Arg('input', () => AddRecommendationInput) input: AddRecommendationInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'AddRecommendation',
      target: target(input.target),
      text: input.text,
    });
  }

  @Mutation(() => ReviewPayload, {
    description: 'Corrige una recomendación (CTP); exige `reason`.',
  })
  correctRecommendation(
    @Arg('input', () => CorrectRecommendationInput) input: CorrectRecommendationInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'CorrectRecommendation',
      recommendationId: input.recommendationId,
      ...(input.target ? { target: target(input.target) } : {}),
      ...(input.text === null || input.text === undefined ? {} : { text: input.text }),
    });
  }

  @Mutation(() => ReviewPayload, {
    description: 'Cierra la revisión (CTP): el concepto y las recomendaciones quedan definitivos.',
  })
  closeReview(@Arg('input', () => CloseReviewInput) input: CloseReviewInput, @Ctx() ctx: Context) {
    return run(ctx, input, { type: 'CloseReview' });
  }

  @Mutation(() => ReviewPayload, {
    description:
      'Responde una recomendación definitiva (PLANNER del municipio, PDA del departamento): aceptada (con fecha de compromiso), parcialmente o rechazada.',
  })
  respondToRecommendation(
    @Arg('input', () => RespondToRecommendationInput) input: RespondToRecommendationInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'RespondToRecommendation',
      recommendationId: input.recommendationId,
      decision: input.decision,
      justification: input.justification,
      ...(input.commitmentDate ? { commitmentDate: input.commitmentDate } : {}),
    });
  }

  @Mutation(() => ReviewPayload, {
    description:
      'Registra la presentación de las metas ante el CTP o el Consejo de Política Social (PLANNER, PDA), en la revisión de su semestre.',
  })
  recordPresentation(
    @Arg('input', () => RecordPresentationInput) input: RecordPresentationInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'RecordPresentation',
      forum: input.forum,
      date: input.date,
      act: input.act,
      attendance: input.attendance,
    });
  }
}

@Resolver(() => ReviewPacketType)
export class ReviewPacketResolver {
  @FieldResolver(() => PlanType, {
    nullable: true,
    description: 'El plan sectorial a los instantes del paquete (Tabla 11 del semestre).',
  })
  plan(@Root() packet: PacketParent, @Ctx() ctx: Context): Promise<PlanParent | null> {
    return loadPlan(
      ctx,
      planStreamId(packet.key.daneCode, packet.key.firstYear),
      packet.bitemporal,
    );
  }

  @FieldResolver(() => [OffTrackGoalType], {
    description: 'Metas en retroceso, rezagadas frente a su distribución anual, o sin reporte.',
  })
  async goalsOffTrack(
    @Root() packet: PacketParent,
    @Ctx() ctx: Context,
  ): Promise<OffTrackGoalType[]> {
    const timeline = await ctx.loaders.timeline.load(
      planStreamId(packet.key.daneCode, packet.key.firstYear),
    );
    const atTime = timeline ? planAtTime(timeline, packet.bitemporal) : null;
    return atTime ? offTrackGoals(atTime.state) : [];
  }

  @FieldResolver(() => AuditEntryConnection, {
    description:
      'Cambios del plan registrados desde el inicio del semestre hasta el corte del paquete: quién, cuándo, qué y con qué fundamento legal (del más antiguo al más reciente).',
  })
  async changes(
    @Root() packet: PacketParent,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntryConnection> {
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 'c:');
    const query = changesQuery(packet.key, packet.bitemporal);
    const collection = ctx.services.readStore.collection<AuditDocument>('audit');
    const [totalCount, found] = await Promise.all([
      collection.count(query),
      collection.find(after === null ? query : { ...query, position: { $gt: Number(after) } }, {
        sort: { position: 1 },
        limit: first + 1,
      }),
    ]);
    const edges = found.slice(0, first).map((entry) => ({
      cursor: encodeCursor('c:', entry.position),
      node: auditView(entry, packet.visible),
    }));
    return { edges, totalCount, pageInfo: pageInfo(edges, found.length > first, after !== null) };
  }

  @FieldResolver(() => RiskAssessment, {
    description:
      'Puntaje de riesgo SGP-APSB de la última vigencia cerrada antes del semestre (p. ej. 2024 para 2025-1), a los instantes del paquete.',
  })
  async risk(@Root() packet: PacketParent, @Ctx() ctx: Context): Promise<RiskAssessment> {
    return assessmentView(
      await riskAtPacket(ctx.services.readStore, packet.key, packet.bitemporal),
    );
  }

  @FieldResolver(() => [ExecutionFiguresType], {
    description:
      'Ejecución del Plan de Gestión Social en el municipio, por línea y semestre hasta el revisado (planes del PDA y del municipio).',
  })
  socialExecution(@Root() packet: PacketParent, @Ctx() ctx: Context) {
    return socialExecutionAtPacket(ctx.services.readStore, packet.key, packet.bitemporal);
  }

  @FieldResolver(() => [RecommendationType], {
    description:
      'Recomendaciones de la revisión del semestre anterior, con sus respuestas y estado, como se conocían al corte del paquete.',
  })
  async previousRecommendations(
    @Root() packet: PacketParent,
    @Ctx() ctx: Context,
  ): Promise<RecommendationType[]> {
    const items = await previousRecommendations(
      ctx.services.readStore,
      packet.key,
      packet.bitemporal,
    );
    return items.map(recommendationView);
  }
}
