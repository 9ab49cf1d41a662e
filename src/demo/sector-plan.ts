/**
 * A realistic cuatrienio of a municipality's APSB sector plan, as the commands a planner issues
 * and the instant each is issued at (so record time spreads over the semesters). Used by the demo
 * seed of `npm start` and by the tests; figures vary by municipality but are deterministic.
 */
import type { Principal } from '../domain/access';
import { requiredIndicators, type Indicator } from '../domain/catalogue/indicators';
import { sectorPlan } from '../domain/plan/aggregate';
import { citingTheAct, type PlanCommand } from '../domain/plan/commands';
import { planStreamId } from '../domain/plan/events';
import type { Territory } from '../domain/territory';
import { DEMO_FIRST_YEAR, DEMO_MUNICIPALITIES } from './seed-constants';
import { commandStep, type DemoStep } from './steps';

export interface ScriptStep {
  /** ISO instant (Bogotá offset) at which the planner issues the command. */
  at: string;
  command: PlanCommand;
}

/** A small deterministic pseudo-random sequence (mulberry32), so every run seeds the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scale {
  baseline: number;
  total: number;
}

function scaleFor(indicator: Indicator, random: () => number): Scale {
  switch (indicator.unit) {
    case 'poblacion':
      if (indicator.direction === 'down') {
        const baseline = 2_000 + Math.round(random() * 18_000);
        return { baseline, total: Math.round(baseline * (0.3 + random() * 0.3)) };
      } else {
        const baseline = 50_000 + Math.round(random() * 200_000);
        return { baseline, total: Math.round(baseline * 0.08) };
      }
    case 'porcentaje':
      if (indicator.code.includes('IRCA')) {
        const baseline = Math.round((8 + random() * 30) * 10) / 10;
        return { baseline, total: Math.round(baseline * 0.6 * 10) / 10 };
      }
      if (indicator.code === 'ALC-TRAT-URB') {
        // Treated wastewater: Tabla 7's national line went from 27,5 % (2010) to 36 %.
        const baseline = Math.round((20 + random() * 20) * 10) / 10;
        return { baseline, total: Math.round(baseline * 0.3 * 10) / 10 };
      }
      if (indicator.code === 'GES-MUN') {
        // Three of the six requirements of ficha 4.2.10 met, all six by the end of the period.
        return { baseline: 50, total: 50 };
      }
      return { baseline: Math.round((60 + random() * 20) * 10) / 10, total: 12 };
    case 'horas':
      return { baseline: 14, total: 6 };
  }
}

/** Splits a total into four yearly targets (15/30/30/25 %), the last absorbing rounding. */
function spread(total: number, integer: boolean): [number, number, number, number] {
  const round = (v: number) => (integer ? Math.round(v) : Math.round(v * 10) / 10);
  const first = [0.15, 0.3, 0.3].map((share) => round(total * share));
  const last = integer
    ? total - first.reduce((a, b) => a + b, 0)
    : Math.round((total - first.reduce((a, b) => a + b, 0)) * 10) / 10;
  return [first[0]!, first[1]!, first[2]!, last];
}

const isInteger = (indicator: Indicator) => indicator.unit === 'poblacion';

/**
 * GES-MUN moves one requirement (16.67 points) a year from Año 2: nothing is due in Año 1, the
 * case the sectoral score must not punish.
 */
const MUNICIPAL_MANAGEMENT_TARGETS: [number, number, number, number] = [0, 16.67, 16.66, 16.67];

const targetsOf = (indicator: Indicator, scale: Scale) =>
  indicator.code === 'GES-MUN'
    ? MUNICIPAL_MANAGEMENT_TARGETS
    : spread(scale.total, isInteger(indicator));

/** Bogotá-time instant for a date in a year. */
const at = (date: string, time = '10:00:00') => `${date}T${time}-05:00`;

export interface ScriptOptions {
  seed?: number;
  /**
   * "national" adds what a municipality reports month by month over the cuatrienio (IRCA urban and
   * rural, continuity, with late corrections), like the national dataset benchmarks use.
   */
  detail?: 'demo' | 'national';
}

