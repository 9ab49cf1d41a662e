/**
 * What the fuzzer knows of the API, read from the committed `schema/schema.graphql` only: every
 * mutation and every query with arguments, a plausible value for each argument (so that a
 * request gets past the first check and exercises the ones behind it), and how to write values
 * as variables or inline literals. A mutation added to the schema is fuzzed with no change here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export const SCHEMA_PATH = join(__dirname, '..', '..', 'schema', 'schema.graphql');

export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(SCHEMA_PATH, 'utf8'));
}

export interface Target {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

/** Every mutation, and every query that takes arguments. */
export function targetsOf(schema: GraphQLSchema): Target[] {
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({
    operation: 'mutation' as const,
    field,
  }));
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter((field) => field.args.length > 0)
    .map((field) => ({ operation: 'query' as const, field }));
  return [...mutations, ...queries];
}

/** Plausible values by field name (what the demo data has), else by type. */
const PLAUSIBLE: Record<string, unknown> = {
  daneCode: '73001',
  municipality: '73001',
  municipalities: ['73001', '73268'],
  departmentCode: '73',
  scope: '73',
  firstYear: 2024,
  year: 2025,
  month: 6,
  semester: '2025-1',
  plannedSemester: '2026-1',
  date: '2025-05-20',
  endDate: '2026-12-31',
  filedOn: '2025-03-01',
  indicator: 'ACU-COB-URB',
  unit: 'porcentaje',
  kind: 'propio',
  table: 'fuentes',
  row: 'SGP_APSB',
  line: 'PARTICIPACION_CIUDADANA',
  report: 'SUI_ESTRATIFICACION',
  flag: 'DESCERTIFICACION',
  components: ['calidad_agua'],
  targets: [1, 1, 1, 1],
  amounts: [1000, 1000, 1000, 1000],
  valueByYear: [1000, 1000, 1000, 1000],
  total: 4,
  value: 50,
  reason: 'Ajuste por revisión',
  legalBasis: 'Acuerdo 012 de 2024',
  source: 'SUI',
  first: 5,
  goalId: '73001-2024-ACU-COB-URB',
  id: '73001-2024-ACU-COB-URB',
  planId: 'plan-73001-2024',
  expectedRevision: 0,
  at: '2025-06-30T12:00:00-05:00',
  knownAt: '2025-06-30T12:00:00-05:00',
  from: '2024-01-01T00:00:00Z',
  to: '2026-01-01T00:00:00Z',
  participants: { age: { '18-28': 3 } },
  checklist: { planAdopted: true },
  methodology: { id: 'RES-FUZZ' },
};

export type Definition = GraphQLArgument | GraphQLInputField;

/** A plausible value for an argument or input field: required fields always, optional often. */
export function plausibleValue(
  definition: Definition,
  type: GraphQLInputType = definition.type,
): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (definition.name in PLAUSIBLE && !isInputObjectType(getNamedType(type)))
    return structuredClone(PLAUSIBLE[definition.name]);
  if (isListType(nullable)) return [plausibleValue(definition, nullable.ofType)];
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) || field.name in PLAUSIBLE)
        value[field.name] = plausibleValue(field);
    }
    return value;
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'ID':
        return 'ID-1';
      case 'DateTime':
        return '2025-01-01T00:00:00Z';
      case 'JSONObject':
      case 'JSON':
        return {};
      default:
        return 'texto';
    }
  }
  return null;
}

/** A type as written in a variable definition, e.g. `[Float!]!`. */
export const typeName = (type: GraphQLInputType): string => String(type);

/** A JS value as a GraphQL literal of `type` (enums bare, objects without quoted keys). */
export function literal(value: unknown, type: GraphQLInputType | null): string {
  const nullable = type ? (getNullableType(type) as GraphQLInputType) : null;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => literal(item, nullable && isListType(nullable) ? nullable.ofType : nullable)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `${key}: ${literal(inner, fields[key]?.type ?? null)}`)
      .join(', ')} }`;
  }
  if (
    typeof value === 'string' &&
    nullable &&
    isEnumType(getNamedType(nullable)) &&
    /^[_A-Za-z]\w*$/.test(value)
  )
    return value;
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN' : '1e999';
  return JSON.stringify(value);
}

/** The smallest selection a field's type accepts: `__typename` for objects, nothing for leaves. */
export function minimalSelection(type: GraphQLOutputType): string {
  return isLeafType(getNamedType(type)) ? '' : '{ __typename }';
}

/**
 * A selection that follows object fields (without required arguments) `depth` levels down, the
 * way a client nests `plans { goals { municipality { plans ... } } }`.
 */
export function deepSelection(
  type: GraphQLOutputType,
  depth: number,
  pick: (n: number) => number,
): string {
  const named = getNamedType(type);
  if (!isObjectType(named) || depth <= 0) return minimalSelection(type);
  const candidates = Object.values(named.getFields()).filter(
    (field) =>
      !field.args.some((arg) => isNonNullType(arg.type)) && isObjectType(getNamedType(field.type)),
  );
  if (candidates.length === 0) return '{ __typename }';
  const next = candidates[pick(candidates.length)]!;
  return `{ __typename ${next.name} ${deepSelection(next.type, depth - 1, pick)} }`;
}
