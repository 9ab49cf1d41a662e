/**
 * A real log for the integrity tests: the demo `npm start` seeds, in a SQLite file, and helpers to
 * tamper with copies of it (the append-only triggers are dropped on the copy only).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedDemo } from '../../src/demo/seed';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { OverridableClock } from '../../src/runtime';
import { territory } from './plan';

export const root = join(__dirname, '..', '..');

export async function seedDemoLog(dir: string, now = new Date()): Promise<string> {
  const path = join(dir, 'bitacora.db');
  const clock = new OverridableClock();
  const events = new SqliteEventStore({ path, clock });
  await seedDemo(events, territory, clock, now);
  await events.close();
  return path;
}

/** A copy of the log, in its own folder (with the same seal key), writable for tampering. */
export function tamperableCopy(
  path: string,
  name: string,
): { dir: string; path: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), `bitacora-${name}-`));
  const copy = join(dir, 'bitacora.db');
  // A consistent copy even with a WAL beside the original.
  const source = new Database(path, { readonly: true });
  writeFileSync(copy, source.serialize());
  source.close();
  copyFileSync(join(path, '..', 'seal-key.pem'), join(dir, 'seal-key.pem'));
  const db = new Database(copy);
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  return { dir, path: copy, db };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an npm script as a user would (`npm run -s NAME -- ARGS`) with the log at `dir`. */
export function npmRun(
  script: string,
  args: string[],
  dir: string,
  env: NodeJS.ProcessEnv = {},
): CliResult {
  const result = spawnSync('npm', ['run', '-s', script, '--', ...args], {
    cwd: root,
    env: { ...process.env, EVENTSTORE_PATH: join(dir, 'bitacora.db'), LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
