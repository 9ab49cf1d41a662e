// @ts-check
/**
 * Jest's test sequencer under StrykerJS (jest.mutation.config.js): a mutant's run loads only the
 * test files that hold a test it is to run.
 *
 * With `coverageAnalysis: 'perTest'`, Stryker runs a mutant's covering tests by name
 * (`testNamePattern`), but Jest still loads every test file related to the mutated source and
 * skips the tests that do not match: for a source of the plan that is 36-39 files per mutant,
 * most of them holding none of its tests. The initial test run (no pattern) runs every related
 * test; this sequencer records there which file holds each test (by full name, in a file of the
 * sandbox), and in a mutant's run keeps the files with a test whose name the pattern matches, as
 * Jest itself matches it (a regular expression, case-insensitive, anywhere in the full name).
 * A file the initial run did not see is kept: only files known to hold no matching test are left.
 */
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Where the initial run leaves the test names of each file (the sandbox is the working folder). */
const NAMES_FILE = join(process.cwd(), '.stryker-test-names.json');

/**
 * The test files to load for a pattern: those known to hold a test whose full name it matches,
 * and those not known at all.
 * @param {string[]} paths the related test files Jest found
 * @param {RegExp} pattern Jest's test name pattern
 * @param {Record<string, string[]>} namesByFile the full names of each file's tests
 * @returns {string[]}
 */
function filesToLoad(paths, pattern, namesByFile) {
  return paths.filter((path) => {
    const names = namesByFile[path];
    return names === undefined || names.some((name) => pattern.test(name));
  });
}

/**
 * The full names of each file's tests in a run's results.
 * @param {import('@jest/test-result').AggregatedResult} results
 * @returns {Record<string, string[]>}
 */
function namesOf(results) {
  /** @type {Record<string, string[]>} */
  const namesByFile = {};
  for (const file of results.testResults) {
    namesByFile[file.testFilePath] = file.testResults.map((test) => test.fullName);
  }
  return namesByFile;
}

class MutantTestSequencer extends Sequencer {
  /** @param {import('@jest/test-sequencer').TestSequencerOptions} options */
  constructor(options) {
    super(options);
    this.testNamePattern = options.globalConfig.testNamePattern;
  }

  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    if (this.testNamePattern && existsSync(NAMES_FILE)) {
      const namesByFile = JSON.parse(readFileSync(NAMES_FILE, 'utf8'));
      const keep = new Set(
        filesToLoad(
          tests.map((test) => test.path),
          new RegExp(this.testNamePattern, 'i'),
          namesByFile,
        ),
      );
      return super.sort(tests.filter((test) => keep.has(test.path)));
    }
    return super.sort(tests);
  }

  /**
   * @param {import('@jest/test-result').Test[]} tests
   * @param {import('@jest/test-result').AggregatedResult} results
   */
  cacheResults(tests, results) {
    // The initial run: every related test, by no pattern. (A later run by no pattern, for a mutant
    // that code run at load time covers, could stop at its first failure: it writes nothing.)
    if (!this.testNamePattern && !existsSync(NAMES_FILE)) {
      writeFileSync(NAMES_FILE, JSON.stringify(namesOf(results)));
    }
    return super.cacheResults(tests, results);
  }
}

module.exports = MutantTestSequencer;
module.exports.filesToLoad = filesToLoad;
module.exports.namesOf = namesOf;
