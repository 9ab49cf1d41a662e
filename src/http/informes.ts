/**
 * `GET /informes/{daneCode}/{firstYear}/{semester}`: the CTP's semester report as HTML, and
 * `…/informe.pdf` the same as PDF for the acta.
 *
 * Who may read it: anyone, like the GraphQL queries: a plan, its review, concepto, recommendations
 * and responses are public records. Who made each change is shown only to callers who may see
 * identities (a bearer token in scope, as in the API); everyone else sees role and entity.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type TokenVerifier } from '../graphql/auth';
import type { Services } from '../graphql/context';
import { DANE_CODE } from '../domain/territory';
import { parseSemester, semesterEnd } from '../domain/time';
import type { ReviewKey } from '../domain/review/events';
import { buildReportModel } from '../report/model';
import { renderReportHtml } from '../report/html';
import { renderPdf } from '../report/pdf-renderer';

const ROUTE = /^\/informes\/([^/]{1,10})\/([^/]{1,6})\/([^/]{1,8})(\/informe\.pdf)?\/?$/;

/** Nothing but what the page carries: no script, no request to any host. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}

/** The review a path names, or the Spanish reason it names none. */
function reviewKeyOf(dane: string, year: string, semester: string): ReviewKey | string {
  if (!DANE_CODE.test(dane)) return `Código DANE inválido "${dane}": use 5 dígitos, p. ej. 73001.`;
  const firstYear = Number(year);
  if (!/^\d{4}$/.test(year) || firstYear % 4 !== 0)
    return `Año inicial inválido "${year}": el cuatrienio empieza en un año múltiplo de 4, p. ej. 2024.`;
  if (!/^\d{4}-[12]$/.test(semester))
    return `Semestre inválido "${semester}": use AAAA-1 o AAAA-2, p. ej. 2025-1.`;
  const semesterYear = parseSemester(semester).year;
  if (semesterYear < firstYear || semesterYear > firstYear + 3)
    return `El semestre ${semester} está fuera del cuatrienio ${firstYear}-${firstYear + 3}.`;
  return { daneCode: dane, firstYear, semester };
}

export async function serveReport(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  deps: { services: Services; verify: TokenVerifier },
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return plain(response, 405, 'Los informes solo se leen (GET).');
  }
  const match = ROUTE.exec(url.pathname);
  if (!match)
    return plain(
      response,
      404,
      'No encontrado. Use /informes/{códigoDANE}/{añoInicial}/{semestre}.',
    );
  const key = reviewKeyOf(match[1]!, match[2]!, match[3]!);
  if (typeof key === 'string') return plain(response, 400, key);
  let principal;
  try {
    principal = await authenticate(request.headers.authorization, deps.verify);
  } catch (error) {
    return plain(response, 401, error instanceof Error ? error.message : 'Token inválido.');
  }
  const { services } = deps;
  const end = semesterEnd(parseSemester(key.semester));
  if (services.now().getTime() <= end.getTime())
    return plain(
      response,
      404,
      `El semestre ${key.semester} aún no termina: su informe existe desde el día siguiente a su cierre.`,
    );
  const model = await buildReportModel(services, key, principal);
  if (!model)
    return plain(response, 404, `El código DANE ${key.daneCode} no existe en la DIVIPOLA.`);
  if (!model.planFound && !model.review)
    return plain(
      response,
      404,
      `No hay plan sectorial ${key.firstYear}-${key.firstYear + 3} registrado para ${model.municipality}.`,
    );
  const base = `/informes/${key.daneCode}/${key.firstYear}/${key.semester}`;
  if (match[4]) {
    const pdf = await renderPdf(model);
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
