/**
 * `npm run rebuild`: drops every read model and rebuilds it from the log, in this process (the
 * embedded SQLite read store file, or the MongoDB collections). Stop the server first: it would
 * read the read models while they are dropped. (A server started on an empty or outdated read
 * store catches up by itself, in a worker thread.) Two rebuilds never run at once: each holds the
 * `rebuild` lease of the read store while it runs, and a second one is refused.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { loadConfig } from '../config';
import { HeldLease } from '../readstore/lease';
import { parseCommandLine } from './command-line';
import { createLogger } from '../logging';
import { openStores } from '../runtime';
import { progress } from './progress';

/** Held by the one rebuild that may run on a read store. */
export const REBUILD_LEASE = 'rebuild';

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
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const lease = await HeldLease.take(stores.leases, REBUILD_LEASE, owner, 60_000);
  if (!lease) {
    const held = await stores.leases.current(REBUILD_LEASE);
    await stores.close();
    console.error(
      `Ya hay una reconstrucción en curso (${held?.owner ?? 'otro proceso'}); no se cambió nada. Espere a que termine.`,
    );
    process.exitCode = 3;
    return;
  }
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
    await lease.release();
    await stores.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
