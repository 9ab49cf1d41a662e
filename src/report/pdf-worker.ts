/** Worker thread entry: renders report PDFs off the server's main thread (see pdf-renderer.ts). */
import { parentPort } from 'node:worker_threads';
import type { ReportModel } from './model';
import { renderReportPdf } from './pdf';

parentPort!.on('message', (request: { id: number; model: ReportModel }) => {
  renderReportPdf(request.model).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf);
      parentPort!.postMessage({ id: request.id, pdf: bytes }, [bytes.buffer]);
    },
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
