import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForOk } from '../support/http';

const root = join(__dirname, '..', '..');

describe('npm start (the serve command, as a process)', () => {
  let dir: string;
  let child: ChildProcess;
  const port = 4100 + (process.pid % 500);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-start-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the demo on an empty log, serves it, reports ready, and stops cleanly on SIGTERM', async () => {
    const logs: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        EVENTSTORE_PATH: join(dir, 'bitacora.db'),
        LOG_LEVEL: 'info',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    await waitForOk(`http://localhost:${port}/healthz`, 60_000);
    const ready = await waitForOk(`http://localhost:${port}/readyz`, 30_000);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ municipality(daneCode: "73268") { name plans { id goals { id } } } }',
      }),
    });
    const body = (await response.json()) as {
      data: { municipality: { name: string; plans: Array<{ goals: unknown[] }> } };
    };
    expect(body.data.municipality.name).toBe('ESPINAL');
    expect(body.data.municipality.plans[0]!.goals.length).toBe(11);
    // Every log line is JSON with a level; requests carry their id.
    const lines = logs.join('').trim().split('\n');
    expect(
      lines.every((line) => typeof (JSON.parse(line) as { level: number }).level === 'number'),
    ).toBe(true);
    expect(lines.some((line) => (JSON.parse(line) as { requestId?: string }).requestId)).toBe(true);

    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs.join('')).toMatch(/cerrado/);
  }, 90_000);
});
