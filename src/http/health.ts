/**
 * `GET /healthz`: the process answers (always, also while catching up).
 * `GET /readyz`: 200 when the stores answer and every read model has caught up with the log;
 * otherwise 503 with why: `verificando` (the start-up check of the log under way, with its
 * progress), `integrity-fault` (naming each fault's place), `catching-up` (with each projection's
 * checkpoint and how far behind the head it is), `parked` (a projection stopped at an event it
 * throws on: which, where and why), `retrying` (a store failed; the projector resubscribes with
 * backoff), `failed`, or `unavailable`. There is no start-up deadline: a catch-up of a national
 * log reports its progress here until it is done.
 *
 * /readyz reports the event loop's delay (`perf_hooks.monitorEventLoopDelay`), and the first ready
 * answer freezes the catch-up's figures: how long it took and its worst event-loop delay.
 */
import type { ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Services } from '../graphql/context';
import type { CatchUpFigures } from '../projector/projector';
import { integrityNotReady } from './integrity';
import { errorBody, sendJson } from './respond';

/** Live events may be a moment behind; /readyz waits this long before saying so. */
const READY_LAG_MS = 5_000;

const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;

export function healthRoutes(
  services: Pick<Services, 'readStore' | 'projector' | 'integrity'>,
  /** When the catch-up began (`npm start` starts it before the server): its time counts from then. */
  startedAt = Date.now(),
) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let catchUp: {
    /** From the catch-up's start to ready (the read models current and the log checked). */
    seconds: number;
    /** From the catch-up's start to the read models current (null: no catch-up was needed). */
    readModelsSeconds: number | null;
    eventLoopDelayMaxMs: number;
    /** The catch-up's worker threads and what each cost, when it ran in threads. */
    threads?: CatchUpFigures;
  } | null = null;

  const eventLoop = () => ({ maxDelayMs: ms(loop.max), p99DelayMs: ms(loop.percentile(99)) });

  async function ready(response: ServerResponse): Promise<void> {
    // A damaged log is not ready, whatever the read models say: the place of each fault is named.
    const damaged = integrityNotReady(services);
    if (damaged) return sendJson(response, 503, damaged);
    try {
      await services.readStore.ping();
      let lag = await services.projector.lag();
      // A projection parked at an event it throws on: named with the event, the others go on.
      const parked = lag.projections.filter((p) => p.state === 'parked');
      if (parked.length > 0) {
        return sendJson(response, 503, {
          ...errorBody(
            'SERVICE_UNAVAILABLE',
            `La proyección ${parked.map((p) => p.projection).join(', ')} se detuvo en un evento que no puede aplicar: vea \`projections\` y el registro del servidor.`,
          ),
          status: 'parked',
          head: lag.head,
          parked: parked.map((p) => ({
            projection: p.projection,
            checkpoint: p.checkpoint,
            event: p.parked,
          })),
          projections: lag.projections,
          eventLoop: eventLoop(),
        });
      }
      const retrying = lag.projections.find((p) => p.state === 'retrying');
      if (retrying) {
        return sendJson(response, 503, {
          ...errorBody(
            'SERVICE_UNAVAILABLE',
            `Un almacén falló; las proyecciones se reanudan desde su punto de control: ${retrying.error ?? ''}`,
          ),
          status: 'retrying',
          error: retrying.error,
          ...lag,
          eventLoop: eventLoop(),
        });
      }
      const starting = lag.projections.some((p) => p.state === 'idle' || p.state === 'catching-up');
      if (!starting && lag.projections.some((p) => p.behind)) {
        // Events just appended: fine for a moment, not for long.
        await services.projector.waitFor(lag.head, READY_LAG_MS).catch(() => undefined);
        lag = await services.projector.lag();
      }
      if (starting || lag.projections.some((p) => p.behind)) {
        const lowest = Math.min(...lag.projections.map((p) => p.checkpoint ?? 0));
        const behind = lag.head === null ? 0 : lag.head - lowest;
        return sendJson(response, 503, {
          ...errorBody(
            'SERVICE_UNAVAILABLE',
            `Los modelos de lectura se ponen al día con la bitácora: faltan ${behind} eventos.`,
          ),
          status: 'catching-up',
          head: lag.head,
          behind,
          projections: lag.projections.map((p) => ({
            projection: p.projection,
            state: p.state,
            checkpoint: p.checkpoint,
            behind: lag.head === null ? 0 : lag.head - (p.checkpoint ?? 0),
          })),
          seconds: (Date.now() - startedAt) / 1000,
          eventLoop: eventLoop(),
        });
      }
      if (!catchUp) {
        const threads = services.projector.catchUpFigures();
        const caughtUpAt = services.projector.caughtUpAt();
        catchUp = {
          seconds: (Date.now() - startedAt) / 1000,
          readModelsSeconds: caughtUpAt === null ? null : (caughtUpAt - startedAt) / 1000,
          eventLoopDelayMaxMs: ms(loop.max),
          ...(threads ? { threads } : {}),
        };
      }
      return sendJson(response, 200, {
        status: 'ready',
        head: lag.head,
        catchUp,
        eventLoop: eventLoop(),
      });
    } catch (error) {
      return sendJson(response, 503, {
        ...errorBody(
          'SERVICE_UNAVAILABLE',
          `Un almacén no responde: ${error instanceof Error ? error.message : String(error)}`,
        ),
        status: 'unavailable',
      });
    }
  }

  return {
    /** Answers the health routes; false for any other path. */
    async handle(pathname: string, response: ServerResponse): Promise<boolean> {
      if (pathname === '/healthz') {
        sendJson(response, 200, { status: 'ok' });
        return true;
      }
      if (pathname === '/readyz') {
        await ready(response);
        return true;
      }
      return false;
    },
    close: () => loop.disable(),
  };
}
