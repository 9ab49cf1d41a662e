/**
 * The demo's CTP semester reviews of Ibagué: 2025-1 opened after the semester, with its concepto,
 * three recommendations (a goal, a project, a social-plan line), closed, and answered by the
 * planning office and the PDA; 2025-2 following them up; and, in September 2026, a new project
 * that cites the recommendation it answers. Driven through the same command handler as users.
 */
import { foldStream, handleCommand } from '../application/command-handler';
import type { Principal } from '../domain/access';
import { sectorPlan } from '../domain/plan/aggregate';
import { planStreamId } from '../domain/plan/events';
import type { PlanState } from '../domain/plan/state';
import { ctpReview } from '../domain/review/aggregate';
import type { ReviewCommand } from '../domain/review/commands';
import { recommendationRef, reviewStreamId, type ReviewKey } from '../domain/review/events';
import type { EventStore } from '../eventstore/port';
import type { Divipola } from '../reference/divipola';
import { DEMO_FIRST_YEAR } from './seed-constants';
import type { DemoStep } from './steps';

export const DEMO_REVIEW = { daneCode: '73001', firstYear: DEMO_FIRST_YEAR, semester: '2025-1' };
const FOLLOW_UP = { ...DEMO_REVIEW, semester: '2025-2' };
const GOAL = `73001-${DEMO_FIRST_YEAR}-ACU-COB-URB`;

type Speaker = 'CTP' | 'PLANNER' | 'PDA';

export interface ReviewStep {
  at: string;
  by: Speaker;
  review: ReviewKey;
  command: ReviewCommand;
}

const at = (date: string, time = '10:00:00') => `${date}T${time}-05:00`;

export function ctpReviewScript(): ReviewStep[] {
  const first = (date: string, by: Speaker, command: ReviewCommand, time?: string): ReviewStep => ({
    at: at(date, time),
    by,
    review: DEMO_REVIEW,
    command,
  });
  const second = (date: string, by: Speaker, command: ReviewCommand): ReviewStep => ({
    at: at(date),
    by,
    review: FOLLOW_UP,
    command,
  });
  return [
    first('2025-03-18', 'PLANNER', {
      type: 'RecordPresentation',
      forum: 'CTP',
      date: '2025-03-18',
      act: 'Acta 03 de 2025 del Consejo Territorial de Planeación',
      attendance: 17,
    }),
    first('2025-04-22', 'PLANNER', {
      type: 'RecordPresentation',
      forum: 'CONSEJO_POLITICA_SOCIAL',
      date: '2025-04-22',
      act: 'Acta 02 de 2025 del Consejo Municipal de Política Social',
      attendance: 23,
    }),
    first('2025-07-08', 'CTP', { type: 'OpenReview' }),
    first('2025-07-22', 'CTP', {
      type: 'RecordConcept',
      concept: 'FAVORABLE_CON_OBSERVACIONES',
      text: 'El CTP reconoce el avance en alcantarillado y calidad del agua urbana, pero observa que la modificación de junio de 2025 redujo la meta de cobertura urbana de acueducto sin un plan para recuperarla, y que el proyecto de conexiones intradomiciliarias no reporta avance físico.',
    }),
    first(
      '2025-07-22',
      'CTP',
      {
        type: 'AddRecommendation',
        target: { kind: 'GOAL', id: GOAL },
        text: 'Presentar una ruta para recuperar la meta de cobertura urbana de acueducto reducida por el Acuerdo de junio de 2025, con los recursos de gestión del PDA.',
      },
      '10:30:00',
    ),
    first(
      '2025-07-22',
      'CTP',
      {
        type: 'AddRecommendation',
        target: { kind: 'PROJECT', id: 'P-002' },
        text: 'Publicar cada trimestre el avance físico y financiero del proyecto de conexiones intradomiciliarias.',
      },
      '10:45:00',
    ),
    first(
      '2025-07-22',
      'CTP',
      {
        type: 'AddRecommendation',
        target: { kind: 'SOCIAL_LINE', id: 'CAPACITACION' },
        text: 'Incluir a las juntas administradoras de los acueductos rurales de Ibagué en los talleres de operación y tarifas.',
      },
      '11:00:00',
    ),
    first('2025-07-29', 'CTP', { type: 'CloseReview' }),
    first('2025-08-12', 'PLANNER', {
      type: 'RespondToRecommendation',
      recommendationId: 'R1',
      decision: 'PARTIALLY_ACCEPTED',
      justification:
        'Se registrará un proyecto de ampliación de redes con la cofinanciación del PDA para 2027; la meta de 2025 no puede recuperarse por el recorte del SGP.',
      commitmentDate: '2026-09-30',
    }),
    first(
      '2025-08-12',
      'PLANNER',
      {
        type: 'RespondToRecommendation',
        recommendationId: 'R2',
        decision: 'ACCEPTED',
        justification:
          'La Secretaría de Infraestructura publicará el avance en la página de la alcaldía.',
        commitmentDate: '2025-10-31',
      },
      '11:00:00',
    ),
    first('2025-08-19', 'PDA', {
      type: 'RespondToRecommendation',
      recommendationId: 'R3',
      decision: 'REJECTED',
      justification:
        'La capacitación de las juntas rurales está a cargo de la Gobernación en 2026; el PDA no tiene recursos para ampliarla este año.',
    }),
    second('2026-01-20', 'CTP', { type: 'OpenReview' }),
    second('2026-02-03', 'CTP', {
      type: 'RecordConcept',
      concept: 'FAVORABLE_CON_OBSERVACIONES',
      text: 'Los indicadores anuales de 2025 avanzan; el compromiso de publicar el avance del proyecto de conexiones venció sin cumplirse.',
    }),
    second('2026-02-03', 'CTP', {
      type: 'AddRecommendation',
      target: { kind: 'PROJECT', id: 'P-002' },
      text: 'Cumplir el compromiso vencido de publicar el avance del proyecto de conexiones, con el reporte de 2025.',
    }),
    second('2026-02-10', 'CTP', { type: 'CloseReview' }),
    second('2026-02-24', 'PLANNER', {
      type: 'RespondToRecommendation',
      recommendationId: 'R1',
      decision: 'ACCEPTED',
      justification: 'El informe de avance 2025 se publica con el cierre fiscal.',
      commitmentDate: '2026-06-30',
    }),
  ];
}

