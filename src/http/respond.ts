/**
 * JSON answers of the HTTP layer, in the same shape as GraphQL errors
 * (`{ "errors": [{ "message", "extensions": { "code", "field"? } }] }`), so a client reads one
 * shape on every route: GraphQL, reports, seals, the JWKS and health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../graphql/errors';

/** A refusal at the HTTP level: its status, its code of the error contract, a Spanish message. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The part of the request at fault (a path segment such as `semester`), when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export const errorBody = (code: ErrorCode, message: string, extensions = {}) => ({
  errors: [{ message, extensions: { code, ...extensions } }],
});

export function sendError(response: ServerResponse, error: HttpError): void {
  const extensions = error.field ? { field: error.field } : {};
  sendJson(response, error.status, errorBody(error.code, error.message, extensions), error.headers);
}

/** Every route outside /graphql is read-only: anything but GET or HEAD is 405. */
export function requireRead(request: IncomingMessage, pathname: string): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  throw new HttpError(
    405,
    'BAD_REQUEST',
    `${pathname} solo se lee (GET o HEAD); recibió ${request.method ?? '?'}.`,
    { allow: 'GET, HEAD' },
  );
}
