/**
 * `npm run mutation`: StrykerJS over `src/domain` and `projections/`, in parts (a folder or a
 * file per run, each with its own incremental file), then one JSON line per mutated file with its score and
 * its target (issue 14: 90 % in the domain, 85 % in the read models).
 *
 *   npm run mutation                          every part, one after the other
 *   npm run mutation -- src/domain/rules      one part (several may be named)
 *   npm run mutation -- projections --concurrency 2
 *   npm run mutation -- --summary             no run: the scores of the committed results
 *
 * With no part named (a full run, or `--summary` alone), a source under `src/domain` or
 * `projections` that no part's results cover is printed as `{"unmeasured": file}` (and fails a
 * full run): a part that is a folder would otherwise let a file missing from its results pass.
 *
 * Options after the parts (`--concurrency`, `--force`, ...) go to `stryker run` as they are.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { MutationTestResult } from 'mutation-testing-report-schema' with {
  'resolution-mode': 'import',
};

const root = join(__dirname, '..', '..');

/** The parts a full run goes through, each small enough for a working session. */
export const PARTS = [
  'src/domain/rules',
  'src/domain/time.ts',
  'src/domain/upcasting.ts',
  'src/domain/access.ts',
  'src/domain/errors.ts',
  // One file per part: scoring.ts alone is about 200 mutants.
  'src/domain/monitoring/budget.ts',
  'src/domain/monitoring/scoring.ts',
  'src/domain/monitoring/methodology.ts',
  'src/domain/monitoring/monitoring.ts',
  'src/domain/monitoring/assessment.ts',
  'src/domain/monitoring/items.ts',
  // One file per part, so that a file missing from the results shows (see `unmeasured`).
  'src/domain/plan/aggregate.ts',
  'src/domain/plan/commands.ts',
  'src/domain/plan/decide.ts',
  'src/domain/plan/events.ts',
  'src/domain/plan/figures.ts',
  'src/domain/plan/state.ts',
  'src/domain/plan/deciders/funding.ts',
  'src/domain/plan/deciders/goals.ts',
  'src/domain/plan/deciders/lifecycle.ts',
  'src/domain/plan/deciders/progress.ts',
  'src/domain/plan/deciders/projects.ts',
  'src/domain/plan/deciders/shared.ts',
  // One file per part: decide.ts alone is about 350 mutants, social-plan.ts about 440.
  'src/domain/review/state.ts',
  'src/domain/review/follow-up.ts',
  'src/domain/review/packet.ts',
  'src/domain/review/events.ts',
  'src/domain/review/commands.ts',
  'src/domain/review/aggregate.ts',
  'src/domain/review/decide.ts',
  'src/domain/social/figures.ts',
  'src/domain/social/social-plan.ts',
  'src/domain/catalogue',
  'src/domain/territory.ts',
  // One file per part: each read model has its own suites, and audit.ts alone is 400 mutants.
  // Not index.ts: see NOT_MUTATED.
  'projections/plans.ts',
  'projections/goals.ts',
  'projections/plan-history.ts',
  'projections/audit.ts',
  'projections/reviews.ts',
  'projections/social.ts',
  'projections/monitoring.ts',
  'projections/envelope.ts',
  'projections/idempotency.ts',
  'projections/risk-scores.ts',
] as const;

/**
 * The sources under `src/domain` and `projections` that no part measures, each with the reason.
 * Any other source missing from every part's results is reported by `unmeasured`.
 */
export const NOT_MUTATED: Readonly<Record<string, string>> = {
  'projections/index.ts':
    'the list of read models: its only code (the array, the DANE codes of the DIVIPOLA) runs when ' +
    'the module loads, so every mutant would be static (ignoreStatic), and its part would run ' +
    'every projector suite for nothing; each read model is its own part',
};

/** The folders whose sources the parts must cover. */
export const MUTATED_FOLDERS = ['src/domain', 'projections'] as const;

