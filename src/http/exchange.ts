/**
 * Files for people who work in spreadsheets and portals:
 *
 * - `GET /planes/{daneCode}/{firstYear}.xlsx?semestre=2025-1`: the plan's workbook (Tablas 1-11
 *   of Res. 449) as of a semester that has ended, or now without `semestre`. Public, like `plan`.
 * - `GET /auditoria.csv` and `/auditoria.xlsx`: the audit trail filtered with the parameters of
 *   the `auditTrail` query's filter (`planId`, `daneCode`, `goalId`, `entityId`, `entityType`,
 *   `actorId`, `eventTypes` comma separated, `from`, `to`), authorised and masked like it.
 * - `GET /datos-abiertos/{semester}/{file}`: the open data of a semester that has ended (see
 *   `src/exchange/open-data.ts`): `metas|riesgo|gestion-social` `.csv|.json`, `diccionario.csv|.json`
 *   and `metadatos.json` with the seal.
 *
 * Refusals follow the error contract (`{ errors: [{ message, extensions: { code } }] }`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../domain/errors';
import { DANE_CODE } from '../domain/territory';
import { parseSemester, semesterEnd } from '../domain/time';
import type { TokenVerifier } from '../graphql/auth';
import type { Services } from '../graphql/context';
import { AUDIT_COLUMNS, auditRows } from '../exchange/audit-export';
import { buildOpenData, OPEN_DATA_FILES, renderOpenData } from '../exchange/open-data';
import { exportPlanWorkbook } from '../exchange/plan-export';
import { workbookBytes } from '../exchange/plan-workbook';
import { writeCsv, writeXlsx } from '../exchange/tabular';
import { auditQuery, type AuditCriteria } from '../queries/audit';
import { callerOf } from './informes';
import { HttpError } from './respond';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN_PATH = /^\/planes\/([^/]{1,10})\/([^/]{1,6})\.xlsx$/;
const AUDIT_PATH = /^\/auditoria\.(csv|xlsx)$/;
const OPEN_DATA_PATH = /^\/datos-abiertos\/([^/]{1,8})\/([^/]{1,40})$/;
/** An Excel sheet holds 1,048,576 rows; beyond this the trail is a CSV's job. */
export const MAX_AUDIT_XLSX_ENTRIES = 200_000;

const badInput = (message: string) => new HttpError(400, 'BAD_USER_INPUT', message);

function semesterParam(value: string | null, now: Date, what: string): string | null {
  if (value === null || value === '') return null;
  if (!/^\d{4}-[12]$/.test(value))
    throw badInput(`Semestre inválido "${value}": use AAAA-1 o AAAA-2, p. ej. 2025-1.`);
  if (semesterEnd(parseSemester(value)).getTime() >= now.getTime())
    throw new HttpError(
      404,
      'NOT_FOUND',
      `El semestre ${value} aún no termina: ${what} existe desde el día siguiente a su cierre.`,
    );
  return value;
}

function refuseWhileCatchingUp(services: Services): void {
  if (services.projector.catchingUp)
    throw new HttpError(
      503,
      'SERVICE_UNAVAILABLE',
      'Los modelos de lectura se están poniendo al día con la bitácora; reintente cuando /readyz responda 200.',
      { 'retry-after': '10' },
    );
}

async function servePlanWorkbook(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  match: RegExpExecArray,
  services: Services,
): Promise<void> {
  const [dane, year] = [match[1]!, match[2]!];
  if (!DANE_CODE.test(dane))
    throw badInput(`Código DANE inválido "${dane}": use 5 dígitos, p. ej. 73001.`);
  const firstYear = Number(year);
  if (!/^\d{4}$/.test(year) || firstYear % 4 !== 0)
    throw badInput(
      `Año inicial inválido "${year}": el cuatrienio empieza en un año múltiplo de 4, p. ej. 2024.`,
    );
  const unknown = [...url.searchParams.keys()].filter((k) => k !== 'semestre');
  if (unknown.length > 0)
    throw badInput(`Parámetro desconocido ${unknown[0]}: el único es ?semestre=AAAA-S.`);
  const semester = semesterParam(url.searchParams.get('semestre'), services.now(), 'su libro');
  const municipality = services.territory.municipality(dane);
  if (!municipality)
    throw new HttpError(404, 'NOT_FOUND', `El código DANE ${dane} no existe en la DIVIPOLA.`);
  refuseWhileCatchingUp(services);
  const exported = await exportPlanWorkbook(services, dane, firstYear, semester);
  if (!exported)
    throw new HttpError(
      404,
      'NOT_FOUND',
      `No hay plan sectorial ${firstYear}-${firstYear + 3} registrado para ${municipality.name}${semester ? ` al cierre del semestre ${semester}` : ''}.`,
    );
  const content = await workbookBytes(exported.workbook);
  response.writeHead(200, {
    'content-type': XLSX,
    'content-length': content.length,
    'content-disposition': `attachment; filename="${exported.fileName}"`,
    'cache-control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : content);
}

const AUDIT_PARAMS = [
  'planId',
  'daneCode',
  'goalId',
  'entityId',
  'entityType',
  'actorId',
  'eventTypes',
  'from',
  'to',
] as const;

function auditCriteria(url: URL): AuditCriteria {
  const unknown = [...url.searchParams.keys()].filter(
    (k) => !(AUDIT_PARAMS as readonly string[]).includes(k),
  );
  if (unknown.length > 0)
    throw badInput(
      `Parámetro desconocido ${unknown[0]}: use ${AUDIT_PARAMS.join(', ')} (los del filtro de auditTrail).`,
    );
  const value = (name: (typeof AUDIT_PARAMS)[number]) => {
    const given = url.searchParams.get(name);
    if (given !== null && given.length > 200) throw badInput(`${name}: supera 200 caracteres.`);
    return given === null || given === '' ? null : given;
  };
  const instant = (name: 'from' | 'to') => {
    const given = value(name);
    if (given === null) return null;
    const date = new Date(given);
    if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(given))
      throw badInput(
        `${name}: "${given}" no es una fecha ISO 8601 (p. ej. 2025-01-01T00:00:00-05:00).`,
      );
    return date;
  };
  const eventTypes =
    value('eventTypes')
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean) ?? null;
  if (eventTypes && eventTypes.length > 20) throw badInput('eventTypes: a lo sumo 20 tipos.');
  return {
    planId: value('planId'),
    daneCode: value('daneCode'),
    goalId: value('goalId'),
    entityId: value('entityId'),
    entityType: value('entityType'),
    actorId: value('actorId'),
    eventTypes,
    from: instant('from'),
    to: instant('to'),
  };
}

