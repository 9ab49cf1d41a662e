/**
 * The explorer: GraphiQL served by Bitácora itself, so that it works with no connection to any
 * other host (a municipal office, an air-gapped audit). GraphiQL 4's prebuilt browser bundle and
 * React 18's come from their npm packages as they are; our page adds the README's operations as
 * tabs and a token field. A Content-Security-Policy forbids every other origin.
 *
 * - `GET /graphql` by a browser (HTML preferred over JSON, no `query`): the explorer page. Every
 *   other request to /graphql is GraphQL (Apollo).
 * - `GET /`: a browser is sent to /graphql.
 * - `GET /explorador/<file>`: the page's scripts and styles (gzip when accepted).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import Negotiator from 'negotiator';
import { EXAMPLES_PATH, parseExamples, type Example } from '../graphql/examples';
import { EXPLORER_SCRIPT, EXPLORER_STYLE } from './explorer-page';

const gzip = promisify(gzipCallback);

interface Asset {
  type: string;
  body: Buffer;
  /**
   * Compressed in libuv's thread pool: GraphiQL's bundles took 46 ms of the event loop to gzip,
   * as the server started while the read models caught up (its largest block then).
   */
  gzip: Promise<Buffer | undefined>;
  etag: string;
}

const asset = (type: string, body: Buffer): Asset => ({
  type,
  body,
  // Should it fail (it does not on a Buffer), the asset is served as it is.
  gzip: gzip(body).catch(() => undefined),
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});

/** A file of an installed package, as published (not every package exports its UMD builds). */
const fromPackage = (name: string, file: string) =>
  readFileSync(join(dirname(require.resolve(`${name}/package.json`)), file));

/** Every file the page loads, by its name under /explorador/. */
function loadAssets(): Map<string, Asset> {
  const javascript = 'text/javascript; charset=utf-8';
  return new Map([
    ['react.js', asset(javascript, fromPackage('react', 'umd/react.production.min.js'))],
    [
      'react-dom.js',
      asset(javascript, fromPackage('react-dom', 'umd/react-dom.production.min.js')),
    ],
    ['graphiql.js', asset(javascript, fromPackage('graphiql', 'graphiql.min.js'))],
    ['graphiql.css', asset('text/css; charset=utf-8', fromPackage('graphiql', 'graphiql.min.css'))],
    ['explorador.js', asset(javascript, Buffer.from(EXPLORER_SCRIPT))],
    ['explorador.css', asset('text/css; charset=utf-8', Buffer.from(EXPLORER_STYLE))],
  ]);
}

/** Only this server: scripts and styles from /explorador/, requests and WebSockets to itself. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL sets style attributes from script.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A tab of GraphiQL: the operation, with where it comes from and the token it needs. */
export function exampleTab(example: Example) {
  const notes = [`# ${example.section} (README)`];
  if (example.token)
    notes.push(
      `# Requiere un token: npm run token -- ${example.token}`,
      '# (péguelo en "Token" arriba).',
    );
  return {
    query: `${notes.join('\n')}\n${example.document}\n`,
    ...(example.variables ? { variables: JSON.stringify(example.variables, null, 2) } : {}),
  };
}

function page(examples: readonly Example[]): string {
  // JSON inside <script>: "<" escaped so that no text can close the element.
  const config = JSON.stringify({
    endpoint: '/graphql',
    tabs: examples.map(exampleTab),
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bitácora · explorador GraphQL</title>
<link rel="stylesheet" href="/explorador/graphiql.css">
<link rel="stylesheet" href="/explorador/explorador.css">
</head>
<body>
<header class="bitacora-bar">
  <strong>Bitácora</strong> <span>explorador GraphQL · ${escapeHtml(String(examples.length))} ejemplos del README en pestañas</span>
  <form id="bitacora-token" autocomplete="off">
    <label for="bitacora-token-value">Token</label>
    <input id="bitacora-token-value" type="password" spellcheck="false"
      placeholder="npm run -s token -- --role CONTROL --entity contraloria">
    <button type="submit">Usar</button>
    <button type="button" id="bitacora-token-clear">Quitar</button>
    <output id="bitacora-token-state">anónimo</output>
  </form>
</header>
<main id="graphiql">Cargando el explorador…</main>
<script type="application/json" id="bitacora-config">${config}</script>
<script src="/explorador/react.js"></script>
<script src="/explorador/react-dom.js"></script>
<script src="/explorador/graphiql.js"></script>
<script src="/explorador/explorador.js"></script>
</body>
</html>
`;
}

function prefersHtml(request: IncomingMessage): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([
    'application/json',
    'application/graphql-response+json',
    'text/html',
  ]);
  return preferred === 'text/html';
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  type: string,
  body: Buffer,
  headers: Record<string, string> = {},
  gzip?: Buffer,
): void {
  const zipped = gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  response.writeHead(status, {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    ...(gzip ? { vary: 'accept-encoding' } : {}),
    ...(zipped ? { 'content-encoding': 'gzip' } : {}),
    ...headers,
  });
  response.end(request.method === 'HEAD' ? undefined : zipped ? gzip : body);
}

export interface Explorer {
  /** Answers the explorer's routes; false when the request is not one of them. */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): boolean;
}

export function createExplorer(examplesFile = EXAMPLES_PATH): Explorer {
  const assets = loadAssets();
  const html = Buffer.from(page(parseExamples(readFileSync(examplesFile, 'utf8'))));
  const htmlHeaders = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  return {
    handle(request, response, url) {
      const reading = request.method === 'GET' || request.method === 'HEAD';
      if (!reading) return false;
      if (url.pathname === '/graphql') {
        if (url.searchParams.has('query') || !prefersHtml(request)) return false;
        send(request, response, 200, 'text/html; charset=utf-8', html, htmlHeaders);
        return true;
      }
      if (url.pathname === '/' && prefersHtml(request)) {
        response.writeHead(302, { location: '/graphql' });
        response.end();
        return true;
      }
      const match = /^\/explorador\/([\w.-]+)$/.exec(url.pathname);
      const found = match ? assets.get(match[1]!) : undefined;
      if (!found) return false;
      if (request.headers['if-none-match'] === found.etag) {
        response.writeHead(304, { etag: found.etag });
        response.end();
        return true;
      }
      void found.gzip.then((zipped) =>
        send(
          request,
          response,
          200,
          found.type,
          found.body,
          { etag: found.etag, 'cache-control': 'public, max-age=3600' },
          zipped,
        ),
      );
      return true;
    },
  };
}
