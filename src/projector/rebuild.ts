/**
 * A rebuild without downtime: the next generation of the read models is built from the log into
 * collections of its own while the API serves (and projects) the current one; then the pointer
 * moves, every replica starts over on the new generation within a second
 * (`readstore/generations.ts`), and the old generation is dropped after a grace period that lets
 * them follow and finish the requests that read it.
 */
import { ALL_PROJECTIONS } from '../../projections';
import type { EventStore } from '../eventstore/port';
import type { Logger } from '../logging';
import type { GenerationalReadStore } from '../readstore/generations';
import { pause } from '../retry';
import { Projector, type CatchUpRunner } from './projector';

export interface RebuildOptions {
  /** How long replicas have to follow the switch before the old generation is dropped. */
  graceMs?: number;
  onProgress?: (done: number) => void;
  logger?: Logger;
  /**
   * The catch-up runner (worker threads) that builds a generation, when the read models are an
   * embedded file: the rebuild then runs as a catch-up from empty does, in shares on every core.
   */
  catchUpAt?: (generation: number) => CatchUpRunner;
}

export interface RebuildResult {
  /** The generation served now. */
  generation: number;
  /** Events applied by the rebuild (those after it are applied by the serving projectors). */
  events: number;
}

export async function rebuildWithoutDowntime(
  events: EventStore,
  readStore: GenerationalReadStore,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  await readStore.refresh();
  const previous = readStore.generation;
  const next = previous + 1;
  // Leftovers of a rebuild that did not finish are dropped first (`rebuild` does).
  const projector = new Projector(events, readStore.at(next), ALL_PROJECTIONS, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.catchUpAt ? { catchUp: options.catchUpAt(next) } : {}),
  });
  const done = await projector.rebuild(options.onProgress);
  const parked = projector.statuses().filter((s) => s.state === 'parked');
  if (parked.length > 0) {
    // The API keeps serving the current generation; the next attempt drops this one first.
    throw new Error(
      `La reconstrucción no se puso en uso: ${parked.map((s) => s.error).join('; ')}`,
    );
  }
  await readStore.switchTo(next);
  options.logger?.info({ generation: next }, 'nueva generación de los modelos de lectura en uso');
  await pause(options.graceMs ?? 10_000, new AbortController().signal);
  await readStore.at(previous).dropAll();
  return { generation: next, events: done };
}
