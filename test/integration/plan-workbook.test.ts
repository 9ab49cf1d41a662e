/**
 * The plan workbook both ways, on the demo's Ibagué plan: exported as of 2025-1, imported into an
 * empty store, exported again with the same contents; a workbook with bad cells appends nothing
 * and names every problem by sheet, row and column; re-importing appends nothing; a changed goal
 * of an adopted plan needs its reason and legal basis.
 */
import ExcelJS from 'exceljs';
import { ALL_PROJECTIONS } from '../../projections';
import { importPlanWorkbook, WORKBOOK_IMPORTER } from '../../src/application/import-plan';
import { seedDemo } from '../../src/demo/seed';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { exportPlanWorkbook } from '../../src/exchange/plan-export';
import { describeProblem } from '../../src/exchange/plan-import';
import {
  BASELINES,
  COVER_SHEET,
  FIRST_DATA_ROW,
  GOALS,
  H,
  HEADER_ROW,
  PLAN_SHEETS,
  PROGRESS,
  THIRD_PARTY_PROJECTS,
} from '../../src/exchange/plan-sheets';
import { COVER } from '../../src/exchange/plan-workbook';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { TestClock } from '../support/clock';
import { territory } from '../support/plan';

const NOW = new Date('2026-11-25T12:00:00-05:00');

async function store() {
  const clock = new TestClock(NOW);
  const events = new SqliteEventStore({ path: ':memory:', clock, pollIntervalMs: 5 });
  const readStore = new EmbeddedReadStore();
  const projector = new Projector(events, readStore, ALL_PROJECTIONS, { batchSize: 500 });
  await projector.start();
  const settle = async () => {
    const head = await events.headPosition();
    if (head !== null) await projector.waitFor(head, 30_000);
  };
  return {
    clock,
    events,
    readStore,
    settle,
    now: () => clock.now(),
    stop: async () => {
      await projector.stop();
      await events.close();
    },
  };
}
type Store = Awaited<ReturnType<typeof store>>;

/** Imports a workbook into Ibagué's 2024 plan of `target`, from the command line (no principal). */
const importInto = (target: Store, content: Uint8Array, fileName: string) =>
  importPlanWorkbook(target.events, territory, {
    daneCode: '73001',
    firstYear: 2024,
    fileName,
    content,
    principal: null,
  });

async function bytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function reopen(content: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

/** What a person reads in the table sheets: every cell's value, sheet by sheet. */
function tableContents(workbook: ExcelJS.Workbook) {
  return PLAN_SHEETS.map((spec) => {
    const sheet = workbook.getWorksheet(spec.name)!;
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      // Row 2 names the cut (semester): the re-export is "now", the same record.
      if (n !== 2) rows.push((row.values as unknown[]).slice(1));
    });
    return { sheet: spec.name, rows };
  });
}

function cover(workbook: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const values = new Map<string, ExcelJS.CellValue>();
  workbook.getWorksheet(COVER_SHEET)!.eachRow((row) => {
    values.set(String(row.getCell(1).value), row.getCell(2).value);
  });
  return values;
}

function cellOf(workbook: ExcelJS.Workbook, sheet: string, header: string, row = FIRST_DATA_ROW) {
  const worksheet = workbook.getWorksheet(sheet)!;
  let column = 0;
  worksheet.getRow(HEADER_ROW).eachCell((cell, c) => {
    if (cell.value === header) column = c;
  });
  if (column === 0) throw new Error(`no hay columna ${header} en ${sheet}`);
  return worksheet.getCell(row, column);
}

