/**
 * Every limit on what a client may send, declared once.
 *
 * - `REQUEST_LIMITS`: the request as a whole (body bytes, parser tokens, depth, aliases,
 *   directives, cost), enforced at the edge before anything runs.
 * - `VALUE_RULES`: argument and input-field values, by field name wherever the name appears
 *   (`reason` is a justification in every mutation), with a default per GraphQL type for every
 *   other field. A new input type therefore gets limits with no code at all; a field that needs
 *   another limit than its name's says so on its declaration with `@Limit({ ... })`.
 *
 * A value over its limit is refused as BAD_USER_INPUT naming the argument path
 * (`input.reason`) and the limit, before any resolver runs: nothing is appended.
 */
import { Extensions } from 'type-graphql';
import { governmentPeriod } from '../domain/time';
import { DomainError } from '../domain/errors';

export const REQUEST_LIMITS = {
  /** Bytes of a request body (413 beyond): 256 KiB, far above any real mutation. */
  bodyBytes: 256 * 1024,
  /** Lexical tokens the parser reads before giving up (graphql-js `maxTokens`). */
  tokens: 5_000,
  /** Nesting of selections (GraphQL Armor max-depth). */
  depth: 10,
  /** Aliased fields in one operation (GraphQL Armor max-aliases). */
  aliases: 30,
  /** Directives in one operation (GraphQL Armor max-directives). */
  directives: 30,
  /** Estimated cost: a list costs `first` (or 5) times its elements (graphql-query-complexity). */
  complexity: 5_000,
  /** Field nodes the cost estimator visits, fragments expanded. */
  nodes: 10_000,
} as const;

/**
 * Subscriptions over WebSocket (`src/http/subscriptions.ts`): each operation passes the same
 * request limits as over HTTP; these bound what a connection may hold.
 */
export const SUBSCRIPTION_LIMITS = {
  /** Subscriptions open at once on one connection (more are refused, naming the limit). */
  perConnection: 20,
  /**
   * Messages waiting for a slow client, per subscription. Beyond, the subscription ends with
   * SERVICE_UNAVAILABLE and the last cursor delivered: the client resumes with `after` and misses
   * nothing, while the server never holds an unbounded queue.
   */
  queuedMessages: 1_000,
  /** Milliseconds a connection may take to send `connection_init` with its token. */
  connectionInitMs: 10_000,
} as const;

/** What a value must satisfy. Text rules apply to each item of a list of texts. */
export interface ValueRule {
  /** Text: maximum length in characters. */
  maxLength?: number;
  /** Text: the shape of a code, with a Spanish hint of what is expected. */
  pattern?: { regex: RegExp; hint: string };
  /** Lists (and JSON arrays): maximum number of items. */
  maxItems?: number;
  /** Numbers: inclusive range. */
  min?: number;
  max?: number;
  /** A rule of the domain (e.g. a cuatrienio's first year): the problem in Spanish, or null. */
  check?: (value: string | number) => string | null;
  /** JSON objects: maximum nesting and number of keys (all levels). */
  maxDepth?: number;
  maxKeys?: number;
}

/** Overrides the limit a field gets from its name or type: `@Limit({ maxLength: 20_000 })`. */
export const Limit = (rule: ValueRule) => Extensions({ limit: rule });

const text = (maxLength: number): ValueRule => ({ maxLength });
const int = (min: number, max: number, check?: ValueRule['check']): ValueRule => ({
  min,
  max,
  ...(check ? { check } : {}),
});
const code = (regex: RegExp, hint: string, maxItems?: number): ValueRule => ({
  pattern: { regex, hint },
  ...(maxItems ? { maxItems } : {}),
});

const INT32_MAX = 2_147_483_647;
const MUNICIPALITY = /^\d{5}$/;
const SEMESTER = /^\d{4}-[12]$/;

/** A calendar date AAAA-MM-DD that exists (no 31 February). */
function calendarDate(value: string | number): string | null {
  const date = new Date(`${String(value)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value
    ? 'no es una fecha del calendario.'
    : null;
}

/** The first year of a government period, as the domain defines it. */
function cuatrienioStart(value: string | number): string | null {
  try {
    governmentPeriod(Number(value));
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

const DATE = code(/^\d{4}-\d{2}-\d{2}$/, 'una fecha AAAA-MM-DD');
const dateRule: ValueRule = { ...DATE, check: calendarDate };

/** Defaults by GraphQL type, for every field with no rule of its own. */
export const TYPE_DEFAULTS = {
  String: text(1_000),
  ID: text(100),
  Float: { min: -1e15, max: 1e15 },
  Int: int(0, INT32_MAX),
  list: { maxItems: 100 },
  /** JSON scalars (`checklist`, `participants`, `methodology`). */
  json: { maxDepth: 6, maxKeys: 2_000, maxItems: 200, maxLength: 1_000 },
} satisfies Record<string, ValueRule>;

/** Rules by field or argument name, wherever it appears. */
export const VALUE_RULES: Record<string, ValueRule> = {
  // Justifications and legal acts: what the audit trail shows.
  reason: text(2_000),
  legalBasis: text(300),
  // Names, sources and descriptions.
  name: text(300),
  investmentName: text(300),
  need: text(1_000),
  source: text(300),
  detail: text(300),
  executorDetail: text(300),
  expectedProduct: text(1_000),
  product: text(1_000),
  evidence: text(1_000),
  place: text(300),
  objectives: { maxItems: 20, maxLength: 1_000 },
  fundingSources: { maxItems: 20, maxLength: 200 },
  rightsCategories: { maxItems: 20, maxLength: 100 },
  components: { maxItems: 20, maxLength: 100 },
  eventTypes: { maxItems: 50, maxLength: 100 },
  flag: text(100),
  after: text(200),
  // Territory: DANE codes (DIVIPOLA).
  daneCode: code(MUNICIPALITY, 'un código DANE de municipio de 5 dígitos, p. ej. "73001"'),
  municipality: code(MUNICIPALITY, 'un código DANE de municipio de 5 dígitos, p. ej. "73001"'),
  municipalities: code(MUNICIPALITY, 'códigos DANE de municipio de 5 dígitos', 200),
  departmentCode: code(/^\d{2}$/, 'un código DANE de departamento de 2 dígitos, p. ej. "73"'),
  scope: code(/^(\d{2}|\d{5})$/, 'un código de departamento (2 dígitos) o de municipio (5)'),
  // Time.
  // Any Int reaches the domain's rule, whose message says which years start a cuatrienio.
  firstYear: int(-INT32_MAX - 1, INT32_MAX, cuatrienioStart),
  year: int(1990, 2100),
  month: int(1, 12),
  semester: code(SEMESTER, 'un semestre AAAA-1 o AAAA-2, p. ej. "2025-1"'),
  plannedSemester: code(SEMESTER, 'un semestre AAAA-1 o AAAA-2, p. ej. "2025-1"'),
  date: dateRule,
  endDate: dateRule,
  filedOn: dateRule,
  // Pages and revisions.
  first: int(1, 100),
  expectedRevision: int(-1, INT32_MAX),
};
