/**
 * `npm start`: the API on the configured stores (embedded by default), with the DIVIPOLA loaded
 * and, on an empty log, the demo plans.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { parseCommandLine } from './command-line';
import { seedDemo } from '../demo/seed';
import { createVerifier } from '../graphql/auth';
import { createLogger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { openStores } from '../runtime';
import { startServer } from '../server';
import { sealKeyFromConfig, startIntegrity } from '../integrity/service';

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
  const stores = await openStores(config, logger);
  if (config.seedDemo && (await stores.events.headPosition()) === null) {
    const appended = await seedDemo(stores.events, territory, stores.clock, new Date());
    logger.info(
      { events: appended },
      'datos de demostración añadidos (planes 2024-2027 de cuatro municipios del Tolima)',
    );
  }
  await stores.projector.start();
  await stores.projector.waitFor(undefined, 120_000);
  const integrity = await startIntegrity(stores, sealKey, logger);
  const server = await startServer({
    services: { ...stores, ...integrity.services, territory, logger, now: () => new Date() },
    verify: createVerifier(config),
    port: config.port,
    development: config.development,
  });
  logger.info({ url: server.url }, `Bitácora escuchando en ${server.url}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'cerrando: no se aceptan nuevas peticiones');
    await server.stop();
    await integrity.stop();
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