describe('the plan workbook, exported and imported (Ibagué 2024-2027, demo)', () => {
  let source: Store;
  let exported: Uint8Array;

  beforeAll(async () => {
    source = await store();
    await seedDemo(source.events, territory, { set: (at) => source.clock.set(at ?? NOW) }, NOW);
    source.clock.set(NOW);
    await source.settle();
    const result = await exportPlanWorkbook(source, '73001', 2024, '2025-1');
    exported = await bytes(result!.workbook);
  }, 120_000);
  afterAll(() => source.stop());

  it('is what a person expects to see: cover, tables in order, headers, numbers, dates', async () => {
    const workbook = await reopen(exported);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      COVER_SHEET,
      ...PLAN_SHEETS.map((s) => s.name),
    ]);
    const front = cover(workbook);
    expect(front.get(COVER.daneCode)).toBe('73001');
    expect(front.get(COVER.municipality)).toBe('IBAGUÉ');
    expect(front.get(COVER.semester)).toBe('2025-1');
    // 2025-06-30 23:59:59.999 in Bogotá, shown as Bogotá's wall clock.
    const validUntil = front.get(COVER.validUntil) as Date;
    expect(validUntil).toBeInstanceOf(Date);
    expect(validUntil.toISOString().slice(0, 19)).toBe('2025-06-30T23:59:59');
    expect(String(front.get(COVER.source))).toMatch(/plan-73001-2024/);
    expect(String(front.get(COVER.lastEventHash))).toMatch(/^[0-9a-f]{64}$/);
    // Tabla 11 in the resolution's column order, with the resources to invest and the progress.
    const headers = (workbook.getWorksheet(GOALS.name)!.getRow(HEADER_ROW).values as unknown[])
      .slice(1)
      .slice(0, 9);
    expect(headers).toEqual([
      'SECTOR',
      'INDICADOR',
      'LÍNEA BASE',
      'RECURSOS A INVERTIR',
      'Año 1',
      'Año 2',
      'Año 3',
      'Año 4',
      'META TOTAL',
    ]);
    const resources = cellOf(workbook, GOALS.name, 'RECURSOS A INVERTIR');
    expect(typeof resources.value).toBe('number');
    expect(resources.numFmt).toBe('"$" #,##0');
    const baseline = cellOf(workbook, BASELINES.name, H.baseline);
    expect(typeof baseline.value).toBe('number');
    // Third-party projects end on a date, stored as a date cell.
    const end = cellOf(workbook, THIRD_PARTY_PROJECTS.name, H.endDate);
    expect(end.value).toBeInstanceOf(Date);
    expect(end.numFmt).toBe('yyyy-mm-dd');
    // As of 2025-1: no progress reported for a later period.
    const years: number[] = [];
    workbook.getWorksheet(PROGRESS.name)!.eachRow((row, n) => {
      if (n >= FIRST_DATA_ROW) years.push(Number(row.getCell(3).value));
    });
    expect(years.length).toBeGreaterThan(0);
    expect(Math.max(...years)).toBeLessThanOrEqual(2025);
  });

  it('round trip: export → import into an empty store → export gives the same tables', async () => {
    const target = await store();
    try {
      const result = await importInto(target, exported, 'plan-73001-2024-2025-1.xlsx');
      expect(result.problems.map(describeProblem)).toEqual([]);
      expect(result.events.length).toBeGreaterThan(20);
      // The importer is the actor; the workbook's sheet and row are the source.
      const first = result.events[0]!;
      expect(first.metadata.actor).toEqual(WORKBOOK_IMPORTER);
      expect(result.events.map((e) => e.metadata.importedFrom)).toContain(
        `plan-73001-2024-2025-1.xlsx › ${BASELINES.name}, fila ${FIRST_DATA_ROW}`,
      );
      await target.settle();
      const again = await exportPlanWorkbook(target, '73001', 2024, null);
      const second = await reopen(await bytes(again!.workbook));
      expect(tableContents(second)).toEqual(tableContents(await reopen(exported)));
      expect(cover(second).get(COVER.status)).toBe(cover(await reopen(exported)).get(COVER.status));

      // Re-importing the same workbook appends nothing.
      const head = await target.events.headPosition();
      const repeat = await importInto(target, exported, 'plan-73001-2024-2025-1.xlsx');
      expect(repeat.problems).toEqual([]);
      expect(repeat.events).toEqual([]);
      expect(repeat.unchanged).toBe(repeat.rows);
      expect(await target.events.headPosition()).toBe(head);
    } finally {
      await target.stop();
    }
  }, 60_000);

  it('a workbook with bad cells appends nothing and names every problem at once', async () => {
    const workbook = await reopen(exported);
    cellOf(workbook, BASELINES.name, H.baseline).value = 'mucho';
    cellOf(workbook, GOALS.name, H.year3, FIRST_DATA_ROW + 1).value = -5;
    cellOf(workbook, THIRD_PARTY_PROJECTS.name, H.endDate).value = '31/02/2026';
    cellOf(workbook, PROGRESS.name, H.indicatorCode).value = null;
    const target = await store();
    try {
      const result = await importInto(target, await bytes(workbook), 'malo.xlsx');
      expect(result.events).toEqual([]);
      expect(await target.events.headPosition()).toBeNull();
      const where = result.problems.map((p) => [p.sheet, p.row, p.column]);
      expect(where).toEqual(
        expect.arrayContaining([
          [BASELINES.name, FIRST_DATA_ROW, H.baseline],
          [GOALS.name, FIRST_DATA_ROW + 1, H.year3],
          [THIRD_PARTY_PROJECTS.name, FIRST_DATA_ROW, H.endDate],
          [PROGRESS.name, FIRST_DATA_ROW, H.indicatorCode],
        ]),
      );
      const messages = result.problems.map(describeProblem).join('\n');
      expect(messages).toMatch(/"mucho" no es un número/);
      expect(messages).toMatch(/no puede ser negativo/);
      expect(messages).toMatch(/no es una fecha/);
      expect(messages).toMatch(/está vacía y es obligatoria/);
    } finally {
      await target.stop();
    }
  }, 60_000);

  it('a changed goal of the adopted plan is refused without reason and legal basis, accepted with them', async () => {
    const target = await store();
    try {
      await importInto(target, exported, 'plan.xlsx');
      const workbook = await reopen(exported);
      expect(String(cover(workbook).get(COVER.status))).toMatch(/^ADOPTADO/);
      const year4 = cellOf(workbook, GOALS.name, H.year4);
      const total = cellOf(workbook, GOALS.name, H.total);
      const change = Number(year4.value) === 0 ? 1 : -1;
      year4.value = Number(year4.value) + change;
      total.value = Number(total.value) + change;
      const changed = await bytes(workbook);
      const head = await target.events.headPosition();
      const refused = await importInto(target, changed, 'plan.xlsx');
      expect(refused.problems).toHaveLength(1);
      expect(refused.problems[0]).toMatchObject({
        sheet: GOALS.name,
        row: FIRST_DATA_ROW,
        column: H.reason,
      });
      expect(refused.problems[0]!.message).toMatch(/modificación/);
      expect(await target.events.headPosition()).toBe(head);

      cellOf(workbook, GOALS.name, H.reason).value = 'Ajuste por recorte presupuestal';
      cellOf(workbook, GOALS.name, H.legalBasis).value = 'Acuerdo 020 de 2025';
      const accepted = await importInto(target, await bytes(workbook), 'plan.xlsx');
      expect(accepted.problems).toEqual([]);
      expect(accepted.events.map((e) => e.type)).toEqual(['GoalAmended']);
      expect(accepted.events[0]!.metadata).toMatchObject({
        reason: 'Ajuste por recorte presupuestal',
        legalBasis: 'Acuerdo 020 de 2025',
      });
    } finally {
      await target.stop();
    }
  }, 60_000);

  it('refuses a workbook of another municipality and a file that is not a workbook', async () => {
    const target = await store();
    try {
      const other = await importPlanWorkbook(target.events, territory, {
        daneCode: '73268',
        firstYear: 2024,
        fileName: 'plan.xlsx',
        content: exported,
        principal: null,
      });
      expect(other.problems.map(describeProblem).join('\n')).toMatch(
        /el libro es del municipio 73001/,
      );
      const garbage = await importPlanWorkbook(target.events, territory, {
        daneCode: '73001',
        firstYear: 2024,
        fileName: 'plan.csv',
        content: new TextEncoder().encode('dane,meta\n73001,5\n'),
        principal: null,
      });
      expect(garbage.problems[0]!.message).toMatch(/no es un libro de Excel/);
      expect(await target.events.headPosition()).toBeNull();
    } finally {
      await target.stop();
    }
  }, 60_000);
});
