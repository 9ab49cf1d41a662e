/**
 * GraphQL Code Generator: TypeScript types and typed documents for the README's operations
 * (`schema/examples.graphql`), from the committed schema, with no server and no network.
 *
 *   npm run codegen     # writes schema/client/graphql.ts (a test fails when it is out of date)
 *
 * A frontend team copies this file, points `documents` at its own operations, and gets one
 * `TypedDocumentNode` per operation, which Apollo Client, urql and graphql-request accept as is.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/examples.graphql'],
  generates: {
    'schema/client/graphql.ts': {
      // typescript-operations (6) writes the enums and inputs the operations use itself: with the
      // `typescript` plugin beside it, an enum both plugins need was written twice.
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // How the custom scalars travel in JSON.
        scalars: {
          DateTime: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
