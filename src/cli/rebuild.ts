/**
 * `npm run rebuild`: drops every read model and rebuilds it from the log, in this process (the
 * embedded SQLite read store file, or the MongoDB collections). Stop the server first: it would
 * read the read models while they are dropped. (A server started on an empty or outdated read
 * store catches up by itself, in a worker thread.)
 */
import { loadConfig } from '../config';
import { parseCommandLine, runCommand } from './command-line';
import { createLogger } from '../logging';
import { openStores } from '../runtime';
import { progress } from './progress';

async function main(): Promise<void> {
  parseCommandLine({
    usage: `Uso: npm run rebuild

Borra y reconstruye todos los modelos de lectura desde la bitácora (EVENTSTORE_PATH o
EVENTSTORE_URL; MONGODB_URL para los modelos en MongoDB). Muestra el avance.

Opciones:
  --help   muestra esta ayuda`,
  });
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stores = await openStores(config, logger);
  try {
    const total = await stores.events.count();
    const bar = progress(total, 'eventos', logger);
    const done = await stores.projector.rebuild((count) => bar.update(count));
    bar.stop();
    logger.info(
      { events: done, projections: stores.projector.projections.map((p) => p.name) },
      'modelos de lectura reconstruidos',
    );
  } finally {
    await stores.close();
  }
}

runCommand(main);
