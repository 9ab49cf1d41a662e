/**
 * `GET /informes/{daneCode}/{firstYear}/{semester}`: the CTP's semester report as HTML, and
 * `…/informe.pdf` the same as PDF for the acta.
 *
 * Refusals follow the error contract (`{ errors: [{ message, extensions: { code } }] }`).
 *
 * Who may read it: anyone, like the GraphQL queries: a plan, its review, concepto, recommendations
 * and responses are public records. Who made each change is shown only to callers who may see
 * identities (a bearer token in scope, as in the API); everyone else sees role and entity.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { authenticate, type TokenVerifier } from '../graphql/auth';
import type { ErrorCode } from '../graphql/errors';
import type { Services } from '../graphql/context';
import { DANE_CODE } from '../domain/territory';
import { parseSemester, semesterEnd } from '../domain/time';
import type { ReviewKey } from '../domain/review/events';
import { buildReportModel } from '../report/model';
import { renderReportHtml } from '../report/html';
import { PdfTimeoutError, renderPdf } from '../report/pdf-renderer';
import { HttpError } from './respond';

const ROUTE = /^\/informes\/([^/]{1,10})\/([^/]{1,6})\/([^/]{1,8})(\/informe\.pdf)?\/?$/;

/** Nothing but what the page carries: no script, no request to any host. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);

/** The caller, if a token came; its refusal (401, or 503 when the key set is down) otherwise. */
export async function callerOf(request: IncomingMessage, verify: TokenVerifier) {
  try {
    return await authenticate(request.headers.authorization, verify);
  } catch (error) {
    const http = error instanceof GraphQLError ? (error.extensions.http as HttpOf) : undefined;
    if (!http || !(error instanceof GraphQLError)) throw error;
    throw new HttpError(
      http.status,
      error.extensions.code as ErrorCode,
      error.message,
      Object.fromEntries(http.headers ?? []),
    );
  }
}
type HttpOf = { status: number; headers?: Iterable<[string, string]> } | undefined;

/** A segment of the report's path that names no review, with its name in the error contract. */
const badSegment = (field: keyof ReviewKey, message: string) =>
  new HttpError(400, 'BAD_USER_INPUT', `${field}: ${message}`, {}, field);

/** The review a path names, or the refusal naming the segment at fault. */
function reviewKeyOf(dane: string, year: string, semester: string): ReviewKey {
  if (!DANE_CODE.test(dane))
    throw badSegment('daneCode', `código DANE inválido "${dane}": use 5 dígitos, p. ej. 73001.`);
  const firstYear = Number(year);
  if (!/^\d{4}$/.test(year) || firstYear % 4 !== 0)
    throw badSegment(
      'firstYear',
      `año inicial inválido "${year}": el cuatrienio empieza en un año múltiplo de 4, p. ej. 2024.`,
    );
  if (!/^\d{4}-[12]$/.test(semester))
    throw badSegment(
      'semester',
      `semestre inválido "${semester}": use AAAA-1 o AAAA-2, p. ej. 2025-1.`,
    );
  const semesterYear = parseSemester(semester).year;
  if (semesterYear < firstYear || semesterYear > firstYear + 3)
    throw badSegment(
      'semester',
      `el semestre ${semester} está fuera del cuatrienio ${firstYear}-${firstYear + 3}.`,
    );
  return { daneCode: dane, firstYear, semester };
}

export async function serveReport(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  deps: { services: Services; verify: TokenVerifier },
): Promise<void> {
  const match = ROUTE.exec(url.pathname);
  if (!match) throw notFound('No encontrado. Use /informes/{códigoDANE}/{añoInicial}/{semestre}.');
  const key = reviewKeyOf(match[1]!, match[2]!, match[3]!);
  const principal = await callerOf(request, deps.verify);
  const { services } = deps;
  const end = semesterEnd(parseSemester(key.semester));
  if (services.now().getTime() <= end.getTime())
    throw notFound(
      `El semestre ${key.semester} aún no termina: su informe existe desde el día siguiente a su cierre.`,
    );
  const model = await buildReportModel(services, key, principal);
  if (!model) throw notFound(`El código DANE ${key.daneCode} no existe en la DIVIPOLA.`);
  if (!model.planFound && !model.review)
    throw notFound(
      `No hay plan sectorial ${key.firstYear}-${key.firstYear + 3} registrado para ${model.municipality}.`,
    );
  const base = `/informes/${key.daneCode}/${key.firstYear}/${key.semester}`;
  if (match[4]) {
    const pdf = await renderPdf(model).catch((error: unknown) => {
      if (!(error instanceof PdfTimeoutError)) throw error;
      throw new HttpError(503, error.code, error.message, { 'retry-after': '5' });
    });
    response.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `inline; filename="informe-${key.daneCode}-${key.semester}.pdf"`,
      'cache-control': 'no-cache',
    });
    return void response.end(request.method === 'HEAD' ? undefined : pdf);
  }
  const page = await renderReportHtml(model, `${base}/informe.pdf`);
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : page);
}
