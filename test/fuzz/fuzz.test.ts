/**
 * The schema-driven fuzzer in `npm test`, with a count that keeps the suite fast (FUZZ_RUNS to
 * change it; `npm run fuzz` runs 10,000). A failure prints the smallest request that breaks a
 * property, with fast-check's seed to replay it.
 */
import { ERROR_CODES } from '../../src/graphql/errors';
import { runFuzz } from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

it(`${RUNS} malformed requests from schema/schema.graphql: no 5xx, no INTERNAL_SERVER_ERROR, only documented codes, Spanish messages, nothing appended`, async () => {
  const summary = await runFuzz({ runs: RUNS });
  expect(summary.requests).toBeGreaterThanOrEqual(RUNS);
  expect(summary.targets.mutations).toBeGreaterThan(20);
  expect(Object.keys(summary.byStatus).every((status) => Number(status) < 500)).toBe(true);
  expect(
    Object.keys(summary.byCode).filter((code) => !ERROR_CODES.includes(code as never)),
  ).toEqual([]);
  expect(summary.byCode.INTERNAL_SERVER_ERROR).toBeUndefined();
  expect(summary.eventsBefore).toBeGreaterThan(0);
  expect(summary.eventsAppended).toBe(0);
  expect(summary.english).toEqual([]);
}, 120_000);
