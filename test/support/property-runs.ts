/**
 * How many cases a property test draws. Written as in a normal run; under mutation testing
 * (`npm run mutation`, whose Jest setup sets PROPERTY_RUNS_SCALE) every surviving mutant reruns the
 * properties that cover it, so they draw a fraction of that, never fewer than five cases.
 */
export function propertyRuns(numRuns: number): { numRuns: number } {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
  if (!(scale > 0 && scale < 1)) return { numRuns };
  return { numRuns: Math.max(5, Math.round(numRuns * scale)) };
}
