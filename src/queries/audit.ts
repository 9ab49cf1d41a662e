/**
 * The audit trail's filter, shared by the `auditTrail` query and the audit export for control
 * bodies (`GET /auditoria.csv`): the same criteria select the same entries, and the same rule
 * says who may search by identity.
 */
import type { Principal } from '../domain/access';
import { badInput } from '../domain/errors';

export interface AuditCriteria {
  goalId?: string | null;
  entityId?: string | null;
  entityType?: string | null;
  planId?: string | null;
  daneCode?: string | null;
  actorId?: string | null;
  eventTypes?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
}

/** Roles that see every identity, and so may search by one. */
export const IDENTITY_SEARCHERS: readonly string[] = ['ADMIN', 'CONTROL', 'MINISTRY'];

/** The read-store filter of the `audit` collection; refuses an actor search by anyone else. */
export function auditQuery(
  filter: AuditCriteria | null | undefined,
  principal: Principal | null,
): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter?.goalId) query.goalId = filter.goalId;
  if (filter?.entityId) query.entityId = filter.entityId;
  if (filter?.entityType) query.entityType = filter.entityType;
  if (filter?.planId) query.planId = filter.planId;
  if (filter?.daneCode) query.daneCode = filter.daneCode;
  if (filter?.eventTypes?.length) query.eventType = { $in: [...filter.eventTypes] };
  if (filter?.actorId) {
    // Searching by identity is itself reading identities.
    if (!principal || !IDENTITY_SEARCHERS.includes(principal.role)) {
      throw badInput(
        'filter.actorId',
        'solo los organismos de control, el ministerio y los administradores pueden filtrar por actor.',
      );
    }
    query['actor.id'] = filter.actorId;
  }
  if (filter?.from || filter?.to) {
    query.recordedAt = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lte: filter.to } : {}),
    };
  }
  return query;
}