/** The TypeScript sources under the mutated folders, relative to the root (`src/domain/x.ts`). */
export function mutatedSources(base: string = root): string[] {
  return MUTATED_FOLDERS.flatMap((folder) =>
    readdirSync(join(base, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `${folder}/${name.split(sep).join('/')}`),
  ).sort();
}

/** Whether a part (a file, or a folder and what it holds) takes in a source. */
export const partCovers = (part: string, file: string): boolean =>
  part.endsWith('.ts') ? part === file : file.startsWith(`${part.replace(/\/+$/, '')}/`);

/** The sources no part's results cover and that NOT_MUTATED does not excuse. */
export const unmeasured = (sources: readonly string[], measured: ReadonlySet<string>): string[] =>
  sources.filter((file) => !measured.has(file) && !(file in NOT_MUTATED));

/** The name of a part's files: `src/domain/rules` → `domain-rules`. */
export const partName = (path: string): string =>
  path
    .replace(/^src\//, '')
    .replace(/\.ts$/, '')
    .replace(/\/+$/, '')
    .replaceAll('/', '-');

const globOf = (path: string): string =>
  path.endsWith('.ts') ? path : `${path.replace(/\/+$/, '')}/**/*.ts`;

/** The score a file must reach. */
export const targetOf = (file: string): number => (file.startsWith('projections/') ? 85 : 90);

export interface FileSummary {
  file: string;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Equivalent mutants marked in the code (`// Stryker disable ...: reason`). */
  equivalent: number;
  /** Run when the module loads: left out (`ignoreStatic`, see stryker.config.mjs). */
  static: number;
  errors: number;
  /** Killed and timed out over every valid mutant that is not ignored, in percent. */
  score: number | null;
  target: number;
  met: boolean;
  /**
   * Whether the results are of the file as it is now: a result of an earlier version says nothing
   * of the code since (its part must be run again; incremental, only what changed reruns).
   */
  current: boolean;
}

type Mutant = MutationTestResult['files'][string]['mutants'][number];

/** Whether Stryker left a mutant out because it runs when the module loads (`ignoreStatic`). */
const isStatic = (mutant: Mutant): boolean =>
  mutant.status === 'Ignored' && (mutant.statusReason ?? '').startsWith('Static mutant');

/** The source of a project file as it is now, or null if it is gone. */
const sourceNow = (file: string): string | null => {
  const path = join(root, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};

/**
 * One summary per file of a Stryker JSON report (mutation-testing-report-schema), each saying
 * whether the source it measured is the file's source now (`sourceOf`, by default the file's).
 */
export function summarize(
  report: MutationTestResult,
  sourceOf: (file: string) => string | null = sourceNow,
): FileSummary[] {
  return Object.entries(report.files)
    .map(([file, { mutants, source }]) => {
      const count = (status: string) => mutants.filter((m) => m.status === status).length;
      const killed = count('Killed');
      const timeout = count('Timeout');
      const survived = count('Survived');
      const noCoverage = count('NoCoverage');
      const valid = killed + timeout + survived + noCoverage;
      const score = valid === 0 ? null : Math.round(((killed + timeout) / valid) * 1000) / 10;
      const target = targetOf(file);
      return {
        file,
        mutants: mutants.length,
        killed,
        timeout,
        survived,
        noCoverage,
        equivalent: mutants.filter((m) => m.status === 'Ignored' && !isStatic(m)).length,
        static: mutants.filter(isStatic).length,
        errors: count('CompileError') + count('RuntimeError'),
        score,
        target,
        met: score === null || score >= target,
        current: sourceOf(file) === source,
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The mutants marked as equivalent in the code, with the reason each mark gives. */
export function equivalents(report: MutationTestResult) {
  return Object.entries(report.files).flatMap(([file, { mutants }]) =>
    mutants
      .filter((m) => m.status === 'Ignored' && !isStatic(m))
      .map((m) => ({
        file,
        line: m.location.start.line,
        mutator: m.mutatorName,
        replacement: m.replacement ?? null,
        reason: m.statusReason ?? '',
      })),
  );
}

function readReport(part: string): MutationTestResult | null {
  // The JSON report of the last run, or else the committed incremental file (the same schema).
  for (const path of [
    join(root, 'reports', 'mutation', `${part}.json`),
    join(root, 'test', 'mutation', 'incremental', `${part}.json`),
  ]) {
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as MutationTestResult;
  }
  return null;
}

function main(args: string[]): number {
  const summaryOnly = args.includes('--summary');
  const firstOption = args.findIndex((a) => a.startsWith('--'));
  const named = (firstOption === -1 ? args : args.slice(0, firstOption)).filter(Boolean);
  const options = (firstOption === -1 ? [] : args.slice(firstOption)).filter(
    (a) => a !== '--summary',
  );
  const parts = named.length > 0 ? named : [...PARTS];
  let failed = false;
  const measured = new Set<string>();
  for (const path of parts) {
    const part = partName(path);
    if (!summaryOnly) {
      const started = Date.now();
      const run = spawnSync(
        'npx',
        ['stryker', 'run', 'stryker.config.mjs', '--mutate', globOf(path), ...options],
        {
          cwd: root,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: {
            ...process.env,
            MUTATION_PART: part,
            // The domain's rules are pinned by its pure suites; the read models need the projector's.
            MUTATION_SUITES:
              process.env.MUTATION_SUITES ?? (path.startsWith('src/domain') ? 'unit' : 'all'),
          },
        },
      );
      console.error(
        `# ${path}: stryker ${run.status === 0 ? 'ok' : 'falló'} en ${Math.round((Date.now() - started) / 1000)} s`,
      );
      if (run.status !== 0) failed = true;
    }
    const report = readReport(part);
    if (!report) {
      console.error(`# ${path}: sin resultados (npm run mutation -- ${path})`);
      continue;
    }
    for (const summary of summarize(report)) {
      measured.add(summary.file);
      console.log(JSON.stringify(summary));
      if (!summary.met) failed = true;
      if (!summary.current)
        console.error(
          `# ${summary.file}: medido sobre una versión anterior del código (npm run mutation -- ${path})`,
        );
    }
    for (const equivalent of equivalents(report)) console.log(JSON.stringify({ equivalent }));
  }
  // Every part: a source that no part's results cover would otherwise pass unnoticed.
  if (named.length === 0) {
    for (const file of unmeasured(mutatedSources(), measured)) {
      const part = PARTS.find((candidate) => partCovers(candidate, file));
      console.log(JSON.stringify({ unmeasured: file }));
      console.error(
        part
          ? `# ${file}: sin medir (npm run mutation -- ${part})`
          : `# ${file}: ninguna parte lo incluye (agréguelo a PARTS en test/mutation/run.ts)`,
      );
      failed = true;
    }
  }
  return summaryOnly ? 0 : failed ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
