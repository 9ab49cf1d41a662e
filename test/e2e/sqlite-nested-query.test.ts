/**
 * The nested `municipalities → plans → goals` query on the persisted SQLite read store, what
 * `npm start` serves: every statement it runs is an indexed lookup (EXPLAIN QUERY PLAN: a SEARCH,
 * never a SCAN of a collection), and a page of all 47 of Tolima runs the same statements as a
 * page of one, so what it reads grows with the page, not with the country.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../projections';
import { seedDemo } from '../../src/demo/seed';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments } from '../../src/projector/derived';
import { Projector } from '../../src/projector/projector';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { OverridableClock } from '../../src/runtime';
import { territory } from '../support/plan';
import { serveStores } from '../support/server';

const NESTED = `query($dep: ID!, $first: Int!) { municipalities(departmentCode: $dep, first: $first) {
  edges { node { name plans { goals { id total } } } } } }`;

describe('nested query on the persisted SQLite read store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-nested-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers municipalities → plans → goals through indexed lookups, as many for 47 municipalities as for 1', async () => {
    const readPath = join(dir, 'bitacora.read.db');
    const clock = new OverridableClock();
    const events = new SqliteEventStore({ path: join(dir, 'bitacora.db'), clock });
    await seedDemo(events, territory, clock, new Date('2026-03-01T12:00:00-05:00'));
    const statements: string[] = [];
    const readStore = new SqliteReadStore({
      path: readPath,
      derived: derivedDocuments(ALL_PROJECTIONS, events),
      traceStatement: (sql) => statements.push(sql),
    });
    const projector = new Projector(events, readStore, ALL_PROJECTIONS);
    await projector.rebuild();
    const server = await serveStores({ events, readStore, projector });
    const explain = new Database(readPath, { readonly: true });
    try {
      const run = async (first: number) => {
        statements.length = 0;
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: NESTED, variables: { dep: '73', first } }),
        });
        const body = (await response.json()) as {
          errors?: unknown;
          data: {
            municipalities: { edges: Array<{ node: { plans: Array<{ goals: unknown[] }> } }> };
          };
        };
        expect(body.errors).toBeUndefined();
        const goals = body.data.municipalities.edges.flatMap((e) =>
          e.node.plans.flatMap((p) => p.goals),
        ).length;
        // Reads of collections only (the store also asks SQLite whether the file changed).
        const reads = statements.filter(
          (sql) => /^\s*SELECT\b/i.test(sql) && /\bFROM\s+"c:/i.test(sql),
        );
        return { goals, reads };
      };
      // Tolima's plans in the demo: Ibagué (73001, the first) has eleven goals; all of Tolima, more.
      const one = await run(1);
      const all = await run(47);
      expect(one.goals).toBeGreaterThan(0);
      expect(all.goals).toBeGreaterThan(one.goals);
      expect(all.reads.length).toBe(one.reads.length);
      expect(one.reads.length).toBeGreaterThan(0);
      for (const sql of all.reads) {
        const plan = (
          explain.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>
        )
          .map((row) => row.detail)
          .join(' | ');
        expect({ sql, plan }).toEqual({ sql, plan: expect.stringMatching(/SEARCH c:\w+ USING/) });
        expect({ sql, plan }).toEqual({ sql, plan: expect.not.stringMatching(/SCAN c:/) });
      }
    } finally {
      explain.close();
      await server.stop();
      await projector.stop();
      await readStore.close();
      await events.close();
    }
  }, 60_000);
});
