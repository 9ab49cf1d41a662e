/**
 * `npm start`: the API on the configured stores (embedded by default), with the DIVIPOLA loaded
 * and, on an empty log, the demo plans.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { seedDemo } from '../demo/seed';
import { createVerifier } from '../graphql/auth';
import { createLogger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { openStores } from '../runtime';
import { startServer } from '../server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const territory = loadDivipola();
  const stores = await openStores(config, logger);
  // Listen at once: /healthz answers and /readyz reports the catch-up while it runs.
  const server = await startServer({
    services: { ...stores, territory, logger, now: () => new Date() },
    verify: createVerifier(config),
    port: config.port,
    development: config.development,
  });
  logger.info({ url: server.url }, `Bitácora escuchando en ${server.url}`);
  if (config.seedDemo && (await stores.events.headPosition()) === null) {
    const appended = await seedDemo(stores.events, territory, stores.clock, new Date());
    logger.info(
      { events: appended },
      'datos de demostración añadidos (planes 2024-2027 de cuatro municipios del Tolima)',
    );
  }
  // Returns at once; a long catch-up runs in a worker thread (see /readyz for its progress).
  await stores.projector.start();
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
    await stores.close();
    logger.info('cerrado');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
