import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { excelJs, esdbAdapter, mongoAdapter, vega, vegaLite } from '../../src/late-modules';
import { waitForOk } from '../support/http';

const root = join(__dirname, '..', '..');

/** Packages of work the embedded server does late or never: loaded on first use only. */
const LATE_PACKAGES = [
  'exceljs',
  'vega',
  'vega-lite',
  'mongodb',
  '@eventstore/db-client',
  '@grpc/grpc-js',
];

describe('what npm start loads on the embedded store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-start-modules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves until ready without loading Excel, the charts or the server stores’ drivers', async () => {
    const loadedFile = join(dir, 'loaded.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './test/support/loaded-packages.ts', 'src/cli/serve.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: '0',
          EVENTSTORE_PATH: join(dir, 'bitacora.db'),
          SEED_DEMO: 'false',
          LOG_LEVEL: 'info',
          NODE_ENV: 'test',
          LOADED_PACKAGES_FILE: loadedFile,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
          if (listening) resolve(listening[1]!);
        });
        child.on('exit', (code) => reject(new Error(`el servidor terminó (${code}): ${output}`)));
      });
      const ready = await waitForOk(`${url}/readyz`, 30_000);
      expect(((await ready.json()) as { status: string }).status).toBe('ready');
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    const loaded = JSON.parse(readFileSync(loadedFile, 'utf8')) as string[];
    // What serving needs was loaded (the list is real), and none of the late packages.
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', 'graphql', 'mingo']));
    expect(loaded.filter((name) => LATE_PACKAGES.includes(name))).toEqual([]);
  }, 60_000);

  it('loads each late module on first use', () => {
    expect(typeof new (excelJs().Workbook)().addWorksheet).toBe('function');
    expect(typeof vega().View).toBe('function');
    expect(typeof vegaLite().compile).toBe('function');
    expect(typeof esdbAdapter().EsdbEventStore).toBe('function');
    expect(typeof mongoAdapter().MongoReadStore.connect).toBe('function');
  });
});
