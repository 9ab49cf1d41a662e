/**
 * Malformed requests, generated with fast-check from the schema: a target (mutation or query
 * with arguments), plausible arguments with one anomaly at one position, a token, a media type,
 * and variables or inline literals. Every mutation request carries at least one defect that must
 * be refused (a bad value, a bad token, or a role outside its territory), so the event log must
 * not grow, whatever the mutation.
 */
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import {
  deepSelection,
  literal,
  minimalSelection,
  plausibleValue,
  targetsOf,
  typeName,
  type Definition,
  type Target,
} from './model';

/** Who sends the request. Out-of-scope roles are of another department than the demo's. */
export const TOKENS = [
  'none',
  'garbage',
  'malformed',
  'expired',
  'forged',
  'PLANNER:73001',
  'PDA:73',
  'CTP:73001',
  'CONTROL:contraloria',
  'MINISTRY:minvivienda',
  'ADMIN:minvivienda',
  'PLANNER:05001',
  'PDA:05',
  'CTP:05001',
] as const;
export type TokenChoice = (typeof TOKENS)[number];
/** Tokens a mutation must refuse whatever it is: no valid credentials, or another territory. */
const REFUSED_TOKENS: TokenChoice[] = [
  'none',
  'garbage',
  'malformed',
  'expired',
  'forged',
  'PLANNER:05001',
  'PDA:05',
  'CTP:05001',
];

export const ACCEPTS = [
  undefined,
  'application/json',
  'application/graphql-response+json',
  '*/*',
  'application/graphql-response+json, application/json;q=0.9',
] as const;

export const ANOMALIES = [
  'wrongType',
  'null',
  'missing',
  'unknownField',
  'emptyText',
  'oversized',
  'hugeText',
  'controlCharacter',
  'loneSurrogate',
  'outOfRange',
  'unknownEnum',
  'hugeList',
  'badFormat',
] as const;
export type Anomaly = (typeof ANOMALIES)[number];

export interface FuzzCase {
  target: number;
  mode: 'value' | 'token' | 'shape' | 'http';
  anomaly: Anomaly;
  position: number;
  variant: number;
  token: TokenChoice;
  accept: (typeof ACCEPTS)[number];
  inline: boolean;
}

export interface BuiltRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  search?: string;
  /** What was generated, for the summary and for a failing case's report. */
  label: string;
}

interface Position {
  path: Array<string | number>;
  definition: Definition;
  type: GraphQLInputType;
}

/** Every place of an argument tree where an anomaly can go. */
function positions(
  definition: Definition,
  type: GraphQLInputType,
  value: unknown,
  path: Array<string | number>,
): Position[] {
  const here: Position = { path, definition, type };
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable) && Array.isArray(value))
    return [
      here,
      ...value.flatMap((item, i) => positions(definition, nullable.ofType, item, [...path, i])),
    ];
  if (isInputObjectType(nullable) && value && typeof value === 'object')
    return [
      here,
      ...Object.values(nullable.getFields()).flatMap((field) =>
        positions(field, field.type, (value as Record<string, unknown>)[field.name], [
          ...path,
          field.name,
        ]),
      ),
    ];
  return [here];
}

const DATES = new Set(['date', 'endDate', 'filedOn']);
const SEMESTERS = new Set(['semester', 'plannedSemester']);
const CODES = new Set(['daneCode', 'municipality', 'municipalities', 'scope', 'departmentCode']);

