/**
 * The project's own `npm run` commands, as a person runs them: `--help` prints Spanish usage,
 * exits 0 and touches no data; bad options are reported in Spanish; `import:irca` reports every
 * malformed line and goes on.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLeases } from '../../src/readstore/lease-sqlite';

const root = join(__dirname, '..', '..');
const scripts = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
/** Our commands (not the tools' wrappers such as lint or test): whatever runs a file of ours. */
const OWN = Object.entries(scripts)
  .filter(([, command]) => /(src\/cli|bench|test\/fuzz)\//.test(command))
  .map(([name]) => name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a package.json script with arguments, as `npm run -s NAME -- ARGS` would, without npm's own
 * start-up (`tsx X` is `node --import tsx X`).
 */
function npmRun(name: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const words = scripts[name]!.split(' ');
  const [program, ...rest] =
    words[0] === 'tsx' ? ['node', '--import', 'tsx', ...words.slice(1)] : words;
  return new Promise((resolve) => {
    execFile(
      program === 'node' ? process.execPath : program!,
      [...rest, ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          EVENTSTORE_PATH: join(dir, 'bitacora.db'),
          LOG_LEVEL: 'silent',
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('every npm run command of ours', () => {
  it('is found in package.json', () => {
    expect(OWN).toEqual(
      expect.arrayContaining(['start', 'token', 'rebuild', 'schema', 'import:irca', 'fuzz']),
    );
  });

  it.each(OWN)(
    '%s --help: Spanish usage, exit 0, no data touched',
    async (name) => {
      const schema = join(root, 'schema', 'schema.graphql');
      const schemaWritten = statSync(schema).mtimeMs;
      const run = await npmRun(name, ['--help']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Uso: npm (run [\w:]+|start)/);
      expect(run.stdout).toMatch(/--help +muestra esta ayuda/);
      expect(existsSync(join(dir, 'bitacora.db'))).toBe(false);
      expect(statSync(schema).mtimeMs).toBe(schemaWritten);
    },
    60_000,
  );
});

describe('npm run rebuild', () => {
  it('refuses to run while another rebuild holds the read store', async () => {
    // A store of its own: the other tests expect none in `dir`.
    const store = join(dir, 'rebuild');
    const leases = new SqliteLeases(join(store, 'bitacora.read.db.leases'));
    expect(await leases.acquire('rebuild', 'otra-terminal:4242', 60_000)).not.toBeNull();
    const run = await npmRun('rebuild', [], { EVENTSTORE_PATH: join(store, 'bitacora.db') });
    await leases.close();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Ya hay una reconstrucción en curso \(otra-terminal:4242\)/);
  }, 60_000);
});

describe('npm run token', () => {
  it.concurrent.each([
    [['--nope'], /^Error: opción desconocida --nope\.\nUse --help/],
    [
      ['--role', 'PLANNER', '--dane', '73001', '--hours', '-1'],
      /--hours necesita un valor .*--hours=VALOR/,
    ],
  ])(
    '%j is refused in Spanish with exit 2',
    async (args, message) => {
      const run = await npmRun('token', args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    },
    60_000,
  );
});

describe('exit status, the same convention for every command (0 done, 1 failed, 2 usage)', () => {
  it.concurrent.each([
    ['seal', []],
    ['seal', ['--semester', '2025-3']],
    ['seal', ['--semester', '2099-1']],
    ['verify', ['--seal', 'no-existe.json']],
    ['verify', ['--jwks', 'no-existe.json']],
    ['verify', ['--proof', 'no-existe.json']],
    ['token', ['--role', 'NADIE', '--dane', '73001']],
    ['import:irca', []],
  ])(
    '%s %j is a usage error: exit 2, Spanish, nothing opened',
    async (name, args) => {
      const run = await npmRun(name, args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^Error: [^\n]+\nUse --help para ver el uso\.\n$/);
      expect(existsSync(join(dir, 'bitacora.db'))).toBe(false);
    },
    60_000,
  );

  it.each([
    ['verify', []],
    ['seal', ['--all']],
    ['rebuild', []],
    ['import:irca', ['test/fixtures/irca_yearly_2007_2023.csv']],
    ['start', []],
  ])(
    '%s %j on a log that is not a database is a runtime failure: exit 1',
    async (name, args) => {
      const broken = join(dir, 'roto', 'bitacora.db');
      mkdirSync(join(dir, 'roto'), { recursive: true });
      writeFileSync(broken, 'esto no es una base de datos SQLite\n'.repeat(100));
      const run = await npmRun(name, args, { EVENTSTORE_PATH: broken, PORT: '0' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Error: .*not a database/m);
      expect(run.stderr).not.toMatch(/Use --help/);
    },
    60_000,
  );

  it('token without a secret in production is a runtime failure: exit 1', async () => {
    const run = await npmRun('token', ['--role', 'PLANNER', '--dane', '73001'], {
      NODE_ENV: 'production',
      JWT_SECRET: '',
    });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe('Error: Configure JWT_SECRET o JWT_JWKS_URL en producción.\n');
  }, 60_000);
});

describe('npm run import:irca', () => {
  it('a missing file is said in Spanish, before any store is opened', async () => {
    const run = await npmRun('import:irca', [join(dir, 'no-existe.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no existe el archivo/);
    expect(existsSync(join(dir, 'bitacora.db'))).toBe(false);
  }, 60_000);

  it('reports every malformed line with its number and reason, goes on, and prints its counts', async () => {
    const file = join(dir, 'irca.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(
          'dane_code,year,irca,risk_level,irca_urban,risk_level_urban,irca_rural,risk_level_rural\n',
        ),
        Buffer.from('73001,2021,3.9,Sin riesgo\n\n'),
        Buffer.from([0x37, 0x33, 0x30, 0x30, 0x31, 0x2c, 0xe9, 0x0a]),
        Buffer.from('05001,2021,1,Sin riesgo,1,Sin riesgo,1,Sin riesgo\n'),
      ]),
    );
    const run = await npmRun('import:irca', [file], { LOG_LEVEL: 'warn', SEED_DEMO: 'false' });
    expect(run.code).toBe(0);
    // The counts are one JSON line on stdout; the log lines (pino) may come before or after.
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const warnings = lines.filter((line) => 'level' in line).map((line) => line.msg);
    expect(warnings).toEqual([
      expect.stringMatching(/^línea 2 omitida: tiene 4 columnas/),
      'línea 3 omitida: línea vacía.',
      expect.stringMatching(/^línea 4 omitida: la línea no es UTF-8/),
    ]);
    expect(lines.filter((line) => !('level' in line))).toEqual([
      { rows: 4, imported: 0, unchanged: 0, withoutPlan: 1, malformed: 3, events: 0 },
    ]);
  }, 60_000);
});

describe('npm run fuzz', () => {
  it('runs the fuzzer and prints its JSON summary', async () => {
    const run = await npmRun('fuzz', ['--runs', '30', '--seed', '7']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      requests: number;
      seed: number;
      eventsAppended: number;
    };
    expect(summary).toMatchObject({ requests: 30, seed: 7, eventsAppended: 0 });
  }, 60_000);
});
