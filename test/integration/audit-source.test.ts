/**
 * Audit entries by position, read from the log and the `audit` read model: in log order, only the
 * events that have an entry, page by page, exactly the documents `auditTrail` reads.
 */
import type { AuditDocument } from '../../projections/audit';
import { logAuditSource } from '../../src/live/audit-source';
import { newEvent } from '../support/events';
import { startTestServer, token, type TestServer } from '../support/server';

let api: TestServer;
let ids: string[];

beforeAll(async () => {
  api = await startTestServer();
  const planner = await token({ role: 'PLANNER', entity: '73001' });
  const run = async (query: string) => {
    const { body } = await api.gql<Record<string, { eventIds: string[] }>>(query, {}, planner);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data!)[0]!.eventIds;
  };
  ids = await run(
    'mutation { openPlan(input: { daneCode: "73001", firstYear: 2024 }) { eventIds } }',
  );
  for (let i = 0; i < 7; i++) {
    // Events without an audit entry in between (another stream, another kind).
    await api.events.append('otro-flujo', [newEvent('Numbered', { i })], {
      expectedRevision: 'any',
    });
    ids.push(
      ...(await run(
        `mutation { registerNeed(input: { daneCode: "73001", firstYear: 2024, needId: "N${i}", need: "Redes", investmentName: "Redes", estimatedValue: 1 }) { eventIds } }`,
      )),
    );
  }
  await api.projector.waitFor();
});
afterAll(() => api.stop());

describe('audit entries by position', () => {
  it('are the entries of the audited events, in log order, as the read model holds them', async () => {
    const source = logAuditSource(api.events, api.readStore);
    const head = (await api.events.headPosition())!;
    const entries = await source.entriesBetween(null, head, 100);
    expect(entries.map((e) => e._id)).toEqual(ids);
    const stored = await api.readStore.collection<AuditDocument>('audit').findByIds(ids);
    expect(entries).toEqual(stored);
  });

  it('page by page from any position, exclusive, through a bound, inclusive', async () => {
    const source = logAuditSource(api.events, api.readStore);
    const head = (await api.events.headPosition())!;
    const all = await source.entriesBetween(null, head, 100);
    const paged: string[] = [];
    let after: number | null = null;
    for (;;) {
      const page: AuditDocument[] = await source.entriesBetween(after, head, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      paged.push(...page.map((e) => e._id));
      after = page.at(-1)!.position;
    }
    expect(paged).toEqual(ids);
    const through = all[4]!.position;
    expect((await source.entriesBetween(all[1]!.position, through, 100)).map((e) => e._id)).toEqual(
      ids.slice(2, 5),
    );
  });
});
