/** What the tests use of the mutation run's test sequencer (sequencer.cjs). */
export declare function filesToLoad(
  paths: string[],
  pattern: RegExp,
  namesByFile: Record<string, string[]>,
): string[];

export declare function namesOf(results: {
  testResults: ReadonlyArray<{
    testFilePath: string;
    testResults: ReadonlyArray<{ fullName: string }>;
  }>;
}): Record<string, string[]>;
