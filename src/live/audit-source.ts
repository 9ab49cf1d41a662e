/**
 * Audit entries by log position: the log says which events came after a position (it is ordered
 * by position on every adapter), the `audit` read model gives their entries by id, exactly as the
 * `auditTrail` query reads them. One read of each per call, whatever the number of subscribers.
 */
import { auditProjection, type AuditDocument } from '../../projections/audit';
import type { EventStore } from '../eventstore/port';
import type { ReadStore } from '../readstore/port';
import type { AuditSource } from './audit-feed';

export function logAuditSource(events: EventStore, readStore: ReadStore): AuditSource {
  const audit = readStore.collection<AuditDocument>('audit');
  return {
    async entriesBetween(after, through, limit) {
      const ids: string[] = [];
      // Positions are not contiguous (EventStoreDB): each page starts at the last position seen,
      // inclusive, and skips it.
      let seen = after;
      reading: for (;;) {
        let fresh = 0;
        for await (const event of events.readAll({
          ...(seen === null ? {} : { fromPosition: seen }),
          maxCount: limit + 1,
        })) {
          if (seen !== null && event.position <= seen) continue;
          if (event.position > through) break reading;
          fresh += 1;
          seen = event.position;
          if (auditProjection.idsOf(event).length > 0) ids.push(event.id);
          if (ids.length >= limit) break reading;
        }
        if (fresh === 0) break;
      }
      if (ids.length === 0) return [];
      const entries = await audit.findByIds(ids);
      const missing = ids.filter((_, index) => !entries[index]);
      if (missing.length > 0)
        throw new Error(
          `el modelo de lectura "audit" no tiene las entradas ${missing.join(', ')} aunque su punto de control las incluye`,
        );
      return entries as AuditDocument[];
    },
  };
}
