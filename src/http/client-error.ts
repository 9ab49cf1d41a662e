/** A request Node cannot parse (headers too large, bad framing) still gets a JSON answer. */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from './respond';

export function answerClientErrors(httpServer: Server): void {
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const overflow = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      errorBody(
        'BAD_REQUEST',
        overflow ? 'Encabezados demasiado grandes.' : 'Petición HTTP mal formada.',
      ),
    );
    socket.end(
      `HTTP/1.1 ${overflow ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `connection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
