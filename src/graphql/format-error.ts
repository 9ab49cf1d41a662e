/**
 * What every error looks like when it leaves the server: one of the codes of ERROR_CONTRACT, a
 * Spanish message, `extensions.field` with the argument or variable path when there is one, and
 * no stack trace outside NODE_ENV=development. Anything unexpected is logged and answered as
 * INTERNAL_SERVER_ERROR without details.
 */
import {
  GraphQLError,
  getNamedType,
  isInputObjectType,
  Kind,
  parse,
  visit,
  type ASTNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Logger } from '../logging';
import { ERROR_CODES, toApiError, type ErrorCode } from './errors';
import { translateRequestError } from './messages-es';

/** Apollo's codes for request errors, and the code of the contract each becomes. */
const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_SUPPORTED',
};

/** Apollo's own error classes: their messages are English and are translated here. */
const APOLLO_ERRORS = new Set([
  'SyntaxError',
  'ValidationError',
  'UserInputError',
  'OperationResolutionError',
  'BadRequestError',
  'PersistedQueryNotFoundError',
  'PersistedQueryNotSupportedError',
]);
const isApolloError = (error: unknown) =>
  error instanceof GraphQLError && APOLLO_ERRORS.has(error.name);

/**
 * The argument path (`input.targets[2]`) of the value an inline validation error points at,
 * found again in the request's source by position.
 */
export function argumentPathAt(source: string, position: number): string | null {
  let document;
  try {
    document = parse(source, { noLocation: false });
  } catch {
    return null;
  }
  let found: string | null = null;
  const pathOf = (node: ASTNode, path: string): void => {
    if (found !== null || !node.loc) return;
    if (node.loc.start > position || node.loc.end <= position) return;
    if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) pathOf(field, path);
    } else if (node.kind === Kind.OBJECT_FIELD) {
      const inner = `${path}.${node.name.value}`;
      if (node.value.loc && node.value.loc.start <= position) pathOf(node.value, inner);
      found ??= inner;
      return;
    } else if (node.kind === Kind.LIST) {
      node.values.forEach((value, index) => pathOf(value, `${path}[${index}]`));
    }
    found ??= path;
  };
  visit(document, {
    Argument(node) {
      if (found === null) pathOf(node.value, node.name.value);
      if (found === null && node.loc && node.loc.start <= position && node.loc.end > position)
        found = node.name.value;
      return false;
    },
  });
  return found;
}

/**
 * A mutation that takes one `input:` gets its domain errors named from the argument
 * (`targets[2]` becomes `input.targets[2]`), when the field is one of the input's.
 */
function qualified(schema: GraphQLSchema, error: GraphQLError, field: string): string {
  const root = error.path?.[0];
  if (typeof root !== 'string' || error.path?.length !== 1) return field;
  const definition =
    schema.getMutationType()?.getFields()[root] ?? schema.getQueryType()?.getFields()[root];
  const input = definition?.args.find((arg) => arg.name === 'input');
  const head = /^[A-Za-z_][A-Za-z0-9_]*/.exec(field)?.[0];
  if (!input || !head || field.startsWith('input.')) return field;
  const type = getNamedType(input.type);
  return isInputObjectType(type) && type.getFields()[head] ? `input.${field}` : field;
}

export interface ErrorFormatterOptions {
  schema: GraphQLSchema;
  development: boolean;
  logger: Logger;
}

export function createErrorFormatter({ schema, development, logger }: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const graphQLError = error instanceof GraphQLError ? error : null;
    const original = graphQLError?.originalError ?? error;
    const { stacktrace, ...apolloExtensions } = formatted.extensions ?? {};
    const debug = development && stacktrace ? { stacktrace } : {};
    const mapped = isApolloError(original) ? null : toApiError(original);
    if (mapped && ERROR_CODES.includes(mapped.extensions.code as ErrorCode)) {
      const { http: _http, ...extensions } = mapped.extensions;
      let message = mapped.message;
      if (typeof extensions.field === 'string' && graphQLError) {
        const field = qualified(schema, graphQLError, extensions.field);
        if (field !== extensions.field) {
          if (message.startsWith(`${extensions.field}: `))
            message = `${field}: ${message.slice(extensions.field.length + 2)}`;
          extensions.field = field;
        }
      }
      return { ...formatted, message, extensions: { ...extensions, ...debug } };
    }
    const apolloCode = apolloExtensions.code as string | undefined;
    const code = apolloCode ? APOLLO_CODES[apolloCode] : undefined;
    if (code) {
      const translated = translateRequestError(formatted.message);
      let field = translated?.field;
      const position = graphQLError?.nodes?.[0]?.loc?.start;
      const source = graphQLError?.source?.body;
      if (!field && apolloCode === 'GRAPHQL_VALIDATION_FAILED' && source && position !== undefined)
        field = argumentPathAt(source, position) ?? undefined;
      if (!field && apolloCode === 'GRAPHQL_PARSE_FAILED') field = 'query';
      return {
        ...formatted,
        message: translated?.message ?? `Petición inválida: ${formatted.message}`,
        extensions: { code, ...(field ? { field } : {}), ...debug },
      };
    }
    logger.error({ err: original }, 'error interno');
    return {
      message: 'Error interno del servidor.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        ...(development ? { detail: formatted.message, ...debug } : {}),
      },
    };
  };
}
