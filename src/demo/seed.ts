/**
 * The demo `npm start` appends to an empty log: four municipalities of Tolima with their sector
 * plans for 2024-2027, the ministry's SGP-APSB monitoring inputs, the PDA's Plan de Gestión
 * Social and Ibagué's CTP semester reviews, driven through the same command handlers as users (so
 * the audit trail is real).
 *
 * Every demo stream contributes its dated steps to `DEMO_STREAMS`; the seed runs all of them in
 * date order across streams, setting the clock to each step's instant, so record times are the
 * ones the steps name (the store keeps record time monotonic: a stream appended after another's
 * last step would otherwise be recorded at that later instant). A new demo stream is one more
 * entry in the list.
 */
import type { EventStore } from '../eventstore/port';
import type { Divipola } from '../reference/divipola';
import { ctpReviewSteps } from './ctp-review';
import { monitoringSteps } from './monitoring';
import { sectorPlanSteps } from './sector-plan';
import { DEMO_FIRST_YEAR, DEMO_MUNICIPALITIES } from './seed-constants';
import { socialPlanSteps } from './social-plan';
import type { DemoStep } from './steps';

export { DEMO_FIRST_YEAR, DEMO_MUNICIPALITIES };

/** A clock the seed can set to the moment each demo command was "issued". */
export interface SettableClock {
  set(instant: Date | null): void;
}

/** Each demo stream, as its dated steps. */
export const DEMO_STREAMS: ReadonlyArray<(territory: Divipola) => DemoStep[]> = [
  sectorPlanSteps,
  monitoringSteps,
  socialPlanSteps,
  ctpReviewSteps,
];

/** Every step up to `now`, in date order (ties keep the list's order). */
export function demoSchedule(territory: Divipola, now: Date): DemoStep[] {
  return DEMO_STREAMS.flatMap((steps) => steps(territory))
    .filter((step) => Date.parse(step.at) <= now.getTime())
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export async function seedDemo(
  events: EventStore,
  territory: Divipola,
  clock: SettableClock,
  now: Date,
): Promise<number> {
  let appended = 0;
  try {
    for (const [index, step] of demoSchedule(territory, now).entries()) {
      clock.set(new Date(step.at));
      appended += await step.run(events, `demo-${index}`);
    }
  } finally {
    clock.set(null);
  }
  return appended;
}
