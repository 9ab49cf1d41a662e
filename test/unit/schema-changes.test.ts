/**
 * Breaking changes caught before they land: the emitted schema against the committed one, with
 * GraphQL Inspector, and the CHANGELOG entries that allow a breaking change.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema } from 'graphql';
import { bitacoraSchema } from '../../src/graphql/schema';
import {
  compareSchemas,
  describeComparison,
  recordedCoordinates,
} from '../../src/graphql/schema-changes';

const root = join(__dirname, '..', '..');
const committed = readFileSync(join(root, 'schema', 'schema.graphql'), 'utf8');
const changelog = readFileSync(join(root, 'schema', 'CHANGELOG.md'), 'utf8');

/** The committed schema with one edit, as if the code had emitted it. */
function edited(from: string, to: string) {
  expect(committed).toContain(from);
  return buildSchema(committed.replace(from, to));
}

describe('the schema compared with the committed one', () => {
  it('has no breaking change that schema/CHANGELOG.md does not record', async () => {
    const comparison = await compareSchemas(committed, bitacoraSchema(), changelog);
    expect({ unrecorded: comparison.unrecorded, report: describeComparison(comparison) }).toEqual({
      unrecorded: [],
      report: expect.any(String),
    });
  });

  it('fails a removed field, naming its coordinate, until a CHANGELOG entry names it', async () => {
    const emitted = edited('  """Último año del cuatrienio."""\n  lastYear: Int!\n', '');
    const refused = await compareSchemas(committed, emitted, changelog);
    expect(refused.unrecorded.map((c) => c.path)).toEqual(['PlanType.lastYear']);
    expect(describeComparison(refused)).toMatch(
      /Cambios incompatibles sin registrar .*\n {2}- `PlanType\.lastYear`: Field 'lastYear' was removed/,
    );
    const entry = `${changelog}\n## 2027-07-01\n\n- \`PlanType.lastYear\`: retirado; use \`firstYear\` + 3.\n`;
    const allowed = await compareSchemas(committed, emitted, entry);
    expect(allowed.unrecorded).toEqual([]);
    expect(allowed.breaking.map((c) => c.path)).toEqual(['PlanType.lastYear']);
  });

  it('fails a changed argument type and a new required input field', async () => {
    const argument = await compareSchemas(
      committed,
      edited('plan(\n', 'plan(\n    """Nuevo."""\n    required: Int!\n'),
      changelog,
    );
    expect(argument.unrecorded.map((c) => c.path)).toEqual(['Query.plan.required']);
    const input = await compareSchemas(
      committed,
      edited('input AsOfInput {\n', 'input AsOfInput {\n  """Nuevo."""\n  zone: String!\n'),
      changelog,
    );
    expect(input.unrecorded.map((c) => c.path)).toEqual(['AsOfInput.zone']);
  });

  it('lets an additive change pass without ceremony', async () => {
    const comparison = await compareSchemas(
      committed,
      edited('  lastYear: Int!\n', '  lastYear: Int!\n\n  """Nuevo."""\n  nickname: String\n'),
      changelog,
    );
    expect(comparison.breaking).toEqual([]);
    expect(new Set(comparison.safe.map((c) => c.path))).toEqual(new Set(['PlanType.nickname']));
  });

  it('lists a dangerous change (a new enum value) without failing', async () => {
    const comparison = await compareSchemas(
      committed,
      edited('enum Requirement {\n', 'enum Requirement {\n  """Nuevo."""\n  QUIZAS\n'),
      changelog,
    );
    expect(comparison.unrecorded).toEqual([]);
    expect(comparison.dangerous.map((c) => c.path)).toEqual(['Requirement.QUIZAS']);
    expect(describeComparison(comparison)).toMatch(/Cambios peligrosos \(1\)/);
  });

  it('reads coordinates only from the list items of the CHANGELOG', () => {
    expect([
      ...recordedCoordinates('Prose about `Query.plan`.\n- `PlanType.a` and `B.c.d`: x\n* `E.F`'),
    ]).toEqual(['PlanType.a', 'B.c.d', 'E.F']);
  });

  it('npm run schema -- --check compares without writing and exits 0', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/schema.ts', '--check'],
      { cwd: root },
    );
    expect(stdout).toMatch(/El esquema no cambió|Cambios compatibles/);
    expect(readFileSync(join(root, 'schema', 'schema.graphql'), 'utf8')).toBe(committed);
  }, 60_000);
});
