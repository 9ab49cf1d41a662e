/// <reference lib="dom" />
/**
 * What runs in the browser on the explorer page, kept here (typed and linted with the rest) and
 * served as `/explorador/explorador.js` from its own source text, so that it ships in `dist/` as
 * any other module. It may use only browser globals: React, ReactDOM and GraphiQL come from the
 * bundles loaded before it.
 */

interface GraphiQLGlobal {
  createFetcher(options: { url: string; subscriptionUrl: string }): Fetcher;
}
type Fetcher = (params: unknown, options?: { headers?: Record<string, unknown> }) => unknown;
interface ReactGlobal {
  createElement(component: unknown, props: Record<string, unknown>): unknown;
}
interface ReactDOMGlobal {
  createRoot(element: Element): { render(element: unknown): void };
}

/** The page's script: GraphiQL with the README's tabs and the token in every request. */
export function explorerMain(): void {
  const globals = window as unknown as {
    React: ReactGlobal;
    ReactDOM: ReactDOMGlobal;
    GraphiQL: GraphiQLGlobal;
  };
  const config = JSON.parse(document.getElementById('bitacora-config')!.textContent!) as {
    endpoint: string;
    tabs: Array<{ query: string; variables?: string }>;
  };
  const storageKey = 'bitacora:token';
  const field = document.getElementById('bitacora-token-value') as HTMLInputElement;
  const state = document.getElementById('bitacora-token-state')!;
  // The session only: a token is a credential, not a preference.
  const tokenNow = () => sessionStorage.getItem(storageKey) ?? '';
  const show = () => {
    state.textContent = tokenNow() ? 'con token' : 'anónimo';
  };
  document.getElementById('bitacora-token')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = field.value.trim().replace(/^Bearer\s+/i, '');
    if (value) sessionStorage.setItem(storageKey, value);
    else sessionStorage.removeItem(storageKey);
    field.value = '';
    show();
  });
  document.getElementById('bitacora-token-clear')!.addEventListener('click', () => {
    sessionStorage.removeItem(storageKey);
    show();
  });
  show();

  const origin = new URL(config.endpoint, window.location.href);
  const socket = new URL(origin);
  socket.protocol = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = globals.GraphiQL.createFetcher({
    url: origin.href,
    subscriptionUrl: socket.href,
  });
  // The token as the HTTP header, and (GraphiQL passes headers on) as the subscription's
  // connection parameter of the same name. A header typed in GraphiQL's own editor wins.
  const fetcher: Fetcher = (params, options) => {
    const token = tokenNow();
    const headers = {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(options?.headers ?? {}),
    };
    return base(params, { ...options, headers });
  };
  const { React, ReactDOM, GraphiQL } = globals;
  ReactDOM.createRoot(document.getElementById('graphiql')!).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
}

/**
 * `/explorador/explorador.js`. When run from source through tsx, esbuild wraps named functions in
 * a `__name(fn, "name")` helper of its own module: the script defines an identity in its place.
 */
export const EXPLORER_SCRIPT = `"use strict";\nconst __name = (target) => target;\n(${explorerMain.toString()})();\n`;

/** `/explorador/explorador.css`: the token bar above GraphiQL, which fills the rest. */
export const EXPLORER_STYLE = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
.bitacora-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem;
  padding: 0.4rem 0.75rem; background: #0b3d5c; color: #fff; font-size: 0.9rem; }
.bitacora-bar form { display: flex; align-items: center; gap: 0.4rem; margin-left: auto; }
.bitacora-bar input { width: 26rem; max-width: 50vw; padding: 0.2rem 0.4rem; }
.bitacora-bar output { min-width: 6rem; font-style: italic; }
#graphiql { flex: 1; min-height: 0; }
`;
