/**
 * One schema style, as the README's "Schema conventions" section states it: names, one `input:`
 * and a payload per mutation, connections, and deprecations that say when they end.
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
} from 'graphql';
import { bitacoraSchema } from '../../src/graphql/schema';

const schema = bitacoraSchema();
const own = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));

/** Exceptions the README names, each kept because changing it would break a client. */
const LOWERCASE_ENUMS = new Set([
  // Its values are the `entityType` strings every audit entry carries (`AuditEntry.entityType`).
  'AuditEntityType',
]);
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER = /^[A-Z][A-Z0-9_]*$/;
const REMOVAL_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

function fieldsOf(type: GraphQLNamedType) {
  return isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)
    ? Object.values(type.getFields())
    : [];
}

describe('the schema style', () => {
  it('names types in PascalCase, fields and arguments in camelCase, enum values in UPPER_CASE', () => {
    const wrong: string[] = [];
    for (const type of own) {
      if (!PASCAL.test(type.name)) wrong.push(type.name);
      for (const field of fieldsOf(type)) {
        if (!CAMEL.test(field.name)) wrong.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : [])
          if (!CAMEL.test(arg.name)) wrong.push(`${type.name}.${field.name}(${arg.name})`);
      }
      if (isEnumType(type) && !LOWERCASE_ENUMS.has(type.name))
        for (const value of type.getValues())
          if (!UPPER.test(value.name)) wrong.push(`${type.name}.${value.name}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names input types …Input (or …Filter for a list filter)', () => {
    const wrong = own.filter(
      (type) => isInputObjectType(type) && !/(Input|Filter)$/.test(type.name),
    );
    expect(wrong.map((type) => type.name)).toEqual([]);
  });

  it('gives every mutation one `input:` of an …Input type and a …Payload with eventIds', () => {
    const wrong: string[] = [];
    for (const mutation of Object.values(schema.getMutationType()!.getFields())) {
      const input = mutation.args.find((arg) => arg.name === 'input');
      const legacy = mutation.args.filter((arg) => arg.name !== 'input');
      const payload = getNullableType(mutation.type);
      if (!input) wrong.push(`${mutation.name}: sin input`);
      if (input) {
        const type = getNullableType(input.type);
        if (!isInputObjectType(type) || !type.name.endsWith('Input'))
          wrong.push(`${mutation.name}: input no es un …Input`);
        if (input.deprecationReason) wrong.push(`${mutation.name}: input obsoleto`);
        // Old loose arguments, kept deprecated, make `input` optional; otherwise it is required.
        if (legacy.length === 0 && !isNonNullType(input.type))
          wrong.push(`${mutation.name}: input opcional`);
        for (const arg of legacy)
          if (!arg.deprecationReason) wrong.push(`${mutation.name}(${arg.name}): no obsoleto`);
      }
      if (
        !isNonNullType(mutation.type) ||
        !isObjectType(payload) ||
        !payload.name.endsWith('Payload')
      )
        wrong.push(`${mutation.name}: no devuelve un …Payload!`);
      else if (!payload.getFields().eventIds) wrong.push(`${mutation.name}: payload sin eventIds`);
    }
    expect(wrong).toEqual([]);
  });

  it('says in every deprecation when the old form goes away (AAAA-MM-DD)', () => {
    const undated: string[] = [];
    const check = (where: string, reason: string | null | undefined) => {
      if (reason && !REMOVAL_DATE.test(reason)) undated.push(`${where}: ${reason}`);
    };
    for (const type of own) {
      for (const field of fieldsOf(type)) {
        check(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of 'args' in field ? field.args : [])
          check(`${type.name}.${field.name}(${arg.name})`, arg.deprecationReason);
      }
      if (isEnumType(type))
        for (const value of type.getValues())
          check(`${type.name}.${value.name}`, value.deprecationReason);
    }
    expect(undated).toEqual([]);
  });

  it('pages growing lists as Relay connections: first/after, edges {cursor node}, pageInfo, totalCount', () => {
    const wrong: string[] = [];
    for (const type of own) {
      for (const field of fieldsOf(type) as Array<GraphQLField<unknown, unknown>>) {
        const named = getNamedType(field.type);
        if (!named.name.endsWith('Connection') || !isObjectType(named)) continue;
        const args = field.args.map((arg) => arg.name);
        if (!args.includes('first') || !args.includes('after'))
          wrong.push(`${type.name}.${field.name}: sin first/after`);
        const fields = named.getFields();
        if (!fields.edges || !fields.pageInfo || !fields.totalCount)
          wrong.push(`${named.name}: sin edges/pageInfo/totalCount`);
        const edge = fields.edges && getNamedType(fields.edges.type);
        if (!edge || !isObjectType(edge) || !edge.getFields().cursor || !edge.getFields().node)
          wrong.push(`${named.name}: aristas sin cursor/node`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names subscriptions for the fact they announce, in the past (…Added, …Changed)', () => {
    const subscriptions = Object.keys(schema.getSubscriptionType()?.getFields() ?? {});
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(subscriptions.filter((name) => !/^[a-z]\w*(Added|Changed|Removed)$/.test(name))).toEqual(
      [],
    );
  });
});
