/** The verifiable record over GraphQL: integrity status, seals, inclusion and consistency proofs. */
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { parseSemester, semesterEnd, semesterOf, formatSemesterKey } from '../../domain/time';
import type { RecordedSeal } from '../../integrity/seals';
import { allSeals, sealOfSemester } from '../../integrity/seal-lookup';
import type { IntegrityServices } from '../../integrity/service';
import type { Context } from '../context';
import { apiError, badInput, notFound } from '../errors';
import { PageArgs, decodeCursor, encodeCursor, pageInfo, pageSize } from '../pagination';
import {
  ConsistencyProofType,
  InclusionProofType,
  IntegrityStatusType,
  SealConnection,
  SealType,
} from '../types/integrity';
import { PlanType } from '../types/plan';
import type { PlanParent } from '../views';

function servicesOf(ctx: Context): IntegrityServices {
  if (!ctx.services.integrity) {
    throw apiError('SERVICE_UNAVAILABLE', 'La verificación de integridad no está activa.');
  }
  return ctx.services.integrity;
}

export function sealView(seal: RecordedSeal): SealType {
  return {
    semester: seal.semester,
    treeSize: seal.treeSize,
    rootHash: seal.rootHash,
    lastPosition: seal.lastPosition,
    sealedThrough: new Date(seal.sealedThrough),
    sealedAt: new Date(seal.sealedAt),
    algorithm: seal.algorithm,
    kid: seal.kid,
    jws: seal.jws,
    eventId: seal.eventId,
    downloadPath: `/sellos/${seal.semester}.json`,
  };
}

async function sealFor(ctx: Context, semester: string, field: string): Promise<RecordedSeal> {
  parseSemester(semester, field);
  const seal = await sealOfSemester(ctx.services.readStore, semester);
  if (!seal) throw notFound(`El semestre ${semester} no está sellado.`, field);
  return seal;
}

const hex = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

@Resolver()
export class IntegrityResolver {
  @Query(() => IntegrityStatusType, {
    description:
      'Integridad de la bitácora: estado, posición verificada, última verificación completa y fallas con su lugar.',
  })
  async integrity(@Ctx() ctx: Context): Promise<IntegrityStatusType> {
    const { monitor } = servicesOf(ctx);
    const status = monitor.status();
    const root = await monitor.reader().rootAt(status.treeSize);
    return {
      ...status,
      rootHash: root.toString('hex'),
      faults: status.faults.map((f) => ({
        kind: f.kind,
        message: f.message,
        stream: f.stream ?? null,
        revision: f.revision ?? null,
        position: f.position ?? null,
        eventId: f.eventId ?? null,
        expected: f.expected === undefined || f.expected === null ? null : String(f.expected),
        found: f.found === undefined || f.found === null ? null : String(f.found),
        detectedAt: f.detectedAt,
      })),
    };
  }

  @Query(() => SealConnection, { description: 'Sellos semestrales de la bitácora.' })
  async seals(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<SealConnection> {
    const all = await allSeals(ctx.services.readStore);
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 's:');
    const start = after === null ? 0 : all.findIndex((s) => s.semester > after);
    const slice = start < 0 ? [] : all.slice(start, start + first);
    const edges = slice.map((seal) => ({
      cursor: encodeCursor('s:', seal.semester),
      node: sealView(seal),
    }));
    return {
      edges,
      totalCount: all.length,
      pageInfo: pageInfo(edges, start >= 0 && start + first < all.length, start > 0),
    };
  }

  @Query(() => InclusionProofType, {
    description:
      'Prueba de inclusión de un evento en el árbol sellado de un semestre (RFC 9162): verificable con cualquier implementación independiente.',
  })
  async eventProof(
    @Arg('eventId', () => ID, { description: 'Id del evento (p. ej. de la auditoría).' })
    eventId: string,
    @Arg('semester', () => String, { description: 'Semestre sellado, "AAAA-1" o "AAAA-2".' })
    semester: string,
    @Ctx() ctx: Context,
  ): Promise<InclusionProofType> {
    const { monitor } = servicesOf(ctx);
    const seal = await sealFor(ctx, semester, 'semester');
    const reader = monitor.reader();
    const leafIndex = await reader.leafIndexOf(eventId);
    if (leafIndex === null) throw notFound(`No hay un evento con id ${eventId}.`, 'eventId');
    if (leafIndex >= seal.treeSize) {
      throw badInput(
        'eventId',
        `el evento se registró después del sello de ${semester} (hoja ${leafIndex}, el sello cubre ${seal.treeSize}): pida la prueba contra un sello posterior.`,
      );
    }
    const hashes = await reader.leaves(leafIndex + 1);
    return {
      eventId,
      eventHash: hashes.subarray(leafIndex * 32).toString('hex'),
      leafIndex,
      treeSize: seal.treeSize,
      rootHash: seal.rootHash,
      auditPath: hex(await reader.inclusionProof(leafIndex, seal.treeSize)),
      seal: sealView(seal),
    };
  }

  @Query(() => ConsistencyProofType, {
    description:
      'Prueba de consistencia entre dos sellos (RFC 9162): el registro del sello posterior extiende sin cambios al del anterior.',
  })
  async consistencyProof(
    @Arg('from', () => String, { description: 'Semestre del sello anterior.' }) from: string,
    @Arg('to', () => String, { description: 'Semestre del sello posterior.' }) to: string,
    @Ctx() ctx: Context,
  ): Promise<ConsistencyProofType> {
    const { monitor } = servicesOf(ctx);
    const [older, newer] = [await sealFor(ctx, from, 'from'), await sealFor(ctx, to, 'to')];
    if (older.treeSize > newer.treeSize) {
      throw badInput('from', `el sello de ${from} es posterior al de ${to}.`);
    }
    const path = await monitor.reader().consistencyProof(older.treeSize, newer.treeSize);
    return {
      fromSize: older.treeSize,
      toSize: newer.treeSize,
      fromRoot: older.rootHash,
      toRoot: newer.rootHash,
      path: hex(path),
      from: sealView(older),
      to: sealView(newer),
    };
  }
}

@Resolver(() => PlanType)
export class PlanSealResolver {
  @FieldResolver(() => SealType, {
    nullable: true,
    description:
      'En una vista "as of" un semestre: el sello de ese semestre, que cubre exactamente lo registrado hasta `knownAt` (nulo si no está sellado o si la vista no es de fin de semestre).',
  })
  async seal(@Root() plan: PlanParent, @Ctx() ctx: Context): Promise<SealType | null> {
    const knownAt = plan.bitemporal?.knownAt;
    if (!knownAt) return null;
    const semester = semesterOf(knownAt);
    if (semesterEnd(semester).getTime() !== knownAt.getTime()) return null;
    const seal = await sealOfSemester(ctx.services.readStore, formatSemesterKey(semester));
    return seal ? sealView(seal) : null;
  }
}