/** A value that must be refused at `position`, or undefined when the anomaly does not apply. */
function anomalous(
  anomaly: Anomaly,
  position: Position,
  variant: number,
  forMutation: boolean,
): unknown {
  const { type, definition } = position;
  const nullable = getNullableType(type) as GraphQLInputType;
  const named = getNamedType(type);
  const scalar = isScalarType(nullable) ? nullable.name : null;
  const pick = <T>(options: readonly T[]): T => options[variant % options.length]!;
  switch (anomaly) {
    case 'wrongType':
      if (isListType(nullable))
        return isInputObjectType(getNamedType(nullable)) ? pick(['x', 7]) : pick([[[1]], { a: 1 }]);
      if (isInputObjectType(nullable)) return pick(['texto', 5, [1], true]);
      if (isEnumType(nullable)) return pick([1, true, { a: 1 }]);
      switch (scalar) {
        case 'String':
          return pick([42, true, { a: 1 }, [[1]]]);
        case 'ID':
          return pick([true, 1.5, { a: 1 }, [[1]]]);
        case 'Int':
          return pick(['12', 1.5, true, { a: 1 }]);
        case 'Float':
          return pick(['1,5', true, { a: 1 }, [[1]]]);
        case 'Boolean':
          return pick(['true', 1, { a: 1 }]);
        case 'DateTime':
          return pick([true, { a: 1 }, [[1]]]);
        default:
          return pick(['texto', 5, true, [1]]);
      }
    case 'null':
      return isNonNullType(type) ? null : undefined;
    case 'missing':
      return isNonNullType(type) && typeof position.path[position.path.length - 1] === 'string'
        ? MISSING
        : undefined;
    case 'unknownField':
      return isInputObjectType(nullable) ? UNKNOWN_FIELD : undefined;
    case 'emptyText':
      // Only required text must be refused when empty; optional text may be "not given".
      if (!forMutation || (isNonNullType(type) && (scalar === 'String' || scalar === 'ID')))
        return scalar === 'String' || scalar === 'ID' ? pick(['', '   ', '\n\t']) : undefined;
      return undefined;
    case 'oversized':
      return scalar === 'String' || scalar === 'ID' ? 'x'.repeat(25_000 + variant) : undefined;
    case 'hugeText':
      return scalar === 'String' || scalar === 'ID' ? 'x'.repeat(300_000) : undefined;
    case 'controlCharacter':
      return scalar === 'String' || scalar === 'ID'
        ? `Texto${pick(['\u0000', '\u0007', '\u001B[31m', '\u007F', '\u0085', '\u202E', '\uFFFF'])}fin`
        : undefined;
    case 'loneSurrogate':
      return scalar === 'String' || scalar === 'ID'
        ? pick(['\uD800', 'a\uDC00b', 'fin\uDBFF'])
        : undefined;
    case 'outOfRange':
      if (scalar === 'Int') return pick([2_147_483_648, -2_147_483_649, 1e20, 1.5]);
      if (scalar === 'Float') return pick([1e16, -1e16, 1e308, -1e308]);
      return undefined;
    case 'unknownEnum':
      return isEnumType(nullable) ? pick(['NOPE', 'goal ', 'GOAL']) : undefined;
    case 'hugeList':
      return isListType(nullable)
        ? Array(10_000).fill(plausibleValue(definition, nullable.ofType))
        : undefined;
    case 'badFormat':
      if (scalar === 'DateTime') return pick(['ayer', '2025-02-30T00:00:00Z', '2025-13-01', '']);
      if (DATES.has(definition.name) && scalar === 'String')
        return pick(['2025-02-30', '2025-13-01', '20-05-2025', 'ayer']);
      if (SEMESTERS.has(definition.name)) return pick(['2025-3', '25-1', '2025-01', '2025', '']);
      if (CODES.has(definition.name) && scalar === 'ID')
        return pick(['abc', '7300', '730011', '7300A', ' 73001', '']);
      if (CODES.has(definition.name) && isListType(nullable))
        return pick([['abc'], ['73001', '7300']]);
      return named.name === 'Int' && definition.name === 'firstYear'
        ? pick([2025, 1999, 0, -4])
        : undefined;
  }
}

const MISSING = Symbol('missing');
const UNKNOWN_FIELD = Symbol('unknown field');

function setAt(root: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === MISSING) delete node[last];
  else if (value === UNKNOWN_FIELD)
    node[last] = { ...(node[last] as Record<string, unknown> | undefined), campoDesconocido: 1 };
  else node[last] = value;
}

export function fuzzCaseArbitrary(targetCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    target: fc.nat({ max: targetCount - 1 }),
    mode: fc.constantFrom('value', 'value', 'value', 'value', 'token', 'shape', 'http'),
    anomaly: fc.constantFrom(...ANOMALIES),
    position: fc.nat({ max: 1_000 }),
    variant: fc.nat({ max: 100 }),
    token: fc.constantFrom(...TOKENS),
    accept: fc.constantFrom(...ACCEPTS),
    inline: fc.boolean(),
  });
}

