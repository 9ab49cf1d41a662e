/**
 * Wires verification while serving: the monitor (checks each event, keeps the Merkle tree), the
 * guard on writes, the seal key (production refuses to start without one) and the semester sealer,
 * which seals at start what ended while the server was down and then at each semester's end.
 */
import type { Config } from '../config';
import type { EventStore } from '../eventstore/port';
import type { Logger } from '../logging';
import type { ReadStore } from '../readstore/port';
import { cpus } from 'node:os';
import type { Projector } from '../projector/projector';
import type { Stores } from '../runtime';
import { WorkerIntegrityCatchUp } from './catch-up';
import { guardWrites } from './guard';
import { IntegrityMonitor, type IntegrityCatchUpRunner } from './monitor';
import { SemesterSealer } from './sealer';
import { loadSealKey, type SealKey } from './seals';
import { matchVerifiedLog, recordVerifiedLog, type VerifiedLogFile } from './verified-log';

/**
 * A stop waits for the monitor to check the last events appended, up to these many and this long
 * (then the log file is not recorded verified).
 */
const STOP_CATCH_UP_EVENTS = 10_000;
const STOP_CATCH_UP_MS = 5_000;

export interface IntegrityServices {
  monitor: IntegrityMonitor;
  key: SealKey;
  sealer: SemesterSealer;
}

export interface RunningIntegrity {
  /** What the API gets: an event store that refuses writes to damaged streams, and these services. */
  services: { events: EventStore; integrity: IntegrityServices };
  stop(): Promise<void>;
  /**
   * After `stop`, with only the log's store still open (`Stores.close`'s `beforeLogCloses`): on
   * the SQLite log, when every event in it was verified (start-up check passed, monitor current,
   * no fault, nothing written by another connection), the file recorded verified, so that a
   * restart need not check its rows again (`verified-log.ts`). Null when not recorded.
   */
  recordVerifiedLog(): Promise<VerifiedLogFile | null>;
}

type SealKeySettings = Pick<
  Config,
  'sealPrivateKey' | 'sealPrivateKeyFile' | 'sealDevelopmentKeyPath' | 'production'
>;

/** The seal key the configuration names; call it first, so production fails before any work. */
export function sealKeyFromConfig(config: SealKeySettings): Promise<SealKey> {
  return loadSealKey({
    sealPrivateKey: config.sealPrivateKey,
    sealPrivateKeyFile: config.sealPrivateKeyFile,
    developmentKeyPath: config.sealDevelopmentKeyPath,
    production: config.production,
  });
}

/**
 * Resolves when work that competes for the cores may start beside the read models' catch-up: at
 * once when that catch-up leaves a core free (or turns out not to be needed), else when the read
 * models are current. `workers` resolves when the catch-up starts, with its thread count.
 */
export async function whenCatchUpLeavesACore(
  workers: Promise<number>,
  current: Promise<unknown>,
  cores = cpus().length,
): Promise<void> {
  const settled = current.then(
    () => 0,
    () => 0,
  );
  if ((await Promise.race([workers, settled])) >= cores) await settled;
}

/** `whenCatchUpLeavesACore` for the embedded stores' catch-up and projector. */
function catchUpGate(
  embedded: NonNullable<Stores['embedded']>,
  projector: Projector,
): () => Promise<void> {
  return () =>
    whenCatchUpLeavesACore(
      embedded.catchUp.workers,
      projector.waitFor(undefined, Number.POSITIVE_INFINITY),
    );
}

/**
 * The monitor's catch-up in a worker thread, on the embedded stores, at a lower priority than the
 * read models'. The monitor starts it once the start-up check is over (it builds from what the
 * check verified, see `CheckedLog` and `VerifiedHashes`), and that check already waits for the
 * read models when they take every core; the gate here keeps a runner started otherwise from
 * competing with them (national log: a third thread made ready 14.4 s against 11.5-12.9 s).
 */
