import type { SealReference } from '../../src/domain/review/events';
import { renderReportHtml } from '../../src/report/html';
import { reportModel } from '../support/report-model';

const seal: SealReference = {
  semester: '2025-1',
  eventId: '00000000-0000-4000-8000-00000000abcd',
  treeSize: 48213,
  rootHash: '9f2c'.repeat(16),
  signature: 'c2lnbmF0dXJh',
  keyId: 'Y2xhdmUtcHVibGljYQ',
  signedAt: '2025-07-01T05:00:00.000Z',
};

const model = reportModel;

describe('the report page', () => {
  it('says "sin sello" when the semester has no seal, and prints the seal when it has one', async () => {
    expect(await renderReportHtml(model(), '/x.pdf')).toContain('<strong>Sin sello.</strong>');
    const sealed = await renderReportHtml(
      model({ seal: { seal, fixedAtOpening: true } }),
      '/x.pdf',
    );
    for (const value of [seal.rootHash, seal.signature, seal.keyId, seal.eventId, '48213'])
      expect(sealed).toContain(value);
    expect(sealed).toContain('sello fijado al abrir la revisión');
  });

  it("states whether the plan was a draft or adopted, and Tabla 11's resources per goal", async () => {
    const draft = await renderReportHtml(model(), '/x.pdf');
    expect(draft).toMatch(/data-field="planStatus">\s*Borrador: sin acto de adopción/);
    expect(draft).toMatch(/data-field="resources">\$\s1\.250\.000\.000</);
    const adopted = await renderReportHtml(model({ adoption: 'Acuerdo 006 de 2024' }), '/x.pdf');
    expect(adopted).toMatch(/data-field="planStatus">\s*Adoptado \(Acuerdo 006 de 2024\)/);
  });

  it('escapes every text that comes from users', async () => {
    const hostile = '<script>alert("x")</script>';
    const page = await renderReportHtml(
      model({
        changes: [
          {
            eventId: '00000000-0000-4000-8000-000000000001',
            recordedAt: new Date('2025-03-01T15:00:00Z'),
            eventType: 'GoalAmended',
            entityId: 'plan-73001-2024/goal/ACU-COB-URB',
            changes: [{ field: 'total', before: 1, after: 2 }],
            reason: hostile,
            legalBasis: `Acuerdo ${hostile}`,
            answersRecommendation: null,
            actor: { name: hostile, role: 'PLANNER', entity: '73001' },
          },
        ],
      }),
      '/x.pdf',
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
