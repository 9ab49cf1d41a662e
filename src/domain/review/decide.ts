/**
 * The review's decider: `decide(command, state, context) -> events | error`, pure. The CTP opens
 * the review once its semester has ended in Bogotá (fixing the packet's instants and the seal),
 * records its concepto and recommendations, and closes it, which makes them final: a later change
 * is a correction with a reason. The administration answers each final recommendation and records
 * the presentation of its goals to the CTP and the Consejo de Política Social.
 */
import { DomainError, badInput, conflict, notFound } from '../errors';
import { findIndicator } from '../catalogue/indicators';
import { SOCIAL_LINES } from '../social/social-plan';
import type { Territory } from '../territory';
import {
  bogotaDate,
  bogotaMidday,
  formatSemesterKey,
  governmentPeriod,
  parseSemester,
  semesterEnd,
  semesterOf,
} from '../time';
import {
  REVIEW_LIMITS,
  type AdministrationCommand,
  type CouncilCommand,
  type ReviewCommand,
} from './commands';
import {
  CONCEPTS,
  DECISIONS,
  FORUMS,
  TARGET_KINDS,
  reviewStreamId,
  type Concept,
  type Decision,
  type Forum,
  type RecommendationTarget,
  type ReviewEvent,
  type ReviewKey,
  type SealReference,
} from './events';
import type { ReviewState } from './state';

export interface ReviewContext {
  /** Which review the stream is. */
  key: ReviewKey;
  /** The instant the command is decided at (the opening instant fixes the packet's knownAt). */
  now: Date;
  territory: Territory;
  /** The sector plan the review follows, as recorded now; null when there is none. */
  plan: { goalIds: ReadonlySet<string>; projectIds: ReadonlySet<string> } | null;
  /** The seal of the semester, where the log has been sealed. */
  seal: SealReference | null;
}

export type ReviewDecision =
  { ok: true; events: ReviewEvent[] } | { ok: false; error: DomainError };

