/**
 * JSON answers of the HTTP layer, in the same shape as GraphQL errors
 * (`{ "errors": [{ "message", "extensions": { "code" } }] }`), so a client reads one shape.
 */
import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../graphql/errors';

/** A refusal at the HTTP level: its status, its code of the error contract, a Spanish message. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
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
  sendJson(response, error.status, errorBody(error.code, error.message), error.headers);
}
