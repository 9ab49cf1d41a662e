/**
 * A PDF worker whose layout hangs for the municipality "CUELGA" (a synchronous loop that never
 * yields, as a pathological layout would), and is pdfmake's for any other report.
 */
import { renderReportPdf } from '../../src/report/pdf';
import { answerPdfRequests } from '../../src/report/pdf-requests';

export const HANGING_MUNICIPALITY = 'CUELGA';

answerPdfRequests((model) => {
  if (model.municipality === HANGING_MUNICIPALITY) for (;;);
  return renderReportPdf(model);
});
