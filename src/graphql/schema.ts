import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import {
  AuditEntryResolver,
  GoalResolver,
  MunicipalityResolver,
  PlanResolver,
  QueryResolver,
} from './resolvers/read';
import { MutationResolver } from './resolvers/write';

let schema: GraphQLSchema | undefined;

/** The code-first schema; `schema/schema.graphql` is its printed SDL (a test checks they match). */
export function bitacoraSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      QueryResolver,
      MunicipalityResolver,
      PlanResolver,
      GoalResolver,
      AuditEntryResolver,
      MutationResolver,
    ],
    // The domain validates every command and names the field; no second validation layer.
    validate: false,
  });
  return schema;
}

export const printBitacoraSchema = (): string => `${printSchema(bitacoraSchema())}\n`;