export function decideReview(
  command: ReviewCommand,
  state: ReviewState,
  context: ReviewContext,
): ReviewDecision {
  try {
    const events =
      command.type === 'RespondToRecommendation' || command.type === 'RecordPresentation'
        ? decideAdministration(command, state, context)
        : decideCouncil(command, state, context);
    return { ok: true, events };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

// ---------------------------------------------------------------------------- field checks

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw badInput(field, 'es obligatorio.');
  if (value.length > max) throw badInput(field, `supera ${max} caracteres.`);
  return value.trim();
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  // Stryker disable next-line ConditionalExpression: `typeof value !== 'string'` → false is equivalent (the allowed values are all strings, so includes finds nothing of another type); the mark also takes the condition → true and → false, which the unknown-value and accepted-value tests kill
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw badInput(field, `valor desconocido; use ${allowed.join(', ')}.`);
  return value as T;
}

function requireReason(reason: string | undefined, why: string): void {
  if (!reason?.trim()) throw badInput('reason', `se requiere una justificación (reason) ${why}.`);
  if (reason.length > REVIEW_LIMITS.reason)
    throw badInput('reason', `supera ${REVIEW_LIMITS.reason} caracteres.`);
}

function isoDate(value: unknown, field: string): string {
  if (
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the type and shape checks only refuse early; dropping either, or `||` → `&&`, is equivalent, since the last check refuses whatever they let through (toISOString's ten characters equal only a string AAAA-MM-DD); the mark also takes the condition's other mutants (→ true, → false, the other `||` → `&&`, the NaN check → false), which the valid-date and invalid-date tests, '2025-13-01' among them, kill
    typeof value !== 'string' ||
    // Stryker disable next-line Regex: without `^` or `$` the pattern lets through text around a date, which the last check refuses (its ten characters must be the whole value); the mark also takes the `\D` and quantifier mutants, which every valid date kills
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(value)) ||
    new Date(value).toISOString().slice(0, 10) !== value
  ) {
    throw badInput(field, 'fecha inválida: use AAAA-MM-DD.');
  }
  return value;
}

function requireOpened(state: ReviewState): NonNullable<ReviewState['opened']> {
  if (!state.opened)
    throw notFound('review', 'la revisión de este semestre no está abierta: el CTP debe abrirla.');
  return state.opened;
}

function target(
  value: RecommendationTarget | undefined,
  context: ReviewContext,
): RecommendationTarget {
  if (!value || typeof value !== 'object') throw badInput('target', 'indique a qué apunta.');
  const kind = oneOf(value.kind, 'target.kind', TARGET_KINDS);
  const id = typeof value.id === 'string' ? value.id.trim() : '';
  if (id === '' || id.length > 100) throw badInput('target.id', 'es obligatorio (máx. 100).');
  const known = (() => {
    switch (kind) {
      case 'GOAL':
        return context.plan?.goalIds.has(id) ?? false;
      case 'INDICATOR':
        return findIndicator(id) !== undefined;
      case 'PROJECT':
        return context.plan?.projectIds.has(id) ?? false;
      case 'SOCIAL_LINE':
        return SOCIAL_LINES.some((line) => line.code === id);
    }
  })();
  if (!known) {
    const what = {
      GOAL: 'una meta del plan',
      INDICATOR: 'un indicador del catálogo',
      PROJECT: 'un proyecto del plan',
      SOCIAL_LINE: 'una línea del Plan de Gestión Social',
    }[kind];
    throw notFound('target.id', `${id} no es ${what}.`);
  }
  return { kind, id };
}

// ---------------------------------------------------------------------------- the council

function decideCouncil(
  command: CouncilCommand,
  state: ReviewState,
  context: ReviewContext,
): ReviewEvent[] {
  if (command.type === 'OpenReview') return openReview(state, context);
  requireOpened(state);
  switch (command.type) {
    case 'RecordConcept': {
      const concept = oneOf<Concept>(command.concept, 'concept', CONCEPTS);
      const value = { concept, text: text(command.text, 'text', REVIEW_LIMITS.conceptText) };
      const previous = state.concept
        ? { concept: state.concept.concept, text: state.concept.text }
        : null;
      if (previous && previous.concept === value.concept && previous.text === value.text)
        throw badInput('text', 'el concepto registrado ya es ese: no hay nada que cambiar.');
      if (!state.closed) return [{ type: 'ConceptRecorded', data: { ...value, previous } }];
      requireReason(command.reason, 'para corregir el concepto de una revisión cerrada');
      return [{ type: 'ConceptCorrected', data: { ...value, previous: previous! } }];
    }
    case 'AddRecommendation': {
      if (state.closed)
        throw conflict(
          'review',
          'la revisión está cerrada: sus recomendaciones son definitivas (corrija una con correctRecommendation y reason).',
        );
      const count = Object.keys(state.recommendations).length;
      if (count >= REVIEW_LIMITS.recommendations)
        throw badInput(
          'recommendations',
          `una revisión tiene a lo sumo ${REVIEW_LIMITS.recommendations} recomendaciones.`,
        );
      return [
        {
          type: 'RecommendationAdded',
          data: {
            recommendationId: `R${count + 1}`,
            target: target(command.target, context),
            text: text(command.text, 'text', REVIEW_LIMITS.recommendationText),
          },
        },
      ];
    }
    case 'CorrectRecommendation': {
      const current = state.recommendations[command.recommendationId];
      if (!current)
        throw notFound(
          'recommendationId',
          `la recomendación ${command.recommendationId} no existe en esta revisión.`,
        );
      requireReason(command.reason, 'para corregir una recomendación');
      const next = {
        target: command.target ? target(command.target, context) : current.target,
        text:
          command.text === undefined
            ? current.text
            : text(command.text, 'text', REVIEW_LIMITS.recommendationText),
      };
      if (
        next.text === current.text &&
        next.target.kind === current.target.kind &&
        next.target.id === current.target.id
      )
        throw badInput('text', 'la corrección no cambia nada.');
      return [
        {
          type: 'RecommendationCorrected',
          data: {
            recommendationId: current.recommendationId,
            ...next,
            previous: { target: current.target, text: current.text },
            afterClosing: state.closed,
          },
        },
      ];
    }
    case 'CloseReview': {
      if (state.closed) throw conflict('review', 'la revisión ya está cerrada.');
      if (!state.concept)
        throw badInput('concept', 'registre el concepto antes de cerrar la revisión.');
      const recommendationIds = Object.keys(state.recommendations);
      // The CTP "recomendará los ajustes necesarios en caso de incumplimiento": a concept with
      // observations or unfavourable says what to adjust.
      if (state.concept.concept !== 'FAVORABLE' && recommendationIds.length === 0)
        throw badInput(
          'recommendations',
          'un concepto con observaciones o desfavorable debe traer al menos una recomendación.',
        );
      return [
        { type: 'ReviewClosed', data: { concept: state.concept.concept, recommendationIds } },
      ];
    }
  }
}

function openReview(state: ReviewState, context: ReviewContext): ReviewEvent[] {
  const { key, now } = context;
  if (state.opened) throw conflict('review', `la revisión ${reviewStreamId(key)} ya fue abierta.`);
  const municipality = context.territory.municipality(key.daneCode);
  if (!municipality)
    throw badInput('daneCode', `el código DANE ${key.daneCode} no existe en la DIVIPOLA.`);
  const period = governmentPeriod(key.firstYear);
  const semester = parseSemester(key.semester);
  if (semester.year < period.firstYear || semester.year > period.lastYear)
    throw badInput(
      'semester',
      `el semestre ${key.semester} está fuera del cuatrienio ${period.firstYear}-${period.lastYear}.`,
    );
  const end = semesterEnd(semester);
  if (now.getTime() <= end.getTime())
    throw badInput(
      'semester',
      `el semestre ${key.semester} termina el ${bogotaDate(end)} a las 23:59:59 (hora de Bogotá): su revisión se abre después.`,
    );
  if (!context.plan)
    throw notFound(
      'plan',
      `no hay plan sectorial ${key.firstYear}-${period.lastYear} de ${municipality.name}.`,
    );
  return [
    {
      type: 'ReviewOpened',
      data: {
        reviewId: reviewStreamId(key),
        daneCode: key.daneCode,
        departmentCode: municipality.departmentCode,
        municipality: municipality.name,
        firstYear: key.firstYear,
        semester: formatSemesterKey(semester),
        asOf: end.toISOString(),
        knownAt: now.toISOString(),
        seal: context.seal,
      },
    },
  ];
}

// ---------------------------------------------------------------------------- the administration

function decideAdministration(
  command: AdministrationCommand,
  state: ReviewState,
  context: ReviewContext,
): ReviewEvent[] {
  const today = bogotaDate(context.now);
  if (command.type === 'RecordPresentation') {
    const forum = oneOf<Forum>(command.forum, 'forum', FORUMS);
    const date = isoDate(command.date, 'date');
    if (formatSemesterKey(semesterOf(bogotaMidday(date))) !== context.key.semester)
      throw badInput(
        'date',
        `la presentación se registra en la revisión de su semestre (${context.key.semester}).`,
      );
    if (date > today) throw badInput('date', 'la fecha no puede ser futura.');
    if (
      !Number.isInteger(command.attendance) ||
      command.attendance < 1 ||
      command.attendance > REVIEW_LIMITS.attendance
    )
      throw badInput('attendance', `número de asistentes entre 1 y ${REVIEW_LIMITS.attendance}.`);
    if (state.presentations.length >= REVIEW_LIMITS.presentations)
      throw badInput(
        'presentations',
        `a lo sumo ${REVIEW_LIMITS.presentations} presentaciones por semestre.`,
      );
    return [
      {
        type: 'PresentationRecorded',
        data: {
          presentationId: `P${state.presentations.length + 1}`,
          forum,
          date,
          act: text(command.act, 'act', REVIEW_LIMITS.act),
          attendance: command.attendance,
        },
      },
    ];
  }
  requireOpened(state);
  if (!state.closed)
    throw conflict(
      'review',
      'las recomendaciones aún no son definitivas: se responden cuando el CTP cierra la revisión.',
    );
  const recommendation = state.recommendations[command.recommendationId];
  if (!recommendation)
    throw notFound(
      'recommendationId',
      `la recomendación ${command.recommendationId} no existe en esta revisión.`,
    );
  const decision = oneOf<Decision>(command.decision, 'decision', DECISIONS);
  const justification = text(command.justification, 'justification', REVIEW_LIMITS.justification);
  let commitmentDate: string | null = null;
  if (decision === 'REJECTED') {
    if (command.commitmentDate)
      throw badInput('commitmentDate', 'una recomendación rechazada no lleva fecha de compromiso.');
  } else {
    if (!command.commitmentDate)
      throw badInput(
        'commitmentDate',
        'al aceptar una recomendación indique la fecha de compromiso.',
      );
    commitmentDate = isoDate(command.commitmentDate, 'commitmentDate');
    if (commitmentDate < today)
      throw badInput('commitmentDate', 'la fecha de compromiso no puede ser anterior a hoy.');
  }
  if (recommendation.response) requireReason(command.reason, 'para cambiar una respuesta ya dada');
  return [
    {
      type: 'RecommendationAnswered',
      data: {
        recommendationId: recommendation.recommendationId,
        decision,
        justification,
        commitmentDate,
        previous: recommendation.response,
      },
    },
  ];
}
