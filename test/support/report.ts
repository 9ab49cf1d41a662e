import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';

/** A PDF's text, parsed back with pdf.js (see pdf-text.mjs). */
export async function pdfText(pdf: Buffer): Promise<{ total: number; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bitacora-pdf-'));
  try {
    const file = join(dir, 'informe.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(__dirname, 'pdf-text.mjs'), file],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as { total: number; text: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless, with a fresh profile and nothing reaching out to the network. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'bitacora-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
