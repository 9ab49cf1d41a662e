/**
 * The CTP's semester review (Ley 152 de 1994, arts. 35 and 12; the review aggregate): the edges
 * mutation testing (issue 14) showed no other test told apart. Every refusal is checked by code,
 * field and message; every accepted command by the exact events. Given events / when command /
 * then events.
 */
import type { ReviewCommand } from '../../src/domain/review/commands';
import { COUNCIL_COMMANDS, REVIEW_LIMITS, sideOf } from '../../src/domain/review/commands';
import { decideReview, type ReviewContext } from '../../src/domain/review/decide';
import {
  isReviewEvent,
  parseRecommendationRef,
  recommendationRef,
  reviewKeyOf,
  reviewStreamId,
  type ReviewEvent,
} from '../../src/domain/review/events';
import { isOpen, recommendationStatus, STATUS_LABELS } from '../../src/domain/review/follow-up';
import { previousReviewKey, riskVigenciaOf } from '../../src/domain/review/packet';
import { foldReview } from '../../src/domain/review/state';
import { outcome } from '../support/decider';
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

function given(...history: ReviewEvent[]) {
  const state = foldReview(history);
  return {
    state,
    when: (command: ReviewCommand, overrides: Partial<ReviewContext> = {}) =>
      outcome(decideReview(command, state, context(overrides))),
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
const added = (n: number): ReviewEvent => ({
  type: 'RecommendationAdded',
  data: { recommendationId: `R${n}`, target: goalTarget, text: `Recomendación ${n}.` },
});
const closed: ReviewEvent = {
  type: 'ReviewClosed',
  data: { concept: 'FAVORABLE_CON_OBSERVACIONES', recommendationIds: ['R1'] },
};
const final = [opened, concept, added(1), closed];

describe('abrir la revisión', () => {
  it('el municipio existe en la DIVIPOLA', () => {
    given()
      .when({ type: 'OpenReview' }, { key: { ...key, daneCode: '99999' } })
      .thenError('BAD_USER_INPUT', 'daneCode', 'el código DANE 99999 no existe en la DIVIPOLA.');
  });

  it('dos veces no: la revisión del semestre ya fue abierta', () => {
    given(opened)
      .when({ type: 'OpenReview' })
      .thenError('CONFLICT', 'review', 'la revisión ctpreview-73001-2024-2025-1 ya fue abierta.');
  });

  it('el semestre cae en el cuatrienio: 2024-1 y 2027-2 sí; 2023-2 y 2028-1 no', () => {
    for (const semester of ['2024-1', '2027-2']) {
      const now = new Date('2028-02-01T00:00:00-05:00');
      const decision = decideReview(
        { type: 'OpenReview' },
        foldReview([]),
        context({ key: { ...key, semester }, now }),
      );
      expect(decision.ok && decision.events[0]!.data).toMatchObject({ semester });
    }
    for (const semester of ['2023-2', '2028-1']) {
      given()
        .when(
          { type: 'OpenReview' },
          { key: { ...key, semester }, now: new Date('2029-01-01T00:00:00-05:00') },
        )
        .thenError(
          'BAD_USER_INPUT',
          'semester',
          `el semestre ${semester} está fuera del cuatrienio 2024-2027.`,
        );
    }
  });

  it('durante el semestre no, y lo dice con la fecha y la hora de Bogotá', () => {
    given()
      .when({ type: 'OpenReview' }, { now: new Date('2025-06-30T23:59:59.999-05:00') })
      .thenError(
        'BAD_USER_INPUT',
        'semester',
        'el semestre 2025-1 termina el 2025-06-30 a las 23:59:59 (hora de Bogotá): su revisión se abre después.',
      );
  });

  it('sin plan sectorial no hay qué revisar, y se nombra el plan que falta', () => {
    given()
      .when({ type: 'OpenReview' }, { plan: null })
      .thenError('NOT_FOUND', 'plan', 'no hay plan sectorial 2024-2027 de IBAGUÉ.');
  });
});

describe('concepto del CTP', () => {
  const record = (change: Record<string, unknown> = {}) =>
    ({
      type: 'RecordConcept',
      concept: 'FAVORABLE',
      text: ' Cumple. ',
      ...change,
    }) as ReviewCommand;

  it('sin revisión abierta no hay concepto', () => {
    given()
      .when(record())
      .thenError(
        'NOT_FOUND',
        'review',
        'la revisión de este semestre no está abierta: el CTP debe abrirla.',
      );
  });

  it('uno de los tres conceptos, y lo dice', () => {
    for (const value of ['REGULAR', 1]) {
      given(opened)
        .when(record({ concept: value }))
        .thenError(
          'BAD_USER_INPUT',
          'concept',
          'valor desconocido; use FAVORABLE, FAVORABLE_CON_OBSERVACIONES, DESFAVORABLE.',
        );
    }
  });

  it('el texto es obligatorio, hasta 10.000 caracteres, y se guarda sin espacios sobrantes', () => {
    given(opened)
      .when(record())
      .then([
        {
          type: 'ConceptRecorded',
          data: { concept: 'FAVORABLE', text: 'Cumple.', previous: null },
        },
      ]);
    given(opened)
      .when(record({ text: 'x'.repeat(REVIEW_LIMITS.conceptText) }))
      .then([
        {
          type: 'ConceptRecorded',
          data: { concept: 'FAVORABLE', text: 'x'.repeat(10_000), previous: null },
        },
      ]);
    given(opened)
      .when(record({ text: 'x'.repeat(10_001) }))
      .thenError('BAD_USER_INPUT', 'text', 'supera 10000 caracteres.');
    for (const text of ['', '  ', undefined]) {
      given(opened).when(record({ text })).thenError('BAD_USER_INPUT', 'text', 'es obligatorio.');
    }
  });

  it('repetir el mismo concepto no cambia nada y se rechaza; otro texto u otro concepto sí', () => {
    const same = record({ concept: concept.data.concept, text: concept.data.text });
    given(opened, concept)
      .when(same)
      .thenError(
        'BAD_USER_INPUT',
        'text',
        'el concepto registrado ya es ese: no hay nada que cambiar.',
      );
    const previous = { concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Avance desigual.' } as const;
    given(opened, concept)
      .when(record({ concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Otro texto.' }))
      .then([
        {
          type: 'ConceptRecorded',
          data: { concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Otro texto.', previous },
        },
      ]);
    given(opened, concept)
      .when(record({ concept: 'DESFAVORABLE', text: 'Avance desigual.' }))
      .then([
        {
          type: 'ConceptRecorded',
          data: { concept: 'DESFAVORABLE', text: 'Avance desigual.', previous },
        },
      ]);
  });

  it('corregirlo tras el cierre exige una justificación de a lo sumo 1.000 caracteres', () => {
    for (const reason of [undefined, ' ']) {
      given(...final)
        .when(record({ reason }))
        .thenError(
          'BAD_USER_INPUT',
          'reason',
          'se requiere una justificación (reason) para corregir el concepto de una revisión cerrada.',
        );
    }
    given(...final)
      .when(record({ reason: 'x'.repeat(1_001) }))
      .thenError('BAD_USER_INPUT', 'reason', 'supera 1000 caracteres.');
    given(...final)
      .when(record({ reason: 'x'.repeat(1_000) }))
      .then([
        {
          type: 'ConceptCorrected',
          data: {
            concept: 'FAVORABLE',
            text: 'Cumple.',
            previous: { concept: 'FAVORABLE_CON_OBSERVACIONES', text: 'Avance desigual.' },
          },
        },
      ]);
  });

  it('el estado recuerda que el concepto se corrigió tras el cierre, aunque luego se reemplace', () => {
    const corrected: ReviewEvent = {
      type: 'ConceptCorrected',
      data: { concept: 'FAVORABLE', text: 'Cumple.', previous: concept.data },
    };
    expect(given(opened, concept).state.concept).toEqual({
      concept: 'FAVORABLE_CON_OBSERVACIONES',
      text: 'Avance desigual.',
      correctedAfterClosing: false,
    });
    expect(given(...final, corrected).state.concept).toEqual({
      concept: 'FAVORABLE',
      text: 'Cumple.',
      correctedAfterClosing: true,
    });
    expect(given(...final, corrected, concept).state.concept?.correctedAfterClosing).toBe(true);
  });
});

describe('recomendaciones del CTP', () => {
  const add = (target: unknown, text: unknown = 'Más talleres.') =>
    ({ type: 'AddRecommendation', target, text }) as ReviewCommand;

  it('a lo sumo 100 por revisión: la 100 sí, la 101 no', () => {
    const ninetyNine = Array.from({ length: 99 }, (_, i) => added(i + 1));
    given(opened, ...ninetyNine)
      .when(add(goalTarget))
      .then([
        {
          type: 'RecommendationAdded',
          data: { recommendationId: 'R100', target: goalTarget, text: 'Más talleres.' },
        },
      ]);
    given(opened, ...ninetyNine, added(100))
      .when(add(goalTarget))
      .thenError(
        'BAD_USER_INPUT',
        'recommendations',
        'una revisión tiene a lo sumo 100 recomendaciones.',
      );
  });

  it('cerrada la revisión, sus recomendaciones son definitivas', () => {
    given(...final)
      .when(add(goalTarget))
      .thenError(
        'CONFLICT',
        'review',
        'la revisión está cerrada: sus recomendaciones son definitivas (corrija una con correctRecommendation y reason).',
      );
  });

  it('apunta a algo: una meta o un proyecto del plan, un indicador del catálogo o una línea de gestión social', () => {
    for (const target of [undefined, 'GOAL']) {
      given(opened)
        .when(add(target))
        .thenError('BAD_USER_INPUT', 'target', 'indique a qué apunta.');
    }
    given(opened)
      .when(add({ kind: 'MUNICIPIO', id: 'x' }))
      .thenError(
        'BAD_USER_INPUT',
        'target.kind',
        'valor desconocido; use GOAL, INDICATOR, PROJECT, SOCIAL_LINE.',
      );
    for (const [target, message] of [
      [{ kind: 'GOAL', id: '73001-2024-ALC-COB-URB' }, 'una meta del plan'],
      [{ kind: 'PROJECT', id: 'P-99' }, 'un proyecto del plan'],
      [{ kind: 'INDICATOR', id: 'NOPE' }, 'un indicador del catálogo'],
      [{ kind: 'SOCIAL_LINE', id: 'NOPE' }, 'una línea del Plan de Gestión Social'],
    ] as const) {
      given(opened)
        .when(add(target))
        .thenError('NOT_FOUND', 'target.id', `${target.id} no es ${message}.`);
    }
    for (const target of [
      { kind: 'GOAL', id: ' 73001-2024-ACU-COB-URB ' },
      { kind: 'PROJECT', id: 'P-01' },
      { kind: 'INDICATOR', id: 'ACU-COB-URB' },
    ]) {
      given(opened)
        .when(add(target))
        .then([
          {
            type: 'RecommendationAdded',
            data: {
              recommendationId: 'R1',
              target: { kind: target.kind, id: target.id.trim() } as never,
              text: 'Más talleres.',
            },
          },
        ]);
    }
  });

  it('sin plan registrado ninguna meta ni proyecto existe', () => {
    for (const [kind, what] of [
      ['GOAL', 'una meta del plan'],
      ['PROJECT', 'un proyecto del plan'],
    ] as const) {
      given(opened)
        .when(add({ kind, id: 'P-01' }), { plan: null })
        .thenError('NOT_FOUND', 'target.id', `P-01 no es ${what}.`);
    }
  });

  it('el identificador de lo que apunta es obligatorio y de a lo sumo 100 caracteres', () => {
    for (const id of ['', '   ', 7, 'x'.repeat(101)]) {
      given(opened)
        .when(add({ kind: 'GOAL', id }))
        .thenError('BAD_USER_INPUT', 'target.id', 'es obligatorio (máx. 100).');
    }
    given(opened)
      .when(add({ kind: 'GOAL', id: 'x'.repeat(100) }))
      .thenError('NOT_FOUND', 'target.id', `${'x'.repeat(100)} no es una meta del plan.`);
  });

  it('el texto de una recomendación tiene a lo sumo 2.000 caracteres', () => {
    given(opened)
      .when(add(goalTarget, 'x'.repeat(2_001)))
      .thenError('BAD_USER_INPUT', 'text', 'supera 2000 caracteres.');
  });
});

describe('corregir una recomendación', () => {
  const correct = (change: Record<string, unknown>) =>
    ({ type: 'CorrectRecommendation', recommendationId: 'R1', ...change }) as ReviewCommand;
  const socialTarget = { kind: 'SOCIAL_LINE' as const, id: 'CAPACITACION' };

  it('solo una que exista', () => {
    given(...final)
      .when(correct({ recommendationId: 'R7', text: 'x', reason: 'x' }))
      .thenError(
        'NOT_FOUND',
        'recommendationId',
        'la recomendación R7 no existe en esta revisión.',
      );
  });

  it('siempre con justificación, aun antes del cierre', () => {
    given(opened, added(1))
      .when(correct({ text: 'Otra.' }))
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para corregir una recomendación.',
      );
  });

  it('cambiar solo a qué apunta conserva el texto; antes del cierre no se marca como posterior', () => {
    given(opened, added(1))
      .when(correct({ target: socialTarget, reason: 'Acta' }))
      .then([
        {
          type: 'RecommendationCorrected',
          data: {
            recommendationId: 'R1',
            target: socialTarget,
            text: 'Recomendación 1.',
            previous: { target: goalTarget, text: 'Recomendación 1.' },
            afterClosing: false,
          },
        },
      ]);
  });

  it('una corrección que no cambia nada se rechaza; cambiar solo el tipo o solo el id sí cambia', () => {
    given(opened, added(1))
      .when(correct({ target: goalTarget, text: 'Recomendación 1.', reason: 'Acta' }))
      .thenError('BAD_USER_INPUT', 'text', 'la corrección no cambia nada.');
    given(opened, added(1))
      .when(correct({ reason: 'Acta' }))
      .thenError('BAD_USER_INPUT', 'text', 'la corrección no cambia nada.');
    const sameId = { kind: 'PROJECT' as const, id: 'P-01' };
    const history: ReviewEvent[] = [
      opened,
      {
        type: 'RecommendationAdded',
        data: { recommendationId: 'R1', target: { kind: 'GOAL', id: 'P-01' }, text: 't' },
      },
    ];
    const decision = decideReview(
      correct({ target: sameId, reason: 'Acta' }),
      foldReview(history),
      context({ plan: { goalIds: new Set(['P-01']), projectIds: new Set(['P-01']) } }),
    );
    expect(decision.ok).toBe(true);
    given(opened, added(1))
      .when(
        correct({ target: { ...goalTarget, id: 'ACU-COB-URB', kind: 'INDICATOR' }, reason: 'x' }),
      )
      .then([
        {
          type: 'RecommendationCorrected',
          data: {
            recommendationId: 'R1',
            target: { kind: 'INDICATOR', id: 'ACU-COB-URB' },
            text: 'Recomendación 1.',
            previous: { target: goalTarget, text: 'Recomendación 1.' },
            afterClosing: false,
          },
        },
      ]);
  });

  it('apuntar a otra meta del mismo plan (solo cambia el id) es una corrección', () => {
    const otherGoal = { kind: 'GOAL' as const, id: '73001-2024-ALC-COB-URB' };
    const plan = {
      goalIds: new Set([goalTarget.id, otherGoal.id]),
      projectIds: new Set<string>(),
    };
    outcome(
      decideReview(
        correct({ target: otherGoal, reason: 'Acta' }),
        foldReview([opened, added(1)]),
        context({ plan }),
      ),
    ).then([
      {
        type: 'RecommendationCorrected',
        data: {
          recommendationId: 'R1',
          target: otherGoal,
          text: 'Recomendación 1.',
          previous: { target: goalTarget, text: 'Recomendación 1.' },
          afterClosing: false,
        },
      },
    ]);
  });

  it('el texto corregido es obligatorio y de a lo sumo 2.000 caracteres, y se señala el texto', () => {
    given(opened, added(1))
      .when(correct({ text: '  ', reason: 'Acta' }))
      .thenError('BAD_USER_INPUT', 'text', 'es obligatorio.');
    given(opened, added(1))
      .when(correct({ text: 'x'.repeat(2_001), reason: 'Acta' }))
      .thenError('BAD_USER_INPUT', 'text', 'supera 2000 caracteres.');
  });

  it('el estado cuenta las correcciones y recuerda si alguna fue tras el cierre', () => {
    const correction = (afterClosing: boolean, text: string): ReviewEvent => ({
      type: 'RecommendationCorrected',
      data: {
        recommendationId: 'R1',
        target: goalTarget,
        text,
        previous: { target: goalTarget, text: 'Recomendación 1.' },
        afterClosing,
      },
    });
    const state = given(...final, correction(true, 'a'), correction(false, 'b')).state;
    expect(state.recommendations.R1).toMatchObject({
      text: 'b',
      corrections: 2,
      correctedAfterClosing: true,
    });
    expect(given(opened, added(1), correction(false, 'a')).state.recommendations.R1).toMatchObject({
      corrections: 1,
      correctedAfterClosing: false,
    });
  });
});

describe('cerrar la revisión', () => {
  it('sin concepto no se cierra; cerrada, no se cierra otra vez', () => {
    given(opened)
      .when({ type: 'CloseReview' })
      .thenError('BAD_USER_INPUT', 'concept', 'registre el concepto antes de cerrar la revisión.');
    given(...final)
      .when({ type: 'CloseReview' })
      .thenError('CONFLICT', 'review', 'la revisión ya está cerrada.');
  });

  it('un concepto desfavorable sin recomendaciones no se cierra', () => {
    given(opened, {
      type: 'ConceptRecorded',
      data: { concept: 'DESFAVORABLE', text: 'Incumple.', previous: null },
    })
      .when({ type: 'CloseReview' })
      .thenError(
        'BAD_USER_INPUT',
        'recommendations',
        'un concepto con observaciones o desfavorable debe traer al menos una recomendación.',
      );
  });
});

describe('respuesta de la administración', () => {
  const respond = (change: Record<string, unknown> = {}) =>
    ({
      type: 'RespondToRecommendation',
      recommendationId: 'R1',
      decision: 'PARTIALLY_ACCEPTED',
      justification: ' Parcial. ',
      commitmentDate: '2025-07-03',
      ...change,
    }) as ReviewCommand;
  const answer = (change: Record<string, unknown> = {}): ReviewEvent =>
    ({
      type: 'RecommendationAnswered',
      data: {
        recommendationId: 'R1',
        decision: 'PARTIALLY_ACCEPTED',
        justification: 'Parcial.',
        commitmentDate: '2025-07-03',
        previous: null,
        ...change,
      },
    }) as ReviewEvent;

  it('sin revisión abierta no hay a qué responder', () => {
    given()
      .when(respond())
      .thenError(
        'NOT_FOUND',
        'review',
        'la revisión de este semestre no está abierta: el CTP debe abrirla.',
      );
  });

  it('antes del cierre no, porque las recomendaciones aún no son definitivas', () => {
    given(opened, concept, added(1))
      .when(respond())
      .thenError(
        'CONFLICT',
        'review',
        'las recomendaciones aún no son definitivas: se responden cuando el CTP cierra la revisión.',
      );
  });

  it('una recomendación que no existe', () => {
    given(...final)
      .when(respond({ recommendationId: 'R2' }))
      .thenError(
        'NOT_FOUND',
        'recommendationId',
        'la recomendación R2 no existe en esta revisión.',
      );
  });

  it('aceptar parcialmente con compromiso para hoy mismo vale; para ayer no', () => {
    given(...final)
      .when(respond())
      .then([answer()]);
    given(...final)
      .when(respond({ commitmentDate: '2025-07-02' }))
      .thenError(
        'BAD_USER_INPUT',
        'commitmentDate',
        'la fecha de compromiso no puede ser anterior a hoy.',
      );
  });

  it('la decisión es una de tres y la justificación obligatoria', () => {
    given(...final)
      .when(respond({ decision: 'TAL_VEZ' }))
      .thenError(
        'BAD_USER_INPUT',
        'decision',
        'valor desconocido; use ACCEPTED, PARTIALLY_ACCEPTED, REJECTED.',
      );
    given(...final)
      .when(respond({ justification: ' ' }))
      .thenError('BAD_USER_INPUT', 'justification', 'es obligatorio.');
  });

  it('aceptar exige fecha de compromiso válida; rechazar no lleva fecha', () => {
    given(...final)
      .when(respond({ commitmentDate: undefined }))
      .thenError(
        'BAD_USER_INPUT',
        'commitmentDate',
        'al aceptar una recomendación indique la fecha de compromiso.',
      );
    // '2025-13-01' has the shape of a date but no month 13: refused, not a crash.
    for (const commitmentDate of [
      '2025-7-30',
      '2025-02-30',
      '2025-13-01',
      'x2025-12-01',
      '2025-12-01x',
    ]) {
      given(...final)
        .when(respond({ commitmentDate }))
        .thenError('BAD_USER_INPUT', 'commitmentDate', 'fecha inválida: use AAAA-MM-DD.');
    }
    given(...final)
      .when(respond({ decision: 'REJECTED' }))
      .thenError(
        'BAD_USER_INPUT',
        'commitmentDate',
        'una recomendación rechazada no lleva fecha de compromiso.',
      );
    given(...final)
      .when(respond({ decision: 'REJECTED', commitmentDate: undefined }))
      .then([answer({ decision: 'REJECTED', commitmentDate: null })]);
  });

  it('cambiar una respuesta exige justificación; el estado cuenta los cambios', () => {
    given(...final, answer())
      .when(respond({ decision: 'ACCEPTED' }))
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        'se requiere una justificación (reason) para cambiar una respuesta ya dada.',
      );
    const changed = answer({
      decision: 'ACCEPTED',
      previous: {
        decision: 'PARTIALLY_ACCEPTED',
        justification: 'Parcial.',
        commitmentDate: '2025-07-03',
      },
    });
    expect(given(...final).state.recommendations.R1!.responseChanges).toBe(0);
    expect(given(...final, answer()).state.recommendations.R1).toMatchObject({
      response: {
        decision: 'PARTIALLY_ACCEPTED',
        justification: 'Parcial.',
        commitmentDate: '2025-07-03',
      },
      responseChanges: 0,
    });
    expect(given(...final, answer(), changed, changed).state.recommendations.R1).toMatchObject({
      response: { decision: 'ACCEPTED' },
      responseChanges: 2,
    });
  });
});

describe('presentaciones ante el CTP y el Consejo de Política Social', () => {
  const present = (change: Record<string, unknown> = {}) =>
    ({
      type: 'RecordPresentation',
      forum: 'CTP',
      date: '2025-06-30',
      act: ' Acta 7 ',
      attendance: 1,
      ...change,
    }) as ReviewCommand;
  const recorded = (n: number): ReviewEvent => ({
    type: 'PresentationRecorded',
    data: {
      presentationId: `P${n}`,
      forum: 'CTP',
      date: '2025-06-30',
      act: 'Acta 7',
      attendance: 1,
    },
  });

  it('el último día del semestre, con un asistente, se registra; el acta sin espacios sobrantes', () => {
    given()
      .when(present())
      .then([recorded(1)]);
    expect(given(recorded(1), recorded(2)).state.presentations).toHaveLength(2);
  });

  it('una presentación de hoy vale; de mañana, no', () => {
    const now = new Date('2025-06-30T23:00:00-05:00');
    given()
      .when(present(), { now })
      .then([recorded(1)]);
    given()
      .when(present(), { now: new Date('2025-06-29T23:59:00-05:00') })
      .thenError('BAD_USER_INPUT', 'date', 'la fecha no puede ser futura.');
  });

  it('la fecha de otro semestre se registra en la revisión de ese semestre', () => {
    given()
      .when(present({ date: '2024-12-31' }))
      .thenError(
        'BAD_USER_INPUT',
        'date',
        'la presentación se registra en la revisión de su semestre (2025-1).',
      );
  });

  it('de 1 a 10.000 asistentes, enteros', () => {
    given()
      .when(present({ attendance: 10_000 }))
      .then([{ ...recorded(1), data: { ...recorded(1).data, attendance: 10_000 } } as ReviewEvent]);
    for (const attendance of [0, 10_001, 2.5]) {
      given()
        .when(present({ attendance }))
        .thenError('BAD_USER_INPUT', 'attendance', 'número de asistentes entre 1 y 10000.');
    }
  });

  it('a lo sumo 20 por semestre', () => {
    const nineteen = Array.from({ length: 19 }, (_, i) => recorded(i + 1));
    given(...nineteen)
      .when(present())
      .then([recorded(20)]);
    given(...nineteen, recorded(20))
      .when(present())
      .thenError('BAD_USER_INPUT', 'presentations', 'a lo sumo 20 presentaciones por semestre.');
  });

  it('el acta es obligatoria, de a lo sumo 200 caracteres; el foro, uno de dos', () => {
    given()
      .when(present({ act: 'x'.repeat(201) }))
      .thenError('BAD_USER_INPUT', 'act', 'supera 200 caracteres.');
    given()
      .when(present({ forum: 'CONCEJO' }))
      .thenError('BAD_USER_INPUT', 'forum', 'valor desconocido; use CTP, CONSEJO_POLITICA_SOCIAL.');
  });
});

describe('seguimiento, flujos y referencias', () => {
  it('un compromiso que vence hoy aún está comprometido; ayer, vencido; sin fecha, comprometido', () => {
    const at = new Date('2026-01-10T23:30:00-05:00');
    const accepted = (commitmentDate: string | null) => ({
      response: { decision: 'ACCEPTED' as const, justification: 'x', commitmentDate },
    });
    expect(recommendationStatus(accepted('2026-01-10'), 0, at)).toBe('COMPROMETIDA');
    expect(recommendationStatus(accepted('2026-01-09'), 0, at)).toBe('VENCIDA');
    expect(recommendationStatus(accepted(null), 0, at)).toBe('COMPROMETIDA');
    expect(recommendationStatus({ response: null }, 3, at)).toBe('SIN_RESPUESTA');
    expect(
      recommendationStatus(
        { response: { decision: 'REJECTED', justification: 'x', commitmentDate: null } },
        2,
        at,
      ),
    ).toBe('RECHAZADA');
    expect(isOpen({ response: null }, 2)).toBe(true);
    expect(STATUS_LABELS.VENCIDA).toBe('Compromiso vencido');
  });

  it('el seguimiento de un segundo semestre es el primero del mismo año', () => {
    expect(previousReviewKey({ daneCode: '05001', firstYear: 2024, semester: '2024-2' })).toEqual({
      daneCode: '05001',
      firstYear: 2024,
      semester: '2024-1',
    });
    expect(riskVigenciaOf('2025-2')).toBe(2024);
  });

  it('el flujo de una revisión se nombra por municipio, cuatrienio y semestre, y se lee de vuelta', () => {
    expect(reviewStreamId(key)).toBe('ctpreview-73001-2024-2025-1');
    expect(reviewKeyOf('ctpreview-73001-2024-2025-1')).toEqual(key);
    for (const stream of [
      'ctpreview-73001-2024-2025-3',
      'xctpreview-73001-2024-2025-1',
      'ctpreview-73001-2024-2025-1x',
      'ctpreview-7300-2024-2025-1',
    ]) {
      expect(reviewKeyOf(stream)).toBeNull();
    }
    expect(recommendationRef('ctpreview-73001-2024-2025-1', 'R2')).toBe(
      'ctpreview-73001-2024-2025-1/R2',
    );
    expect(parseRecommendationRef('ctpreview-73001-2024-2025-1/R2')).toEqual({
      reviewId: 'ctpreview-73001-2024-2025-1',
      recommendationId: 'R2',
    });
    for (const ref of [
      'ctpreview-73001-2024-2025-1/R2x',
      'x/ctpreview-73001-2024-2025-1/R2',
      'ctpreview-73001-2024-2025-1/R1000',
      'ctpreview-73001-2024-2025-1',
    ]) {
      expect(parseRecommendationRef(ref)).toBeNull();
    }
    expect(isReviewEvent({ type: 'ReviewClosed' })).toBe(true);
    expect(isReviewEvent({ type: 'GoalSet' })).toBe(false);
  });

  it('abre, concluye, recomienda y cierra el CTP; responde y presenta la administración', () => {
    expect(sideOf('OpenReview')).toBe('COUNCIL');
    expect(sideOf('CloseReview')).toBe('COUNCIL');
    expect(sideOf('RespondToRecommendation')).toBe('ADMINISTRATION');
    expect(sideOf('RecordPresentation')).toBe('ADMINISTRATION');
    expect(COUNCIL_COMMANDS.size).toBe(5);
  });
});

describe('un fallo no es un rechazo', () => {
  it('si la consulta de la DIVIPOLA falla, el error sale tal cual', () => {
    const broken = {
      municipality: () => {
        throw new Error('DIVIPOLA no disponible');
      },
    };
    expect(() =>
      decideReview({ type: 'OpenReview' }, foldReview([]), context({ territory: broken })),
    ).toThrow('DIVIPOLA no disponible');
  });
});
