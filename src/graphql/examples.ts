/**
 * The README's example operations, as named GraphQL documents: `npm run schema` writes them to
 * `schema/examples.graphql` (a test fails when the README and the file differ), the explorer
 * opens one tab per example, and GraphQL Code Generator types them (`schema/client/`).
 *
 * An example is the JSON body of a `curl -d '…'` in a `sh` block, or a `graphql` block. Its name
 * is the operation's, or comes from its root fields (`plan` → `Plan`, a second one `Plan2`); the
 * token it needs, from the `npm run token` command of the same block.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/** `schema/examples.graphql`: two levels up from source, three from dist/src/graphql. */
export const EXAMPLES_PATH = [
  join(__dirname, '..', '..', 'schema', 'examples.graphql'),
  join(__dirname, '..', '..', '..', 'schema', 'examples.graphql'),
].find((candidate) => existsSync(candidate))!;

export interface Example {
  /** Operation name, unique in the file: the name of the typed document (`PlanDocument`). */
  name: string;
  /** The README section it comes from. */
  section: string;
  /** The operation, printed, named. */
  document: string;
  variables: Record<string, unknown> | null;
  /** The `npm run token -- …` arguments of the token it is sent with, if any. */
  token: string | null;
}

const pascal = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function named(operation: OperationDefinitionNode, taken: Map<string, number>): string {
  if (operation.name) return operation.name.value;
  const roots = operation.selectionSet.selections
    .map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : ''))
    .filter((name, index, all) => name && all.indexOf(name) === index);
  const base = roots.map(pascal).join('And') || pascal(operation.operation);
  const count = (taken.get(base) ?? 0) + 1;
  taken.set(base, count);
  return count === 1 ? base : `${base}${count}`;
}

/** The examples of a README, in order. */
export function examplesFromReadme(markdown: string): Example[] {
  const examples: Example[] = [];
  const taken = new Map<string, number>();
  let section = '';
  for (const part of markdown.split(/^```/m).map((text, index) => ({ text, index }))) {
    if (part.index % 2 === 0) {
      const headings = [...part.text.matchAll(/^#{2,3} +(.+)$/gm)];
      if (headings.length > 0) section = headings.at(-1)![1]!.trim();
      continue;
    }
    if (part.text.startsWith('graphql\n')) {
      // An operation written out (a subscription, which curl cannot show).
      const document = parse(part.text.slice('graphql\n'.length));
      const operation = document.definitions[0] as OperationDefinitionNode;
      const name = named(operation, taken);
      examples.push({ name, section, document: print(document), variables: null, token: null });
      continue;
    }
    if (!part.text.startsWith('sh\n')) continue;
    const block = part.text.replace(/\\\n\s*/g, ' ');
    const tokenVariables = new Map(
      [...block.matchAll(/(\w+)=\$\(npm run -s token -- ([^)]*)\)/g)].map((m) => [m[1]!, m[2]!]),
    );
    for (const line of block.split('\n')) {
      for (const body of line.matchAll(/ -d '(\{[^']*\})'/g)) {
        let request: { query?: unknown; variables?: unknown };
        try {
          request = JSON.parse(body[1]!) as typeof request;
        } catch {
          continue;
        }
        if (typeof request.query !== 'string') continue;
        const document = parse(request.query);
        const operation = document.definitions.find(
          (definition): definition is OperationDefinitionNode =>
            definition.kind === Kind.OPERATION_DEFINITION,
        );
        if (!operation) continue;
        const name = named(operation, taken);
        const inline = /\$\(npm run -s token -- ([^)]*)\)/.exec(line)?.[1];
        const viaVariable = /Bearer \$(\w+)/.exec(line)?.[1];
        examples.push({
          name,
          section,
          document: print({
            ...document,
            definitions: document.definitions.map((definition) =>
              definition === operation
                ? { ...operation, name: { kind: Kind.NAME, value: name } }
                : definition,
            ),
          }),
          variables:
            request.variables && typeof request.variables === 'object'
              ? (request.variables as Record<string, unknown>)
              : null,
          token: inline ?? (viaVariable ? (tokenVariables.get(viaVariable) ?? null) : null),
        });
      }
    }
  }
  return examples;
}

const HEADER = `# Las operaciones de ejemplo del README, con nombre: las pestañas del explorador (GET /graphql)
# y los documentos tipados de schema/client/ (npm run codegen). Generado por \`npm run schema\`
# desde README.md: no lo edite a mano.
`;

/** `schema/examples.graphql`: each example with its section, token and variables as comments. */
export function printExamples(examples: readonly Example[]): string {
  const blocks = examples.map((example) =>
    [
      `# ${example.section}`,
      ...(example.token ? [`# token: npm run token -- ${example.token}`] : []),
      ...(example.variables ? [`# variables: ${JSON.stringify(example.variables)}`] : []),
      example.document,
    ].join('\n'),
  );
  return `${HEADER}\n${blocks.join('\n\n')}\n`;
}

/** Reads `schema/examples.graphql` back (the explorer's tabs). */
export function parseExamples(text: string): Example[] {
  return text
    .split(/\n\n(?=# )/)
    .slice(1)
    .map((block) => {
      const lines = block.trim().split('\n');
      const comments = lines.filter((line) => line.startsWith('# '));
      const value = (prefix: string) =>
        comments.find((line) => line.startsWith(`# ${prefix}: `))?.slice(prefix.length + 4) ?? null;
      const document = lines.filter((line) => !line.startsWith('# ')).join('\n');
      const operation = parse(document).definitions[0] as OperationDefinitionNode;
      const variables = value('variables');
      return {
        name: operation.name!.value,
        section: comments[0]!.slice(2),
        document,
        variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : null,
        token: value('token')?.replace(/^npm run token -- /, '') ?? null,
      };
    });
}
