/**
 * The national SGP-APSB risk map (`riskScores`), the entities art. 5 sends to the Ministerio de
 * Hacienda (`prioritizedForFollowUp`), and every methodology on record (`methodologies`). Each
 * request costs the same store calls whatever the number of entities (the map reads one document
 * per entity in one call).
 */
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { MethodologyDocument } from '../../../projections/monitoring';
import { RES_449_2013 } from '../../domain/monitoring/methodology';
import { DEPARTMENT_CODE, type Municipality } from '../../domain/territory';
import { resolveBitemporal } from '../../queries/as-of';
import { recordsOf } from '../../queries/risk';
import { riskMap, type RiskMapEntry } from '../../queries/risk-map';
import type { Context } from '../context';
import { badInput } from '../errors';
import { appliedView, methodologyView } from '../monitoring-views';
import { decodeCursor, encodeCursor, pageInfo } from '../pagination';
import { MethodologyType, RiskLevelEnum } from '../types/monitoring';
import {
  PrioritisationKind,
  RiskMapArgs,
  RiskScoreConnection,
  RiskScoreOrder,
  type PrioritisationReason,
  type RiskScoreEntry,
} from '../types/risk-map';

const DEFAULT_PAGE = 100;
const LEVELS = [
  RiskLevelEnum.SIN_RIESGO,
  RiskLevelEnum.BAJO,
  RiskLevelEnum.MEDIO,
  RiskLevelEnum.ALTO,
];

function reasonsOf(entry: RiskMapEntry): PrioritisationReason[] {
  const reasons: PrioritisationReason[] = [];
  if (entry.level === 'ALTO') {
    reasons.push({
      kind: PrioritisationKind.NIVEL_ALTO,
      detail: `Resultado ponderado ${entry.total}: nivel de riesgo alto en los indicadores específicos (arts. 4 y 5).`,
    });
  }
  for (const flag of entry.strategicFlags) {
    reasons.push({
      kind: PrioritisationKind.INDICADOR_ESTRATEGICO,
      detail: `Indicador estratégico del Viceministerio: ${flag} (arts. 2.2 y 5).`,
    });
  }
  return reasons;
}

interface MapRequest {
  year: number;
  asOf: RiskMapArgs['asOf'];
  departmentCode: string | null;
  methodologyId: string | null;
}

async function entries(ctx: Context, request: MapRequest): Promise<RiskScoreEntry[]> {
  const { territory } = ctx.services;
  if (!Number.isInteger(request.year) || request.year < 2008 || request.year > 2100) {
    throw badInput('year', `vigencia inválida ${request.year}.`);
  }
  let entities: readonly Municipality[] = territory.all;
  if (request.departmentCode !== null) {
    if (!DEPARTMENT_CODE.test(request.departmentCode)) {
      throw badInput('departmentCode', 'el código DANE del departamento tiene 2 dígitos.');
    }
    entities = territory.inDepartment(request.departmentCode);
    if (entities.length === 0) {
      throw badInput('departmentCode', `no hay un departamento ${request.departmentCode}.`);
    }
  }
  const knownAt = request.asOf ? resolveBitemporal(request.asOf).knownAt : null;
  const methodologyDocs = await ctx.loaders.methodologies.load('all');
  const found = await riskMap(
    ctx.services.readStore,
    {
      year: request.year,
      knownAt,
      entities,
      methodologyId: request.methodologyId,
      now: ctx.services.now(),
    },
    methodologyDocs,
  );
  const recordOf = recordsOf(methodologyDocs);
  // Entities share their methodology objects: one view of each per request.
  const applied = new Map<object, ReturnType<typeof appliedView>>();
  return found.map((entry) => {
    let methodology = applied.get(entry.methodology);
    if (!methodology)
      applied.set(entry.methodology, (methodology = appliedView(entry.methodology, recordOf)));
    return {
      daneCode: entry.entity.daneCode,
      name: entry.entity.name,
      kind: entry.entity.kind,
      departmentCode: entry.entity.departmentCode,
      department: entry.entity.department,
      year: entry.year,
      total: entry.total,
      level: entry.level as RiskLevelEnum | null,
      prioritised: entry.prioritised,
      reasons: reasonsOf(entry),
      strategicFlags: entry.strategicFlags,
      categories: entry.categories,
      methodology,
      components: entry.components,
      hasInputs: entry.hasInputs,
      recordedIn: entry.recordedIn,
      difference: entry.difference,
    };
  });
}

const byCode = (a: RiskScoreEntry, b: RiskScoreEntry) => a.daneCode.localeCompare(b.daneCode);
/** By total in a direction, entities without a score last, then by code. */
const byTotal =
  (direction: 1 | -1) =>
  (a: RiskScoreEntry, b: RiskScoreEntry): number => {
    if (a.total === null || b.total === null) {
      return (a.total === null ? 1 : 0) - (b.total === null ? 1 : 0) || byCode(a, b);
    }
    return direction * (a.total - b.total) || byCode(a, b);
  };
const ORDERINGS: Record<RiskScoreOrder, (a: RiskScoreEntry, b: RiskScoreEntry) => number> = {
  [RiskScoreOrder.DANE_CODE]: byCode,
  [RiskScoreOrder.TOTAL_ASC]: byTotal(1),
  [RiskScoreOrder.TOTAL_DESC]: byTotal(-1),
};

