/**
 * The audit trail for control bodies as a table: one row per changed field (before and after),
 * with who (masked where the `auditTrail` query masks it: role and entity stay), when, the reason,
 * the legal basis, the event id and its hash, in log order. Entries are read from the `audit` read
 * model in pages by position, so the whole national trail streams without being held in memory.
 */
import type { AuditDocument, FieldChange } from '../../projections/audit';
import type { JsonValue } from '../eventstore/port';
import { maySeeIdentities, type Principal } from '../domain/access';
import type { Territory } from '../domain/territory';
import type { ReadStore } from '../readstore/port';
import type { TableColumn } from './tabular';

export interface AuditRow {
  entry: AuditDocument;
  change: FieldChange | null;
  visible: boolean;
}

const PAGE = 2_000;

const shown = (value: JsonValue | null): string | number | boolean | null =>
  value === null || typeof value !== 'object' ? value : JSON.stringify(value);

/** Entries matching `query`, oldest first, one row per changed field (one row if none). */
export async function* auditRows(
  store: ReadStore,
  query: Record<string, unknown>,
  principal: Principal | null,
  territory: Territory,
): AsyncGenerator<AuditRow> {
  const collection = store.collection<AuditDocument>('audit');
  const visibleIn = new Map<string, boolean>();
  const visibleFor = (daneCode: string) => {
    let visible = visibleIn.get(daneCode);
    if (visible === undefined) {
      const departmentCode = territory.municipality(daneCode)?.departmentCode ?? '';
      visible = maySeeIdentities(principal, { daneCode, departmentCode });
      visibleIn.set(daneCode, visible);
    }
    return visible;
  };
  let after = -1;
  for (;;) {
    const page = await collection.find(
      { ...query, position: { $gt: after } },
      { sort: { position: 1 }, limit: PAGE },
    );
    for (const entry of page) {
      const visible = visibleFor(entry.daneCode);
      if (entry.changes.length === 0) yield { entry, change: null, visible };
      for (const change of entry.changes) yield { entry, change, visible };
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.position;
  }
}

export const AUDIT_COLUMNS: ReadonlyArray<TableColumn<AuditRow>> = [
  {
    name: 'registrado_en',
    type: 'fecha_hora',
    unit: null,
    meaning: 'Instante en que la bitácora registró el evento (hora de Colombia, ISO 8601).',
    get: (r) => new Date(r.entry.recordedAt),
  },
  {
    name: 'tipo_evento',
    type: 'texto',
    unit: null,
    meaning: 'Hecho registrado, p. ej. GoalAmended.',
    get: (r) => r.entry.eventType,
  },
  {
    name: 'tipo_entidad',
    type: 'texto',
    unit: null,
    meaning: 'Tipo de entidad cambiada.',
    get: (r) => r.entry.entityType,
  },
  {
    name: 'entidad',
    type: 'texto',
    unit: null,
    meaning: 'Entidad cambiada.',
    get: (r) => r.entry.entityId,
  },
  {
    name: 'plan',
    type: 'texto',
    unit: null,
    meaning: 'Plan o flujo.',
    get: (r) => r.entry.planId,
  },
  {
    name: 'codigo_dane',
    type: 'texto',
    unit: null,
    meaning: 'Código DANE.',
    get: (r) => r.entry.daneCode,
  },
  {
    name: 'meta',
    type: 'texto',
    unit: null,
    meaning: 'Meta relacionada.',
    get: (r) => r.entry.goalId,
  },
  {
    name: 'campo',
    type: 'texto',
    unit: null,
    meaning: 'Campo cambiado.',
    get: (r) => r.change?.field ?? null,
  },
  {
    name: 'valor_anterior',
    type: 'texto',
    unit: null,
    meaning: 'Valor antes del cambio (vacío si es nuevo).',
    get: (r) => (r.change ? shown(r.change.before) : null),
  },
  {
    name: 'valor_nuevo',
    type: 'texto',
    unit: null,
    meaning: 'Valor después del cambio (vacío si se retiró).',
    get: (r) => (r.change ? shown(r.change.after) : null),
  },
  {
    name: 'actor_id',
    type: 'texto',
    unit: null,
    meaning: 'Id de quien hizo el cambio (oculto si no puede ver identidades).',
    get: (r) => (r.visible ? r.entry.actor.id : null),
  },
  {
    name: 'actor_nombre',
    type: 'texto',
    unit: null,
    meaning: 'Nombre de quien hizo el cambio (oculto si no puede ver identidades).',
    get: (r) => (r.visible ? r.entry.actor.name : null),
  },
  {
    name: 'actor_rol',
    type: 'texto',
    unit: null,
    meaning: 'Rol de quien hizo el cambio.',
    get: (r) => r.entry.actor.role,
  },
  {
    name: 'actor_entidad',
    type: 'texto',
    unit: null,
    meaning: 'Entidad por la que actuó.',
    get: (r) => r.entry.actor.entity,
  },
  {
    name: 'justificacion',
    type: 'texto',
    unit: null,
    meaning: 'Justificación.',
    get: (r) => r.entry.reason,
  },
  {
    name: 'fundamento_legal',
    type: 'texto',
    unit: null,
    meaning: 'Acto administrativo.',
    get: (r) => r.entry.legalBasis,
  },
  {
    name: 'recomendacion_atendida',
    type: 'texto',
    unit: null,
    meaning: 'Recomendación del CTP atendida.',
    get: (r) => r.entry.answersRecommendation ?? null,
  },
  {
    name: 'posicion',
    type: 'entero',
    unit: null,
    meaning: 'Posición del evento en la bitácora.',
    get: (r) => r.entry.position,
  },
  {
    name: 'id_evento',
    type: 'texto',
    unit: null,
    meaning: 'Id del evento.',
    get: (r) => r.entry._id,
  },
  {
    name: 'hash',
    type: 'texto',
    unit: null,
    meaning: 'SHA-256 del evento (verificable con npm run verify).',
    get: (r) => r.entry.hash,
  },
];
