import { extname } from 'node:path';

/** Configuration from the environment; every variable is listed in the README. */
import { dirname, join } from 'node:path';

export interface Config {
  port: number;
  /** EventStoreDB connection string; unset = embedded SQLite. */
  eventstoreUrl: string | null;
  eventstorePath: string;
  /** MongoDB URL; unset = embedded read models persisted in SQLite (`readstorePath`). */
  mongodbUrl: string | null;
  /** SQLite file of the embedded read models; by default beside the log (`bitacora.read.db`). */
  readstorePath: string;
  /** Memory for decoded read-model documents (MiB of serialized documents). */
  readstoreCacheMb: number;
  /** Worker threads for a long catch-up (null: one). */
  catchUpWorkers: number | null;
  /** `npm run rebuild`: how long replicas have to follow the switch before the old read models go. */
  rebuildGraceMs: number;
  jwtSecret: string | null;
  jwksUrl: string | null;
  jwtIssuer: string;
  jwtAudience: string;
  logLevel: string;
  development: boolean;
  /** Append the demo plans when the log is empty. */
  seedDemo: boolean;
  /** Ed25519 key that signs the semester seals (PKCS#8 PEM), or a file holding it. */
  sealPrivateKey: string | null;
  sealPrivateKeyFile: string | null;
  /** Where a development seal key is generated when none is configured. */
  sealDevelopmentKeyPath: string;
  production: boolean;
  /** Deadline of one report PDF's layout; past it the PDF fails and its worker is replaced. */
  pdfTimeoutMs: number;
}

/** Used only when no secret is configured and NODE_ENV is not production. */
export const DEVELOPMENT_JWT_SECRET = 'bitacora-secreto-de-desarrollo-no-usar-en-produccion';

/** `data/bitacora.db` -> `data/bitacora.read.db`. */
function besideLog(logPath: string): string {
  const extension = extname(logPath);
  return `${extension ? logPath.slice(0, -extension.length) : logPath}.read${extension || '.db'}`;
}

/** `PDF_TIMEOUT_MS`: a positive number of milliseconds, 20 s when unset or not one. */
export function pdfTimeoutMsOf(env: NodeJS.ProcessEnv): number {
  const value = Number(env.PDF_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 20_000;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const jwksUrl = env.JWT_JWKS_URL || null;
  const jwtSecret = env.JWT_SECRET || (production || jwksUrl ? null : DEVELOPMENT_JWT_SECRET);
  if (production && !jwtSecret && !jwksUrl) {
    throw new Error('Configure JWT_SECRET o JWT_JWKS_URL en producción.');
  }
  return {
    port: Number(env.PORT ?? 4000),
    eventstoreUrl: env.EVENTSTORE_URL || null,
    eventstorePath: env.EVENTSTORE_PATH || './data/bitacora.db',
    mongodbUrl: env.MONGODB_URL || null,
    readstorePath: env.READSTORE_PATH || besideLog(env.EVENTSTORE_PATH || './data/bitacora.db'),
    readstoreCacheMb: Number(env.READSTORE_CACHE_MB ?? 64),
    catchUpWorkers: env.CATCHUP_WORKERS ? Number(env.CATCHUP_WORKERS) : null,
    rebuildGraceMs: Number(env.REBUILD_GRACE_MS ?? 10_000),
    jwtSecret,
    jwksUrl,
    jwtIssuer: env.JWT_ISSUER || 'bitacora',
    jwtAudience: env.JWT_AUDIENCE || 'bitacora-api',
    logLevel: env.LOG_LEVEL || 'info',
    development: env.NODE_ENV === 'development',
    seedDemo: env.SEED_DEMO !== 'false',
    sealPrivateKey: env.SEAL_PRIVATE_KEY || null,
    sealPrivateKeyFile: env.SEAL_PRIVATE_KEY_FILE || null,
    sealDevelopmentKeyPath: join(
      dirname(env.EVENTSTORE_PATH || './data/bitacora.db'),
      'seal-key.pem',
    ),
    production,
    pdfTimeoutMs: pdfTimeoutMsOf(env),
  };
}
