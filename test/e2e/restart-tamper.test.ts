/**
 * The example, as a user would meet it: `npm start` (read models persisted in SQLite beside
 * the log, demo seeded), stopped; one digit of a GoalAmended payload changed in the log file (hash
 * not recomputed); started again on the same files. The read models are already current, so
 * nothing re-reads that event while serving: the start-up check must, before /readyz says 200.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const root = join(__dirname, '..', '..');
const PLAN = 'plan-73001-2024';

interface Readiness {
  status: string;
  faults?: Array<{ kind: string; stream: string; revision: number; eventId: string }>;
  startupCheck?: { state: string; checked: number; total: number };
}

describe('npm start on a log changed while it was stopped', () => {
  let dir: string;
  let child: ChildProcess | null = null;
  const port = 5100 + (process.pid % 400);
  const base = `http://localhost:${port}`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-restart-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  function start(): void {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        EVENTSTORE_PATH: join(dir, 'bitacora.db'),
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
      stdio: 'ignore',
    });
  }

  async function stop(): Promise<void> {
    const running = child!;
    child = null;
    const exited = new Promise<number | null>((resolve) => running.on('exit', resolve));
    running.kill('SIGTERM');
    expect(await exited).toBe(0);
  }

  /**
   * Every /readyz answer from the moment the server listens until `done` says enough (or the
   * deadline), polled back to back: a 200 in between cannot slip by unseen.
   */
  async function readiness(
    done: (answers: Array<{ code: number; body: Readiness }>) => boolean,
    timeoutMs = 60_000,
  ): Promise<Array<{ code: number; body: Readiness }>> {
    const answers: Array<{ code: number; body: Readiness }> = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${base}/readyz`);
        answers.push({ code: response.status, body: (await response.json()) as Readiness });
        if (done(answers)) return answers;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    throw new Error(`/readyz no llegó a lo esperado: ${JSON.stringify(answers.at(-1))}`);
  }

  const readyOnce = (answers: Array<{ code: number }>) => answers.at(-1)!.code === 200;

  it('a clean restart passes the start-up check and is ready', async () => {
    start();
    await readiness(readyOnce);
    await stop();
    // Every event verified at the stop: the file is recorded so, signed, beside the log.
    expect(existsSync(join(dir, 'bitacora.db.verified'))).toBe(true);

    start();
    const answers = await readiness(readyOnce);
    expect(answers.at(-1)!.body.status).toBe('ready');
    // Before it was ready, only the start-up check or the (already current) read models held it.
    for (const { code, body } of answers.slice(0, -1)) {
      expect(code).toBe(503);
      expect(['verificando', 'catching-up']).toContain(body.status);
    }
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ integrity { status startupCheck { state total checked method } faults { kind } } }',
      }),
    });
    const { data } = (await response.json()) as {
      data: {
        integrity: {
          status: string;
          startupCheck: { state: string; total: number; checked: number; method: string };
          faults: unknown[];
        };
      };
    };
    expect(data.integrity.startupCheck.state).toBe('passed');
    expect(data.integrity.startupCheck.total).toBeGreaterThan(200);
    expect(data.integrity.startupCheck.checked).toBe(data.integrity.startupCheck.total);
    // The log file is, byte for byte, the one recorded at the stop: hashed whole, not row by row.
    expect(data.integrity.startupCheck.method).toBe('file');
    expect(data.integrity.faults).toEqual([]);
    await stop();
  }, 120_000);

  it('one digit of a GoalAmended payload changed: /readyz is never 200 and names the event', async () => {
    // The server is stopped (previous test). Total 2749 → 2740, the hash left as it was.
    const db = new Database(join(dir, 'bitacora.db'));
    db.exec('DROP TRIGGER events_no_update');
    // The issue's example: Ibagué's amended ACU-COB-URB goal (found by content: the demo grows).
    const target = db
      .prepare(
        `SELECT id, revision, position FROM events
         WHERE stream = ? AND type = 'GoalAmended' AND data LIKE '%"total":2749%'`,
      )
      .get(PLAN) as { id: string; revision: number; position: number };
    const changed = db
      .prepare(
        `UPDATE events SET data = replace(data, '"total":2749', '"total":2740') WHERE position = ?`,
      )
      .run(target.position);
    expect(changed.changes).toBe(1);
    db.close();

    start();
    const answers = await readiness((seen) => seen.at(-1)!.body.status === 'integrity-fault');
    // And it stays so, also once the full verification after the start-up check has run.
    const later = await readiness((seen) => seen.length >= 20);
    const all = [...answers, ...later];
    expect(all.filter((a) => a.code === 200)).toEqual([]);
    expect(all.every((a) => a.code === 503)).toBe(true);
    const fault = later.at(-1)!.body.faults!.find((f) => f.kind === 'hash');
    expect(fault).toMatchObject({ stream: PLAN, revision: target.revision, eventId: target.id });
    expect(later.at(-1)!.body.startupCheck?.state).toBe('failed');

    // Reads go on for auditors, and the integrity query names the same place.
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ integrity { status startupCheck { state method } faults { kind stream revision position eventId } } }',
      }),
    });
    const { data } = (await response.json()) as {
      data: {
        integrity: {
          status: string;
          startupCheck: { state: string; method: string };
          faults: Array<Record<string, unknown>>;
        };
      };
    };
    expect(data.integrity.status).toBe('damaged');
    expect(data.integrity.startupCheck.state).toBe('failed');
    // The changed file is not the one recorded at the stop: every row was read.
    expect(data.integrity.startupCheck.method).toBe('rows');
    expect(data.integrity.faults).toContainEqual({
      kind: 'hash',
      stream: PLAN,
      revision: target.revision,
      position: target.position,
      eventId: target.id,
    });
    await stop();
  }, 120_000);
});
