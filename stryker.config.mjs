// @ts-check
/**
 * Mutation testing of the rules and the read models (`npm run mutation`, issue 14). Run in parts,
 * one folder at a time (`npm run mutation -- src/domain/rules`); `test/mutation/run.ts` sets
 * MUTATION_PART so that each part keeps its own incremental file and JSON report.
 *
 * Equivalent mutants (a change no test can see because behaviour does not change) are not listed
 * here as a global exclusion: each is marked in the code, on the line it concerns, with
 * `// Stryker disable next-line <mutator>: <reason>`. Stryker reports them as "Ignored" with that
 * reason, they do not count in the score, and `npm run mutation` prints every one of them.
 *
 * Static mutants (code run once when a module loads, such as the catalogue's tables) are ignored
 * (`ignoreStatic`): each would need the whole suite, hours on two cores; the summary counts them.
 */
import process from 'node:process';

const part = process.env.MUTATION_PART ?? 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.js',
    // Only the test files that import the mutated file, directly or not.
    enableFindRelatedTests: true,
  },
  // Each mutant runs only the tests that executed its line.
  coverageAnalysis: 'perTest',
  mutate: ['src/domain/**/*.ts', 'projections/**/*.ts'],
  ignoreStatic: true,
  // A rerun tests only mutants whose code or covering tests changed since the committed results.
  incremental: true,
  incrementalFile: `test/mutation/incremental/${part}.json`,
  // The machine is shared: one test process unless `--concurrency` says otherwise.
  concurrency: 1,
  // Beyond 1.5 × the covering tests' own time: a margin for a shared machine (a slow run counted
  // as a timeout would count as killed), but not a minute per mutant that loops for ever (60 s
  // made the risk_scores part's sixteen looping mutants cost a quarter of its run).
  timeoutMS: 20000,
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${part}.json` },
  htmlReporter: { fileName: `reports/mutation/${part}.html` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