/** The change that answers R1 of 2025-1, citing it (September 2026): a new coverage project. */
export const CITING_CHANGE_AT = at('2026-09-15');

const principals: Record<Speaker, Principal> = {
  CTP: {
    id: 'ctp-ibague',
    name: 'Consejo Territorial de Planeación de Ibagué',
    role: 'CTP',
    entity: '73001',
  },
  PLANNER: {
    id: 'planeacion-73001',
    name: 'Secretaría de Planeación de IBAGUÉ',
    role: 'PLANNER',
    entity: '73001',
  },
  PDA: { id: 'pda-tolima', name: 'Gestor PDA Tolima', role: 'PDA', entity: '73' },
};

async function planNow(events: EventStore, key: ReviewKey): Promise<PlanState> {
  return foldStream(sectorPlan, await events.readStream(planStreamId(key.daneCode, key.firstYear)));
}

/** The review's commands, and the change citing R1, as dated demo steps. */
export function ctpReviewSteps(territory: Divipola): DemoStep[] {
  const steps: DemoStep[] = ctpReviewScript().map((step) => ({
    at: step.at,
    run: async (events, correlationId) => {
      const plan = await planNow(events, step.review);
      const result = await handleCommand(
        events,
        ctpReview,
        reviewStreamId(step.review),
        step.command,
        { actor: principals[step.by], correlationId },
        {
          key: step.review,
          now: new Date(step.at),
          territory,
          plan: {
            goalIds: new Set(Object.values(plan.goals).map((g) => g.goalId)),
            projectIds: new Set(Object.keys(plan.projects)),
          },
          // The demo log is sealed by the server's sealer after seeding: no seal exists yet when
          // the demo opens its reviews (the report then prints the seal made later).
          seal: null,
        },
      );
      return result.events.length;
    },
  }));
  steps.push({
    at: CITING_CHANGE_AT,
    run: async (events, correlationId) => {
      const plan = await planNow(events, DEMO_REVIEW);
      const sgp = plan.funding.gestion['PDA']?.amounts ?? [0, 0, 0, 0];
      const result = await handleCommand(
        events,
        sectorPlan,
        planStreamId(DEMO_REVIEW.daneCode, DEMO_REVIEW.firstYear),
        {
          type: 'RegisterProject',
          projectId: 'P-003',
          kind: 'propio',
          name: 'Ampliación de redes de acueducto en el sur de Ibagué (cofinanciación PDA)',
          needId: 'N-01',
          valueByYear: [0, 0, 0, Math.max(sgp[2] ?? 0, 250_000_000)],
          reason:
            'Recupera cobertura urbana de acueducto con la cofinanciación del PDA, como respondió la administración a la recomendación R1 del CTP (2025-1).',
          legalBasis: 'Acuerdo 019 de 2026',
        },
        {
          actor: principals.PLANNER,
          correlationId,
          answersRecommendation: recommendationRef(reviewStreamId(DEMO_REVIEW), 'R1'),
        },
        { territory },
      );
      return result.events.length;
    },
  });
  return steps;
}
