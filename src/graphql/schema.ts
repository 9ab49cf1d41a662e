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
import { MonitoringResolver } from './resolvers/monitoring';
import { ReviewPacketResolver, ReviewResolver } from './resolvers/review';
import { ReferenceResolver } from './resolvers/reference';
import { RiskMapResolver } from './resolvers/risk-map';
import { SocialPlanResolver } from './resolvers/social';
import { MutationResolver } from './resolvers/write';
import { IntegrityResolver, PlanSealResolver } from './resolvers/integrity';
import { PlanChangeResolver, SubscriptionResolver } from './resolvers/subscriptions';

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
      MonitoringResolver,
      RiskMapResolver,
      ReferenceResolver,
      SocialPlanResolver,
      IntegrityResolver,
      PlanSealResolver,
      ReviewResolver,
      ReviewPacketResolver,
      SubscriptionResolver,
      PlanChangeResolver,
    ],
    // Subscriptions read their own feed (`subscribe`), never type-graphql's topics.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('las suscripciones usan su propio flujo (src/live), no temas');
      },
    },
    // The domain validates every command and names the field; no second validation layer.
    validate: false,
  });
  // type-graphql leaves the root types undescribed; the schema is a product, so say what they are.
  schema.getQueryType()!.description =
    'Lecturas: municipios, catálogo de indicadores, planes sectoriales APSB y metas (hoy o "as of" un semestre) y la bitácora de auditoría.';
  schema.getSubscriptionType()!.description =
    'En vivo, por WebSocket (graphql-ws) en /graphql con el token en los parámetros de conexión: lo que las consultas ya devuelven, en orden, reanudable con `after`.';
  schema.getMutationType()!.description =
    'Escrituras: cada una añade eventos a la bitácora con el actor del token, su justificación y fundamento legal.';
  return schema;
}

export const printBitacoraSchema = (): string => `${printSchema(bitacoraSchema())}\n`;
