/**
 * The semester report as people use it: the demo's closed review of Ibagué 2025-1 opened in
 * Debian's Chromium (figures equal to the API's as-of figures, charts drawn, nothing fetched from
 * elsewhere, accessible and printable), and its PDF parsed back with pdf.js.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/seed';
import type { ExecutionFigures } from '../../src/domain/social/figures';
import { openBrowser, pdfText } from '../support/report';
import { territory } from '../support/plan';
import { startTestServer, token, type TestServer } from '../support/server';

const NOW = new Date('2026-11-25T12:00:00-05:00');
const REPORT = '/informes/73001/2024/2025-1';

/** "2.749" → 2749, "19,3 %" → 19.3 (as Colombians write numbers). */
const parseEs = (text: string) =>
  Number(
    text
      .replace(/[^\d,.-]/g, '')
      .replace(/\./g, '')
      .replace(',', '.'),
  );

const PACKET = `{ review(daneCode: "73001", firstYear: 2024, semester: "2025-1") {
  concept { value } recommendations { id status }
  packet { time { asOf knownAt } risk { year score { total level } } } } }`;
const PLAN = `query($asOf: AsOfInput, $knownAt: DateTime) {
  plan(daneCode: "73001", firstYear: 2024, asOf: $asOf, knownAt: $knownAt) {
    status adoption { citation }
    goals { id total progress { percent } resources { total } } } }`;

interface Packet {
  review: {
    concept: { value: string };
    recommendations: Array<{ id: string; status: string }>;
    packet: {
      time: { asOf: string; knownAt: string };
      risk: { year: number; score: { total: number; level: string } };
    };
  };
}
interface Plan {
  plan: {
    status: 'BORRADOR' | 'ADOPTADO';
    adoption: { citation: string } | null;
    goals: Array<{
      id: string;
      total: number;
      progress: { percent: number } | null;
      resources: { total: number };
    }>;
  };
}

/** The packet's sections the report renders beyond Tabla 11, as the API gives them. */
interface SectionsPacket {
  changes: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        eventType: string;
        recordedAt: string;
        entityId: string;
        legalBasis: string | null;
      };
    }>;
  };
  /** The API's execution figures, without the participants the report does not show. */
  socialExecution: Array<Omit<ExecutionFigures, 'participants'>>;
  plan: {
    projects: Array<{
      id: string;
      valueByYear: number[];
      estimatedValue: number;
      contributions: Array<{ indicator: string; amount: number }>;
    }>;
    funding: Array<{ table: string; label: string; detail: string | null; amounts: number[] }>;
    fundsByYear: Array<{
      year: number;
      available: number;
      plannedInvestment: number;
      balance: number;
    }>;
    goals: Array<{
      indicator: { code: string };
      latestProgress: { value: number; ircaClass: string | null } | null;
    }>;
  };
}

/** What the colour count uses of the browser (the tests compile without the DOM library). */
interface BrowserGlobals {
  Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(image: unknown, x: number, y: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      } | null;
    };
  };
}

const STATUS_TEXT: Record<string, string> = {
  ATENDIDA: 'Atendida',
  VENCIDA: 'Compromiso vencido',
  RECHAZADA: 'Rechazada',
  COMPROMETIDA: 'Comprometida',
  SIN_RESPUESTA: 'Sin respuesta',
};

