/**
 * The command line of every `npm run` command, on Node's own `parseArgs`: `--help` (or `-h`)
 * prints the Spanish usage and exits 0 before anything else happens (no store is opened, no file
 * written); a bad option is reported in Spanish with a pointer to `--help`, exit 2.
 */
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
  try {
    const parsed = parseCommand(spec);
    if (parsed.help) {
      process.stdout.write(`${spec.usage.trim()}\n`);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\nUse --help para ver el uso.\n`);
    process.exit(2);
  }
}
