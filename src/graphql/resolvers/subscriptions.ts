/**
 * Subscriptions (over WebSocket, `graphql-ws`): audit entries and plan changes as the read models
 * include them, with the same filter and the same masking of identities as `auditTrail`, each
 * message carrying the cursor to resume from (`after`). The feed behind them is `src/live/`.
 */
import { mongoQuery } from '../../readstore/mingo';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { AuditDocument } from '../../../projections/audit';
import { isOverflow, type FeedItem } from '../../live/audit-feed';
import { SUBSCRIPTION_LIMITS } from '../limits';
import { createLoaders, type Context } from '../context';
import { apiError, notFound } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';
import { PlanChange } from '../types/live';
import { PlanType } from '../types/plan';
import type { PlanParent } from '../views';
import { AuditEntryEdge, AuditFilter, auditEdge, auditQuery, loadPlan, planIdArgs } from './read';

type SubscribeData = SubscribeResolverData<unknown, Record<string, unknown>, Context>;

const AFTER_DESCRIPTION =
  'Reanudar después de este cursor (el `cursor` del último mensaje recibido, o uno de `auditTrail`): llega todo lo posterior, en orden, sin repetir nada. Sin él: lo que se registre desde ahora.';

function feedOf(context: Context) {
  if (!context.live)
    throw apiError(
      'BAD_REQUEST',
      'Las suscripciones se atienden por WebSocket (protocolo graphql-ws) en /graphql, no por HTTP.',
    );
  return context.live;
}

const afterPosition = (cursor: unknown): number | null => {
  const decoded = decodeCursor(typeof cursor === 'string' ? cursor : null, 'a:');
  return decoded === null ? null : Number(decoded);
};

/**
 * Each message runs with fresh DataLoaders (a subscription's context lives as long as it does):
 * what a message shows is what the read models hold when it is sent.
 */
function freshMessage(ctx: Context, item: FeedItem): AuditDocument {
  if (isOverflow(item)) {
    const resume = item.lastDelivered === null ? null : encodeCursor('a:', item.lastDelivered);
    throw apiError(
      'SERVICE_UNAVAILABLE',
      `La suscripción acumuló más de ${SUBSCRIPTION_LIMITS.queuedMessages} mensajes sin leer y se cerró. Vuelva a suscribirse con after: ${resume === null ? 'null' : `"${resume}"`} y no perderá nada.`,
      { resumeAfter: resume },
    );
  }
  ctx.loaders = createLoaders(ctx.services.readStore);
  return item;
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => AuditEntryEdge, {
    description:
      'Cada entrada nueva de la bitácora de auditoría que cumple el filtro, en orden, una vez que las consultas ya la devuelven; con el mismo filtro y el mismo ocultamiento de identidades que `auditTrail`.',
    subscribe: ({ args, context }: SubscribeData) => {
      const query = mongoQuery(auditQuery(args.filter as AuditFilter | null, context.principal));
      return feedOf(context).subscribe({
        after: afterPosition(args.after),
        accepts: (entry) => query.test(entry as unknown as Record<string, unknown>),
      });
    },
  })
  auditEntryAdded(
    @Root() item: FeedItem,
    @Arg('filter', () => AuditFilter, { nullable: true }) _filter: AuditFilter | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION })
    _after: string | null,
    @Ctx() ctx: Context,
  ): AuditEntryEdge {
    return auditEdge(ctx, freshMessage(ctx, item));
  }

  @Subscription(() => PlanChange, {
    description:
      'Cada cambio de un plan sectorial (su revisión nueva y qué cambió), en orden, una vez que las consultas ya lo devuelven.',
    subscribe: ({ args, context }: SubscribeData) => {
      const planId = planIdArgs(args.daneCode as string, args.firstYear as number);
      if (!context.services.territory.municipality(args.daneCode as string))
        throw notFound(
          `No existe el municipio con código DANE ${String(args.daneCode)}.`,
          'daneCode',
        );
      return feedOf(context).subscribe({
        after: afterPosition(args.after),
        accepts: (entry) => entry.planId === planId,
      });
    },
  })
  planChanged(
    @Root() item: FeedItem,
    @Arg('daneCode', () => ID, { description: 'Código DANE del municipio.' }) _daneCode: string,
    @Arg('firstYear', () => Int, { description: 'Primer año del cuatrienio, p. ej. 2024.' })
    _firstYear: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION })
    _after: string | null,
    @Ctx() ctx: Context,
  ): PlanChange {
    const entry = freshMessage(ctx, item);
    const { cursor, node } = auditEdge(ctx, entry);
    return { cursor, planId: entry.planId, revision: entry.revision, change: node };
  }
}

@Resolver(() => PlanChange)
export class PlanChangeResolver {
  @FieldResolver(() => PlanType, {
    nullable: true,
    description:
      'El plan como lo devuelven las consultas al enviar el mensaje (incluye este cambio).',
  })
  plan(@Root() change: PlanChange, @Ctx() ctx: Context): Promise<PlanParent | null> {
    return loadPlan(ctx, change.planId, null);
  }
}
