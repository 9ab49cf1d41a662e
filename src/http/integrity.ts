/**
 * HTTP routes of the verifiable record: the seal key as a JWKS (`/.well-known/jwks.json`), a
 * semester's seal file for control bodies to keep (`/sellos/2025-1.json`, with the sealed event
 * hashes), and the integrity part of readiness.
 */
import type { ServerResponse } from 'node:http';
import type { Services } from '../graphql/context';
import { jwksOf, sealFileOf } from '../integrity/seals';
import { sealOfSemester } from '../integrity/seal-lookup';

function sendJson(response: ServerResponse, status: number, body: unknown, download?: string) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...(download ? { 'content-disposition': `attachment; filename="${download}"` } : {}),
  });
  response.end(JSON.stringify(body, null, download ? 2 : 0));
}

const SEAL_PATH = /^\/sellos\/(\d{4}-[12])\.json$/;

/** Answers the integrity routes; false when the path is not one of them. */
export async function integrityRoutes(
  url: URL,
  response: ServerResponse,
  services: Services,
): Promise<boolean> {
  const integrity = services.integrity;
  if (url.pathname === '/.well-known/jwks.json') {
    if (!integrity) return false;
    sendJson(response, 200, jwksOf(integrity.key));
    return true;
  }
  const match = SEAL_PATH.exec(url.pathname);
  if (!match || !integrity) return false;
  const semester = match[1]!;
  const seal = await sealOfSemester(services.readStore, semester);
  if (!seal) {
    sendJson(response, 404, { error: `El semestre ${semester} no está sellado (todavía).` });
    return true;
  }
  const leaves = await integrity.monitor.reader().leaves(seal.treeSize);
  sendJson(response, 200, sealFileOf(seal, leaves), `sello-${semester}.json`);
  return true;
}

/**
 * Why the record is not ready: the faults found, naming each one's place, or the start-up check
 * still under way (with its progress) or unable to finish; null when it has passed intact.
 */
export function integrityNotReady(
  services: Pick<Services, 'integrity'>,
): Record<string, unknown> | null {
  const status = services.integrity?.monitor.status();
  if (!status) return null;
  const { startupCheck } = status;
  if (status.faults.length === 0) {
    if (startupCheck.state === 'passed') return null;
    if (startupCheck.state === 'failed') {
      return {
        status: 'integrity-fault',
        error: `La verificación de arranque no pudo terminar: ${startupCheck.error ?? 'sin detalle'}`,
        startupCheck,
      };
    }
    return {
      status: 'verificando',
      message: `Verificando la bitácora antes de servir (hash y cadena de cada evento): ${startupCheck.checked} de ${startupCheck.total}.`,
      startupCheck,
    };
  }
  return {
    status: 'integrity-fault',
    error: `La bitácora no pasó la verificación de integridad: ${status.faults[0]!.message}`,
    faults: status.faults.map(
      ({ kind, stream, revision, position, eventId, expected, found, message }) => ({
        kind,
        stream,
        revision,
        position,
        eventId,
        expected,
        found,
        message,
      }),
    ),
    startupCheck,
  };
}
