/** Worker thread entry: renders report PDFs off the server's main thread (see pdf-renderer.ts). */
import { renderReportPdf } from './pdf';
import { answerPdfRequests } from './pdf-requests';

answerPdfRequests(renderReportPdf);
