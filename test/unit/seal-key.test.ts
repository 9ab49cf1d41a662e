import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SealKeyMissing,
  loadSealKey,
  signSeal,
  verifySealSignature,
  keyringOf,
} from '../../src/integrity/seals';
import { root } from '../support/demo-log';

describe('the seal key', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-key-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated into the data folder in development, and the same key is used afterwards', async () => {
    const settings = {
      sealPrivateKey: null,
      sealPrivateKeyFile: null,
      developmentKeyPath: join(dir, 'data', 'seal-key.pem'),
      production: false,
    };
    const first = await loadSealKey(settings);
    expect(existsSync(settings.developmentKeyPath)).toBe(true);
    const again = await loadSealKey(settings);
    expect(again.kid).toBe(first.kid);
    const seal = await signSeal(first, {
      semester: '2025-1',
      treeSize: 3,
      rootHash: 'ab'.repeat(32),
      lastPosition: 3,
      sealedThrough: '2025-07-01T04:59:59.999Z',
      sealedAt: '2025-07-01T05:00:10.000Z',
    });
    expect(await verifySealSignature(seal, keyringOf(again))).toEqual({ ok: true });
    expect(await verifySealSignature({ ...seal, treeSize: 4 }, keyringOf(again))).toMatchObject({
      ok: false,
    });
  });

  it('is required in production: no development key is made', async () => {
    const settings = {
      sealPrivateKey: null,
      sealPrivateKeyFile: null,
      developmentKeyPath: join(dir, 'prod', 'seal-key.pem'),
      production: true,
    };
    await expect(loadSealKey(settings)).rejects.toBeInstanceOf(SealKeyMissing);
    expect(existsSync(settings.developmentKeyPath)).toBe(false);
  });

  it('npm start refuses to start in production without one, before touching the log', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: 'un-secreto-de-prueba',
        SEAL_PRIVATE_KEY: '',
        SEAL_PRIVATE_KEY_FILE: '',
        EVENTSTORE_PATH: join(dir, 'prod-start', 'bitacora.db'),
        PORT: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/SEAL_PRIVATE_KEY/);
    expect(existsSync(join(dir, 'prod-start', 'bitacora.db'))).toBe(false);
  });
});
