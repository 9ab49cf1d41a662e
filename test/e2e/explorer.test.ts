/**
 * The explorer served by Bitácora itself, in Debian's Chromium with every other host unreachable:
 * it loads, shows the README's operations as tabs, runs one and shows the result, and sends the
 * token typed in its bar. Over HTTP: who gets the page and who gets GraphQL.
 */
import { gunzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { parseExamples, EXAMPLES_PATH } from '../../src/graphql/examples';
import { readFileSync } from 'node:fs';
import { openOffline, type OfflineBrowser } from '../support/browser';
import { startTestServer, token, type TestServer } from '../support/server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let api: TestServer;
let origin: string;
beforeAll(async () => {
  api = await startTestServer();
  origin = api.url.replace('/graphql', '');
});
afterAll(() => api.stop());

describe('over HTTP', () => {
  it('GET /graphql: the page for a browser, with a policy that allows no other origin', async () => {
    const response = await fetch(api.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/script-src 'self';/);
    expect(policy).toMatch(/connect-src 'self';/);
    const html = await response.text();
    expect(html).toMatch(/<title>Bitácora · explorador GraphQL<\/title>/);
    // Nothing from another host: every src and href is a path of this server.
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThanOrEqual(6);
    expect(references.filter((ref) => !ref.startsWith('/explorador/'))).toEqual([]);
  });

  it('GET /graphql with a query, or asking for JSON, is GraphQL as before', async () => {
    const withQuery = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(await withQuery.json()).toEqual({ data: { __typename: 'Query' } });
    const json = await fetch(api.url, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('GET / sends a browser to the explorer; other clients are told where the API is', async () => {
    const browser = await fetch(`${origin}/`, {
      headers: { accept: BROWSER_ACCEPT },
      redirect: 'manual',
    });
    expect([browser.status, browser.headers.get('location')]).toEqual([302, '/graphql']);
    const other = await fetch(`${origin}/`);
    expect(other.status).toBe(404);
    expect(await other.text()).toMatch(/La API está en \/graphql/);
  });

  it('serves the bundles from npm gzipped, with a validator', async () => {
    const response = await fetch(`${origin}/explorador/graphiql.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${origin}/explorador/graphiql.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      // fetch decodes gzip by itself; read the bytes on the wire with node:http.
      import('node:http').then(({ get }) =>
        get(`${origin}/explorador/react.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(gunzipSync(raw).toString()).toMatch(/React/);
    expect((await fetch(`${origin}/explorador/nada.js`)).status).toBe(404);
  });

  it("answers GraphiQL's introspection query (introspection costs nothing)", async () => {
    const { status, body } = await api.gql<{ __schema: { types: unknown[] } }>(
      getIntrospectionQuery(),
    );
    expect(body.errors).toBeUndefined();
    expect([status, body.data!.__schema.types.length > 50]).toEqual([200, true]);
  });
});

describe('in Chromium, with the network unplugged', () => {
  let browser: OfflineBrowser;
  beforeAll(async () => {
    browser = await openOffline(origin);
  }, 60_000);
  afterAll(() => browser.close());

  const response = () => browser.page.locator('.graphiql-response');

  async function run(): Promise<void> {
    await browser.page.locator('.graphiql-execute-button').click();
  }

  it('loads from / with nothing from another host, the README operations as tabs', async () => {
    const { page } = browser;
    await page.goto(`${origin}/`);
    expect(page.url()).toBe(`${origin}/graphql`);
    await page.locator('.graphiql-tab').first().waitFor({ timeout: 30_000 });
    const tabs = await page.locator('.graphiql-tab').allTextContents();
    const examples = parseExamples(readFileSync(EXAMPLES_PATH, 'utf8')).map((e) => e.name);
    // A tab's text is its operation name and its close button's label.
    expect(tabs.map((tab) => tab.replace(/ ?icon$/, '').trim())).toEqual(examples);
    // The schema loaded (introspection): the documentation lists the root types.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.getByText('Query', { exact: true }).first().waitFor();
    expect(browser.foreign).toEqual([]);
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('runs a query and shows the result', async () => {
    await browser.page.locator('.graphiql-tab').first().click();
    await run();
    await response().getByText('"IBAGUÉ"').waitFor({ timeout: 15_000 });
    expect(await response().textContent()).toMatch(/"TOLIMA"/);
    expect(browser.foreign).toEqual([]);
  }, 30_000);

  it('sends the token of its bar as the Authorization header, and forgets it on "Quitar"', async () => {
    const { page } = browser;
    const sent: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push(request.headers()['authorization']);
    });
    await page.locator('#bitacora-token-value').fill('no-es-un-token');
    await page.locator('#bitacora-token button[type=submit]').click();
    expect(await page.locator('#bitacora-token-state').textContent()).toBe('con token');
    await run();
    await response().getByText('"UNAUTHENTICATED"').waitFor({ timeout: 15_000 });

    const control = await token({ role: 'CONTROL', entity: 'contraloria' });
    await page.locator('#bitacora-token-value').fill(`Bearer ${control}`);
    await page.locator('#bitacora-token button[type=submit]').click();
    await run();
    await response().getByText('"IBAGUÉ"').waitFor({ timeout: 15_000 });

    await page.locator('#bitacora-token-clear').click();
    expect(await page.locator('#bitacora-token-state').textContent()).toBe('anónimo');
    await run();
    await response().getByText('"IBAGUÉ"').waitFor({ timeout: 15_000 });
    expect(sent).toEqual(['Bearer no-es-un-token', `Bearer ${control}`, undefined]);
    expect(browser.foreign).toEqual([]);
  }, 60_000);

  it('runs the README subscription and shows a change made meanwhile over HTTP, live', async () => {
    const { page } = browser;
    const planner = await token({ role: 'PLANNER', entity: '73001' });
    await api.gql(
      'mutation { openPlan(input: { daneCode: "73001", firstYear: 2024 }) { revision } }',
      {},
      planner,
    );
    browser.errors.length = 0; // the 401 the token test provoked on purpose
    await page.locator('.graphiql-tab', { hasText: 'PlanChanged' }).click();
    // GraphiQL settles the tab's operation name after its editor shows the document.
    await page.locator('.graphiql-query-editor').getByText('PlanChanged').first().waitFor();
    await page.waitForTimeout(300);
    await run();
    // The protocol has no acknowledgement per subscription: write until one arrives.
    for (let attempt = 0; attempt < 40; attempt++) {
      const { body } = await api.gql(
        `mutation { registerNeed(input: { daneCode: "73001", firstYear: 2024, needId: "N-${attempt}",
          need: "Redes", investmentName: "Redes", estimatedValue: 1000 }) { revision } }`,
        {},
        planner,
      );
      expect(body.errors).toBeUndefined();
      if ((await response().textContent())?.includes('NeedRegistered')) break;
      await page.waitForTimeout(100);
    }
    await response().getByText('"NeedRegistered"').waitFor({ timeout: 10_000 });
    expect(
      browser.requests.some((url) => url.startsWith(`${origin.replace('http', 'ws')}/graphql`)),
    ).toBe(true);
    expect(browser.foreign).toEqual([]);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
