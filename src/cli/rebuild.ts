/**
 * `npm run rebuild`: rebuilds every read model from the log without stopping the API (the
 * embedded SQLite read store file, or the MongoDB collections): the next generation is built into
 * collections of its own while the API serves the current one, then every replica switches to it
 * and the old one is dropped (`projector/rebuild.ts`). On the embedded stores it runs in worker
 * threads, one per core, each a share of the log's streams, as a catch-up from empty does. Two
 * rebuilds never run at once: each holds the `rebuild` lease of the read store while it runs, and
 * a second one is refused.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { loadConfig } from '../config';
import { HeldLease } from '../readstore/lease';
import { EXIT, parseCommandLine, runCommand } from './command-line';
import { createLogger } from '../logging';
import { openStores } from '../runtime';
import { progress } from './progress';
import { rebuildWithoutDowntime } from '../projector/rebuild';

/** Held by the one rebuild that may run on a read store. */
export const REBUILD_LEASE = 'rebuild';

async function main(): Promise<number | void> {
  parseCommandLine({
    usage: `Uso: npm run rebuild

Reconstruye todos los modelos de lectura desde la bitácora (EVENTSTORE_PATH o EVENTSTORE_URL;
MONGODB_URL para los modelos en MongoDB) sin detener la API: los construye aparte mientras la
API sirve los actuales, la API pasa a los nuevos y los viejos se borran. Muestra el avance.

Opciones:
  --help   muestra esta ayuda`,
  });
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // It rebuilds the read models: a file built by another configuration is emptied first (logged).
  const stores = await openStores(config, logger, { incompatibleReadStore: 'rebuild' });
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const lease = await HeldLease.take(stores.leases, REBUILD_LEASE, owner, 60_000);
  if (!lease) {
    const held = await stores.leases.current(REBUILD_LEASE);
    await stores.close();
    console.error(
      `Ya hay una reconstrucción en curso (${held?.owner ?? 'otro proceso'}); no se cambió nada. Espere a que termine.`,
    );
    return EXIT.busy;
  }
  try {
    const total = await stores.events.count();
    const bar = progress(total, 'eventos', logger);
    const { generation, events } = await rebuildWithoutDowntime(stores.events, stores.readStore, {
      // Worker threads count the rows each reads: a few are read by more than one.
      onProgress: (count) => bar.update(Math.min(count, total)),
      graceMs: config.rebuildGraceMs,
      logger,
      // Embedded: in worker threads, one per core, as a catch-up from empty runs.
      ...(stores.embedded ? { catchUpAt: stores.embedded.catchUpAt } : {}),
    });
    bar.stop();
    logger.info(
      { events, generation, projections: stores.projector.projections.map((p) => p.name) },
      'modelos de lectura reconstruidos y en uso',
    );
  } finally {
    await lease.release();
    await stores.close();
  }
}

runCommand(main);