describe('the semester report (HTML in Chromium, PDF parsed back)', () => {
  let api: TestServer;
  let base: string;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let packet: Packet['review'];
  let plan: Plan['plan'];

  beforeAll(async () => {
    api = await startTestServer();
    await seedDemo(api.events, territory, { set: (at) => api.clock.set(at ?? NOW) }, NOW);
    api.clock.set(NOW);
    await api.projector.waitFor(await api.events.headPosition(), 30_000);
    base = api.url.replace('/graphql', '');
    packet = (await api.gql<Packet>(PACKET)).body.data!.review;
    const time = packet.packet.time;
    plan = (await api.gql<Plan>(PLAN, { asOf: { at: time.asOf }, knownAt: time.knownAt })).body
      .data!.plan;
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api.stop();
  });

  async function open(path: string): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(`${base}${path}`);
    expect(response!.status()).toBe(200);
    return { page, requests };
  }

  it("the README's review query answers on the demo", async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.includes('"{ review(daneCode'))!;
    const body = JSON.parse(line.slice(line.indexOf("-d '") + 4, line.lastIndexOf("'"))) as {
      query: string;
    };
    const { body: result } = await api.gql<{
      review: { status: string; packet: { previousRecommendations: Array<{ status: string }> } };
    }>(body.query);
    expect(result.errors).toBeUndefined();
    expect(result.data!.review.status).toBe('CERRADA');
    expect(result.data!.review.packet.previousRecommendations.map((r) => r.status)).toEqual([
      'COMPROMETIDA',
      'VENCIDA',
      'RECHAZADA',
    ]);
  });

  it("the README's report URLs serve the demo's closed review of Ibagué 2025-1", async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`http://localhost:4000${REPORT}`);
    expect(readme).toContain(`http://localhost:4000${REPORT}/informe.pdf`);
    const response = await fetch(`${base}${REPORT}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await response.text();
    expect(page).toContain('Informe semestral 2025-1: IBAGUÉ (TOLIMA)');
    expect(page).toContain('Cerrada: concepto y recomendaciones definitivos');
  });

  it('shows the figures the API gives as of the packet, and loads nothing from elsewhere', async () => {
    const { page, requests } = await open(REPORT);
    expect(requests).toEqual([`${base}${REPORT}`]);
    expect(await page.getAttribute('[data-field="asOf"]', 'data-instant')).toBe(
      packet.packet.time.asOf,
    );
    expect(await page.getAttribute('[data-field="knownAt"]', 'data-instant')).toBe(
      packet.packet.time.knownAt,
    );
    expect(plan.status).toBe('ADOPTADO');
    expect(await page.locator('[data-field="planStatus"]').innerText()).toBe(
      `Adoptado (${plan.adoption!.citation})`,
    );
    expect(plan.goals.length).toBe(11);
    // Tabla 11's "RECURSOS A INVERTIR", as the API gives it: some goal has projects behind it.
    expect(plan.goals.some((goal) => goal.resources.total > 0)).toBe(true);
    for (const goal of plan.goals) {
      const row = page.locator(`tr[data-goal="${goal.id}"]`);
      expect(parseEs(await row.locator('[data-field="total"]').innerText())).toBe(goal.total);
      expect([goal.id, parseEs(await row.locator('[data-field="resources"]').innerText())]).toEqual(
        [goal.id, Math.round(goal.resources.total)],
      );
      const percent = await row.locator('[data-field="percent"]').innerText();
      expect([goal.id, parseEs(percent)]).toEqual([
        goal.id,
        Math.round(goal.progress!.percent * 10) / 10,
      ]);
    }
    expect(await page.locator('[data-field="concept"]').innerText()).toBe(
      'Favorable con observaciones',
    );
    expect(packet.concept.value).toBe('FAVORABLE_CON_OBSERVACIONES');
    expect(packet.recommendations.map((r) => r.status)).toEqual([
      'ATENDIDA',
      'VENCIDA',
      'RECHAZADA',
    ]);
    for (const recommendation of packet.recommendations) {
      const cell = page.locator(
        `#tabla-recomendaciones tr[data-recommendation="${recommendation.id}"] [data-field="status"]`,
      );
      expect((await cell.innerText()).split('\n')[0]).toBe(STATUS_TEXT[recommendation.status]);
    }
    expect(parseEs(await page.locator('[data-field="riskTotal"]').innerText())).toBeCloseTo(
      packet.packet.risk.score.total,
      2,
    );
    expect(await page.locator('[data-field="seal"]').innerText()).toMatch(/^Sin sello\./);
    await page.close();
  });

  it('its changes and legal bases, projects and funding, IRCA and social-plan execution equal the API’s for the same packet', async () => {
    const { review } = (
      await api.gql<{ review: { packet: SectionsPacket } }>(`{
        review(daneCode: "73001", firstYear: 2024, semester: "2025-1") { packet {
          changes(first: 100) { totalCount edges { node { id eventType recordedAt entityId legalBasis } } }
          socialExecution { line semester planned executed cancelled late budgetPlanned budgetExecuted }
          plan {
            projects { id valueByYear estimatedValue contributions { indicator amount } }
            funding { table label detail amounts }
            fundsByYear { year available plannedInvestment balance }
            goals { indicator { code } latestProgress { value ircaClass } } } } } }`)
    ).body.data!;
    const { changes, socialExecution, plan: packetPlan } = review.packet;
    const { page } = await open(REPORT);
    const cells = (selector: string) =>
      page.$$eval(selector, (rows) =>
        rows.map((row) => ({
          attributes: Object.fromEntries(
            [...row.attributes].map((attribute) => [attribute.name, attribute.value]),
          ),
          fields: Object.fromEntries(
            [...row.querySelectorAll('[data-field]')].map((cell) => [
              cell.getAttribute('data-field')!,
              [
                (cell as unknown as { innerText: string }).innerText.trim(),
                cell.getAttribute('data-instant'),
              ] as [string, string | null],
            ]),
          ),
          contributions: [...row.querySelectorAll('[data-contribution]')].map((span) => [
            span.getAttribute('data-contribution')!,
            (span as unknown as { innerText: string }).innerText.split(': ')[1]!,
          ]),
        })),
      );
    const text = (fields: Record<string, [string, string | null]>, name: string) =>
      fields[name]![0];
    const pesos = (fields: Record<string, [string, string | null]>, name: string) =>
      parseEs(text(fields, name));

    // §2: every change of the semester, in the API's order, with when, what and its legal basis.
    expect(changes.totalCount).toBe(changes.edges.length);
    expect(changes.edges.some(({ node }) => node.legalBasis)).toBe(true);
    expect(parseEs(await page.locator('[data-field="changeCount"]').innerText())).toBe(
      changes.totalCount,
    );
    expect(
      (await cells('#tabla-cambios tr[data-change]')).map(({ attributes, fields }) => ({
        id: attributes['data-change'],
        eventType: attributes['data-event-type'],
        recordedAt: fields.recordedAt![1],
        entityId: text(fields, 'entity'),
        legalBasis: text(fields, 'legalBasis'),
      })),
    ).toEqual(
      changes.edges.map(({ node }) => ({
        id: node.id,
        eventType: node.eventType,
        recordedAt: node.recordedAt,
        entityId: node.entityId,
        legalBasis: node.legalBasis ?? '—',
      })),
    );

    // §3: projects (yearly values, estimated value, what each contributes to each goal)...
    const years = [2024, 2025, 2026, 2027];
    expect(packetPlan.projects.length).toBeGreaterThan(0);
    expect(
      (await cells('tr[data-project]')).map(({ attributes, fields, contributions }) => ({
        id: attributes['data-project'],
        valueByYear: years.map((year) => pesos(fields, `value-${year}`)),
        estimatedValue: pesos(fields, 'estimatedValue'),
        contributions: contributions.map(([indicator, amount]) => [indicator, parseEs(amount!)]),
      })),
    ).toEqual(
      packetPlan.projects.map((p) => ({
        id: p.id,
        valueByYear: p.valueByYear.map(Math.round),
        estimatedValue: Math.round(p.estimatedValue),
        contributions: p.contributions.map((c) => [c.indicator, Math.round(c.amount * 100) / 100]),
      })),
    );
    // ...the funding tables (sources, uses, management), row by row...
    const byRow = (rows: Array<{ table: string; label: string; amounts: number[] }>) =>
      [...rows].sort((a, b) => `${a.table}${a.label}`.localeCompare(`${b.table}${b.label}`));
    expect(packetPlan.funding.length).toBeGreaterThan(0);
    expect(
      byRow(
        (await cells('tr[data-funding]')).map(({ attributes, fields }) => ({
          table: attributes['data-funding']!,
          label: text(fields, 'label'),
          amounts: years.map((year) => pesos(fields, `amount-${year}`)),
        })),
      ),
    ).toEqual(
      byRow(
        packetPlan.funding.map((f) => ({
          table: f.table,
          label: f.detail ? `${f.label} (${f.detail})` : f.label,
          amounts: f.amounts.map(Math.round),
        })),
      ),
    );
    // ...and what is available against the planned investment, year by year.
    expect(
      (await cells('tr[data-year]')).map(({ attributes, fields }) => ({
        year: Number(attributes['data-year']),
        available: pesos(fields, 'available'),
        plannedInvestment: pesos(fields, 'plannedInvestment'),
        balance: pesos(fields, 'balance'),
      })),
    ).toEqual(
      packetPlan.fundsByYear.map((f) => ({
        year: f.year,
        available: Math.round(f.available),
        plannedInvestment: Math.round(f.plannedInvestment),
        balance: Math.round(f.balance),
      })),
    );

    // §4: the latest IRCA of each IRCA goal and its class (Res. 2115 de 2007).
    const irca = packetPlan.goals.filter(
      (g) => g.indicator.code.includes('IRCA') && g.latestProgress,
    );
    expect(irca.length).toBeGreaterThan(0);
    expect(
      (await cells('tr[data-irca]')).map(({ attributes, fields }) => ({
        indicator: attributes['data-irca'],
        value: parseEs(text(fields, 'irca')),
        ircaClass: text(fields, 'ircaClass'),
      })),
    ).toEqual(
      irca.map((g) => ({
        indicator: g.indicator.code,
        value: Math.round(g.latestProgress!.value * 100) / 100,
        ircaClass: g.latestProgress!.ircaClass,
      })),
    );

    // §6: the Plan de Gestión Social's execution by line and semester.
    expect(socialExecution.length).toBeGreaterThan(0);
    expect(
      (await cells('tr[data-social]')).map(({ attributes, fields }) => ({
        key: attributes['data-social'],
        planned: Number(text(fields, 'planned')),
        executed: Number(text(fields, 'executed')),
        cancelled: Number(text(fields, 'cancelled')),
        late: Number(text(fields, 'late')),
        budgetPlanned: pesos(fields, 'budgetPlanned'),
        budgetExecuted: pesos(fields, 'budgetExecuted'),
      })),
    ).toEqual(
      socialExecution.map((s) => ({
        key: `${s.line}/${s.semester}`,
        planned: s.planned,
        executed: s.executed,
        cancelled: s.cancelled,
        late: s.late,
        budgetPlanned: Math.round(s.budgetPlanned),
        budgetExecuted: Math.round(s.budgetExecuted),
      })),
    );
    await page.close();
  });

  it('draws a chart per goal: a screenshot shows both series in their colours', async () => {
    const { page } = await open(REPORT);
    const figures = page.locator('figure[data-chart]');
    expect(await figures.count()).toBe(11);
    // Every chart has its line and its points, as vector marks.
    const lines = await page.$$eval('figure[data-chart] svg', (svgs) =>
      svgs.map((svg) => svg.querySelectorAll('path[d*="L"]').length),
    );
    expect(lines.every((n) => n >= 1)).toBe(true);
    const shot = await page.locator('div.goals').screenshot();
    const file = join(tmpdir(), 'bitacora-informe-graficas.png');
    writeFileSync(file, shot);
    expect(existsSync(file)).toBe(true);
    // Count the pixels of each series' colour in the screenshot itself.
    const counts = await page.evaluate(async (png) => {
      const { Image, document } = globalThis as unknown as BrowserGlobals;
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const near = (i: number, [r, g, b]: number[]) =>
        Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 60;
      let target = 0;
      let reported = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (near(i, [0x1f, 0x5f, 0x99])) target += 1;
        if (near(i, [0xc2, 0x41, 0x0c])) reported += 1;
      }
      return { target, reported, width: image.width, height: image.height };
    }, shot.toString('base64'));
    expect(counts.width).toBeGreaterThan(300);
    // Eleven dashed target lines, and at least one reported point in each chart.
    expect(counts.target).toBeGreaterThan(11 * 150);
    expect(counts.reported).toBeGreaterThan(11 * 20);
    await page.close();
  });

  it('is accessible and printable', async () => {
    const { page } = await open(REPORT);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h1').count()).toBe(1);
    const tables = await page.$$eval('table', (all) =>
      all.map((t) => t.querySelector('caption')?.textContent?.trim() ?? ''),
    );
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.every((caption) => caption.length > 0)).toBe(true);
    const charts = await page.$$eval('figure[data-chart] svg', (svgs) =>
      svgs.map((svg) => [svg.getAttribute('role'), svg.getAttribute('aria-label')]),
    );
    expect(charts.every(([role, label]) => role === 'img' && (label ?? '').length > 10)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('the PDF for the acta carries the same figures, read back with pdf.js', async () => {
    const response = await fetch(`${base}${REPORT}/informe.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const { total, text } = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(total).toBeGreaterThan(2);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Informe semestral 2025-1: IBAGUÉ (TOLIMA)');
    expect(flat).toContain('Favorable con observaciones');
    expect(flat).toContain('Compromiso vencido');
    expect(flat).toContain('Sin sello.');
    expect(flat).toContain(`Adoptado (${plan.adoption!.citation})`);
    for (const goal of plan.goals) {
      const percent = `${(Math.round(goal.progress!.percent * 10) / 10).toFixed(1).replace('.', ',')} %`;
      expect([goal.id, flat.includes(percent)]).toEqual([goal.id, true]);
      expect([goal.id, flat.includes(goal.total.toLocaleString('es-CO'))]).toEqual([goal.id, true]);
    }
  });

  it('names who made each change only to those who may see identities', async () => {
    const anonymous = await (await fetch(`${base}${REPORT}`)).text();
    expect(anonymous).not.toContain('Secretaría de Planeación de IBAGUÉ');
    const control = await token({ role: 'CONTROL', entity: 'contraloria' });
    const page = await (
      await fetch(`${base}${REPORT}`, { headers: { authorization: `Bearer ${control}` } })
    ).text();
    expect(page).toContain('Secretaría de Planeación de IBAGUÉ');
    const refused = await fetch(`${base}${REPORT}`, { headers: { authorization: 'Bearer x' } });
    expect(refused.status).toBe(401);
  });

  it.each([
    ['/informes/73001/2024/2026-2', 404, /aún no termina/],
    ['/informes/73001/2025/2025-1', 400, /múltiplo de 4/],
    ['/informes/7300/2024/2025-1', 400, /5 dígitos/],
    ['/informes/73001/2024/2028-1', 400, /fuera del cuatrienio/],
    ['/informes/99999/2024/2025-1', 404, /DIVIPOLA/],
    ['/informes/05001/2024/2025-1', 404, /No hay plan sectorial/],
    ['/informes/73001', 404, /Use \/informes/],
  ])('%s answers %i with a Spanish reason', async (path, status, message) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(status);
    expect(await response.text()).toMatch(message);
  });

  it('is read-only', async () => {
    const response = await fetch(`${base}${REPORT}`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