function integrityCatchUp(
  embedded: NonNullable<Stores['embedded']>,
  projector: Projector | undefined,
): IntegrityCatchUpRunner {
  const { eventstorePath, readstorePath, builtBy } = embedded;
  const runner = new WorkerIntegrityCatchUp({ eventstorePath, readstorePath, builtBy });
  if (!projector) return runner;
  const gate = catchUpGate(embedded, projector);
  return {
    run: async (onProgress, signal, verified, checked) => {
      await gate();
      if (!signal.aborted) await runner.run(onProgress, signal, verified, checked);
    },
  };
}

export async function startIntegrity(
  stores: {
    events: EventStore;
    readStore: ReadStore;
    /** The embedded files: the monitor reads the log directly and catches up in a worker. */
    embedded?: Stores['embedded'];
    projector?: Projector;
  },
  keyOrConfig: SealKey | SealKeySettings,
  logger: Logger,
  options: {
    now?: () => Date;
    seal?: boolean;
    /** Do not wait for the seals of ended semesters (the server listens meanwhile). */
    sealInBackground?: boolean;
  } = {},
): Promise<RunningIntegrity> {
  const key = 'privateKey' in keyOrConfig ? keyOrConfig : await sealKeyFromConfig(keyOrConfig);
  const monitor = new IntegrityMonitor(stores.events, stores.readStore, {
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(stores.embedded
      ? {
          sqlitePath: stores.embedded.eventstorePath,
          catchUp: integrityCatchUp(stores.embedded, stores.projector),
          // From an empty read store, the start-up check (both cores for seconds on the national
          // log) would slow the catch-up's first pass: it runs after it; readiness waits for both.
          ...(stores.projector
            ? { startupAfter: catchUpGate(stores.embedded, stores.projector) }
            : {}),
          verifiedLog: (target, kept) =>
            matchVerifiedLog(stores.embedded!.eventstorePath, target, key, kept),
        }
      : {}),
  });
  await monitor.start();
  const sealer = new SemesterSealer(stores.events, monitor, key, {
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.seal !== false) {
    const sealing = sealer
      .sealEnded()
      .catch((error: unknown) => logger.error({ err: error }, 'no se pudo sellar'))
      .finally(() => sealer.start());
    if (!options.sealInBackground) await sealing;
  }
  /** Whether the monitor has stopped: what it verified is then what `recordVerifiedLog` vouches for. */
  let stopped = false;
  return {
    services: {
      events: guardWrites(
        stores.events,
        (stream) => monitor.damageOf(stream),
        () => monitor.startupChecked(),
      ),
      integrity: { monitor, key, sealer },
    },
    stop: async () => {
      await sealer.stop();
      // Nothing is appended from here on (the HTTP server and the sealer have stopped): the last
      // few events, once the monitor has checked them, are in what `recordVerifiedLog` vouches
      // for. Further behind (a catch-up under way) the stop does not wait, and records nothing.
      const head = await stores.events.headPosition();
      const behind = (head ?? 0) - (monitor.lastPosition ?? 0);
      if (monitor.startupCheck.state === 'passed' && behind > 0 && behind <= STOP_CATCH_UP_EVENTS) {
        await monitor.waitFor(head, STOP_CATCH_UP_MS).catch(() => undefined);
      }
      await monitor.stop();
      stopped = true;
    },
    recordVerifiedLog: async () => {
      const embedded = stores.embedded;
      // As it is now: a full verification still running may have found a fault since the stop.
      const status = monitor.status();
      const through = status.verifiedThroughPosition;
      const verified =
        stopped &&
        status.startupCheck.state === 'passed' &&
        status.faults.length === 0 &&
        monitor.failed === null;
      if (embedded === undefined) return null;
      try {
        const outcome =
          through === null
            ? { reason: 'la bitácora está vacía o sin verificar' }
            : !verified
              ? { reason: 'la bitácora no quedó verificada (falla, o verificación incompleta)' }
              : await recordVerifiedLog(embedded.eventstorePath, through, key, embedded.log);
        if ('recorded' in outcome) return outcome.recorded;
        logger.info(
          { reason: outcome.reason },
          'no se registra el archivo verificado: el próximo arranque verifica evento por evento',
        );
        return null;
      } catch (error) {
        logger.warn({ err: error }, 'no se pudo registrar el archivo verificado');
        return null;
      }
    },
  };
}