/** Turns a generated case into an HTTP request, or null when the case cannot apply here. */
export function buildRequest(
  schema: GraphQLSchema,
  fuzzCase: FuzzCase,
): { request: BuiltRequest; token: TokenChoice; mutation: boolean } | null {
  const targets: Target[] = targetsOf(schema);
  const target = targets[fuzzCase.target % targets.length]!;
  const mutation = target.operation === 'mutation';
  const accept: Record<string, string> = fuzzCase.accept ? { accept: fuzzCase.accept } : {};
  const args: Record<string, unknown> = {};
  for (const arg of target.field.args)
    if (isNonNullType(arg.type) || fuzzCase.variant % 2 === 0) args[arg.name] = plausibleValue(arg);
  let label = `${target.operation} ${target.field.name}`;
  let token = fuzzCase.token;
  let selection = minimalSelection(target.field.type);
  let aliases = 1;

  if (fuzzCase.mode === 'value') {
    const all = target.field.args.flatMap((arg) =>
      positions(arg, arg.type, args[arg.name], [arg.name]),
    );
    const applicable = all
      .map((position) => ({
        position,
        value: anomalous(fuzzCase.anomaly, position, fuzzCase.variant, mutation),
      }))
      .filter((candidate) => candidate.value !== undefined);
    if (applicable.length === 0) return null;
    const chosen = applicable[fuzzCase.position % applicable.length]!;
    setAt(args, chosen.position.path, chosen.value);
    label += ` ${fuzzCase.anomaly} at ${chosen.position.path.join('.')}`;
  } else if (fuzzCase.mode === 'token') {
    token = REFUSED_TOKENS[fuzzCase.variant % REFUSED_TOKENS.length]!;
    label += ` token ${token}`;
  } else if (fuzzCase.mode === 'shape') {
    if (mutation) return null;
    let seed = fuzzCase.position;
    const pick = (n: number) => (seed = (seed * 31 + 7) % 9973) % n;
    if (fuzzCase.variant % 2 === 0) {
      selection = deepSelection(target.field.type, 8 + (fuzzCase.variant % 15), pick);
      label += ' deep';
    } else {
      aliases = 20 + (fuzzCase.variant % 60);
      selection = deepSelection(target.field.type, 3, pick);
      label += ` ${aliases} aliases`;
    }
  } else {
    return { request: malformedHttp(fuzzCase.variant, accept), token, mutation: false };
  }

  const used = target.field.args.filter((arg) => arg.name in args);
  let query: string;
  let variables: Record<string, unknown> | undefined;
  if (fuzzCase.inline) {
    const argumentText = used
      .map((arg) => `${arg.name}: ${literal(args[arg.name], arg.type)}`)
      .join(', ');
    const call = `${target.field.name}${used.length ? `(${argumentText})` : ''} ${selection}`;
    query = `${target.operation} { ${Array.from({ length: aliases }, (_, i) => (aliases > 1 ? `a${i}: ${call}` : call)).join(' ')} }`;
    label += ' inline';
  } else {
    const definitions = used.map((arg) => `$${arg.name}: ${typeName(arg.type)}`).join(', ');
    const argumentText = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    const call = `${target.field.name}${used.length ? `(${argumentText})` : ''} ${selection}`;
    query = `${target.operation}${used.length ? `(${definitions})` : ''} { ${Array.from({ length: aliases }, (_, i) => (aliases > 1 ? `a${i}: ${call}` : call)).join(' ')} }`;
    variables = Object.fromEntries(used.map((arg) => [arg.name, args[arg.name]]));
  }
  return {
    request: {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...accept },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      label,
    },
    token,
    mutation,
  };
}

/** Requests that are not GraphQL requests at all. */
function malformedHttp(variant: number, accept: Record<string, string>): BuiltRequest {
  const json = { 'content-type': 'application/json', ...accept };
  const cases: BuiltRequest[] = [
    { method: 'POST', headers: json, body: '{"query": ', label: 'http body not JSON' },
    { method: 'POST', headers: json, body: '{"variables": {}}', label: 'http no query' },
    { method: 'POST', headers: json, body: '{"query": 42}', label: 'http query not a string' },
    {
      method: 'POST',
      headers: json,
      body: '{"query": "{ indicators { code } }", "variables": "{}"}',
      label: 'http variables as a string',
    },
    {
      method: 'POST',
      headers: json,
      body: '[{"query": "{ indicators { code } }"}]',
      label: 'http batch',
    },
    { method: 'POST', headers: json, body: 'null', label: 'http null body' },
    {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...accept },
      body: '{ indicators { code } }',
      label: 'http text/plain',
    },
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv' },
      body: '{"query": "{ indicators { code } }"}',
      label: 'http accept csv',
    },
    {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: `{ indicators { code } } #${'x'.repeat(300_000)}` }),
      label: 'http body over the limit',
    },
    {
      method: 'GET',
      headers: { ...accept },
      search: `?query=${encodeURIComponent('mutation { openPlan(input: {daneCode: "73001", firstYear: 2024}) { revision } }')}`,
      label: 'http mutation by GET',
    },
    {
      method: 'GET',
      headers: { ...accept },
      search: '?query=%7B&variables=%7B',
      label: 'http GET bad query and variables',
    },
    {
      method: 'POST',
      headers: json,
      body: '{"query": "{ indicators { code } }", "operationName": "Nope"}',
      label: 'http unknown operationName',
    },
    {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        query: '{ indicators { code } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
      }),
      label: 'http persisted query',
    },
    {
      method: 'POST',
      headers: json,
      body: `{"query": "${'{ a '.repeat(3000)}"}`,
      label: 'http unbalanced braces',
    },
    {
      method: 'POST',
      headers: json,
      body: '{"query": "query($v: Float) { indicators { code } }", "variables": {"v": NaN}}',
      label: 'http NaN in variables',
    },
    {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        query:
          'mutation { setBaseline(input: { daneCode: "73001", firstYear: 2024, indicator: "ACU-COB-URB", value: 1e999, measuredAt: { year: 2023 }, source: "SUI" }) { revision } }',
      }),
      label: 'http non-finite Float literal',
    },
  ];
  return cases[variant % cases.length]!;
}
