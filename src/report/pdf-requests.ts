/** The worker side of the PDF renderer (see pdf-renderer.ts): one reply per request, in order. */
import { parentPort } from 'node:worker_threads';
import type { ReportModel } from './model';

export interface PdfRequest {
  id: number;
  model: ReportModel;
}
export type PdfReply =
  | { id: number; pdf: Uint8Array }
  | { id: number; error: string }
  /** Sent when the worker starts laying a PDF out: its deadline counts from then. */
  | { started: number };

/** Answers every request of the parent thread with the PDF `layout` makes, or why it could not. */
export function answerPdfRequests(layout: (model: ReportModel) => Promise<Buffer>): void {
  const port = parentPort!;
  port.on('message', (request: PdfRequest) => {
    port.postMessage({ started: request.id } satisfies PdfReply);
    Promise.resolve()
      .then(() => layout(request.model))
      .then(
        (pdf) => {
          const bytes = new Uint8Array(pdf);
          port.postMessage({ id: request.id, pdf: bytes } satisfies PdfReply, [bytes.buffer]);
        },
        (error: unknown) =>
          port.postMessage({
            id: request.id,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies PdfReply),
      );
  });
}
