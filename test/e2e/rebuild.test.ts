/**
 * `npm run rebuild` while the API serves (blue/green): the command builds the next generation of
 * the read models into tables of its own while the API keeps answering from the current one and
 * keeps projecting what is written meanwhile; then the API switches within a second, answers the
 * same, and the old tables are dropped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { ALL_PROJECTIONS } from '../../projections';
import { loadConfig } from '../../src/config';
import { createVerifier } from '../../src/graphql/auth';
import { createLogger } from '../../src/logging';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { openStores } from '../../src/runtime';
import { startServer } from '../../src/server';
import { seedDemoLog } from '../support/demo-log';
import { territory } from '../support/plan';
import { jwtConfig, token } from '../support/server';

const root = join(__dirname, '..', '..');
const PLAN = `{ plan(daneCode: "73001", firstYear: 2024) { id revision goals { id } baselines { value } } }`;

function rebuildCommand(env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/rebuild.ts')],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run rebuild while the API serves', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-rebuild-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the next generation beside the one served, switches the API to it, and drops the old one; answers never fail', async () => {
    const eventstorePath = await seedDemoLog(dir);
    const env = { EVENTSTORE_PATH: eventstorePath, REBUILD_GRACE_MS: '1500', CATCHUP_WORKERS: '1' };
    const config = loadConfig({ ...env, NODE_ENV: 'test' });
    const stores = await openStores(config, createLogger('silent'));
    const server = await startServer({
      services: { ...stores, territory, logger: createLogger('silent'), now: () => new Date() },
      verify: createVerifier(jwtConfig),
      port: 0,
      development: false,
    });
    await stores.projector.start();
    await stores.projector.waitFor(undefined, 60_000);
    const query = async () => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: PLAN }),
      });
      return (await response.json()) as {
        data?: { plan: { goals: unknown[]; revision: number } };
        errors?: unknown;
      };
    };
    try {
      const before = await query();
      expect(before.errors).toBeUndefined();
      expect(before.data!.plan.goals.length).toBeGreaterThan(0);
      expect(stores.readStore.generation).toBe(0);

      // In two worker threads, each a share of the streams (the API above catches up in one).
      const rebuilding = rebuildCommand({ ...env, CATCHUP_WORKERS: '2', LOG_LEVEL: 'info' });
      // While it runs: every answer is whole, and a change written now is projected.
      const answers: Array<Awaited<ReturnType<typeof query>>> = [];
      let finished = false;
      void rebuilding.then(() => (finished = true));
      const planner = await token({ role: 'PLANNER', entity: '73001' });
      let wrote = false;
      while (!finished) {
        answers.push(await query());
        if (!wrote && answers.length === 3) {
          wrote = true;
          const response = await fetch(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${planner}` },
            body: JSON.stringify({
              query: `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { revision readModelsCurrent } }`,
              variables: {
                input: {
                  daneCode: '73001',
                  firstYear: 2024,
                  indicator: 'ACU-COB-URB',
                  period: { year: 2025 },
                  value: 120000,
                  source: 'Informe de prueba',
                  reason: 'Corrección del informe durante la reconstrucción',
                },
              },
            }),
          });
          const written = (await response.json()) as { errors?: unknown };
          if (written.errors) throw new Error(JSON.stringify(written.errors));
          expect(written).toMatchObject({
            data: { reportProgress: { revision: expect.any(Number) } },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const run = await rebuilding;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('puesta al día de los modelos de lectura en 2 hilo(s)');
      expect(answers.length).toBeGreaterThan(3);
      for (const answer of answers) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.plan.goals).toHaveLength(before.data!.plan.goals.length);
      }

      // Switched within its watch interval, and current again on the new generation.
      expect(stores.readStore.generation).toBe(1);
      await stores.projector.waitFor(undefined, 30_000);
      const after = await query();
      expect(after.errors).toBeUndefined();
      expect(after.data!.plan.revision).toBe(before.data!.plan.revision + 1);
      expect(stores.projector.statuses().every((s) => s.state === 'running')).toBe(true);

      // The new generation is what a clean rebuild builds; the old one is gone.
      const clean = new EmbeddedReadStore();
      await new Projector(stores.events, clean, ALL_PROJECTIONS).rebuild();
      for (const projection of ALL_PROJECTIONS) {
        if (stores.readStore.derives(projection.collection)) continue;
        const sorted = { sort: { _id: 1 as const } };
        expect(await stores.readStore.collection(projection.collection).find({}, sorted)).toEqual(
          await clean.collection(projection.collection).find({}, sorted),
        );
        expect(await stores.readStore.at(0).collection(projection.collection).count()).toBe(0);
      }
    } finally {
      await server.stop();
      await stores.close();
    }
  }, 120_000);
});
