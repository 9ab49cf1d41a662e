/**
 * The command line of every `npm run` command, on Node's own `parseArgs`, and how every command
 * ends. One convention for all of them (the README states it):
 *
 * - exit 0: done (`verify`: the record is intact);
 * - exit 1: the command ran and failed: a store that does not open, a broken file, a record that
 *   cannot be sealed (`verify`: the record is NOT intact, or a proof does not hold);
 * - exit 2: the command line is wrong (unknown option, missing or unreadable argument file,
 *   a value out of its range); nothing was opened or written.
 *
 * `--help` (or `-h`) prints the Spanish usage and exits 0 before anything else happens.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine<O extends Options> {
  /** The Spanish usage text, printed by --help. */
  usage: string;
  options?: O;
  /** How many positional arguments the command takes. */
  positionals?: { min: number; max: number; names: string };
  argv?: string[];
}

/** A bad command line, with what to say about it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `busy`: another process holds what the command needs (a rebuild's lease); nothing changed. */
export const EXIT = { done: 0, failed: 1, usage: 2, busy: 3 } as const;

/** The exit status and the Spanish lines for stderr of a command that threw `error`. */
export function failureOf(error: unknown): { code: number; message: string } {
  const text = error instanceof Error ? error.message : String(error);
  return error instanceof UsageError
    ? { code: EXIT.usage, message: `Error: ${text}\nUse --help para ver el uso.\n` }
    : { code: EXIT.failed, message: `Error: ${text}\n` };
}

/** Ends the process as `failureOf` says (stderr is synchronous on files and pipes). */
function exitWith(error: unknown): never {
  const { code, message } = failureOf(error);
  process.stderr.write(message);
  process.exit(code);
}

/**
 * Runs a command's main: its returned status (0 when it returns nothing) becomes the exit code
 * once its output is flushed; a thrown error ends the process with 2 (UsageError) or 1.
 */
export function runCommand(main: () => Promise<number | void>): void {
  main().then((code) => {
    process.exitCode = code ?? EXIT.done;
  }, exitWith);
}

/** The contents of a file named on the command line; a missing or unreadable one is a usage error. */
export function readArgumentFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no existe el archivo ${file}.`
        : code === 'EISDIR'
          ? `${file} es una carpeta, no un archivo.`
          : `no se pudo leer ${file} (${code ?? String(error)}).`,
    );
  }
}

function spanish(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `opción desconocida ${option}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message)
        ? `${option} no lleva valor.`
        : `${option} necesita un valor (si el valor empieza por "-", escríbalo ${option}=VALOR).`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argumento inesperado ${/'([^']*)'/.exec(error.message)?.[1] ?? ''}.`.replace(
        ' .',
        '.',
      );
    default:
      return error.message;
  }
}

export function parseCommand<O extends Options>(spec: CommandLine<O>) {
  const argv = spec.argv ?? process.argv.slice(2);
  const help = argv.includes('--help') || argv.includes('-h');
  if (help) return { help: true as const };
  try {
    const parsed = parseArgs({
      args: argv,
      options: (spec.options ?? {}) as O,
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
    const count = parsed.positionals.length;
    if (spec.positionals && (count < spec.positionals.min || count > spec.positionals.max))
      throw new UsageError(
        count < spec.positionals.min
          ? `falta ${spec.positionals.names}.`
          : `sobran argumentos: ${parsed.positionals.slice(spec.positionals.max).join(' ')}.`,
      );
    return { help: false as const, values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(spanish(error as Error & { code?: string }));
  }
}

/**
 * Parses the command line, or ends the process: usage on stdout and exit 0 for --help; the
 * problem on stderr and exit 2 for a bad command line.
 */
export function parseCommandLine<O extends Options>(spec: CommandLine<O>) {
  let parsed: ReturnType<typeof parseCommand<O>>;
  try {
    parsed = parseCommand(spec);
  } catch (error) {
    exitWith(error);
  }
  if (parsed.help) {
    process.stdout.write(`${spec.usage.trim()}\n`);
    process.exit(EXIT.done);
  }
  return parsed;
}
