/**
 * Work that competes for the cores (the start-up check, the integrity monitor's catch-up) starts
 * beside the read models' catch-up only when that catch-up leaves a core free.
 */
import { whenCatchUpLeavesACore } from '../../src/integrity/service';

/** Whether the promise settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

const never = new Promise<never>(() => {});

describe('the gate of work beside the read models’ catch-up', () => {
  it('stays closed while a catch-up takes every core, and opens when the read models are current', async () => {
    // Given a catch-up on two worker threads of two cores
    let current!: () => void;
    const readModels = new Promise<void>((resolve) => (current = resolve));
    // When the gate is asked
    const gate = whenCatchUpLeavesACore(Promise.resolve(2), readModels, 2);
    // Then it opens only once the read models are current
    expect(await settlesSoon(gate)).toBe(false);
    current();
    expect(await settlesSoon(gate)).toBe(true);
  });

  it('opens at once when the catch-up leaves a core free', async () => {
    // Given a catch-up on one worker thread of two cores, still running
    const gate = whenCatchUpLeavesACore(Promise.resolve(1), never, 2);
    // Then the gate is open
    expect(await settlesSoon(gate)).toBe(true);
  });

  it('opens when the read models turn out current (no catch-up started), or their wait fails', async () => {
    // Given no catch-up (its thread count never comes) and read models current
    expect(await settlesSoon(whenCatchUpLeavesACore(never, Promise.resolve(), 2))).toBe(true);
    // And given the wait for them failing (the projector stopped)
    const failed = Promise.reject(new Error('detenido'));
    expect(await settlesSoon(whenCatchUpLeavesACore(Promise.resolve(2), failed, 2))).toBe(true);
  });
});
