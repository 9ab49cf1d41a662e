/**
 * The demo's Plan de Gestión Social of the PDA of Tolima for 2024-2027: the three mandatory lines
 * and one accompaniment line, activities across semesters in the demo municipalities, some
 * executed (with participant counts), one rescheduled, one cancelled, some left late.
 */
import type { Principal } from '../domain/access';
import {
  socialPlan,
  socialPlanStreamId,
  type SocialPlanCommand,
} from '../domain/social/social-plan';
import type { Territory } from '../domain/territory';
import { DEMO_FIRST_YEAR, DEMO_MUNICIPALITIES } from './seed-constants';
import { commandStep, type DemoStep } from './steps';

export interface SocialStep {
  at: string;
  command: SocialPlanCommand;
}

const at = (date: string) => `${date}T10:00:00-05:00`;
const LINES = [
  [
    'PC',
    'PARTICIPACION_CIUDADANA',
    'Veedurías ciudadanas a las obras del PDA',
    'Foro de control social',
  ],
  [
    'CO',
    'COMUNICACION',
    'Información pública de los proyectos de agua',
    'Socialización del proyecto',
  ],
  [
    'CA',
    'CAPACITACION',
    'Fortalecimiento de juntas administradoras de acueductos',
    'Taller de operación y tarifas',
  ],
  [
    'AC',
    'AGUA_SANEAMIENTO_EN_CASA',
    'Acompañamiento a conexiones intradomiciliarias',
    'Visita de acompañamiento',
  ],
] as const;

export function socialPlanScript(): SocialStep[] {
  const steps: SocialStep[] = [
    {
      at: at('2024-03-20'),
      command: {
        type: 'OpenSocialPlan',
        scope: '73',
        firstYear: 2024,
        objectives: [
          'Apropiación social y sostenibilidad de las obras de agua y saneamiento del PDA Tolima',
        ],
        municipalities: DEMO_MUNICIPALITIES,
      },
    },
  ];
  for (const [id, line, name] of LINES) {
    steps.push({
      at: at('2024-04-02'),
      command: {
        type: 'AddProgramme',
        programmeId: id,
        line,
        name,
        objectives: [name],
        goals: [
          { indicator: 'Actividades realizadas', unit: 'actividades', targets: [2, 4, 4, 2] },
        ],
      },
    });
  }
  const semesters = ['2024-2', '2025-1', '2025-2', '2026-1', '2026-2'];
  let n = 0;
  for (const [si, semester] of semesters.entries()) {
    for (const [li, [id, , , activityName]] of LINES.entries()) {
      if ((si + li) % 2 === 1 && id === 'AC') continue;
      n += 1;
      const activityId = `${id}-${n}`;
      const municipality = DEMO_MUNICIPALITIES[(si + li) % DEMO_MUNICIPALITIES.length]!;
      const year = Number(semester.slice(0, 4));
      const month = semester.endsWith('1') ? '02' : '08';
      steps.push({
        at: at(`${year}-${month}-0${1 + li}`),
        command: {
          type: 'PlanActivity',
          activityId,
          programmeId: id,
          name: activityName,
          municipality,
          plannedSemester: semester,
          budget: 4_000_000 + li * 1_000_000,
          expectedProduct: 'Acta y registro fotográfico',
        },
      });
      const executedMonth = semester.endsWith('1') ? '05' : '11';
      if (n === 3) {
        steps.push({
          at: at(`${year}-${executedMonth}-10`),
          command: {
            type: 'CancelActivity',
            activityId,
            reason: 'Suspensión de la obra por ola invernal',
          },
        });
      } else if (n === 5) {
        steps.push({
          at: at(`${year}-${executedMonth}-10`),
          command: {
            type: 'RescheduleActivity',
            activityId,
            plannedSemester: '2026-2',
            reason: 'Cambio de cronograma del contratista',
          },
        });
      } else if (n % 4 !== 0) {
        const people = 20 + ((n * 7) % 30);
        const young = Math.floor(people * 0.2);
        const elder = Math.floor(people * 0.15);
        const women = Math.ceil(people * 0.55);
        steps.push({
          at: at(`${year}-${executedMonth}-1${li}`),
          command: {
            type: 'RecordExecution',
            activityId,
            date: `${year}-${executedMonth}-0${1 + li}`,
            place: 'Salón comunal',
            participants: {
              age: {
                '0-17': young,
                '18-26': young,
                '27-59': people - 2 * young - elder,
                '60+': elder,
              },
              sex: { mujeres: women, hombres: people - women },
              ethnicGroup: { sin_pertenencia: people - 2, indigena: 2 },
              condition: { victima: n % 3, discapacidad: 1 },
            },
            rightsCategories: li === 0 ? ['ciudadania'] : ['desarrollo', 'ciudadania'],
            product: 'Acta firmada y compromisos',
            evidence: `PDA-Tolima/gestion-social/${activityId}.pdf`,
            actualCost: 3_800_000 + li * 900_000,
          },
        });
      }
    }
  }
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const SOCIAL_MANAGER: Principal = {
  id: 'pda-tolima-social',
  name: 'Gestora social PDA Tolima',
  role: 'PDA',
  entity: '73',
};

/** The PDA's Plan de Gestión Social as demo steps. */
export function socialPlanSteps(territory: Territory): DemoStep[] {
  return socialPlanScript().map(({ at, command }) =>
    commandStep(
      at,
      socialPlan,
      socialPlanStreamId('73', DEMO_FIRST_YEAR),
      command,
      SOCIAL_MANAGER,
      {
        territory,
      },
    ),
  );
}
