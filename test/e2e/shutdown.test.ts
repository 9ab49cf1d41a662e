/**
 * `npm start` in production stopped by SIGTERM: it closes in order (HTTP, integrity, stores) and
 * records the log file it leaves verified. Apollo's own signal handlers (on outside NODE_ENV=test)
 * once stopped it first, and the process ended mid-way, its stores never closed.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('npm start in production, stopped by SIGTERM', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-shutdown-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes its stores and records the verified log file before it exits', async () => {
    const sealKeyPath = join(dir, 'seal-key.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(sealKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    const port = 5500 + (process.pid % 400);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        EVENTSTORE_PATH: join(dir, 'bitacora.db'),
        NODE_ENV: 'production',
        JWT_SECRET: 'secreto-de-la-prueba-de-cierre',
        SEAL_PRIVATE_KEY_FILE: sealKeyPath,
        SEED_DEMO: 'true',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // 'close': the process has exited and its output has all been read.
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const ready = await fetch(`http://localhost:${port}/readyz`).then(
          (response) => response.status === 200,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`no llegó a estar listo:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    const messages = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    const steps = [
      'cerrando: no se aceptan nuevas peticiones',
      'archivo de la bitácora verificado',
      'cerrado',
    ];
    expect(messages.at(-1)).toBe('cerrado');
    expect(messages.filter((message) => steps.includes(message))).toEqual([
      'cerrando: no se aceptan nuevas peticiones',
      'archivo de la bitácora verificado',
      'cerrado',
    ]);
    expect(existsSync(join(dir, 'bitacora.db.verified'))).toBe(true);
  }, 120_000);
});
