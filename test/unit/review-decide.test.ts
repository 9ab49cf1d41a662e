import type { ReviewCommand } from '../../src/domain/review/commands';
import { decideReview, type ReviewContext } from '../../src/domain/review/decide';
import type { ReviewEvent, SealReference } from '../../src/domain/review/events';
import { isOpen, recommendationStatus } from '../../src/domain/review/follow-up';
import { previousReviewKey, riskVigenciaOf } from '../../src/domain/review/packet';
import { foldReview } from '../../src/domain/review/state';
import { territory } from '../support/plan';

const key = { daneCode: '73001', firstYear: 2024, semester: '2025-1' };
const afterSemester = new Date('2025-07-03T09:00:00-05:00');
const context = (overrides: Partial<ReviewContext> = {}): ReviewContext => ({
  key,
  now: afterSemester,
  territory,
  plan: { goalIds: new Set(['73001-2024-ACU-COB-URB']), projectIds: new Set(['P-01']) },
  seal: null,
  ...overrides,
});

/** Given review events / when a command (at an instant) / then events or an error. */
function given(...history: ReviewEvent[]) {
  const state = foldReview(history);
  return {
    when(command: ReviewCommand, overrides: Partial<ReviewContext> = {}) {
      const decision = decideReview(command, state, context(overrides));
      return {
        then(expected: ReviewEvent[]) {
          if (!decision.ok) throw new Error(`se esperaban eventos: ${decision.error.message}`);
          expect(decision.events).toEqual(expected);
        },
        thenError(code: string, field: string, message?: RegExp) {
          if (decision.ok)
            throw new Error(`se esperaba un error: ${JSON.stringify(decision.events)}`);
          expect(decision.error.code).toBe(code);
          expect(decision.error.field).toBe(field);
          if (message) expect(decision.error.message).toMatch(message);
        },
      };
    },
  };
}

