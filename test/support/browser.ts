/**
 * Debian's Chromium driven by playwright-core, as the brief asks: headless, no sandbox, no
 * background networking, a fresh profile. Every request to another host than the server under test
 * is refused and recorded, so a test can assert that a page needs nothing else (works offline).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface OfflineBrowser {
  context: BrowserContext;
  page: Page;
  /** Requests (HTTP and WebSocket) that went, or tried to go, to another host. */
  foreign: string[];
  /** Every request URL the page made. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

export async function openOffline(origin: string): Promise<OfflineBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'bitacora-chromium-'));
  const allowed = new URL(origin).host;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // As if unplugged: no name resolves but the server's own.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
    ],
  });
  const foreign: string[] = [];
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || new URL(url).host === allowed) return route.continue();
    foreign.push(url);
    return route.abort('internetdisconnected');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => {
    requests.push(socket.url());
    if (new URL(socket.url()).host !== allowed) foreign.push(socket.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    foreign,
    requests,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
