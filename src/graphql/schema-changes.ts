/**
 * Breaking changes caught before they land: the schema the code emits is compared with the
 * committed `schema/schema.graphql` (what frontend teams generated their clients from) by
 * GraphQL Inspector, and a breaking change passes only when `schema/CHANGELOG.md` records it.
 *
 * A change is recorded when a list item of the CHANGELOG names its schema coordinate in backticks
 * (`Query.plan.asOf`, `PlanType.revision`, `AuditEntityType.goal`). Additions and other safe
 * changes need nothing; dangerous ones (a new enum value, a changed default) are listed for the
 * person running `npm run schema`, who may mention them in the CHANGELOG.
 */
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, printSchema, type GraphQLSchema } from 'graphql';

export interface SchemaChange {
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  /** The schema coordinate: `Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`. */
  path: string;
  message: string;
  /** Why GraphQL Inspector rates it so (breaking and dangerous changes). */
  reason?: string;
}

export interface SchemaComparison {
  breaking: SchemaChange[];
  /** Breaking changes that no CHANGELOG entry names: they fail `npm test` and `npm run schema`. */
  unrecorded: SchemaChange[];
  dangerous: SchemaChange[];
  safe: SchemaChange[];
}

const LEVELS: Record<CriticalityLevel, SchemaChange['level']> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'NON_BREAKING',
};

function fromInspector(change: Change): SchemaChange {
  return {
    level: LEVELS[change.criticality.level],
    path: change.path ?? '(esquema)',
    message: change.message,
    ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
  };
}

/** Every schema coordinate that a list item of the CHANGELOG names in backticks. */
export function recordedCoordinates(changelog: string): Set<string> {
  const recorded = new Set<string>();
  for (const line of changelog.split('\n')) {
    if (!/^\s*[-*] /.test(line)) continue;
    for (const match of line.matchAll(/`([A-Za-z_][\w.@]*)`/g)) recorded.add(match[1]!);
  }
  return recorded;
}

/** Compares the committed SDL with the emitted schema and checks breaking changes are recorded. */
export async function compareSchemas(
  committedSdl: string,
  emitted: GraphQLSchema,
  changelog: string,
): Promise<SchemaComparison> {
  // Both sides from SDL: directives on definitions (`@specifiedBy`) live in the AST.
  const changes = (await diff(buildSchema(committedSdl), buildSchema(printSchema(emitted)))).map(
    fromInspector,
  );
  const recorded = recordedCoordinates(changelog);
  const breaking = changes.filter((c) => c.level === 'BREAKING');
  return {
    breaking,
    unrecorded: breaking.filter((c) => !recorded.has(c.path)),
    dangerous: changes.filter((c) => c.level === 'DANGEROUS'),
    safe: changes.filter((c) => c.level === 'NON_BREAKING'),
  };
}

/** What a person reads: the unrecorded breaking changes first, with what to do. */
export function describeComparison(comparison: SchemaComparison): string {
  const lines: string[] = [];
  const list = (changes: SchemaChange[]) =>
    changes.map((c) => `  - \`${c.path}\`: ${c.message}`).join('\n');
  if (comparison.unrecorded.length > 0) {
    lines.push(
      `Cambios incompatibles sin registrar en schema/CHANGELOG.md (${comparison.unrecorded.length}):`,
      list(comparison.unrecorded),
      'Rompen los clientes que ya usan el esquema. Evítelos (agregue en vez de cambiar, y marque lo',
      'viejo con @deprecated(reason: "... Se retirará el AAAA-MM-DD.")) o, si son inevitables,',
      'regístrelos en schema/CHANGELOG.md: una entrada que nombre cada coordenada entre comillas',
      'invertidas, p. ej. "- `Query.plan.asOf`: ...", con la fecha y qué debe hacer el cliente.',
    );
  }
  const recorded = comparison.breaking.filter((c) => !comparison.unrecorded.includes(c));
  if (recorded.length > 0)
    lines.push(
      `Cambios incompatibles registrados en el CHANGELOG (${recorded.length}):`,
      list(recorded),
    );
  if (comparison.dangerous.length > 0)
    lines.push(
      `Cambios peligrosos (${comparison.dangerous.length}): no rompen consultas, pero un cliente puede no esperarlos.`,
      list(comparison.dangerous),
    );
  if (comparison.safe.length > 0) lines.push(`Cambios compatibles: ${comparison.safe.length}.`);
  return lines.length > 0 ? lines.join('\n') : 'El esquema no cambió.';
}
