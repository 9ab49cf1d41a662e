/**
 * `importPlanWorkbook`: the plan's workbook, uploaded as base64, becomes the commands a planner
 * would send, with the caller as actor (see `src/application/import-plan.ts`). All or nothing:
 * a workbook with any problem appends nothing and the error lists every problem with its sheet,
 * row and column (`extensions.problems`).
 */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { importPlanWorkbook } from '../../application/import-plan';
import { mayWritePlan } from '../../domain/access';
import { planStreamId } from '../../domain/plan/events';
import { DANE_CODE } from '../../domain/territory';
import { describeProblem } from '../../exchange/plan-import';
import { forgetReads, type Context } from '../context';
import { apiError, badInput, forbidden, notFound, unauthenticated } from '../errors';
import { ImportPlanWorkbookInput, ImportPlanWorkbookPayload } from '../types/plan-import';
import { loadPlan } from './read';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The problems named in the message itself; all of them travel in `extensions.problems`. */
const PROBLEMS_IN_MESSAGE = 20;

@Resolver()
export class PlanImportResolver {
  @Mutation(() => ImportPlanWorkbookPayload, {
    description:
      'Importa el libro de Excel del plan (el que exporta GET /planes/{códigoDANE}/{añoInicial}.xlsx) como los mismos comandos de las mutaciones, con usted como actor: todo o nada. Un libro con cualquier problema no registra nada y el error nombra cada problema por hoja, fila y columna (extensions.problems); reimportar un libro sin cambios no añade nada; cambiar una meta del plan adoptado exige justificación y acto administrativo (columnas de la Tabla 11, o reason y legalBasis).',
  })
  async importPlanWorkbook(
    @Arg('input', () => ImportPlanWorkbookInput) input: ImportPlanWorkbookInput,
    @Ctx() ctx: Context,
  ): Promise<ImportPlanWorkbookPayload> {
    if (!ctx.principal)
      throw unauthenticated(
        'Inicie sesión: importar un libro escribe en el plan y requiere un token.',
      );
    if (!DANE_CODE.test(input.daneCode))
      throw badInput('input.daneCode', 'el código DANE debe tener 5 dígitos.');
    const municipality = ctx.services.territory.municipality(input.daneCode);
    if (!municipality)
      throw notFound(
        `input.daneCode: el código DANE ${input.daneCode} no existe en la DIVIPOLA.`,
        'input.daneCode',
      );
    const scope = { daneCode: input.daneCode, departmentCode: municipality.departmentCode };
    if (
      !mayWritePlan(ctx.principal, 'SetBaseline', scope) &&
      !mayWritePlan(ctx.principal, 'RegisterProject', scope)
    )
      throw forbidden(
        `Su rol ${ctx.principal.role} (${ctx.principal.entity}) no puede escribir en el plan de ${municipality.name}.`,
      );
    const base64 = input.contentBase64.replace(/\s+/g, '');
    if (base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64))
      throw badInput('input.contentBase64', 'no es base64 válido.');
    if (ctx.services.projector.catchingUp)
      throw apiError(
        'SERVICE_UNAVAILABLE',
        'Los modelos de lectura se están poniendo al día con la bitácora; no se registró nada. Reintente cuando /readyz responda 200.',
        { retryable: true },
      );
    const result = await importPlanWorkbook(ctx.services.events, ctx.services.territory, {
      daneCode: input.daneCode,
      firstYear: input.firstYear,
      fileName: input.fileName,
      content: Buffer.from(base64, 'base64'),
      principal: ctx.principal,
      correlationId: ctx.requestId,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
    });
    if (result.problems.length > 0) {
      const listed = result.problems.slice(0, PROBLEMS_IN_MESSAGE).map(describeProblem);
      const more = result.problems.length - listed.length;
      throw apiError(
        'BAD_USER_INPUT',
        `El libro tiene ${result.problems.length} problema${result.problems.length === 1 ? '' : 's'}; no se registró nada. ${listed.join(' | ')}${more > 0 ? ` | y ${more} más (ver extensions.problems)` : ''}`,
        { field: 'input.contentBase64', problems: result.problems },
      );
    }
    const last = result.events[result.events.length - 1];
    // Appended is recorded: read models that have not caught up yet are said, not an error.
    const readModelsCurrent = last
      ? await ctx.services.projector.waitFor(last.position, 10_000).then(
          () => true,
          () => false,
        )
      : true;
    forgetReads(ctx.loaders);
    const plan = await loadPlan(ctx, planStreamId(input.daneCode, input.firstYear), null);
    if (!plan)
      throw apiError('INTERNAL_SERVER_ERROR', 'El plan no está en los modelos de lectura.');
    return {
      plan,
      eventIds: result.events.map((e) => e.id),
      revision: result.revision ?? 0,
      readModelsCurrent,
      // Idempotent by content: a retried or repeated upload of the same workbook appends nothing.
      replayed: false,
      rows: result.rows,
      unchanged: result.unchanged,
    };
  }
}