export function sectorPlanScript(
  daneCode: string,
  firstYear: number,
  options: ScriptOptions = {},
): ScriptStep[] {
  const seed = options.seed ?? Number(daneCode);
  const random = seeded(seed);
  const steps: ScriptStep[] = [];
  const y = (k: number) => firstYear + k;
  steps.push({ at: at(`${y(0)}-02-12`), command: { type: 'OpenPlan', daneCode, firstYear } });

  const indicators = requiredIndicators();
  const scales = new Map<string, Scale>();
  for (const indicator of indicators) {
    const scale = scaleFor(indicator, random);
    scales.set(indicator.code, scale);
    steps.push({
      at: at(`${y(0)}-03-0${1 + (steps.length % 8)}`),
      command: {
        type: 'SetBaseline',
        indicator: indicator.code,
        value: scale.baseline,
        measuredAt: { year: y(-1) },
        source: indicator.sources[0]!,
      },
    });
  }
  for (const indicator of indicators) {
    const scale = scales.get(indicator.code)!;
    steps.push({
      at: at(`${y(0)}-05-2${steps.length % 8}`),
      command: {
        type: 'SetGoal',
        indicator: indicator.code,
        targets: targetsOf(indicator, scale),
        total: scale.total,
      },
    });
  }
  // A draft revision before adoption: free, but audited (the goal's previous values are kept).
  const aseo = indicators.find((i) => i.code === 'ASE-COB-URB');
  if (aseo) {
    const scale = scales.get(aseo.code)!;
    const revised = Math.round(scale.total * 1.1);
    steps.push({
      at: at(`${y(0)}-05-28`),
      command: {
        type: 'SetGoal',
        indicator: aseo.code,
        targets: spread(revised, true),
        total: revised,
        reason: 'Ajuste del borrador tras la mesa de concertación con el prestador',
      },
    });
  }
  // The concejo adopts the development plan, and with it the sector plan (art. 1, parágrafo).
  steps.push({
    at: at(`${y(0)}-05-31`, '18:00:00'),
    command: citingTheAct({
      type: 'AdoptPlan',
      act: 'ACUERDO',
      number: `00${(seed % 7) + 1}`,
      date: `${y(0)}-05-31`,
    }),
  });

  // Needs bank, funding and projects (pesos).
  const sgp = 800_000_000 + Math.round(random() * 1_200_000_000);
  steps.push(
    {
      at: at(`${y(0)}-04-10`),
      command: {
        type: 'RegisterNeed',
        needId: 'N-01',
        need: 'Sectores urbanos sin red de acueducto',
        investmentName: 'Ampliación de redes de acueducto',
        estimatedValue: Math.round(sgp * 1.2),
      },
    },
    {
      at: at(`${y(0)}-04-11`),
      command: {
        type: 'RegisterNeed',
        needId: 'N-02',
        need: 'Vertimientos sin tratamiento',
        investmentName: 'Optimización de la PTAR',
        estimatedValue: Math.round(sgp * 2),
      },
    },
    {
      at: at(`${y(0)}-04-15`),
      command: {
        type: 'SetFundingRow',
        table: 'fuentes',
        row: 'SGP_APSB',
        amounts: [sgp, sgp, Math.round(sgp * 1.05), Math.round(sgp * 1.1)],
      },
    },
    {
      at: at(`${y(0)}-04-15`, '11:00:00'),
      command: {
        type: 'SetFundingRow',
        table: 'fuentes',
        row: 'PROPIOS',
        amounts: [200_000_000, 220_000_000, 240_000_000, 260_000_000],
      },
    },
    {
      at: at(`${y(0)}-04-16`),
      command: {
        type: 'SetFundingRow',
        table: 'usos',
        row: 'SUBSIDIOS_ACUEDUCTO',
        amounts: [
          Math.round(sgp * 0.15),
          Math.round(sgp * 0.15),
          Math.round(sgp * 0.16),
          Math.round(sgp * 0.16),
        ],
      },
    },
    {
      at: at(`${y(0)}-04-16`, '11:00:00'),
      command: {
        type: 'SetFundingRow',
        table: 'usos',
        row: 'SERVICIO_DEUDA',
        detail: 'Findeter',
        amounts: [90_000_000, 90_000_000, 90_000_000, 0],
      },
    },
    {
      at: at(`${y(0)}-04-17`),
      command: {
        type: 'SetFundingRow',
        table: 'gestion',
        row: 'PDA',
        amounts: [0, 500_000_000, 500_000_000, 0],
      },
    },
  );
  const acuUrb = scales.get('ACU-COB-URB')!;
  const treated = scales.get('ALC-TRAT-URB')!;
  steps.push(
    {
      at: at(`${y(0)}-05-02`),
      command: {
        type: 'RegisterProject',
        projectId: 'P-001',
        kind: 'propio',
        name: 'Ampliación de redes de acueducto urbano',
        needId: 'N-01',
        valueByYear: [Math.round(sgp * 0.3), Math.round(sgp * 0.4), Math.round(sgp * 0.3), 0],
      },
    },
    {
      at: at(`${y(0)}-05-02`, '11:00:00'),
      command: {
        type: 'AttachContribution',
        projectId: 'P-001',
        indicator: 'ACU-COB-URB',
        amount: Math.round(acuUrb.total * 0.6),
        unit: 'poblacion',
      },
    },
    {
      at: at(`${y(0)}-05-03`),
      command: {
        type: 'RegisterProject',
        projectId: 'P-002',
        kind: 'propio',
        name: 'Conexiones intradomiciliarias',
        valueByYear: [0, Math.round(sgp * 0.2), Math.round(sgp * 0.3), Math.round(sgp * 0.3)],
      },
    },
    {
      at: at(`${y(0)}-05-03`, '11:00:00'),
      command: {
        type: 'AttachContribution',
        projectId: 'P-002',
        indicator: 'ACU-COB-URB',
        amount: Math.round(acuUrb.total * 0.3),
        unit: 'poblacion',
      },
    },
    {
      at: at(`${y(0)}-05-06`),
      command: {
        type: 'RegisterProject',
        projectId: 'PDA-01',
        kind: 'tercero',
        name: 'Optimización de la planta de tratamiento de aguas residuales',
        needId: 'N-02',
        valueByYear: [0, 450_000_000, 450_000_000, 0],
        endDate: `${y(2)}-12-15`,
        fundingSources: ['PDA', 'SGR'],
        executor: 'PDA',
      },
    },
    {
      at: at(`${y(0)}-05-06`, '11:00:00'),
      command: {
        type: 'AttachContribution',
        projectId: 'PDA-01',
        indicator: 'ALC-TRAT-URB',
        amount: treated.total,
        unit: 'porcentaje',
      },
    },
  );

  // Progress: annual figures for every year of the period, reported in the following February
  // (a late one for Año 2 is corrected in the next semester).
  const annual = indicators.filter((i) => i.periodicity !== 'mensual');
  for (let k = 0; k < 4; k++) {
    const reportedAt = `${y(k + 1)}-02-1${k}`;
    for (const indicator of annual) {
      const scale = scales.get(indicator.code)!;
      const sign = indicator.direction === 'up' ? 1 : -1;
      const achieved = scale.total * Math.min(1, (k + 1) * (0.18 + random() * 0.12));
      const raw = scale.baseline + sign * achieved;
      const value = isInteger(indicator) ? Math.round(raw) : Math.round(raw * 10) / 10;
      steps.push({
        at: at(reportedAt),
        command:
          indicator.code === 'GES-MUN'
            ? {
                type: 'ReportProgress',
                indicator: 'GES-MUN',
                period: { year: y(k) },
                checklist: {
                  fondoSolidaridad: true,
                  estratificacion: true,
                  equilibrioSubsidios: k >= 1,
                  convenioSubsidios: k >= 2,
                  acuerdoPorcentajes: true,
                  subsidiosQuincePorCiento: k >= 3,
                },
                source: 'SUI',
              }
            : {
                type: 'ReportProgress',
                indicator: indicator.code,
                period: { year: y(k) },
                value,
                source: indicator.sources[0]!,
              },
      });
    }
  }
  // Monthly disposal figures (ficha 4.2.7) for each semester's closing month.
  const disposal = scales.get('ASE-DISP-URB')!;
  for (let k = 0; k < 4; k++) {
    for (const month of [6, 12]) {
      steps.push({
        at: at(`${month === 6 ? y(k) : y(k + 1)}-${month === 6 ? '07' : '01'}-20`),
        command: {
          type: 'ReportProgress',
          indicator: 'ASE-DISP-URB',
          period: { year: y(k), month },
          value: Math.round(Math.min(100, disposal.baseline + (k + month / 12) * 3) * 10) / 10,
          source: 'SUI',
        },
      });
    }
  }
  if (options.detail === 'national') steps.push(...monthlyReports(firstYear, random));
  // Two amendments with legal basis, in Año 2 and Año 3.
  const acuTargets = spread(Math.round(acuUrb.total * 0.9), true);
  const treatedTargets = spread(Math.round(treated.total * 1.2 * 10) / 10, false);
  steps.push(
    {
      at: at(`${y(1)}-06-28`, '17:00:00'),
      command: {
        type: 'AmendGoal',
        indicator: 'ACU-COB-URB',
        targets: acuTargets,
        total: acuTargets.reduce((a, b) => a + b, 0),
        reason: 'Recorte de la asignación SGP-APSB y reprogramación de obras',
        legalBasis: `Acuerdo 01${seed % 10} de ${y(1)}`,
      },
    },
    {
      at: at(`${y(2)}-03-14`),
      command: {
        type: 'AmendGoal',
        indicator: 'ALC-TRAT-URB',
        targets: treatedTargets,
        total: Math.round(treatedTargets.reduce((a, b) => a + b, 0) * 10) / 10,
        reason: 'Cofinanciación adicional del PDA para la PTAR',
        legalBasis: `Acuerdo 02${seed % 10} de ${y(2)}`,
      },
    },
    {
      at: at(`${y(2)}-03-15`),
      command: {
        type: 'ChangeContribution',
        projectId: 'PDA-01',
        indicator: 'ALC-TRAT-URB',
        amount: Math.round(treated.total * 1.2 * 10) / 10,
        unit: 'porcentaje',
        reason: 'Alcance ampliado por la cofinanciación',
      },
    },
  );
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Monthly figures for four years, each reported in the following month; some corrected later. */
function monthlyReports(firstYear: number, random: () => number): ScriptStep[] {
  const series: Array<{
    indicator: string;
    start: number;
    drift: number;
    max: number;
    source: string;
  }> = [
    {
      indicator: 'ACU-IRCA-URB',
      start: 4 + random() * 20,
      drift: -0.2,
      max: 100,
      source: 'INS (SIVICAP)',
    },
    {
      indicator: 'ACU-IRCA-RUR',
      start: 20 + random() * 40,
      drift: -0.4,
      max: 100,
      source: 'INS (SIVICAP)',
    },
    { indicator: 'ACU-CONT-URB', start: 14 + random() * 6, drift: 0.08, max: 24, source: 'SUI' },
    { indicator: 'ACU-CONT-RUR', start: 6 + random() * 8, drift: 0.1, max: 24, source: 'SUI' },
  ];
  const steps: ScriptStep[] = [];
  for (let index = 0; index < 48; index++) {
    const year = firstYear + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const reportYear = month === 12 ? year + 1 : year;
    const reportMonth = month === 12 ? 1 : month + 1;
    const day = String(13 + Math.floor(random() * 15)).padStart(2, '0');
    const when = `${reportYear}-${String(reportMonth).padStart(2, '0')}-${day}T09:00:00-05:00`;
    for (const s of series) {
      const raw = s.start + s.drift * index + (random() - 0.5) * 2;
      const value = Math.round(Math.min(s.max, Math.max(0, raw)) * 10) / 10;
      steps.push({
        at: when,
        command: {
          type: 'ReportProgress',
          indicator: s.indicator,
          period: { year, month },
          value,
          source: s.source,
        },
      });
      if (random() < 0.95) {
        const corrected = Math.round(Math.min(s.max, value + 0.3) * 10) / 10;
        steps.push({
          at: `${reportYear}-${String(reportMonth).padStart(2, '0')}-${day}T16:30:00-05:00`,
          command: {
            type: 'ReportProgress',
            indicator: s.indicator,
            period: { year, month },
            value: corrected === value ? Math.max(0, value - 0.3) : corrected,
            source: s.source,
            reason: 'Corrección del laboratorio departamental',
          },
        });
      }
    }
  }
  return steps;
}

const PDA_TOLIMA: Principal = {
  id: 'pda-tolima',
  name: 'Gestor PDA Tolima',
  role: 'PDA',
  entity: '73',
};

/**
 * The demo's sector plans as steps: each municipality's planning office issues its script, and
 * the PDA of Tolima its third-party projects and their links to goals.
 */
export function sectorPlanSteps(territory: Territory): DemoStep[] {
  return DEMO_MUNICIPALITIES.flatMap((daneCode) => {
    const municipality = territory.municipality(daneCode)!;
    const planner: Principal = {
      id: `planeacion-${daneCode}`,
      name: `Secretaría de Planeación de ${municipality.name}`,
      role: 'PLANNER',
      entity: daneCode,
    };
    const pdaProjects = new Set<string>();
    return sectorPlanScript(daneCode, DEMO_FIRST_YEAR).map(({ at, command }) => {
      if (command.type === 'RegisterProject' && command.kind === 'tercero') {
        pdaProjects.add(command.projectId);
      }
      const byPda = 'projectId' in command && pdaProjects.has(command.projectId);
      return commandStep(
        at,
        sectorPlan,
        planStreamId(daneCode, DEMO_FIRST_YEAR),
        command,
        byPda ? PDA_TOLIMA : planner,
        { territory },
      );
    });
  });
}
