/**
 * Jest setup under StrykerJS (jest.mutation.config.js): every mutant reruns the properties that
 * cover it, so they draw a tenth of their cases (test/support/property-runs.ts).
 */
process.env.PROPERTY_RUNS_SCALE ??= '0.1';
