/**
 * The files over HTTP against the served demo log (sealed as `npm start` seals it): the plan's
 * workbook as of 2025-1 with its cover and seal, equal to the API's as-of figures; the audit trail
 * as CSV and XLSX, masked like `auditTrail`; the semester's open data with its dictionary and the
 * seal; the import mutation, all or nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { COVER } from '../../src/exchange/plan-workbook';
import {
  COVER_SHEET,
  FIRST_DATA_ROW,
  GOALS,
  H,
  HEADER_ROW,
  NEEDS,
} from '../../src/exchange/plan-sheets';
import { OPEN_DATA_FILES } from '../../src/exchange/open-data';
import { seedDemoLog } from '../support/demo-log';
import { serveLog } from '../support/served-log';
import { token } from '../support/server';

type Served = Awaited<ReturnType<typeof serveLog>>;

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function coverOf(workbook: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const values = new Map<string, ExcelJS.CellValue>();
  workbook.getWorksheet(COVER_SHEET)!.eachRow((row) => {
    values.set(String(row.getCell(1).value), row.getCell(2).value);
  });
  return values;
}

function column(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(HEADER_ROW).eachCell((cell, c) => {
    if (cell.value === header) found = c;
  });
  return found;
}

describe('plan workbook, audit export and open data over HTTP (demo log, sealed)', () => {
  let dir: string;
  let api: Served;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-exchange-'));
    await seedDemoLog(dir);
    api = await serveLog(dir);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /planes/73001/2024.xlsx?semestre=2025-1: the tables as of the semester, its seal on the cover', async () => {
    const response = await fetch(`${api.base}/planes/73001/2024.xlsx?semestre=2025-1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="plan-73001-2024-2025-1.xlsx"',
    );
    const workbook = await workbookOf(response);
    const cover = coverOf(workbook);
    const seal = (await (await fetch(`${api.base}/sellos/2025-1.json`)).json()) as {
      rootHash: string;
      treeSize: number;
    };
    expect(cover.get(COVER.sealSemester)).toBe('2025-1');
    expect(cover.get(COVER.sealRoot)).toBe(seal.rootHash);
    expect(cover.get(COVER.sealTreeSize)).toBe(seal.treeSize);
    expect(cover.get(COVER.knownAtIso)).toBe('2025-07-01T04:59:59.999Z');

    // Tabla 11 says what the API says as of 2025-1: goal totals and resources to invest.
    const { data } = await api.gql<{
      plan: {
        goals: Array<{ indicator: { code: string }; total: number; resources: { total: number } }>;
      };
    }>(
      `{ plan(daneCode: "73001", firstYear: 2024, asOf: { semester: "2025-1" }) {
          goals { indicator { code } total resources { total } } } }`,
    );
    const sheet = workbook.getWorksheet(GOALS.name)!;
    const [code, total, resources] = [H.indicatorCode, H.total, 'RECURSOS A INVERTIR'].map((h) =>
      column(sheet, h),
    );
    const rows: Array<{ code: string; total: number; resources: number }> = [];
    sheet.eachRow((row, n) => {
      if (n >= FIRST_DATA_ROW && typeof row.getCell(code!).value === 'string')
        rows.push({
          code: String(row.getCell(code!).value),
          total: Number(row.getCell(total!).value),
          resources: Number(row.getCell(resources!).value),
        });
    });
    const api449 = data!.plan.goals
      .map((g) => ({ code: g.indicator.code, total: g.total, resources: g.resources.total }))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect([...rows].sort((a, b) => a.code.localeCompare(b.code))).toEqual(api449);
  });

  it('refuses in Spanish with the error contract: bad semester, semester not over, no plan, not GET', async () => {
    const cases: Array<[string, RequestInit, number, string, RegExp]> = [
      ['/planes/73001/2024.xlsx?semestre=2025-3', {}, 400, 'BAD_USER_INPUT', /Semestre inválido/],
      ['/planes/73001/2024.xlsx?semestre=2031-1', {}, 404, 'NOT_FOUND', /aún no termina/],
      ['/planes/73001/2028.xlsx', {}, 404, 'NOT_FOUND', /No hay plan sectorial 2028-2031/],
      ['/planes/7300/2024.xlsx', {}, 400, 'BAD_USER_INPUT', /Código DANE inválido/],
      ['/planes/73001/2024.xlsx?anio=2025', {}, 400, 'BAD_USER_INPUT', /Parámetro desconocido/],
      ['/planes/73001/2024.xlsx', { method: 'POST' }, 405, 'BAD_REQUEST', /solo se lee/],
      ['/auditoria.csv?actorId=x', {}, 400, 'BAD_USER_INPUT', /filtrar por actor/],
      ['/auditoria.csv?from=ayer', {}, 400, 'BAD_USER_INPUT', /no es una fecha ISO 8601/],
      ['/datos-abiertos/2025-1/personas.csv', {}, 404, 'NOT_FOUND', /metadatos\.json/],
      ['/datos-abiertos/2031-2/metas.csv', {}, 404, 'NOT_FOUND', /aún no termina/],
    ];
    for (const [path, init, status, code, message] of cases) {
      const response = await fetch(`${api.base}${path}`, init);
      const body = (await response.json()) as {
        errors: Array<{ message: string; extensions: { code: string } }>;
      };
      expect({ path, status: response.status, code: body.errors[0]!.extensions.code }).toEqual({
        path,
        status,
        code,
      });
      expect(body.errors[0]!.message).toMatch(message);
    }
  });

  it('GET /auditoria.csv and .xlsx: one row per changed field, masked like auditTrail', async () => {
    const query = 'planId=plan-73001-2024&eventTypes=GoalAmended';
    const anonymous = await fetch(`${api.base}/auditoria.csv?${query}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await anonymous.text(), { columns: true }) as Array<Record<string, string>>;
    const trail = await api.gql<{
      auditTrail: {
        totalCount: number;
        edges: Array<{ node: { id: string; hash: string; changes: Array<{ field: string }> } }>;
      };
    }>(
      `{ auditTrail(filter: { planId: "plan-73001-2024", eventTypes: ["GoalAmended"] }, first: 100) {
          totalCount edges { node { id hash changes { field } } } } }`,
    );
    const entries = trail.data!.auditTrail.edges.map((e) => e.node);
    expect(entries.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(entries.reduce((n, e) => n + Math.max(1, e.changes.length), 0));
    const amended = rows.find((r) => r.campo === 'total')!;
    expect(Number(amended.valor_anterior)).not.toBe(Number(amended.valor_nuevo));
    expect(amended.fundamento_legal).not.toBe('');
    expect(amended.justificacion).not.toBe('');
    expect(entries.map((e) => e.hash)).toContain(amended.hash);
    // Anonymous: role and entity, never who.
    expect(
      rows.every((r) => r.actor_nombre === '' && r.actor_id === '' && r.actor_rol !== ''),
    ).toBe(true);
    const control = await token({ role: 'CONTROL', entity: 'Contraloría General' });
    const named = await fetch(`${api.base}/auditoria.csv?${query}`, {
      headers: { authorization: `Bearer ${control}` },
    });
    const namedRows = parse(await named.text(), { columns: true }) as Array<Record<string, string>>;
    expect(namedRows.every((r) => r.actor_nombre !== '')).toBe(true);
    // A bad token is refused, as on /graphql.
    const bad = await fetch(`${api.base}/auditoria.csv`, {
      headers: { authorization: 'Bearer x' },
    });
    expect(bad.status).toBe(401);

    const xlsx = await fetch(`${api.base}/auditoria.xlsx?${query}`, {
      headers: { authorization: `Bearer ${control}` },
    });
    expect(xlsx.status).toBe(200);
    const sheet = (await workbookOf(xlsx)).worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('registrado_en (hora de Colombia)');
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(sheet.rowCount - 1).toBe(namedRows.length);
  });

  it('GET /datos-abiertos/2025-1/...: datasets, dictionary and metadata with the seal and each file hash', async () => {
    const files = new Map<string, Buffer>();
    for (const file of OPEN_DATA_FILES) {
      const response = await fetch(`${api.base}/datos-abiertos/2025-1/${file}`);
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
      files.set(file, Buffer.from(await response.arrayBuffer()));
    }
    const metadata = JSON.parse(files.get('metadatos.json')!.toString('utf8')) as {
      sello: { raiz_merkle_sha256: string; semestre: string };
      archivos: Array<{ nombre: string; sha256: string; filas: number }>;
      corte: { registrado_hasta: string };
    };
    const seal = (await (await fetch(`${api.base}/sellos/2025-1.json`)).json()) as {
      rootHash: string;
    };
    expect(metadata.sello).toMatchObject({ semestre: '2025-1', raiz_merkle_sha256: seal.rootHash });
    expect(metadata.corte.registrado_hasta).toBe('2025-06-30T23:59:59.999-05:00');
    for (const described of metadata.archivos)
      expect({
        file: described.nombre,
        sha256: createHash('sha256').update(files.get(described.nombre)!).digest('hex'),
      }).toEqual({ file: described.nombre, sha256: described.sha256 });

    // Every column of every CSV is in the dictionary with a type and a meaning.
    const dictionary = parse(files.get('diccionario.csv')!, { columns: true }) as Array<
      Record<string, string>
    >;
    for (const dataset of ['metas', 'riesgo', 'gestion-social']) {
      const [header] = parse(files.get(`${dataset}.csv`)!, { to: 1 }) as string[][];
      const described = dictionary.filter((d) => d.conjunto === dataset).map((d) => d.columna);
      expect({ dataset, columns: header }).toEqual({ dataset, columns: described });
      for (const name of header!) expect(name).toMatch(/^[a-z0-9_]+$/);
      const json = JSON.parse(files.get(`${dataset}.json`)!.toString('utf8')) as unknown[];
      const csv = parse(files.get(`${dataset}.csv`)!, { columns: true }) as unknown[];
      expect(json).toHaveLength(csv.length);
    }
    expect(dictionary.every((d) => d.tipo !== '' && d.significado !== '')).toBe(true);
    const metas = parse(files.get('metas.csv')!, { columns: true }) as Array<
      Record<string, string>
    >;
    expect(new Set(metas.map((m) => m.codigo_dane))).toEqual(
      new Set(['73001', '73268', '73349', '73168']),
    );

    // No personal data: no actor's name or id appears in any file.
    const control = await token({ role: 'CONTROL', entity: 'Contraloría General' });
    const actors = await api.gql<{
      auditTrail: { edges: Array<{ node: { actor: { id: string; name: string } } }> };
    }>('{ auditTrail(first: 100) { edges { node { actor { id name } } } } }', {}, control);
    const identities = new Set(
      actors.data!.auditTrail.edges.flatMap((e) => [e.node.actor.id, e.node.actor.name]),
    );
    expect(identities.size).toBeGreaterThan(0);
    const everything = [...files.values()].map((f) => f.toString('utf8')).join('\n');
    for (const identity of identities)
      expect({ identity, found: everything.includes(identity) }).toEqual({
        identity,
        found: false,
      });
  });

  it('importPlanWorkbook: unchanged appends nothing, a bad cell names its place, a new need is one event by the planner', async () => {
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    const mutation = `mutation($input: ImportPlanWorkbookInput!) {
      importPlanWorkbook(input: $input) { eventIds revision rows unchanged plan { id revision } } }`;
    const current = await fetch(`${api.base}/planes/73001/2024.xlsx`);
    const content = Buffer.from(await current.arrayBuffer());
    const send = (bytes: Buffer, bearer = planner) =>
      api.gql<{
        importPlanWorkbook: {
          eventIds: string[];
          revision: number;
          rows: number;
          unchanged: number;
        };
      }>(
        mutation,
        {
          input: {
            daneCode: '73001',
            firstYear: 2024,
            fileName: 'plan-73001-2024.xlsx',
            contentBase64: bytes.toString('base64'),
          },
        },
        bearer,
      );
    const same = await send(content);
    expect(same.errors).toBeUndefined();
    expect(same.data!.importPlanWorkbook.eventIds).toEqual([]);
    expect(same.data!.importPlanWorkbook.unchanged).toBe(same.data!.importPlanWorkbook.rows);
    const revision = same.data!.importPlanWorkbook.revision;

    const other = await send(content, await token({ role: 'PLANNER', entity: '73268' }));
    expect(other.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const needs = workbook.getWorksheet(NEEDS.name)!;
    // The new need goes where the TOTAL row was; the TOTAL moves down.
    let totalRow = FIRST_DATA_ROW;
    needs.eachRow((row, n) => {
      if (row.getCell(1).value === 'TOTAL') totalRow = n;
    });
    needs.spliceRows(totalRow, 0, [
      'Reposición de redes del barrio La Pola',
      'Estudios y diseños de reposición de redes',
      'mil millones',
      'N-IMPORT-1',
    ]);
    const bad = await send(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.problems).toEqual([
      {
        sheet: NEEDS.name,
        row: totalRow,
        column: H.estimatedValue,
        message: '"mil millones" no es un número.',
      },
    ]);
    expect(bad.errors![0]!.message).toMatch(/no se registró nada/);

    needs.getRow(totalRow).getCell(3).value = 1_000_000_000;
    const good = await send(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(good.errors).toBeUndefined();
    expect(good.data!.importPlanWorkbook.eventIds).toHaveLength(1);
    expect(good.data!.importPlanWorkbook.revision).toBe(revision + 1);
    const audit = await api.gql<{
      auditTrail: {
        edges: Array<{ node: { eventType: string; actor: { role: string; entity: string } } }>;
      };
    }>(
      `{ auditTrail(filter: { planId: "plan-73001-2024" }, first: 1) { edges { node { eventType actor { role entity } } } } }`,
    );
    expect(audit.data!.auditTrail.edges[0]!.node).toEqual({
      eventType: 'NeedRegistered',
      actor: { role: 'PLANNER', entity: '73001' },
    });
  });
});
