/**
 * The `Idempotency-Key` request header (IETF draft "The Idempotency-Key HTTP Header Field"): a
 * client-chosen string, the same on every retry of one request. A UUID is the usual choice; the
 * draft's quoted form (`"8e03978e-…"`) is accepted too.
 */
import { requestError } from '../graphql/errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const MAX_LENGTH = 255;
/** Visible ASCII, no spaces or quotes inside: what survives every proxy and log unchanged. */
const KEY = /^[\x21\x23-\x7e]+$/;

/** The key of a request, or null when it has none; a malformed one refuses the request (400). */
export function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (Array.isArray(header)) {
    throw refused('envíe un solo encabezado Idempotency-Key por petición.');
  }
  const value = header.trim().replace(/^"(.*)"$/, '$1');
  if (value.length === 0 || value.length > MAX_LENGTH || !KEY.test(value)) {
    throw refused(
      `debe ser un texto de 1 a ${MAX_LENGTH} caracteres ASCII visibles, sin espacios ni comillas (p. ej. un UUID).`,
    );
  }
  return value;
}

const refused = (message: string) =>
  requestError('BAD_USER_INPUT', 400, `Idempotency-Key: ${message}`, {
    field: 'Idempotency-Key',
  });