function connection(
  all: readonly RiskScoreEntry[],
  selected: readonly RiskScoreEntry[],
  page: { first?: number | null; after?: string | null },
  limit: number,
): RiskScoreConnection {
  const first = page.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > limit) {
    throw badInput('first', `debe estar entre 1 y ${limit}.`);
  }
  const after = decodeCursor(page.after, 'r:');
  let start = 0;
  if (after !== null) {
    const index = selected.findIndex((entry) => entry.daneCode === after);
    if (index < 0) throw badInput('after', 'el cursor no pertenece a este mapa.');
    start = index + 1;
  }
  const edges = selected
    .slice(start, start + first)
    .map((node) => ({ cursor: encodeCursor('r:', node.daneCode), node }));
  return {
    edges,
    totalCount: selected.length,
    pageInfo: pageInfo(edges, start + first < selected.length, start > 0),
    summary: {
      entities: all.length,
      withInputs: all.filter((e) => e.hasInputs).length,
      prioritised: all.filter((e) => e.prioritised).length,
      byLevel: LEVELS.map((level) => ({
        level,
        count: all.filter((e) => e.level === level).length,
      })),
    },
  };
}

/**
 * What a map node costs: its fields are read-model values and reference data (nothing below it
 * reaches the store), so a hundred nodes weigh like one element of an ordinary list.
 */
const mapComplexity = ({
  args,
  childComplexity,
}: {
  args: { first?: number | null };
  childComplexity: number;
}) => 1 + Math.ceil((args.first ?? DEFAULT_PAGE) / DEFAULT_PAGE) * childComplexity;

@Resolver()
export class RiskMapResolver {
  @Query(() => RiskScoreConnection, {
    complexity: mapComplexity,
    description:
      'Mapa nacional de riesgo SGP-APSB de una vigencia: las 1.121 entidades territoriales de la DIVIPOLA con su puntaje bajo la metodología aplicable (o recalculado con `methodologyId`), hoy o según lo registrado al fin de un semestre, con resumen por nivel y priorización; filtrable por departamento, nivel y priorización, y ordenable por resultado.',
  })
  async riskScores(
    @Args(() => RiskMapArgs) args: RiskMapArgs,
    @Arg('departmentCode', () => ID, {
      nullable: true,
      description: 'Código DANE del departamento (2 dígitos).',
    })
    departmentCode: string | null,
    @Arg('level', () => RiskLevelEnum, { nullable: true, description: 'Solo este nivel.' })
    level: RiskLevelEnum | null,
    @Arg('prioritised', () => Boolean, {
      nullable: true,
      description: 'Solo las priorizadas (true) o las no priorizadas (false).',
    })
    prioritised: boolean | null,
    @Arg('methodologyId', () => ID, {
      nullable: true,
      description: 'Recalcular con otra metodología registrada (o "RES-449-2013").',
    })
    methodologyId: string | null,
    @Arg('orderBy', () => RiskScoreOrder, {
      nullable: true,
      description: 'Orden; por omisión DANE_CODE.',
    })
    orderBy: RiskScoreOrder | null,
    @Ctx() ctx: Context,
  ): Promise<RiskScoreConnection> {
    const all = await entries(ctx, {
      year: args.year,
      asOf: args.asOf,
      departmentCode: departmentCode ?? null,
      methodologyId: methodologyId ?? null,
    });
    level ??= null;
    prioritised ??= null;
    const selected = all
      .filter(
        (e) =>
          (level === null || e.level === level) &&
          (prioritised === null || e.prioritised === prioritised),
      )
      .sort(ORDERINGS[orderBy ?? RiskScoreOrder.DANE_CODE]);
    return connection(all, selected, args, ctx.services.territory.all.length);
  }

  @Query(() => RiskScoreConnection, {
    complexity: mapComplexity,
    description:
      'Entidades territoriales que el art. 5 prioriza para el seguimiento del Ministerio de Hacienda en una vigencia (nivel de riesgo alto o indicador estratégico), cada una con sus razones, de mayor a menor riesgo.',
  })
  async prioritizedForFollowUp(
    @Args(() => RiskMapArgs) args: RiskMapArgs,
    @Ctx() ctx: Context,
  ): Promise<RiskScoreConnection> {
    const all = await entries(ctx, {
      year: args.year,
      asOf: args.asOf,
      departmentCode: null,
      methodologyId: null,
    });
    const selected = all.filter((e) => e.prioritised).sort(ORDERINGS[RiskScoreOrder.TOTAL_ASC]);
    return connection(all, selected, args, ctx.services.territory.all.length);
  }

  @Query(() => [MethodologyType], {
    description:
      'Metodologías de monitoreo SGP-APSB: la Res. 449 de 2013 (incorporada, derogada por la Res. 98 de 2019) y las que el Ministerio registró, con su fuente legal, vigencias, pesos, ítems y bandas.',
  })
  async methodologies(@Ctx() ctx: Context): Promise<MethodologyType[]> {
    const docs: MethodologyDocument[] = await ctx.loaders.methodologies.load('all');
    const recorded = docs
      .filter((d) => d.kind === 'methodology' && d.methodology)
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
      .map((d) =>
        methodologyView({
          methodology: d.methodology!,
          recordedAt: d.recordedAt,
          legalBasis: d.legalBasis ?? null,
        }),
      );
    return [
      methodologyView({ methodology: RES_449_2013, recordedAt: null, legalBasis: null }),
      ...recorded,
    ];
  }
}
