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

/** Nesting beyond this is looked at closely (it may be a cycle). */
const PLAIN_DEPTH = 64;

/** Whether a value is plain JSON, checked as fast as it can be (no path, no set of seen objects). */
function isPlainJson(item: unknown, depth: number): boolean {
  if (item === null) return true;
  switch (typeof item) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(item);
    case 'object':
      if (depth > PLAIN_DEPTH) return false;
      if (Array.isArray(item)) {
        for (let index = 0; index < item.length; index++) {
          if (!isPlainJson(item[index], depth + 1)) return false;
        }
        return true;
      }
      if (!isPlainObject(item)) return false;
      for (const key in item) if (!isPlainJson(item[key], depth + 1)) return false;
      return true;
    default:
      return false;
  }
}

/**
 * Rejects anything that would not survive a JSON round trip unchanged (undefined, functions,
 * NaN, Infinity, bigint, Date and other class instances, cycles), so that what is hashed is what
 * is stored and read back. Every append walks every value: a quick walk first, and only when it
 * finds something (or deep nesting) the one that names the field's path.
 */
export function assertJson(value: unknown, field: string): void {
  if (isPlainJson(value, 0)) return;
  assertJsonAt(value, field);
}

function assertJsonAt(value: unknown, field: string): void {
  const path: Array<string | number> = [];
  const seen = new Set<object>();
  const at = () =>
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${key}`),
      field,
    );
  const walk = (item: unknown): void => {
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) {
        throw new InvalidAppendError(at(), `el número ${String(item)} no es JSON válido.`);
      }
      return;
    }
    if (Array.isArray(item)) {
      if (seen.has(item)) throw new InvalidAppendError(at(), 'contiene una referencia circular.');
      seen.add(item);
      for (let index = 0; index < item.length; index++) {
        path.push(index);
        walk(item[index]);
        path.pop();
      }
      seen.delete(item);
      return;
    }
    if (isPlainObject(item)) {
      if (seen.has(item)) throw new InvalidAppendError(at(), 'contiene una referencia circular.');
      seen.add(item);
      for (const key in item) {
        path.push(key);
        walk(item[key]);
        path.pop();
      }
      seen.delete(item);
      return;
    }
    const kind = typeof item === 'object' ? (item.constructor?.name ?? 'object') : typeof item;
    throw new InvalidAppendError(
      at(),
      `un valor de tipo ${kind} no es JSON; envíe datos JSON simples.`,
    );
  };
  walk(value);
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
