/**
 * The typed client: the README's operations as `schema/examples.graphql`, typed by GraphQL Code
 * Generator into `schema/client/graphql.ts` (compiled by `tsc` in `npm test`), up to date with the
 * schema and the README, and usable against the server as generated.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { parse, print, validate } from 'graphql';
import type { Plan3Document, PlanDocument } from '../../schema/client/graphql';
import { MunicipalityDocument, type MunicipalityQuery } from '../../schema/client/graphql';
import { examplesFromReadme, parseExamples, printExamples } from '../../src/graphql/examples';
import { bitacoraSchema } from '../../src/graphql/schema';
import { startTestServer, type TestServer } from '../support/server';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const committed = readFileSync(join(root, 'schema', 'examples.graphql'), 'utf8');

describe("the README's operations", () => {
  it('are schema/examples.graphql as `npm run schema` writes it', () => {
    expect(committed).toBe(printExamples(examplesFromReadme(readme)));
  });

  it('read back whole, each valid against the schema', () => {
    const examples = parseExamples(committed);
    expect(examples).toEqual(examplesFromReadme(readme));
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const example of examples)
      expect({
        name: example.name,
        errors: validate(bitacoraSchema(), parse(example.document)),
      }).toEqual({ name: example.name, errors: [] });
  });

  it('name the token a mutation or an identity-revealing query needs', () => {
    const byName = new Map(parseExamples(committed).map((e) => [e.name, e]));
    expect(byName.get('ReportProgress')?.token).toBe('--role PLANNER --dane 73001');
    expect(byName.get('AuditTrail')?.token).toBe('--role CONTROL --entity contraloria');
    expect(byName.get('Plan3')?.variables).toEqual({ y: '2024' });
  });
});

describe('the typed client (GraphQL Code Generator)', () => {
  it('is up to date: `graphql-codegen --check` finds nothing to regenerate', async () => {
    const run = await promisify(execFile)(
      join(root, 'node_modules', '.bin', 'graphql-codegen'),
      ['--config', 'schema/codegen.ts', '--check'],
      { cwd: root },
    ).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: `${error.stdout}${error.stderr}`,
      }),
    );
    expect(run).toEqual({ code: 0, output: '' });
  }, 60_000);

  it('types variables and results (checked by tsc: a wrong field does not compile)', () => {
    const variables: VariablesOf<typeof Plan3Document> = { y: 2024 };
    // @ts-expect-error firstYear is an Int: a string is a type error.
    const wrong: VariablesOf<typeof Plan3Document> = { y: '2024' };
    const goals = (result: ResultOf<typeof PlanDocument>) =>
      result.plan?.goals.map((goal) => goal.progress?.percent ?? null) ?? [];
    expect(goals({ plan: null })).toEqual([]);
    expect([variables.y, wrong.y]).toEqual([2024, '2024']);
  });

  describe('against the server', () => {
    let api: TestServer;
    beforeAll(async () => {
      api = await startTestServer();
    });
    afterAll(() => api.stop());

    it('a typed document answers the shape its type says', async () => {
      const { status, body } = await api.gql<MunicipalityQuery>(print(MunicipalityDocument));
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const municipality: MunicipalityQuery['municipality'] = body.data!.municipality;
      expect(municipality).toEqual({ name: 'IBAGUÉ', department: { name: 'TOLIMA' }, plans: [] });
    });
  });
});
