import { ctpReviewScript, DEMO_REVIEW } from '../../src/demo/ctp-review';
import type { ReviewCommand } from '../../src/domain/review/commands';
import { startTestServer, token, type TestServer } from '../support/server';
import { planSeeder, sendReview } from '../support/review';

const FIRST = DEMO_REVIEW;
const SECOND = { ...DEMO_REVIEW, semester: '2025-2' };
const R1 = 'ctpreview-73001-2024-2025-1/R1';

const REVIEW = `query($semester: String!, $knownAt: DateTime) {
  review(daneCode: "73001", firstYear: 2024, semester: $semester, knownAt: $knownAt) {
    id status revision openedAt closedAt openRecommendations reportPath
    concept { value text correctedAfterClosing lineage { eventType actor { name role } } }
    recommendations { id number target { kind id } text final status
      response { decision commitmentDate } citedBy { eventType legalBasis } }
    presentations { forum date act attendance }
    packet { fixed time { asOf knownAt }
      previousRecommendations { number status response { decision } }
      goalsOffTrack { goalId indicator status explanation }
      plan { id time { asOf knownAt } goals { id indicator { code } total progress { percent status explanation } } }
      changes(first: 5) { totalCount edges { node { eventType recordedAt legalBasis actor { name role } } } }
      risk { year score { total level } }
      socialExecution { line semester planned executed } }
  } }`;

interface Review {
  id: string;
  status: string;
  revision: number | null;
  openedAt: string | null;
  closedAt: string | null;
  openRecommendations: number;
  reportPath: string;
  concept: {
    value: string;
    correctedAfterClosing: boolean;
    lineage: { eventType: string; actor: { name: string | null; role: string } };
  } | null;
  recommendations: Array<{
    id: string;
    number: string;
    status: string;
    final: boolean;
    response: { decision: string; commitmentDate: string | null } | null;
    citedBy: Array<{ eventType: string; legalBasis: string | null }>;
  }>;
  presentations: Array<{ forum: string; attendance: number }>;
  packet: {
    fixed: boolean;
    time: { asOf: string; knownAt: string };
    previousRecommendations: Array<{ number: string; status: string }>;
    goalsOffTrack: Array<{
      goalId: string;
      indicator: string;
      status: string;
      explanation: string;
    }>;
    plan: {
      id: string;
      time: { asOf: string; knownAt: string };
      goals: Array<{
        id: string;
        indicator: { code: string };
        progress: { status: string; explanation: string } | null;
      }>;
    } | null;
    changes: {
      totalCount: number;
      edges: Array<{ node: { eventType: string; actor: { name: string | null } } }>;
    };
    risk: { year: number; score: { level: string } };
    socialExecution: unknown[];
  };
}

/**
 * The goals off track as the packet's own plan gives them: never reported, moving away or behind,
 * with the status and explanation the plan shows at the packet's instants, by indicator.
 */
const offTrackOf = (plan: NonNullable<Review['packet']['plan']>) =>
  plan.goals
    .filter((g) => !g.progress || ['RETROCESO', 'REZAGADA'].includes(g.progress.status))
    .sort((a, b) => a.indicator.code.localeCompare(b.indicator.code))
    .map((g) => ({
      goalId: g.id,
      indicator: g.indicator.code,
      status: g.progress?.status ?? 'SIN_REPORTE',
      explanation: g.progress?.explanation ?? 'No se ha reportado avance de este indicador.',
    }));

