/**
 * Every example of the README, run as written against `npm start`'s demo: each `sh` block goes to
 * bash in the project folder (the API's port swapped for this server's), every GraphQL `curl` must
 * answer data and no error (a curl of another JSON endpoint, such as `/readyz`, a non-empty answer),
 * and every other command must succeed. `npm ci && npm start` / `npm ci &&
 * npm test` are this very suite and the `npm start` process test, so they are not run again.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForOk } from '../support/http';

const root = join(__dirname, '..', '..');
const SEPARATOR = '__FIN_DEL_EJEMPLO__';

/**
 * The `sh` blocks of a markdown text, in order, each with the output the README shows right after
 * it in a plain block, if it does (an example of an error shows the error it answers).
 */
export function shellBlocks(markdown: string): Array<{ code: string; shown: string | null }> {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```(?:\n\n```\n([\s\S]*?)```)?/g)].map(
    (match) => ({ code: match[1]!, shown: match[2] ?? null }),
  );
}

/** The commands of a block: continuation lines joined, blank lines dropped. */
export function commandsOf(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

/** Whether a GraphQL result holds something: a value, a non-empty list, an object with either. */
function hasData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some(hasData);
  if (typeof value === 'object') return Object.values(value).some(hasData);
  return true;
}

function run(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd: root, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the README, example by example, against the demo of `npm start`', () => {
  let dir: string;
  let child: ChildProcess;
  const port = 4600 + (process.pid % 400);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  delete env.JWT_SECRET;
  delete env.JWT_JWKS_URL;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-readme-'));
    env.EVENTSTORE_PATH = join(dir, 'bitacora.db');
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
      cwd: root,
      env: { ...env, PORT: String(port) },
      stdio: 'ignore',
    });
    await waitForOk(`http://localhost:${port}/readyz`, 90_000);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses the blocks it runs', () => {
    expect(shellBlocks('```sh\ncurl x\n```\n\n```\n{"errors":[]}\n```\n')).toEqual([
      { code: 'curl x\n', shown: '{"errors":[]}\n' },
    ]);
    expect(commandsOf("TOKEN=$(x)\ncurl -s a \\\n  -d 'b'\n\n# note\n")).toEqual([
      'TOKEN=$(x)',
      "curl -s a  -d 'b'",
    ]);
  });

  it('every example returns data and no error (or exactly what the README shows); every command succeeds', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const blocks = shellBlocks(readme);
    // Files the examples write (seals, proofs, workbooks, open data) go to a folder of this test, not the project's.
    const files = mkdtempSync(join(tmpdir(), 'bitacora-readme-files-'));
    let curls = 0;
    let shown = 0;
    for (const [index, { code: block, shown: output }] of blocks.entries()) {
      const lines: string[] = [];
      let expected = 0;
      /** Per answer on stdout: whether it comes from the GraphQL endpoint (else /healthz, ...). */
      const graphql: boolean[] = [];
      for (const command of commandsOf(block)) {
        if (/^npm ci\b/.test(command)) continue;
        const local = command
          .replaceAll('http://localhost:4000', `http://localhost:${port}`)
          .replaceAll('path/to/irca_yearly.csv', 'test/fixtures/irca_yearly_2007_2023.csv')
          .replace(/(?<=[\s=])(sellos|exportes)\//g, `${files}/`)
          .replace(/^mkdir -p (sellos|exportes)$/, `mkdir -p ${files}`);
        // A GraphQL answer on stdout: a curl that neither writes a file nor feeds a variable.
        if (local.startsWith('curl ') && !/\s-o\s/.test(local)) {
          expected += 1;
          graphql.push(/\/graphql\b/.test(local));
          lines.push(local, `printf '\\n${SEPARATOR}\\n'`);
        } else {
          lines.push(local);
        }
      }
      // Any command that fails stops the block with its status and message.
      const result = await run(['set -euo pipefail', ...lines].join('\n'), env);
      const where = `bloque ${index + 1} del README:\n${block}`;
      expect({ where, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
        where,
        code: 0,
        stderr: '',
      });
      if (output !== null) {
        // The README shows what this example answers: it must answer exactly that.
        shown += 1;
        const answered = result.stdout.split(SEPARATOR)[0]!.trim();
        expect({ where, answered }).toEqual({ where, answered: output.trim() });
        continue;
      }
      const outputs = result.stdout.split(SEPARATOR).slice(0, expected);
      expect(outputs).toHaveLength(expected);
      for (const [answer, output] of outputs.entries()) {
        curls += 1;
        const text = output.trim();
        let body: { data?: Record<string, unknown> | null; errors?: unknown[] } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          expect({ where, output: text }).toEqual({ where, output: 'una respuesta JSON' });
        }
        expect({ where, errors: body.errors }).toEqual({ where, errors: undefined });
        if (!graphql[answer]) {
          // A JSON endpoint other than GraphQL (/healthz, /readyz): an answer with something in it.
          expect({ where, hasData: hasData(body) }).toEqual({ where, hasData: true });
          continue;
        }
        for (const [field, value] of Object.entries(body.data ?? {})) {
          expect({ where, field, hasData: hasData(value) }).toEqual({
            where,
            field,
            hasData: true,
          });
        }
        expect(body.data).toBeTruthy();
      }
    }
    rmSync(files, { recursive: true, force: true });
    // The README's examples, all of them: a block lost by a formatting slip would fail here.
    expect(blocks.length).toBeGreaterThanOrEqual(12);
    expect(curls).toBeGreaterThanOrEqual(14);
    expect(shown).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