const opened: ReviewEvent = {
  type: 'ReviewOpened',
  data: {
    reviewId: 'ctpreview-73001-2024-2025-1',
    daneCode: '73001',
    departmentCode: '73',
    municipality: 'IBAGUÉ',
    firstYear: 2024,
    semester: '2025-1',
    asOf: '2025-07-01T04:59:59.999Z',
    knownAt: afterSemester.toISOString(),
    seal: null,
  },
};
const concept: ReviewEvent = {
  type: 'ConceptRecorded',
  data: { concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Avance desigual.', previous: null },
};
const goalTarget = { kind: 'GOAL' as const, id: '73001-2024-ACU-COB-URB' };
const recommendation: ReviewEvent = {
  type: 'RecommendationAdded',
  data: { recommendationId: 'R1', target: goalTarget, text: 'Acelerar las conexiones.' },
};
const closed: ReviewEvent = {
  type: 'ReviewClosed',
  data: { concept: 'FAVORABLE_CON_OBSERVACIONES', recommendationIds: ['R1'] },
};
const accepted = {
  type: 'RespondToRecommendation' as const,
  recommendationId: 'R1',
  decision: 'ACCEPTED',
  justification: 'Se ajusta el cronograma de obras.',
  commitmentDate: '2025-12-15',
};

describe('CTP review decider', () => {
  describe('OpenReview', () => {
    it('opens once the semester has ended, fixing asOf (its end) and knownAt (now)', () => {
      given().when({ type: 'OpenReview' }).then([opened]);
    });
    it('fixes the seal of the semester when there is one', () => {
      const seal: SealReference = {
        semester: '2025-1',
        eventId: '00000000-0000-4000-8000-000000000001',
        treeSize: 1234,
        rootHash: 'ab'.repeat(32),
        signature: 'c2ln',
        keyId: 'a2V5',
        signedAt: '2025-07-01T05:00:00.000Z',
      };
      const event = { ...opened, data: { ...opened.data, seal } } as ReviewEvent;
      given().when({ type: 'OpenReview' }, { seal }).then([event]);
    });
    it.each([
      ['on its last instant in Bogotá (already July in UTC)', '2025-06-30T23:59:59.999-05:00'],
      ['during the semester', '2025-05-10T10:00:00-05:00'],
    ])('refuses %s', (_label, instant) => {
      given()
        .when({ type: 'OpenReview' }, { now: new Date(instant) })
        .thenError('BAD_USER_INPUT', 'semester', /termina el 2025-06-30/);
    });
    it('opens one millisecond after the end', () => {
      const now = new Date('2025-07-01T00:00:00.000-05:00');
      given()
        .when({ type: 'OpenReview' }, { now })
        .then([{ ...opened, data: { ...opened.data, knownAt: now.toISOString() } } as ReviewEvent]);
    });
    it('refuses a second opening, a semester outside the cuatrienio, and a missing plan', () => {
      given(opened).when({ type: 'OpenReview' }).thenError('CONFLICT', 'review');
      given()
        .when({ type: 'OpenReview' }, { key: { ...key, semester: '2023-2' } })
        .thenError('BAD_USER_INPUT', 'semester', /fuera del cuatrienio/);
      given().when({ type: 'OpenReview' }, { plan: null }).thenError('NOT_FOUND', 'plan');
    });
  });

  describe('concepto and recommendations', () => {
    it('every council command after opening needs an open review', () => {
      given()
        .when({ type: 'RecordConcept', concept: 'FAVORABLE', text: 'Bien.' })
        .thenError('NOT_FOUND', 'review');
    });
    it('records the concepto, and a replacement before closing keeps the previous one', () => {
      given(opened)
        .when({
          type: 'RecordConcept',
          concept: 'FAVORABLE_CON_OBSERVACIONES',
          text: 'Avance desigual.',
        })
        .then([concept]);
      given(opened, concept)
        .when({ type: 'RecordConcept', concept: 'DESFAVORABLE', text: 'Incumple.' })
        .then([
          {
            type: 'ConceptRecorded',
            data: {
              concept: 'DESFAVORABLE',
              text: 'Incumple.',
              previous: { concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Avance desigual.' },
            },
          },
        ]);
    });
    it('refuses an unknown concept and a text over the maximum', () => {
      given(opened)
        .when({ type: 'RecordConcept', concept: 'REGULAR', text: 'x' })
        .thenError('BAD_USER_INPUT', 'concept', /FAVORABLE_CON_OBSERVACIONES/);
      given(opened)
        .when({ type: 'RecordConcept', concept: 'FAVORABLE', text: 'x'.repeat(10_001) })
        .thenError('BAD_USER_INPUT', 'text', /10000/);
    });
    it('numbers recommendations and checks what they aim at', () => {
      given(opened)
        .when({ type: 'AddRecommendation', target: goalTarget, text: 'Acelerar las conexiones.' })
        .then([recommendation]);
      given(opened, recommendation)
        .when({
          type: 'AddRecommendation',
          target: { kind: 'SOCIAL_LINE', id: 'CAPACITACION' },
          text: 'Más talleres.',
        })
        .then([
          {
            type: 'RecommendationAdded',
            data: {
              recommendationId: 'R2',
              target: { kind: 'SOCIAL_LINE', id: 'CAPACITACION' },
              text: 'Más talleres.',
            },
          },
        ]);
      given(opened)
        .when({ type: 'AddRecommendation', target: { kind: 'PROJECT', id: 'P-99' }, text: 'x' })
        .thenError('NOT_FOUND', 'target.id', /proyecto del plan/);
      given(opened)
        .when({ type: 'AddRecommendation', target: { kind: 'INDICATOR', id: 'NOPE' }, text: 'x' })
        .thenError('NOT_FOUND', 'target.id', /indicador/);
      given(opened)
        .when({
          type: 'AddRecommendation',
          target: { kind: 'MUNICIPIO', id: 'x' } as never,
          text: 'x',
        })
        .thenError('BAD_USER_INPUT', 'target.kind');
    });
  });

  describe('CloseReview and corrections', () => {
    it('closes with a concepto, making it and the recommendations final', () => {
      given(opened, concept, recommendation).when({ type: 'CloseReview' }).then([closed]);
    });
    it('needs a concepto, and recommendations unless it is favourable', () => {
      given(opened).when({ type: 'CloseReview' }).thenError('BAD_USER_INPUT', 'concept');
      given(opened, concept)
        .when({ type: 'CloseReview' })
        .thenError('BAD_USER_INPUT', 'recommendations', /al menos una recomendación/);
      given(opened, {
        type: 'ConceptRecorded',
        data: { concept: 'FAVORABLE', text: 'Cumple.', previous: null },
      })
        .when({ type: 'CloseReview' })
        .then([{ type: 'ReviewClosed', data: { concept: 'FAVORABLE', recommendationIds: [] } }]);
      given(opened, concept, recommendation, closed)
        .when({ type: 'CloseReview' })
        .thenError('CONFLICT', 'review');
    });
    it('after closing, adding is refused and a change is a correction with a reason', () => {
      const history = [opened, concept, recommendation, closed];
      given(...history)
        .when({ type: 'AddRecommendation', target: goalTarget, text: 'Otra.' })
        .thenError('CONFLICT', 'review', /definitivas/);
      given(...history)
        .when({ type: 'RecordConcept', concept: 'DESFAVORABLE', text: 'Incumple.' })
        .thenError('BAD_USER_INPUT', 'reason');
      given(...history)
        .when({
          type: 'RecordConcept',
          concept: 'DESFAVORABLE',
          text: 'Incumple.',
          reason: 'Error de transcripción del acta',
        })
        .then([
          {
            type: 'ConceptCorrected',
            data: {
              concept: 'DESFAVORABLE',
              text: 'Incumple.',
              previous: { concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Avance desigual.' },
            },
          },
        ]);
      given(...history)
        .when({
          type: 'CorrectRecommendation',
          recommendationId: 'R1',
          text: 'Acelerar las conexiones del barrio Picaleña.',
          reason: 'Precisión del acta',
        })
        .then([
          {
            type: 'RecommendationCorrected',
            data: {
              recommendationId: 'R1',
              target: goalTarget,
              text: 'Acelerar las conexiones del barrio Picaleña.',
              previous: { target: goalTarget, text: 'Acelerar las conexiones.' },
              afterClosing: true,
            },
          },
        ]);
    });
  });

  describe('the administration', () => {
    it('answers only final recommendations', () => {
      given(opened, concept, recommendation)
        .when(accepted)
        .thenError('CONFLICT', 'review', /cierra la revisión/);
    });
    it('accepts with a commitment date; rejects without one', () => {
      const history = [opened, concept, recommendation, closed];
      given(...history)
        .when(accepted)
        .then([
          {
            type: 'RecommendationAnswered',
            data: {
              recommendationId: 'R1',
              decision: 'ACCEPTED',
              justification: 'Se ajusta el cronograma de obras.',
              commitmentDate: '2025-12-15',
              previous: null,
            },
          },
        ]);
      const { commitmentDate: _omitted, ...withoutDate } = accepted;
      given(...history)
        .when(withoutDate)
        .thenError('BAD_USER_INPUT', 'commitmentDate');
      given(...history)
        .when({ ...accepted, commitmentDate: '2025-06-01' })
        .thenError('BAD_USER_INPUT', 'commitmentDate', /anterior a hoy/);
      given(...history)
        .when({ ...accepted, decision: 'REJECTED' })
        .thenError('BAD_USER_INPUT', 'commitmentDate', /rechazada/);
      given(...history)
        .when({ ...accepted, recommendationId: 'R9' })
        .thenError('NOT_FOUND', 'recommendationId');
    });
    it('changing a response needs a reason and keeps the previous one', () => {
      const answered: ReviewEvent = {
        type: 'RecommendationAnswered',
        data: {
          recommendationId: 'R1',
          decision: 'REJECTED',
          justification: 'Sin recursos.',
          commitmentDate: null,
          previous: null,
        },
      };
      const history = [opened, concept, recommendation, closed, answered];
      given(...history)
        .when(accepted)
        .thenError('BAD_USER_INPUT', 'reason');
      given(...history)
        .when({ ...accepted, reason: 'Se consiguió cofinanciación' })
        .then([
          {
            type: 'RecommendationAnswered',
            data: {
              recommendationId: 'R1',
              decision: 'ACCEPTED',
              justification: 'Se ajusta el cronograma de obras.',
              commitmentDate: '2025-12-15',
              previous: {
                decision: 'REJECTED',
                justification: 'Sin recursos.',
                commitmentDate: null,
              },
            },
          },
        ]);
    });
    it('records presentations of the semester, even before the review opens', () => {
      const presentation = {
        type: 'RecordPresentation' as const,
        forum: 'CONSEJO_POLITICA_SOCIAL',
        date: '2025-04-22',
        act: 'Acta 04 de 2025',
        attendance: 23,
      };
      given()
        .when(presentation)
        .then([
          {
            type: 'PresentationRecorded',
            data: {
              presentationId: 'P1',
              forum: 'CONSEJO_POLITICA_SOCIAL',
              date: '2025-04-22',
              act: 'Acta 04 de 2025',
              attendance: 23,
            },
          },
        ]);
      given()
        .when({ ...presentation, date: '2025-07-02' })
        .thenError('BAD_USER_INPUT', 'date', /2025-1/);
      given()
        .when(presentation, { now: new Date('2025-04-21T10:00:00-05:00') })
        .thenError('BAD_USER_INPUT', 'date', /futura/);
      given()
        .when({ ...presentation, attendance: 0 })
        .thenError('BAD_USER_INPUT', 'attendance');
      given()
        .when({ ...presentation, forum: 'CONCEJO' })
        .thenError('BAD_USER_INPUT', 'forum');
      given()
        .when({ ...presentation, date: '2025-02-30' })
        .thenError('BAD_USER_INPUT', 'date');
    });
  });

  describe('follow-up rules', () => {
    const response = (decision: 'ACCEPTED' | 'REJECTED', commitmentDate: string | null) => ({
      response: { decision, justification: 'x', commitmentDate },
    });
    it('a recommendation is unanswered, rejected, committed, overdue or attended', () => {
      const at = new Date('2026-01-10T10:00:00-05:00');
      expect(recommendationStatus({ response: null }, 0, at)).toBe('SIN_RESPUESTA');
      expect(recommendationStatus(response('REJECTED', null), 0, at)).toBe('RECHAZADA');
      expect(recommendationStatus(response('ACCEPTED', '2026-03-01'), 0, at)).toBe('COMPROMETIDA');
      expect(recommendationStatus(response('ACCEPTED', '2025-12-15'), 0, at)).toBe('VENCIDA');
      expect(recommendationStatus(response('ACCEPTED', '2025-12-15'), 1, at)).toBe('ATENDIDA');
      expect(isOpen({ response: null }, 0)).toBe(true);
      expect(isOpen(response('ACCEPTED', '2025-12-15'), 0)).toBe(true);
      expect(isOpen(response('ACCEPTED', '2025-12-15'), 1)).toBe(false);
      expect(isOpen(response('REJECTED', null), 0)).toBe(false);
    });
    it('the follow-up of a first semester is the last review of the previous cuatrienio', () => {
      expect(previousReviewKey(key)).toEqual({ ...key, semester: '2024-2' });
      expect(previousReviewKey({ ...key, semester: '2024-1' })).toEqual({
        daneCode: '73001',
        firstYear: 2020,
        semester: '2023-2',
      });
      expect(riskVigenciaOf('2025-1')).toBe(2024);
    });
  });
});
