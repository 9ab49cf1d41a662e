/**
 * The PDF worker's deadline: a layout that hangs fails its own PDF with a coded error, the worker is
 * replaced, and the PDFs behind it are laid out by the new one.
 */
import { join } from 'node:path';
import { pdfTimeoutMsOf } from '../../src/config';
import {
  createPdfRenderer,
  PdfTimeoutError,
  type PdfRenderer,
} from '../../src/report/pdf-renderer';
import { reportModel } from '../support/report-model';

const HANGING = join(__dirname, '..', 'support', 'hanging-pdf-worker.ts');
const TIMEOUT_MS = 3_000;

describe('the PDF renderer', () => {
  let renderer: PdfRenderer;
  afterEach(() => renderer.close());

  it('fails a hung layout at its deadline with a coded error, restarts the worker, and lays out the PDFs behind it', async () => {
    renderer = createPdfRenderer({ timeoutMs: TIMEOUT_MS, workerModule: HANGING });
    // Warm the worker (tsx and pdfmake load) so that the deadline measures only the layouts.
    expect((await renderer.render(reportModel())).subarray(0, 5).toString()).toBe('%PDF-');
    expect(renderer.workersStarted).toBe(1);

    const started = Date.now();
    const hung = renderer.render(reportModel({ municipality: 'CUELGA' }));
    const behind = renderer.render(reportModel({ municipality: 'IBAGUÉ' }));
    const failure = await hung.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PdfTimeoutError);
    expect(failure).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      timeoutMs: TIMEOUT_MS,
      message: expect.stringMatching(/^El PDF no se compuso en 3 s \(PDF_TIMEOUT_MS\)/),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

    // The PDF queued behind the hung one is not lost: the new worker lays it out.
    expect((await behind).subarray(0, 5).toString()).toBe('%PDF-');
    expect(renderer.workersStarted).toBe(2);
    // And so is every later one.
    expect((await renderer.render(reportModel())).subarray(0, 5).toString()).toBe('%PDF-');
    expect(renderer.workersStarted).toBe(2);
  }, 60_000);

  it('takes its deadline from PDF_TIMEOUT_MS, 20 s by default', () => {
    renderer = createPdfRenderer({ timeoutMs: 1 });
    expect(pdfTimeoutMsOf({})).toBe(20_000);
    expect(pdfTimeoutMsOf({ PDF_TIMEOUT_MS: '5000' })).toBe(5_000);
    expect(pdfTimeoutMsOf({ PDF_TIMEOUT_MS: '0' })).toBe(20_000);
    expect(pdfTimeoutMsOf({ PDF_TIMEOUT_MS: 'pronto' })).toBe(20_000);
  });
});