describe('the CTP semester review over HTTP', () => {
  let api: TestServer;
  let seedPlan: (until: string) => Promise<void>;
  const tokens: Record<string, string> = {};
  const steps = ctpReviewScript();
  const by = (speaker: string) => tokens[speaker === 'PDA' ? 'PDA-73' : `${speaker}-73001`];
  const run = async (filter: (step: (typeof steps)[number]) => boolean) => {
    for (const step of steps.filter(filter)) {
      api.clock.set(step.at);
      const { errors } = await sendReview(api, step.command, step.review, by(step.by));
      expect(errors).toBeUndefined();
    }
  };

  beforeAll(async () => {
    api = await startTestServer();
    seedPlan = planSeeder(api, '73001', 2024);
    const principals: Array<[string, string, string]> = [
      ['CTP-73001', 'CTP', '73001'],
      ['CTP-73', 'CTP', '73'],
      ['CTP-73268', 'CTP', '73268'],
      ['CTP-05', 'CTP', '05'],
      ['PLANNER-73001', 'PLANNER', '73001'],
      ['PLANNER-73268', 'PLANNER', '73268'],
      ['PDA-73', 'PDA', '73'],
      ['PDA-05', 'PDA', '05'],
      ['CONTROL', 'CONTROL', 'contraloria'],
      ['MINISTRY', 'MINISTRY', 'minvivienda'],
      ['ADMIN', 'ADMIN', 'bitacora'],
    ];
    for (const [name, role, entity] of principals)
      tokens[name] = await token({ role: role as never, entity, name: `Persona ${name}` });
    await seedPlan('2025-06-30T23:00:00-05:00');
  });
  afterAll(() => api.stop());

  const COUNCIL_OUTSIDERS = [
    'CTP-73268',
    'CTP-05',
    'PLANNER-73001',
    'PDA-73',
    'CONTROL',
    'MINISTRY',
    'ADMIN',
  ];
  const ADMINISTRATION_OUTSIDERS = [
    'CTP-73001',
    'CTP-73',
    'PLANNER-73268',
    'PDA-05',
    'CONTROL',
    'MINISTRY',
    'ADMIN',
  ];
  it('the CTP cannot open a review before its semester ends in Bogotá, and nothing is appended', async () => {
    const before = await api.events.headPosition();
    for (const instant of ['2025-06-30T23:59:59.000-05:00', '2025-05-01T10:00:00-05:00']) {
      api.clock.set(instant);
      const { errors } = await sendReview(api, { type: 'OpenReview' }, FIRST, tokens['CTP-73001']);
      expect(errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.semester',
      });
      expect(errors![0]!.message).toMatch(/termina el 2025-06-30/);
    }
    expect(await api.events.headPosition()).toBe(before);
  });

  it('only the CTP of the municipality or its department speaks for the council', async () => {
    api.clock.set('2025-07-08T09:00:00-05:00');
    const before = await api.events.headPosition();
    const open: ReviewCommand = { type: 'OpenReview' };
    expect((await sendReview(api, open, FIRST, undefined)).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    for (const name of COUNCIL_OUTSIDERS) {
      const { errors } = await sendReview(api, open, FIRST, tokens[name]);
      expect([name, errors?.[0]?.extensions?.code]).toEqual([name, 'FORBIDDEN']);
    }
    expect(await api.events.headPosition()).toBe(before);
  });

  it.each([
    ['OpenReview', { type: 'OpenReview' }, COUNCIL_OUTSIDERS],
    [
      'RecordConcept',
      { type: 'RecordConcept', concept: 'DESFAVORABLE', text: 'Texto.' },
      COUNCIL_OUTSIDERS,
    ],
    [
      'AddRecommendation',
      {
        type: 'AddRecommendation',
        target: { kind: 'GOAL', id: '73001-2024-ACU-COB-URB' },
        text: 'Texto.',
      },
      COUNCIL_OUTSIDERS,
    ],
    [
      'CorrectRecommendation',
      { type: 'CorrectRecommendation', recommendationId: 'R1', text: 'Otro.', reason: 'Error.' },
      COUNCIL_OUTSIDERS,
    ],
    ['CloseReview', { type: 'CloseReview' }, COUNCIL_OUTSIDERS],
    [
      'RespondToRecommendation',
      {
        type: 'RespondToRecommendation',
        recommendationId: 'R1',
        decision: 'REJECTED',
        justification: 'No.',
      },
      ADMINISTRATION_OUTSIDERS,
    ],
    [
      'RecordPresentation',
      {
        type: 'RecordPresentation',
        forum: 'CTP',
        date: '2025-07-15',
        act: 'Acta 9 de 2025',
        attendance: 12,
      },
      ADMINISTRATION_OUTSIDERS,
    ],
  ] as Array<[string, ReviewCommand, string[]]>)(
    '%s: every role out of its scope is FORBIDDEN, in Spanish, and nothing is appended',
    async (_type, command, outsiders) => {
      api.clock.set('2025-07-08T09:00:00-05:00');
      const before = await api.events.headPosition();
      for (const name of outsiders) {
        const { data, errors } = await sendReview(api, command, FIRST, tokens[name]);
        expect([name, data, errors?.map((e) => e.extensions?.code)]).toEqual([
          name,
          null,
          ['FORBIDDEN'],
        ]);
        expect(errors![0]!.message).toMatch(/^Solo (el CTP|la administración) de IBAGUÉ/);
      }
      expect(await api.events.headPosition()).toBe(before);
    },
  );

  it('runs the whole 2025-1 cycle: presentations, open, concepto, recommendations, close, responses', async () => {
    await run(
      (s) => s.review.semester === FIRST.semester && s.command.type === 'RecordPresentation',
    );
    await run((s) => s.review.semester === FIRST.semester && s.command.type === 'OpenReview');
    // The packet is fixed at the opening: asOf = end of 2025-1, knownAt = the opening instant.
    const opened = (await api.gql<{ review: Review }>(REVIEW, { semester: '2025-1' })).body.data!
      .review;
    expect(opened.status).toBe('ABIERTA');
    expect(opened.packet.fixed).toBe(true);
    expect(opened.packet.time).toEqual({
      asOf: '2025-07-01T04:59:59.999Z',
      knownAt: '2025-07-08T15:00:00.000Z',
    });
    expect(opened.packet.plan!.time).toEqual(opened.packet.time);
    expect(opened.packet.goalsOffTrack).toEqual(offTrackOf(opened.packet.plan!));
    // This test records no Plan de Gestión Social: its execution is empty, not invented (the report
    // test compares the demo's execution with the report).
    expect(opened.packet.socialExecution).toEqual([]);
    expect(opened.presentations.map((p) => p.forum)).toEqual(['CTP', 'CONSEJO_POLITICA_SOCIAL']);
    // Changes recorded during the semester, with the acuerdo of the June amendment.
    expect(opened.packet.changes.totalCount).toBeGreaterThan(0);
    // Answering before the review is closed: the recommendations are not final yet.
    await run(
      (s) =>
        s.review.semester === FIRST.semester &&
        ['RecordConcept', 'AddRecommendation'].includes(s.command.type),
    );
    api.clock.set('2025-07-25T10:00:00-05:00');
    const early = await sendReview(
      api,
      {
        type: 'RespondToRecommendation',
        recommendationId: 'R1',
        decision: 'REJECTED',
        justification: 'x',
      },
      FIRST,
      tokens['PLANNER-73001'],
    );
    expect(early.errors![0]!.extensions!.code).toBe('CONFLICT');
    // A departmental council is in scope; a stale revision is a conflict that appends nothing.
    const departmental = await sendReview(
      api,
      {
        type: 'RecordConcept',
        concept: 'FAVORABLE_CON_OBSERVACIONES',
        text: 'Texto del consejo departamental.',
      },
      FIRST,
      tokens['CTP-73'],
      { expectedRevision: 0 },
    );
    expect(departmental.errors![0]!.extensions!.code).toBe('CONFLICT');
    await run((s) => s.review.semester === FIRST.semester && s.command.type === 'CloseReview');
    const closed = (await api.gql<{ review: Review }>(REVIEW, { semester: '2025-1' })).body.data!
      .review;
    expect(closed.status).toBe('CERRADA');
    expect(closed.recommendations.map((r) => [r.number, r.final, r.status])).toEqual([
      ['R1', true, 'SIN_RESPUESTA'],
      ['R2', true, 'SIN_RESPUESTA'],
      ['R3', true, 'SIN_RESPUESTA'],
    ]);
    // Nobody but the administration answers.
    const respond: ReviewCommand = {
      type: 'RespondToRecommendation',
      recommendationId: 'R1',
      decision: 'REJECTED',
      justification: 'No.',
    };
    for (const name of ['CTP-73001', 'PLANNER-73268', 'PDA-05', 'CONTROL', 'ADMIN']) {
      const { errors } = await sendReview(api, respond, FIRST, tokens[name]);
      expect([name, errors?.[0]?.extensions?.code]).toEqual([name, 'FORBIDDEN']);
    }
    await run(
      (s) => s.review.semester === FIRST.semester && s.command.type === 'RespondToRecommendation',
    );
    const answered = (await api.gql<{ review: Review }>(REVIEW, { semester: '2025-1' })).body.data!
      .review;
    expect(answered.recommendations.map((r) => [r.number, r.response?.decision, r.status])).toEqual(
      [
        ['R1', 'PARTIALLY_ACCEPTED', 'COMPROMETIDA'],
        ['R2', 'ACCEPTED', 'COMPROMETIDA'],
        ['R3', 'REJECTED', 'RECHAZADA'],
      ],
    );
    expect(answered.openRecommendations).toBe(2);
    // Anonymous readers see the concept but not who recorded it.
    expect(answered.concept!.lineage.actor).toEqual({ name: null, role: 'CTP' });
  });

  it('as of an earlier instant, the review is what had been recorded then', async () => {
    const { body } = await api.gql<{ review: Review }>(REVIEW, {
      semester: '2025-1',
      knownAt: '2025-07-23T00:00:00-05:00',
    });
    const then = body.data!.review;
    expect(then.status).toBe('ABIERTA');
    expect(then.revision).toBeNull();
    expect(then.recommendations.map((r) => r.response)).toEqual([null, null, null]);
    const before = await api.gql<{ review: Review | null }>(REVIEW, {
      semester: '2025-1',
      knownAt: '2025-03-01T00:00:00-05:00',
    });
    expect(before.body.data!.review).toBeNull();
  });

  it("the next semester's review follows the previous recommendations up as known at its opening", async () => {
    await seedPlan('2026-01-19T23:00:00-05:00');
    await run((s) => s.review.semester === SECOND.semester);
    const second = (await api.gql<{ review: Review }>(REVIEW, { semester: '2025-2' })).body.data!
      .review;
    expect(second.status).toBe('CERRADA');
    expect(second.packet.previousRecommendations.map((r) => [r.number, r.status])).toEqual([
      ['R1', 'COMPROMETIDA'],
      ['R2', 'VENCIDA'],
      ['R3', 'RECHAZADA'],
    ]);
    expect(second.packet.risk.year).toBe(2024);
    expect(second.packet.goalsOffTrack).toEqual(offTrackOf(second.packet.plan!));
    // The demo's waste collection goal is behind its distribution at the end of 2025.
    expect(second.packet.goalsOffTrack.map((g) => [g.goalId, g.status])).toEqual([
      ['73001-2024-ASE-DISP-URB', 'REZAGADA'],
    ]);
    expect(second.reportPath).toBe('/informes/73001/2024/2025-2');
  });

  it('an amendment cites the recommendation it answers, and the link is kept', async () => {
    await seedPlan('2026-09-14T23:00:00-05:00');
    api.clock.set('2026-09-15T10:00:00-05:00');
    const amend = (answersRecommendation: string) => ({
      query: `mutation($input: AmendGoalInput!) { amendGoal(input: $input) { revision eventIds } }`,
      input: {
        daneCode: '73001',
        firstYear: 2024,
        indicator: 'ACU-COB-URB',
        targets: [400, 500, 600, 2700],
        total: 4200,
        reason: 'Atiende la recomendación R1 del CTP',
        legalBasis: 'Acuerdo 019 de 2026',
        answersRecommendation,
      },
    });
    const before = await api.events.headPosition();
    for (const [ref, code] of [
      ['ctpreview-73001-2024-2025-1/R9', 'NOT_FOUND'],
      ['R1', 'BAD_USER_INPUT'],
      ['ctpreview-73268-2024-2025-1/R1', 'NOT_FOUND'],
    ] as const) {
      const m = amend(ref);
      const { body } = await api.gql(m.query, { input: m.input }, tokens['PLANNER-73001']);
      expect([ref, body.errors?.[0]?.extensions?.code]).toEqual([ref, code]);
    }
    expect(await api.events.headPosition()).toBe(before);
    const m = amend(R1);
    const done = await api.gql(m.query, { input: m.input }, tokens['PLANNER-73001']);
    expect(done.body.errors).toBeUndefined();
    const first = (await api.gql<{ review: Review }>(REVIEW, { semester: '2025-1' })).body.data!
      .review;
    const r1 = first.recommendations.find((r) => r.number === 'R1')!;
    expect(r1.status).toBe('ATENDIDA');
    expect(r1.citedBy).toEqual([{ eventType: 'GoalAmended', legalBasis: 'Acuerdo 019 de 2026' }]);
    expect(first.openRecommendations).toBe(1);
    const audit = await api.gql<{
      auditTrail: { edges: Array<{ node: { answersRecommendation: string | null } }> };
    }>(
      `{ auditTrail(filter: { planId: "plan-73001-2024", eventTypes: ["GoalAmended"] }, first: 1) { edges { node { answersRecommendation } } } }`,
    );
    expect(audit.body.data!.auditTrail.edges[0]!.node.answersRecommendation).toBe(R1);
  });

  it('a correction after closing is a new event with its reason, shown as such', async () => {
    api.clock.set('2026-09-20T10:00:00-05:00');
    const command: ReviewCommand = {
      type: 'RecordConcept',
      concept: 'DESFAVORABLE',
      text: 'Corrección: el concepto aprobado en sesión fue desfavorable.',
    };
    const refused = await sendReview(api, command, SECOND, tokens['CTP-73001']);
    expect(refused.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
    const corrected = await sendReview(api, command, SECOND, tokens['CTP-73001'], {
      reason: 'Error de transcripción del acta 02 de 2026',
    });
    expect(corrected.errors).toBeUndefined();
    const { body } = await api.gql<{ review: Review }>(REVIEW, { semester: '2025-2' });
    expect(body.data!.review.concept).toMatchObject({
      value: 'DESFAVORABLE',
      correctedAfterClosing: true,
      lineage: { eventType: 'ConceptCorrected' },
    });
    const trail = await api.gql<{
      auditTrail: {
        edges: Array<{
          node: {
            eventType: string;
            reason: string;
            changes: Array<{ field: string; before: unknown; after: unknown }>;
          };
        }>;
      };
    }>(
      `{ auditTrail(filter: { planId: "ctpreview-73001-2024-2025-2", entityType: review }, first: 1) { edges { node { eventType reason changes { field before after } } } } }`,
      {},
      tokens['CONTROL'],
    );
    const entry = trail.body.data!.auditTrail.edges[0]!.node;
    expect(entry.eventType).toBe('ConceptCorrected');
    expect(entry.reason).toBe('Error de transcripción del acta 02 de 2026');
    expect(entry.changes).toContainEqual({
      field: 'concept',
      before: 'FAVORABLE_CON_OBSERVACIONES',
      after: 'DESFAVORABLE',
    });
  });

  it('lists reviews by department, semester, concept and open recommendations', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (
        await api.gql<{ reviews: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
          `query($filter: ReviewFilter) { reviews(filter: $filter, first: 10) { totalCount edges { node { id } } } }`,
          { filter },
        )
      ).body.data!.reviews;
    expect((await list({ departmentCode: '73' })).totalCount).toBe(2);
    expect((await list({ semester: '2025-1' })).edges.map((e) => e.node.id)).toEqual([
      'ctpreview-73001-2024-2025-1',
    ]);
    expect((await list({ concept: 'DESFAVORABLE' })).edges.map((e) => e.node.id)).toEqual([
      'ctpreview-73001-2024-2025-2',
    ]);
    expect((await list({ hasOpenRecommendations: true })).totalCount).toBe(2);
    expect((await list({ departmentCode: '05' })).totalCount).toBe(0);
  });
});
