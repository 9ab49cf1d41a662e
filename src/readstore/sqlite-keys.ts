/**
 * How the SQLite read store turns indexed document fields into column values, and MongoDB filters
 * and sorts into SQL over those columns.
 *
 * A column holds one scalar per document, encoded so that SQLite's order is MongoDB's order for
 * scalars: null (or missing) < numbers < strings < booleans < dates. Numbers and strings are stored
 * as themselves; booleans and dates as BLOBs with a type prefix (0x01, 0x02) so that they neither
 * collide with numbers nor sort among them. A document whose value at an indexed path is an array
 * or an object makes that column "multikey": it is then never used to answer a filter or a sort
 * (mingo does), since one column cannot hold the several keys MongoDB would match.
 */

export type ColumnValue = string | number | Buffer | null;

/** Marks a value that a scalar column cannot hold (arrays, objects, NaN, invalid dates). */
export const MULTIKEY = Symbol('multikey');

const BOOLEAN_TAG = 0x01;
const DATE_TAG = 0x02;
/** The smallest TEXT and the smallest BLOB of each bracket, for range bounds. */
const LEAST_TEXT = '';
const LEAST_BLOB = Buffer.alloc(0);
const DATE_FLOOR = Buffer.from([DATE_TAG]);
const DATE_CEILING = Buffer.from([DATE_TAG + 1]);

function encodeDate(date: Date): Buffer | typeof MULTIKEY {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return MULTIKEY;
  const buffer = Buffer.allocUnsafe(9);
  buffer[0] = DATE_TAG;
  // Flipping the sign bit makes the big-endian bytes of a signed integer sort as the integer.
  buffer.writeBigUInt64BE(BigInt.asUintN(64, BigInt(ms)) ^ (1n << 63n), 1);
  return buffer;
}

/** A scalar as its column value; MULTIKEY for what one column cannot hold. */
export function columnValue(value: unknown): ColumnValue | typeof MULTIKEY {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isNaN(value) ? MULTIKEY : value;
    case 'boolean':
      return Buffer.from([BOOLEAN_TAG, value ? 1 : 0]);
    default:
      return value instanceof Date ? encodeDate(value) : MULTIKEY;
  }
}

/** The value at a dotted path, split once; MULTIKEY when an array is on the way. */
export function valueAtPath(document: unknown, path: readonly string[]): unknown {
  let current = document;
  for (const part of path) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) return MULTIKEY;
    if (typeof current !== 'object' || current instanceof Date) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return Array.isArray(current) ? MULTIKEY : current;
}

export interface SqlCondition {
  /** SQL clauses joined by AND. */
  clauses: string[];
  params: ColumnValue[];
  /** True when the clauses select exactly the documents the filter matches. */
  exact: boolean;
}

const RANGE_OPERATORS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/** The bracket of values of the same type as `bound`, for a range to compare like MongoDB. */
function bracketOf(bound: ColumnValue): [ColumnValue, ColumnValue] | null {
  if (typeof bound === 'number') return [null, LEAST_TEXT];
  if (typeof bound === 'string') return [LEAST_TEXT, LEAST_BLOB];
  if (Buffer.isBuffer(bound) && bound[0] === DATE_TAG) return [DATE_FLOOR, DATE_CEILING];
  return null;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (value instanceof Date || value instanceof RegExp || Buffer.isBuffer(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** SQL for one field's condition, or null when it is not a scalar comparison SQL can answer. */
function fieldCondition(
  column: string,
  condition: unknown,
): { clauses: string[]; params: ColumnValue[] } | null {
  if (!isOperatorObject(condition)) {
    const value = columnValue(condition);
    if (value === MULTIKEY) return null;
    return value === null
      ? { clauses: [`${column} IS NULL`], params: [] }
      : { clauses: [`${column} = ?`], params: [value] };
  }
  const clauses: string[] = [];
  const params: ColumnValue[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator === '$eq') {
      const inner = fieldCondition(column, operand);
      if (!inner || isOperatorObject(operand)) return null;
      clauses.push(...inner.clauses);
      params.push(...inner.params);
    } else if (operator === '$in') {
      if (!Array.isArray(operand)) return null;
      const values = operand.map(columnValue);
      if (values.some((v) => v === MULTIKEY)) return null;
      const present = values.filter((v): v is Exclude<ColumnValue, null> => v !== null);
      const alternatives: string[] = [];
      if (present.length > 0)
        alternatives.push(`${column} IN (${present.map(() => '?').join(', ')})`);
      if (present.length < values.length) alternatives.push(`${column} IS NULL`);
      clauses.push(alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`);
      params.push(...present);
    } else if (operator in RANGE_OPERATORS) {
      const bound = columnValue(operand);
      if (bound === MULTIKEY || bound === null) return null;
      const bracket = bracketOf(bound);
      if (!bracket) return null;
      clauses.push(`${column} ${RANGE_OPERATORS[operator]} ?`);
      params.push(bound);
      // MongoDB compares only within a type: keep the range inside the bound's bracket.
      const [floor, ceiling] = bracket;
      if (floor === null) clauses.push(`${column} IS NOT NULL`);
      else clauses.push(`${column} >= ?`);
      if (floor !== null) params.push(floor);
      clauses.push(`${column} < ?`);
      params.push(ceiling);
    } else {
      return null;
    }
  }
  return { clauses, params };
}

/**
 * The part of a MongoDB filter that SQL can answer over the given columns (path -> quoted column
 * name). What it cannot translate is left to mingo; `exact` says whether anything was left.
 */
export function translateFilter(
  filter: Record<string, unknown>,
  columnOf: (path: string) => string | null,
): SqlCondition {
  const result: SqlCondition = { clauses: [], params: [], exact: true };
  for (const [field, condition] of Object.entries(filter)) {
    const column = field.startsWith('$') ? null : columnOf(field);
    const translated = column ? fieldCondition(column, condition) : null;
    if (!translated) {
      result.exact = false;
      continue;
    }
    result.clauses.push(...translated.clauses);
    result.params.push(...translated.params);
  }
  return result;
}

/** ORDER BY for a MongoDB sort, or null when a sort key has no usable column. */
export function translateSort(
  sort: Record<string, 1 | -1> | undefined,
  columnOf: (path: string) => string | null,
): string | null {
  if (!sort) return '';
  const terms: string[] = [];
  for (const [field, direction] of Object.entries(sort)) {
    const column = columnOf(field);
    if (!column) return null;
    terms.push(`${column} ${direction === -1 ? 'DESC' : 'ASC'}`);
  }
  return terms.length > 0 ? `ORDER BY ${terms.join(', ')}` : '';
}
