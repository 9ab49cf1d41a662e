import { InvalidAppendError } from './errors';
import type { ExpectedRevision, NewEvent } from './port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Stream names are ids like `plan-73001-2024`; `$` is reserved by EventStoreDB for system streams. */
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

export function assertStreamName(stream: unknown, field = 'stream'): asserts stream is string {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidAppendError(field, 'el nombre del flujo no puede estar vacío.');
  }
  if (!STREAM_NAME.test(stream)) {
    throw new InvalidAppendError(
      field,
      `nombre de flujo inválido "${stream}": use letras, dígitos, "-", "_", "." o ":" (máx. 200), sin "$" inicial.`,
    );
  }
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidAppendError(
    'expectedRevision',
    `revisión esperada desconocida ${JSON.stringify(expected) ?? String(expected)}: use un entero ≥ 0, "no_stream" o "any".`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Rejects anything that would not survive a JSON round trip unchanged (undefined, functions,
 * NaN, Infinity, bigint, Date and other class instances, cycles), so that what is hashed is what
 * is stored and read back.
 */
export function assertJson(value: unknown, field: string, seen = new Set<object>()): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new InvalidAppendError(field, `el número ${String(value)} no es JSON válido.`);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (seen.has(value)) throw new InvalidAppendError(field, 'contiene una referencia circular.');
    seen.add(value);
    value.forEach((item, index) => assertJson(item, `${field}[${index}]`, seen));
    seen.delete(value);
    return;
  }
  if (isPlainObject(value)) {
    if (seen.has(value)) throw new InvalidAppendError(field, 'contiene una referencia circular.');
    seen.add(value);
    for (const [key, item] of Object.entries(value)) assertJson(item, `${field}.${key}`, seen);
    seen.delete(value);
    return;
  }
  const kind = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  throw new InvalidAppendError(
    field,
    `un valor de tipo ${kind} no es JSON; envíe datos JSON simples.`,
  );
}

function assertNonEmptyString(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidAppendError(field, 'es obligatorio y debe ser un texto no vacío.');
  }
}

function assertOptionalString(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new InvalidAppendError(field, 'debe ser un texto.');
  }
}

export function assertNewEvents(events: unknown): asserts events is NewEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError('events', 'se requiere al menos un evento.');
  }
  const ids = new Set<string>();
  events.forEach((event: unknown, index) => {
    const at = `events[${index}]`;
    if (!isPlainObject(event)) throw new InvalidAppendError(at, 'debe ser un objeto.');
    if (event.id !== undefined) {
      if (typeof event.id !== 'string' || !UUID.test(event.id)) {
        throw new InvalidAppendError(`${at}.id`, 'debe ser un UUID.');
      }
      if (ids.has(event.id)) throw new InvalidAppendError(`${at}.id`, 'id repetido en el lote.');
      ids.add(event.id);
    }
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidAppendError(`${at}.type`, 'tipo de evento inválido (p. ej. "GoalSet").');
    }
    if (!isPlainObject(event.data)) {
      throw new InvalidAppendError(`${at}.data`, 'debe ser un objeto JSON.');
    }
    assertJson(event.data, `${at}.data`);
    const metadata = event.metadata;
    if (!isPlainObject(metadata)) throw new InvalidAppendError(`${at}.metadata`, 'es obligatorio.');
    assertJson(metadata, `${at}.metadata`);
    const actor = metadata.actor;
    if (!isPlainObject(actor)) {
      throw new InvalidAppendError(`${at}.metadata.actor`, 'es obligatorio.');
    }
    for (const key of ['id', 'name', 'role', 'entity'] as const) {
      assertNonEmptyString(actor[key], `${at}.metadata.actor.${key}`);
    }
    assertNonEmptyString(metadata.correlationId, `${at}.metadata.correlationId`);
    assertOptionalString(metadata.causationId, `${at}.metadata.causationId`);
    assertOptionalString(metadata.reason, `${at}.metadata.reason`);
    assertOptionalString(metadata.legalBasis, `${at}.metadata.legalBasis`);
    assertOptionalString(metadata.answersRecommendation, `${at}.metadata.answersRecommendation`);
    const version = metadata.schemaVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new InvalidAppendError(`${at}.metadata.schemaVersion`, 'debe ser un entero ≥ 1.');
    }
  });
}
