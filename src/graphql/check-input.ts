/**
 * Applies the limits of `limits.ts` to the argument values of an operation, before it runs: every
 * text (length, characters, format), list (items), number (range) and JSON value of every
 * argument of every field, at any depth of input objects. Returns the first problem, naming the
 * argument path (`input.targets[2]`) and the limit.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { TYPE_DEFAULTS, VALUE_RULES, type ValueRule } from './limits';

export interface InputProblem {
  field: string;
  message: string;
  limit: Record<string, unknown>;
}

/**
 * C0/C1 control characters other than tab and line breaks, bidirectional overrides and isolates
 * (they make an audit entry read other than it is stored), and noncharacters.
 */
const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/u;
/** A UTF-16 surrogate without its pair: not Unicode text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function ruleOf(definition: GraphQLArgument | GraphQLInputField, named: string): ValueRule {
  const declared = (definition.extensions as { limit?: ValueRule } | undefined)?.limit;
  const byName = declared ?? VALUE_RULES[definition.name];
  const byType: ValueRule =
    named === 'String' || named === 'ID' || named === 'Float' || named === 'Int'
      ? TYPE_DEFAULTS[named]
      : {};
  return { ...byType, ...byName };
}

const problem = (field: string, message: string, limit: Record<string, unknown>) => ({
  field,
  message: `${field}: ${message}`,
  limit,
});

export function checkText(value: string, rule: ValueRule, field: string): InputProblem | null {
  if (LONE_SURROGATE.test(value))
    return problem(field, 'contiene Unicode inválido (un sustituto UTF-16 sin pareja).', {
      unicode: 'válido',
    });
  const bad = FORBIDDEN_CHARACTERS.exec(value);
  if (bad) {
    const codePoint = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return problem(
      field,
      `contiene un carácter de control no permitido (${codePoint}); se admiten tabulador y saltos de línea.`,
      { characters: 'sin caracteres de control' },
    );
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    const length = [...value].length;
    if (length > rule.maxLength)
      return problem(field, `supera el máximo de ${rule.maxLength} caracteres (tiene ${length}).`, {
        maxLength: rule.maxLength,
      });
  }
  if (rule.pattern && !rule.pattern.regex.test(value))
    return problem(field, `"${value}" no es ${rule.pattern.hint}.`, {
      pattern: rule.pattern.regex.source,
    });
  const refused = rule.check?.(value);
  return refused ? problem(field, refused, { rule: 'dominio' }) : null;
}

function checkNumber(value: number, rule: ValueRule, field: string): InputProblem | null {
  if (!Number.isFinite(value)) return problem(field, 'debe ser un número finito.', {});
  if (rule.min !== undefined && value < rule.min)
    return problem(field, `${value} es menor que el mínimo ${rule.min}.`, { min: rule.min });
  if (rule.max !== undefined && value > rule.max)
    return problem(field, `${value} supera el máximo ${rule.max}.`, { max: rule.max });
  const refused = rule.check?.(value);
  return refused ? problem(field, refused, { rule: 'dominio' }) : null;
}

/** A JSON scalar's value: bounded nesting, keys, items, text and numbers. */
function checkJson(value: unknown, rule: ValueRule, field: string): InputProblem | null {
  const limits = { ...TYPE_DEFAULTS.json, ...rule };
  let keys = 0;
  const walk = (item: unknown, path: string, depth: number): InputProblem | null => {
    if (depth > limits.maxDepth)
      return problem(field, `anida más de ${limits.maxDepth} niveles.`, {
        maxDepth: limits.maxDepth,
      });
    if (typeof item === 'string') return checkText(item, { maxLength: limits.maxLength }, path);
    if (typeof item === 'number') return checkNumber(item, TYPE_DEFAULTS.Float, path);
    if (Array.isArray(item)) {
      if (item.length > limits.maxItems)
        return problem(path, `tiene ${item.length} elementos; el máximo es ${limits.maxItems}.`, {
          maxItems: limits.maxItems,
        });
      for (const [index, element] of item.entries()) {
        const found = walk(element, `${path}[${index}]`, depth + 1);
        if (found) return found;
      }
      return null;
    }
    if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        keys += 1;
        if (keys > limits.maxKeys)
          return problem(field, `tiene más de ${limits.maxKeys} claves.`, {
            maxKeys: limits.maxKeys,
          });
        const keyProblem = checkText(key, { maxLength: 100 }, `${path}.${key.slice(0, 100)}`);
        if (keyProblem) return keyProblem;
        const found = walk(element, `${path}.${key}`, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(value, field, 0);
}

/** Checks one value of an argument or input field, recursively. */
export function checkValue(
  definition: GraphQLArgument | GraphQLInputField,
  type: GraphQLInputType,
  value: unknown,
  field: string,
): InputProblem | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  const rule = ruleOf(definition, named.name);
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    const maxItems = rule.maxItems ?? TYPE_DEFAULTS.list.maxItems;
    if (items.length > maxItems)
      return problem(field, `tiene ${items.length} elementos; el máximo es ${maxItems}.`, {
        maxItems,
      });
    for (const [index, item] of items.entries()) {
      const found = checkValue(definition, nullable.ofType, item, `${field}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const child = fields[name];
      if (!child) continue;
      const found = checkValue(child, child.type, inner, `${field}.${name}`);
      if (found) return found;
    }
    return null;
  }
  if (isEnumType(nullable)) return null;
  if (isScalarType(nullable)) {
    if (typeof value === 'string') return checkText(value, rule, field);
    if (typeof value === 'number') return checkNumber(value, rule, field);
    if (named.name.startsWith('JSON')) return checkJson(value, rule, field);
  }
  return null;
}

/**
 * The first problem in the arguments of the fields an operation selects (fragments included),
 * with the variables already coerced.
 */
export function firstArgumentProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): InputProblem | null {
  const typeInfo = new TypeInfo(schema);
  let found: InputProblem | null = null;
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (found) return false;
      const definition = typeInfo.getFieldDef();
      if (!definition || definition.args.length === 0 || !node.arguments?.length) return;
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(definition, node, variables);
      } catch {
        // A fragment of another operation that uses other variables: not this request's.
        return;
      }
      for (const argument of definition.args) {
        found = checkValue(argument, argument.type, values[argument.name], argument.name);
        if (found) return false;
      }
      return;
    },
  });
  visit(operation, visitor);
  for (const definition of document.definitions) {
    if (found) break;
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  return found;
}