async function serveAudit(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  format: 'csv' | 'xlsx',
  deps: { services: Services; verify: TokenVerifier },
): Promise<void> {
  const criteria = auditCriteria(url);
  const principal = await callerOf(request, deps.verify);
  let query: Record<string, unknown>;
  try {
    query = auditQuery(criteria, principal);
  } catch (error) {
    if (error instanceof DomainError) throw badInput(`${error.field}: ${error.message}`);
    throw error;
  }
  const { services } = deps;
  refuseWhileCatchingUp(services);
  if (format === 'xlsx') {
    const entries = await services.readStore.collection('audit').count(query);
    if (entries > MAX_AUDIT_XLSX_ENTRIES)
      throw badInput(
        `El filtro selecciona ${entries} entradas; una hoja de Excel admite ${MAX_AUDIT_XLSX_ENTRIES} en esta exportación. Filtre por plan, municipio o fechas, o descargue /auditoria.csv.`,
      );
  }
  response.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
    'content-disposition': `attachment; filename="auditoria.${format}"`,
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') return void response.end();
  const rows = auditRows(services.readStore, query, principal, services.territory);
  if (format === 'csv') await writeCsv(AUDIT_COLUMNS, rows, response);
  else await writeXlsx('Auditoría', AUDIT_COLUMNS, rows, response);
  response.end();
}

/** Each semester's files, built once per process (a closed semester as known then never changes). */
const releases = new Map<string, Promise<Map<string, Buffer>>>();
const MAX_RELEASES = 4;

function releaseOf(services: Services, semester: string): Promise<Map<string, Buffer>> {
  let release = releases.get(semester);
  if (!release) {
    if (releases.size >= MAX_RELEASES) releases.delete(releases.keys().next().value!);
    release = buildOpenData(services, semester).then(renderOpenData);
    release.catch(() => releases.delete(semester));
    releases.set(semester, release);
  }
  return release;
}

async function serveOpenData(
  request: IncomingMessage,
  response: ServerResponse,
  match: RegExpExecArray,
  services: Services,
): Promise<void> {
  const semester = semesterParam(match[1]!, services.now(), 'su publicación')!;
  const file = match[2]!;
  if (!(OPEN_DATA_FILES as readonly string[]).includes(file))
    throw new HttpError(
      404,
      'NOT_FOUND',
      `No hay archivo ${file}; los de cada semestre son: ${OPEN_DATA_FILES.join(', ')}.`,
    );
  refuseWhileCatchingUp(services);
  const content = (await releaseOf(services, semester)).get(file)!;
  response.writeHead(200, {
    'content-type': file.endsWith('.csv')
      ? 'text/csv; charset=utf-8'
      : 'application/json; charset=utf-8',
    'content-length': content.length,
    'content-disposition': `attachment; filename="${semester}-${file}"`,
    'cache-control': 'public, max-age=3600',
  });
  response.end(request.method === 'HEAD' ? undefined : content);
}

/** Answers the routes above; false when the path is none of them. */
export async function exchangeRoutes(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  deps: { services: Services; verify: TokenVerifier },
): Promise<boolean> {
  const plan = PLAN_PATH.exec(url.pathname);
  const audit = AUDIT_PATH.exec(url.pathname);
  const openData = OPEN_DATA_PATH.exec(url.pathname);
  if (!plan && !audit && !openData) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD')
    throw new HttpError(405, 'BAD_REQUEST', 'Estos archivos solo se leen (GET).', {
      allow: 'GET, HEAD',
    });
  if (plan) await servePlanWorkbook(request, response, url, plan, deps.services);
  else if (audit) await serveAudit(request, response, url, audit[1] as 'csv' | 'xlsx', deps);
  else await serveOpenData(request, response, openData!, deps.services);
  return true;
}
