/**
 * The workbook and open-data commands as a person runs them on the demo log: `export:plan` writes
 * the workbook, `import:plan` imports it back (nothing to add), refuses a broken copy naming each
 * problem with exit 1, and logs its counts; `export:open-data` writes the semester's files and
 * logs its progress. A progress bar is drawn on a terminal, log lines are written otherwise.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { progress } from '../../src/cli/progress';
import { createLogger } from '../../src/logging';
import { FIRST_DATA_ROW, GOALS, H, HEADER_ROW } from '../../src/exchange/plan-sheets';
import { OPEN_DATA_FILES } from '../../src/exchange/open-data';
import { npmRun, seedDemoLog } from '../support/demo-log';

/** A command's stdout: its JSON log lines (pino writes to stdout) and its one result line. */
function outputOf(stdout: string) {
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const results = lines.filter((line) => line.level === undefined);
  expect(results).toHaveLength(1);
  return { logs: lines.filter((line) => line.level !== undefined), result: results[0]! };
}

describe('npm run export:plan / import:plan / export:open-data on the demo log', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-plan-cli-'));
    await seedDemoLog(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the plan, imports it back unchanged with its counts logged, refuses a broken copy', async () => {
    const file = join(dir, 'libros', 'plan.xlsx');
    const exported = npmRun(
      'export:plan',
      ['--dane', '73001', '--first-year', '2024', '--out', file],
      dir,
    );
    expect({ status: exported.status, stderr: exported.stderr }).toEqual({ status: 0, stderr: '' });
    expect(existsSync(file)).toBe(true);

    const imported = npmRun('import:plan', [file, '--dane', '73001', '--first-year', '2024'], dir, {
      LOG_LEVEL: 'info',
    });
    expect(imported.status).toBe(0);
    const { logs, result } = outputOf(imported.stdout);
    const counts = result as {
      rows: number;
      unchanged: number;
      events: number;
    };
    expect(counts.events).toBe(0);
    expect(counts.unchanged).toBe(counts.rows);
    expect(counts.rows).toBeGreaterThan(20);
    // Off a terminal, progress is log lines with counts, then the summary.
    expect(logs.some((l) => l.total === counts.rows && typeof l.done === 'number')).toBe(true);
    expect(
      logs.some((l) => l.msg === 'libro sin cambios: no se añadió nada' && l.rows === counts.rows),
    ).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet(GOALS.name)!;
    let total = 0;
    sheet.getRow(HEADER_ROW).eachCell((cell, c) => {
      if (cell.value === H.total) total = c;
    });
    sheet.getCell(FIRST_DATA_ROW, total).value = 'diez';
    const broken = join(dir, 'libros', 'roto.xlsx');
    await workbook.xlsx.writeFile(broken);
    const refused = npmRun('import:plan', [broken, '--dane', '73001', '--first-year', '2024'], dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      `${GOALS.name}, fila ${FIRST_DATA_ROW}, columna «${H.total}»: "diez" no es un número.`,
    );
    expect(outputOf(refused.stdout).result).toMatchObject({ events: 0, problems: 1 });

    const usage = npmRun(
      'import:plan',
      [join(dir, 'no-existe.xlsx'), '--dane', '73001', '--first-year', '2024'],
      dir,
    );
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^Error: no existe el archivo .*no-existe\.xlsx\.\nUse --help/);
  }, 120_000);

  it('writes the open data of 2025-1 and logs its progress over the plans', () => {
    const out = join(dir, 'datos');
    const run = npmRun('export:open-data', ['--semester', '2025-1', '--out', out], dir, {
      LOG_LEVEL: 'info',
    });
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...OPEN_DATA_FILES].sort());
    const { logs, result } = outputOf(run.stdout);
    const summary = result as { sealed: boolean; rows: Record<string, number> };
    expect(summary.rows.metas).toBeGreaterThan(0);
    expect(
      logs.some(
        (l) =>
          typeof l.total === 'number' && l.msg === `${String(l.done)}/${String(l.total)} planes`,
      ),
    ).toBe(true);
    expect(logs.some((l) => l.msg === 'datos abiertos escritos')).toBe(true);
    const notOver = npmRun('export:open-data', ['--semester', '2099-1'], dir);
    expect(notOver.status).toBe(2);
    expect(notOver.stderr).toMatch(/el semestre 2099-1 aún no termina/);
  }, 120_000);
});

describe('progress', () => {
  it('draws a bar with counts on a terminal', () => {
    let drawn = '';
    const terminal = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          drawn += chunk.toString();
          done();
        },
      }),
      {
        isTTY: true,
        columns: 120,
        cursorTo: () => true,
        clearLine: () => true,
        moveCursor: () => true,
      },
    );
    const bar = progress(
      1121,
      'planes',
      createLogger('silent'),
      terminal as unknown as typeof process.stderr,
    );
    bar.update(560);
    bar.stop();
    expect(drawn).toMatch(/\d+\/1121 planes/);
  });
});
