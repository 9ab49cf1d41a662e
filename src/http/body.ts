/** Reading a request body, never more than a limit: beyond it, 413 with a JSON error. */
import type { IncomingMessage } from 'node:http';
import { REQUEST_LIMITS } from '../graphql/limits';
import { HttpError } from './respond';

const tooLarge = (limit: number) =>
  new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `El cuerpo de la petición supera ${limit} bytes (${Math.round(limit / 1024)} KiB): envíe menos datos.`,
  );

/**
 * The body as UTF-8 text. A declared `content-length` over the limit is refused before reading;
 * an undeclared one as soon as it passes the limit. Either way the rest of the body is read and
 * discarded (not left on the socket), so the client gets the 413 and the connection stays usable.
 */
export function readBody(
  request: IncomingMessage,
  limit: number = REQUEST_LIMITS.bodyBytes,
): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off('data', onData);
      request.off('end', onEnd);
      request.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}
