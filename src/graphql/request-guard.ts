/**
 * The edge: what refuses a request before any resolver runs, with the limits of `limits.ts`.
 *
 * - parsing stops after `tokens` lexical tokens (graphql-js `maxTokens`);
 * - validation refuses too much depth, too many aliases or directives (GraphQL Armor's rules,
 *   with Spanish messages);
 * - then, once the operation is known: a mutation without a token is 401; variables are coerced
 *   (a wrong type is a request error naming `variables.<path>`); every argument value is checked
 *   against its limits; and the estimated cost is bounded (graphql-query-complexity, counting a
 *   list as `first` times its elements, so the cost model matches the DataLoader batching).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNullableType,
  getVariableValues,
  GraphQLError,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import { firstArgumentProblem } from './check-input';
import type { Context } from './context';
import { requestError, unauthenticatedRequest } from './errors';
import { REQUEST_LIMITS } from './limits';
import { translateRequestError } from './messages-es';

/** Elements assumed for a list without `first` (a municipality's plans, a plan's goals...). */
const LIST_GUESS = 5;

/**
 * A paginated field costs `first` times what each element asks for; any other list, LIST_GUESS
 * times. A connection's `edges` is already counted by its `first`.
 */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  const each = Math.max(childComplexity, 1);
  if (typeof args.first === 'number') return 1 + args.first * each;
  if (field.name !== 'edges' && isListType(getNullableType(field.type)))
    return 1 + LIST_GUESS * each;
  return undefined;
};

const badRequestInput = (message: string, extensions: Record<string, unknown>) =>
  requestError('BAD_USER_INPUT', 400, message, extensions);

/** Armor's rule, reporting in Spanish what it found against the limit. */
function armor(
  rule: (options: {
    n: number;
    flattenFragments?: boolean;
    propagateOnRejection: boolean;
    onReject: Array<(context: ValidationContext | null, error: GraphQLError) => void>;
  }) => ValidationRule,
  maximum: number,
  what: (found: string) => string,
): ValidationRule {
  return rule({
    n: maximum,
    // A fragment spread is not a level of nesting: its fields count at the spread's depth.
    flattenFragments: true,
    propagateOnRejection: false,
    onReject: [
      (context, error) => {
        const found = /found (\d+)/.exec(error.message)?.[1] ?? '?';
        context?.reportError(
          new GraphQLError(`${what(found)} (máximo ${maximum}).`, {
            extensions: { code: 'BAD_USER_INPUT', field: 'query', maximum },
          }),
        );
      },
    ],
  });
}

export const guardValidationRules: ValidationRule[] = [
  armor(
    maxDepthRule,
    REQUEST_LIMITS.depth,
    (found) => `La consulta anida ${found} niveles: pida menos anidamiento`,
  ),
  armor(
    maxAliasesRule,
    REQUEST_LIMITS.aliases,
    (found) => `La consulta usa ${found} alias: divídala en varias peticiones`,
  ),
  armor(
    maxDirectivesRule,
    REQUEST_LIMITS.directives,
    (found) => `La consulta usa ${found} directivas`,
  ),
];

export const guardParseOptions = { maxTokens: REQUEST_LIMITS.tokens };

export function requestGuard(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  /**
   * Documents (Apollo parses each query text once and reuses the document) already found within
   * the limits without variables, by operation name: the checks below depend on nothing else, so
   * a query repeated by a dashboard is not measured again.
   */
  const passed = new WeakMap<DocumentNode, Set<string>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return;
          if (operation.operation === 'mutation' && !contextValue.principal) {
            throw unauthenticatedRequest(
              'Inicie sesión: las mutaciones requieren un token (Authorization: Bearer <token>).',
              false,
            );
          }
          const plain = !request.variables || Object.keys(request.variables).length === 0;
          const name = request.operationName ?? '';
          if (plain && passed.get(document)?.has(name)) return;
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
            { maxErrors: 1 },
          );
          if (coerced.errors) {
            const [first] = coerced.errors;
            const translated = translateRequestError(first!.message);
            throw badRequestInput(translated?.message ?? `Variables inválidas: ${first!.message}`, {
              field: translated?.field ?? 'variables',
            });
          }
          const problem = firstArgumentProblem(schema, document, operation, coerced.coerced);
          if (problem)
            throw badRequestInput(problem.message, { field: problem.field, limit: problem.limit });
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [
                // A field may declare its own cost (`complexity` in type-graphql): the risk map.
                fieldExtensionsEstimator(),
                listEstimator,
                simpleEstimator({ defaultComplexity: 1 }),
              ],
              maxQueryNodes: REQUEST_LIMITS.nodes,
            });
          } catch {
            throw badRequestInput(
              `La consulta tiene demasiados campos (más de ${REQUEST_LIMITS.nodes} con los fragmentos expandidos): pida menos.`,
              { field: 'query', maximum: REQUEST_LIMITS.nodes },
            );
          }
          if (complexity > REQUEST_LIMITS.complexity) {
            throw badRequestInput(
              `La consulta es demasiado costosa (${complexity} > ${REQUEST_LIMITS.complexity}): pida menos elementos (first) o menos anidamiento.`,
              { field: 'query', complexity, maximum: REQUEST_LIMITS.complexity },
            );
          }
          if (plain) {
            let names = passed.get(document);
            if (!names) passed.set(document, (names = new Set()));
            names.add(name);
          }
        },
      };
    },
  };
}
