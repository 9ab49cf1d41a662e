/**
 * HTTP routes of the verifiable record: the seal key as a JWKS (`/.well-known/jwks.json`), a
 * semester's seal file for control bodies to keep (`/sellos/2025-1.json`, with the sealed event
 * hashes), and the integrity part of readiness. Refusals are the error contract's body.
 */
import type { ServerResponse } from 'node:http';
import type { Services } from '../graphql/context';
import { jwksOf, sealFileOf } from '../integrity/seals';
import { sealOfSemester } from '../integrity/seal-lookup';
import { errorBody, HttpError, sendJson } from './respond';

const SEALS = '/sellos/';
const SEAL_FILE = /^(\d{4}-[12])\.json$/;

const notSealing = () =>
  new HttpError(
    404,
    'NOT_FOUND',
    'Este servidor no sella la bitácora: no tiene clave de sello ni sellos que servir.',
  );

/** Answers the integrity routes; false when the path is not one of them. */
export async function integrityRoutes(
  url: URL,
  response: ServerResponse,
  services: Services,
): Promise<boolean> {
  const integrity = services.integrity;
  if (url.pathname === '/.well-known/jwks.json') {
    if (!integrity) throw notSealing();
    sendJson(response, 200, jwksOf(integrity.key));
    return true;
  }
  if (!url.pathname.startsWith(SEALS)) return false;
  const file = url.pathname.slice(SEALS.length);
  const semester = SEAL_FILE.exec(file)?.[1];
  if (!semester)
    throw new HttpError(
      400,
      'BAD_USER_INPUT',
      `semester: "${file}" no es un sello: use /sellos/AAAA-S.json con S = 1 o 2, p. ej. /sellos/2025-1.json.`,
      {},
      'semester',
    );
  if (!integrity) throw notSealing();
  const seal = await sealOfSemester(services.readStore, semester);
  if (!seal)
    throw new HttpError(
      404,
      'NOT_FOUND',
      `semester: el semestre ${semester} no está sellado (todavía): se sella al terminar, en hora de Bogotá; la consulta seals los lista.`,
      {},
      'semester',
    );
  const leaves = await integrity.monitor.reader().leaves(seal.treeSize);
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="sello-${semester}.json"`,
  });
  response.end(JSON.stringify(sealFileOf(seal, leaves), null, 2));
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
      message:
        startupCheck.state === 'pending'
          ? `La verificación de la bitácora antes de servir (hash y cadena de cada evento, ${startupCheck.total} eventos) empieza cuando los modelos de lectura estén al día.`
          : `Verificando la bitácora antes de servir (hash y cadena de cada evento): ${startupCheck.checked} de ${startupCheck.total}.`,
      startupCheck,
    };
  }
  return {
    ...errorBody(
      'INTEGRITY',
      `La bitácora no pasó la verificación de integridad: ${status.faults[0]!.message}`,
    ),
    status: 'integrity-fault',
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
