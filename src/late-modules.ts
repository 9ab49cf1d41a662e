/**
 * Modules required on first use instead of at start. `npm start` on the embedded store needs
 * none of them to serve: Excel (exports and imports of workbooks), the report's charts, and the
 * adapters of the server stores with their drivers (only when EVENTSTORE_URL / MONGODB_URL are
 * set). Loading them up front took about a second of each start before listening on this machine
 * (`bench/national.ts`, restart). `require` rather than `import()`: it resolves the TypeScript
 * sources under tsx and jest, and the compiled files in dist/, alike; Node caches each module.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded late on purpose, see above */
import type ExcelJS from 'exceljs';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import type * as EsdbAdapter from './eventstore/esdb';
import type * as Auth from './graphql/auth';
import type * as MongoAdapter from './readstore/mongo';
import type * as Server from './server';

export const excelJs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
export const vega = (): typeof Vega => require('vega') as typeof Vega;
export const vegaLite = (): typeof VegaLite => require('vega-lite') as typeof VegaLite;
/** `EsdbEventStore`, with @eventstore/db-client and gRPC. */
export const esdbAdapter = (): typeof EsdbAdapter =>
  require('./eventstore/esdb') as typeof EsdbAdapter;
/** `MongoReadStore` and its leases, with the MongoDB driver. */
export const mongoAdapter = (): typeof MongoAdapter =>
  require('./readstore/mongo') as typeof MongoAdapter;

/**
 * The HTTP server, the GraphQL schema and the token verifier (GraphQL, Apollo, type-graphql):
 * `npm start` requires them once the start-up check of the log runs in its worker threads, so
 * that loading them and building the schema overlap the check instead of preceding it.
 */
export const serverModule = (): typeof Server => require('./server') as typeof Server;
export const authModule = (): typeof Auth => require('./graphql/auth') as typeof Auth;
