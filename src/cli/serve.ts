/**
 * `npm start`: the API on the configured stores (embedded by default), with the DIVIPOLA loaded
 * and, on an empty log, the demo plans.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { parseCommandLine, runCommand } from './command-line';
import { seedDemoOnce } from '../demo/seed-once';
import { closeLogs, createLogger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { authModule, serverModule } from '../late-modules';
import { openStores } from '../runtime';
import { sealKeyFromConfig, startIntegrity } from '../integrity/service';

/**
 * With the read models current, the start-up check of the log begins within moments; should it
 * not (a projection retrying its store), the server is loaded and listens anyway.
 */
const STARTUP_CHECK_BEGINS_MS = 2_000;

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm start

Sirve la API GraphQL en http://localhost:PORT/graphql (y /healthz, /readyz) sobre la bitácora
configurada; con la bitácora vacía añade los datos de demostración. La configuración va en
variables de entorno (PORT, EVENTSTORE_PATH, EVENTSTORE_URL, MONGODB_URL, JWT_SECRET,
JWT_JWKS_URL, SEED_DEMO, LOG_LEVEL, NODE_ENV): vea la tabla "Configuration" del README.

Opciones:
  --help   muestra esta ayuda`,
  });
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const sealKey = await sealKeyFromConfig(config);
  const territory = loadDivipola();
  // After an upgrade the read models are rebuilt from the log (logged when a file is emptied).
  const stores = await openStores(config, logger, { incompatibleReadStore: 'rebuild' });
  if (config.seedDemo && (await stores.events.headPosition()) === null) {
    // A few hundred events, appended before anything follows the log, so that the sealer seals
    // the demo's past semesters at once. One replica seeds (under a lease), the others go on.
    const appended = await seedDemoOnce(stores, territory, new Date(), logger);
    if (appended !== null)
      logger.info(
        { events: appended },
        'datos de demostración añadidos (planes 2024-2027 de cuatro municipios del Tolima)',
      );
  }
  // The integrity monitor follows the log from its checkpoint; the seals of semesters that ended
  // while the server was down wait for it in the background.
  const integrity = await startIntegrity(stores, sealKey, logger, { sealInBackground: true });
  // Returns at once; a long catch-up runs in a worker thread (see /readyz for its progress).
  const catchUpStartedAt = Date.now();
  // On the embedded stores it starts before the HTTP server is loaded: with the read models
  // current, the start-up check of the log begins now in its worker threads, and loading GraphQL
  // and building the schema overlap it. On server stores the server listens first: preparing their
  // collections waits on the network (a primary being elected), and /healthz must answer meanwhile.
  const startsFirst = stores.embedded !== undefined;
  if (startsFirst) {
    await stores.projector.start();
    if (!stores.projector.catchingUp)
      await integrity.services.integrity.monitor.startupBegun(STARTUP_CHECK_BEGINS_MS);
  }
  const { startServer } = serverModule();
  const { createVerifier } = authModule();
  // /healthz answers from here on, and /readyz reports the catch-up while it runs.
  const server = await startServer({
    services: { ...stores, ...integrity.services, territory, logger, now: () => new Date() },
    verify: createVerifier(config),
    port: config.port,
    development: config.development,
    catchUpStartedAt,
  });
  if (!startsFirst) await stores.projector.start();
  logger.info({ url: server.url }, `Bitácora escuchando en ${server.url}`);
  void stores.projector.waitFor(undefined, Number.POSITIVE_INFINITY).then(
    () => logger.info('modelos de lectura al día'),
    () => undefined,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'cerrando: no se aceptan nuevas peticiones');
    await server.stop();
    await integrity.stop();
    // Every event verified: the file recorded so, for the next start (see verified-log.ts).
    await stores.close({
      beforeLogCloses: async () => {
        const recorded = await integrity.recordVerifiedLog();
        if (recorded)
          logger.info({ through: recorded.through }, 'archivo de la bitácora verificado');
      },
    });
    logger.info('cerrado');
    await closeLogs(logger);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

runCommand(main);
