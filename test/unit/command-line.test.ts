import { EXIT, failureOf, parseCommand, UsageError } from '../../src/cli/command-line';

const spec = (argv: string[]) => ({
  usage: 'Uso: prueba',
  options: { hours: { type: 'string' as const }, verbose: { type: 'boolean' as const } },
  argv,
});

describe('the command line of our commands', () => {
  it('--help or -h wins over anything else, before any parsing', () => {
    expect(parseCommand(spec(['--nope', '--help']))).toEqual({ help: true });
    expect(parseCommand(spec(['-h']))).toEqual({ help: true });
  });

  it.each([
    [['--nope'], 'opción desconocida --nope.'],
    [
      ['--hours', '-1'],
      'necesita un valor (si el valor empieza por "-", escríbalo --hours=VALOR).',
    ],
    [['--hours'], '--hours necesita un valor'],
    [['--verbose=sí'], '--verbose no lleva valor.'],
    [['suelto'], 'argumento inesperado suelto.'],
  ])('%j is a UsageError in Spanish', (argv, message) => {
    expect(() => parseCommand(spec(argv))).toThrow(UsageError);
    expect(() => parseCommand(spec(argv))).toThrow(message);
  });

  it('counts positional arguments', () => {
    const files = (argv: string[]) =>
      parseCommand({ usage: 'Uso', positionals: { min: 1, max: 1, names: 'el archivo' }, argv });
    expect(files(['a.csv'])).toMatchObject({ positionals: ['a.csv'] });
    expect(() => files([])).toThrow('falta el archivo.');
    expect(() => files(['a.csv', 'b.csv'])).toThrow('sobran argumentos: b.csv.');
  });

  it('--hours=-1 is a value, for the command to judge', () => {
    expect(parseCommand(spec(['--hours=-1']))).toMatchObject({ values: { hours: '-1' } });
  });

  it('a usage error exits 2 pointing to --help; any other failure exits 1, without it', () => {
    expect(failureOf(new UsageError('opción desconocida --nope.'))).toEqual({
      code: EXIT.usage,
      message: 'Error: opción desconocida --nope.\nUse --help para ver el uso.\n',
    });
    expect(failureOf(new Error('file is not a database'))).toEqual({
      code: EXIT.failed,
      message: 'Error: file is not a database\n',
    });
    expect(failureOf('cadena')).toEqual({ code: 1, message: 'Error: cadena\n' });
    expect(EXIT).toEqual({ done: 0, failed: 1, usage: 2, busy: 3 });
  });
});
