/**
 * Jest as StrykerJS runs it (`npm run mutation`): the unit, property and integration suites that
 * decide rules and fold events. Left out, because each mutant reloads every related test file and
 * these only reach the domain through code the kept suites already cover: end-to-end and contract
 * suites (servers, browsers, child processes), and the suites about the log's integrity (hash
 * chain, Merkle tree, seals, tampering), storage drivers, authentication, limits, the GraphQL
 * schema, the command line, the HTML report and the IRCA file import.
 */
const base = require('./jest.config.js');

const infrastructure = [
  'integration/tamper',
  'integration/sealer',
  'integration/monitor',
  'integration/monitor-sqlite',
  'integration/import-irca',
  'property/merkle\\.property',
  'unit/merkle',
  'unit/merkle-store',
  'unit/integrity',
  'unit/seal-key',
  'unit/esdb-timeout',
  'unit/mongo-unreachable',
  'unit/sqlite-eventstore',
  'unit/sqlite-readstore',
  'unit/auth',
  'unit/limits',
  'unit/schema',
  'unit/command-line',
  'unit/report-html',
];

/**
 * MUTATION_SUITES=unit (what `npm run mutation` sets for the parts of `src/domain`): the pure
 * suites only, unit tests and the decider's properties, since each mutant reloads every related
 * test file and a rule is to be pinned by a test of the rule. `all` (the default, and the
 * projections' part): the integration suites and the projector's properties too.
 */
const onlyPure = process.env.MUTATION_SUITES === 'unit';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // The sources too, so that `--findRelatedTests` follows imports from a mutated file to its tests.
  roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/projections'],
  testMatch: onlyPure
    ? ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/property/plan.property.test.ts']
    : [
        '<rootDir>/test/unit/**/*.test.ts',
        '<rootDir>/test/property/**/*.test.ts',
        '<rootDir>/test/integration/**/*.test.ts',
      ],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...infrastructure.map((name) => `/test/${name}\\.test\\.ts$`),
  ],
  setupFiles: ['<rootDir>/test/mutation/setup.ts'],
  // A mutant's run loads only the test files that hold one of its covering tests.
  testSequencer: '<rootDir>/test/mutation/sequencer.cjs',
};
