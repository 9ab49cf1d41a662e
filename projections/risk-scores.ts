/**
 * Read model `risk_scores`: per territorial entity, its SGP-APSB risk score for each vigencia
 * under the methodology in force, with its history, so that "the national map as of a semester"
 * is one lookup per entity.
 *
 * The document is fed by three streams and keeps, inside itself, what a score needs from each:
 * - the plan events of its municipality (`plan-{dane}-{firstYear}`): a digest of the plan with
 *   the baselines, goals and the latest report per year of the indicators the sectoral component
 *   monitors (never a read of another read model);
 * - its monitoring inputs (`monitoring-{dane}-{year}`): FUT, SUI reports, flags, direct provider;
 * - the methodologies and component selections the ministry records: these fan out to every
 *   entity (1,121 documents), which is what keeps the score "under the methodology in force".
 *
 * Each vigencia keeps one version per semester (of record time) at whose end its score differed
 * from the semester before: the record as it stood at the semester's end. A catch-up's drafts
 * score each vigencia once per semester (or per flush) rather than after every event, to the same
 * versions. Item scores are kept as numbers in each version, so another methodology can weigh them
 * on read.
 *
 * The map reads none of this state: each entity's versions of each vigencia are also written to
 * `risk_map` (one small document per entity and vigencia, with the entity document in the same
 * commit), so a vigencia's national map reads 1,121 documents of about a kilobyte rather than the
 * whole state of every entity (about 30 KB each on the national dataset).
 */
import {
  methodologyFor,
  MONITORED_COMPONENTS,
  type AppliedMethodology,
  type Methodology,
  type MonitoredComponent,
  type RiskLevel,
} from '../src/domain/monitoring/methodology';
import { vigenciaInputs } from '../src/domain/monitoring/assessment';
import {
  evolveMonitoring,
  initialMonitoringState,
  type MonitoringState,
} from '../src/domain/monitoring/monitoring';
import {
  compactVigenciaItems,
  sectoralScore,
  weighCompact,
  type CompactItems,
  type ScoringOptions,
} from '../src/domain/monitoring/scoring';
import { findIndicator, type SectorComponent } from '../src/domain/catalogue/indicators';
import type { PlanEvent } from '../src/domain/plan/events';
import { initialPlanState, type PlanState, type ProgressEntry } from '../src/domain/plan/state';
import { periodContaining, semesterEnd, semesterOf, semesterStart } from '../src/domain/time';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { idsPerPlan, intern, periodKeyOf, planEventOf, planStreamOf, reportOf } from './envelope';
import { methodologyEventOf, monitoringEventOf } from './monitoring';

export interface RiskVersion {
  /** Semester of record time as a number, `2025-1` -> 20251. */
  semester: number;
  items: CompactItems;
  strategicFlags: readonly string[];
  components: readonly MonitoredComponent[];
  methodologyId: string;
  inForce: boolean;
  /** Category scores in CATEGORIES order. */
  categories: number[];
  total: number;
  level: RiskLevel;
  prioritised: boolean;
}

export interface RiskDocument extends ProjectedDocument {
  daneCode: string;
  departmentCode: string;
  /** Plan digests by first year: only what the sectoral items read. */
  plans: Record<string, PlanState>;
  /** Monitoring inputs by vigencia, as they stand now. */
  monitoring: Record<string, MonitoringState>;
  /** Methodologies the ministry recorded, in record order. */
  methodologies: readonly Methodology[];
  /** Components selected by vigencia (absent: all). */
  selections: Record<string, readonly MonitoredComponent[]>;
  /**
   * Versions by vigencia, oldest first: one per semester of record at whose end the score differed
   * from the version before.
   */
  vigencias: Record<string, RiskVersion[]>;
}

/** Read model `risk_map`: one entity's score versions for one vigencia (what the map reads). */
export interface RiskMapDocument extends ProjectedDocument {
  daneCode: string;
  departmentCode: string;
  year: number;
  /** Oldest first: one per semester of record at whose end the score differed from the one before. */
  versions: RiskVersion[];
}

export const RISK_MAP_COLLECTION = 'risk_map';

export const riskDocumentId = (daneCode: string) => `risk-${daneCode}`;
const riskIds = idsPerPlan((plan) => riskDocumentId(plan.daneCode));
/** The semester `semesterNumber` last gave, from its first to its last millisecond. */
const lastSemester = { number: 0, start: 0, end: -1 };
export const semesterNumber = (instant: Date): number => {
  const time = instant.getTime();
  // A log comes in record order: most events fall in the semester of the one before.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a cache: `false`, or an instant at either end computed afresh, gives the same semester
  if (time >= lastSemester.start && time <= lastSemester.end) return lastSemester.number;
  const semester = semesterOf(instant);
  lastSemester.number = semester.year * 10 + semester.half;
  lastSemester.start = semesterStart(semester).getTime();
  lastSemester.end = semesterEnd(semester).getTime();
  return lastSemester.number;
};

const NO_FLAGS: readonly string[] = Object.freeze([]);
const NO_METHODOLOGIES: readonly Methodology[] = Object.freeze([]);

/**
 * The methodology that applies to each vigencia, per list of recorded methodologies: the lists are
 * shared (most documents have none), so this is computed once per list and year, not per event.
 */
const appliedByList = new WeakMap<readonly Methodology[], Map<number, AppliedMethodology>>();
function appliedFor(year: number, recorded: readonly Methodology[]): AppliedMethodology {
  let byYear = appliedByList.get(recorded);
  // Stryker disable next-line ConditionalExpression: a cache: `true` builds it afresh every time, only slower; the disable takes `false` with it, which every test kills
  if (!byYear) appliedByList.set(recorded, (byYear = new Map()));
  let applied = byYear.get(year);
  // Stryker disable next-line ConditionalExpression: a cache: `true` computes the methodology afresh every time, only slower; the disable takes `false` with it, which every test kills
  if (!applied) byYear.set(year, (applied = methodologyFor(year, recorded)));
  return applied;
}
const ALL_COMPONENTS: readonly MonitoredComponent[] = Object.freeze([]);

/**
 * What an event changed in a vigencia's items, as bits: one per monitored component (in
 * MONITORED_COMPONENTS order) to score afresh, or EVERY_ITEM; none, the weights alone. A draft ORs
 * together what a semester's events changed, and scores each vigencia once.
 */
type Change = number;
const WEIGHTS: Change = 0;
const EVERY_ITEM: Change = 1 << MONITORED_COMPONENTS.length;
const COMPONENT_BITS = new Map(
  MONITORED_COMPONENTS.map((component, index): [SectorComponent, Change] => [
    component,
    1 << index,
  ]),
);

/** What a plan event changes in the items of the vigencias it reaches, or null when none. */
function changeOf(event: PlanEvent): Change | null {
  // PlanOpened sets no goal: scoring every item gives what scoring none of the sectoral ones does.
  if (event.type === 'PlanOpened') return EVERY_ITEM;
  if (
    event.type !== 'BaselineSet' &&
    event.type !== 'GoalSet' &&
    event.type !== 'GoalAmended' &&
    event.type !== 'ProgressReported'
  ) {
    return null;
  }
  const component = findIndicator(event.data.indicator)?.component;
  return (component && COMPONENT_BITS.get(component)) ?? null;
}

/** The order of two reports of the same year: its months in order, the year's own report last. */
const orderInYear = (entry: { period: { month?: number } }) => entry.period.month ?? 13;

/**
 * Each map of a digest's reports (one per year: the latest) keeps, hidden, its reports by year: a
 * catch-up looks a year up on every report and scores from the latest of a year or before, where a
 * `for...in` over the map (whose keys mix integers, `2024`, and strings, `2024-03`) collected its
 * keys every time (measured). Not enumerable: neither stored, nor copied, nor compared; a map
 * without it (read back from a store) gets it on first use. Its entries are never changed: a
 * draft's list is changed in place, a copy's is a copy.
 */
const BY_YEAR = Symbol('the reports of a map by year');
interface YearReport {
  year: number;
  key: string;
  entry: ProgressEntry;
}
type Reports = Record<string, ProgressEntry> & { [BY_YEAR]?: YearReport[] };

function byYear(reports: Reports): YearReport[] {
  let found = reports[BY_YEAR];
  if (found !== undefined) return found;
  found = [];
  for (const key in reports) {
    const entry = reports[key]!;
    found.push({ year: entry.period.year, key, entry });
  }
  hideByYear(reports, found);
  return found;
}

function hideByYear(reports: Reports, list: YearReport[]): void {
  // A frozen map (a test's, to prove `apply` pure) is never changed: its reports are collected each time.
  // Stryker disable next-line ConditionalExpression: a cache: `false` leaves the list unkept, collected afresh from the map next time; the disable takes `true` with it, which the frozen document's test kills
  if (Object.isExtensible(reports)) Object.defineProperty(reports, BY_YEAR, { value: list });
}

/**
 * `latestUpTo` of the scoring (the latest report of `year` or before) on a digest's map: with one
 * report per year, the one of the latest year up to `year`.
 */
function latestOfDigest(reports: Reports | undefined, year: number): ProgressEntry | null {
  if (reports === undefined) return null;
  let latest: YearReport | null = null;
  for (const report of byYear(reports)) {
    // Stryker disable next-line EqualityOperator: one report per year: `>=` finds the same one; the disable takes the other operators with it, which the property tests kill
    if (report.year <= year && (latest === null || report.year > latest.year)) latest = report;
  }
  return latest === null ? null : latest.entry;
}

/** A late report of an earlier month of a year: the digest, hence every score, stays as it was. */
const UNCHANGED = Symbol('unchanged');

/**
 * The digest after a plan event: the latest report of each year is all the score reads. `owned`
 * (catch-up drafts): `plan` and its maps are the caller's, changed in place; otherwise a new digest
 * sharing what the event leaves as it was. Either way the same keys in the same order.
 */
function digest(
  plan: PlanState | undefined,
  event: PlanEvent,
  recorded: RecordedEvent,
  owned: boolean,
): PlanState | typeof UNCHANGED {
  const base = plan ?? initialPlanState();
  const next = owned || !plan ? base : { ...base };
  switch (event.type) {
    case 'PlanOpened': {
      const { planId, daneCode, municipality, departmentCode, department, firstYear, lastYear } =
        event.data;
      next.planId = planId;
      next.daneCode = daneCode;
      next.municipality = municipality;
      next.departmentCode = departmentCode;
      next.department = department;
      next.firstYear = firstYear;
      next.lastYear = lastYear;
      return next;
    }
    case 'BaselineSet': {
      const { indicator, value, measuredAt, source } = event.data;
      if (!owned) next.baselines = { ...base.baselines };
      next.baselines[indicator] = { indicator, value, measuredAt, source };
      return next;
    }
    case 'GoalSet':
    case 'GoalAmended': {
      const { goalId, indicator, targets, total } = event.data;
      const amendments =
        // Stryker disable next-line OptionalChaining: a GoalAmended amends a goal already set (amendGoal refuses others)
        event.type === 'GoalSet' ? 0 : (base.goals[indicator]?.amendments ?? 0) + 1;
      if (!owned) next.goals = { ...base.goals };
      next.goals[indicator] = { goalId, indicator, targets, total, amendments };
      return next;
    }
    case 'ProgressReported': {
      const entry = reportOf(recorded, event);
      const { indicator, period } = entry;
      const known: Reports | undefined = base.progress[indicator];
      let reports: Reports;
      let years: YearReport[];
      if (owned && known) {
        reports = known;
        years = byYear(known);
      } else {
        reports = { ...(known ?? {}) };
        years = known ? [...byYear(known)] : [];
        hideByYear(reports, years);
      }
      let index = 0;
      while (index < years.length && years[index]!.year !== period.year) index++;
      const sameYear = years[index];
      if (sameYear !== undefined) {
        // An earlier period of the same year (a late correction) leaves the year's latest as is.
        if (orderInYear(sameYear.entry) > orderInYear(entry)) return UNCHANGED;
        delete reports[sameYear.key];
      }
      const key = periodKeyOf(period);
      reports[key] = entry;
      years[index] = { year: period.year, key, entry };
      // Stryker disable next-line ConditionalExpression: `true` sets a draft's own map of reports again where it already is (reports and known are one object only in a draft); the disable takes `false` with it, which a first report through `apply` kills
      if (reports !== known) {
        if (!owned) next.progress = { ...base.progress };
        next.progress[indicator] = reports;
      }
      return next;
    }
    default:
      return UNCHANGED;
  }
}

/**
 * The vigencias a report of `year` can change: its own and the later ones of the plan, up to (not
 * including) the first later year with a report of the same indicator, since a vigencia reads the
 * latest report of its year or before (`latestUpTo` in the scoring).
 */
function reportReach(plan: PlanState, indicator: string, year: number, firstYear: number) {
  let through = firstYear + 3;
  // A cut: a wider reach rescores vigencias whose score does not change, which then keep their
  // versions as they are (only slower); a narrower one leaves a score stale.
  // Stryker disable next-line BlockStatement: a wider reach is only slower
  for (const { year: reported } of byYear(plan.progress[indicator]!)) {
    // Stryker disable next-line ConditionalExpression: `true` never narrows the reach: a wider reach is only slower; the disable takes `false` with it, which the late-report tests kill
    if (reported <= year) continue;
    // Stryker disable next-line MethodExpression,ArithmeticOperator: a wider reach is only slower
    through = Math.min(through, reported - 1);
  }
  return { from: year, through };
}

/** Element by element; the same list (most calls: nothing changed) at once. */
function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  // Stryker disable next-line ConditionalExpression: a shortcut: the same list compared element by element is equal too; the disable takes `true` with it, which every changed score kills
  if (a === b) return true;
  if (a.length !== b.length) return false;
  // Stryker disable next-line EqualityOperator: `<=` also compares the element after the last, undefined in both lists of the same length; the disable takes `>=` and `a[i] === b[i]` with it, which every changed score kills
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a vigencia without monitoring inputs reads (never changed: `evolve` builds new states). */
const NO_MONITORING: MonitoringState = Object.freeze(initialMonitoringState());
/** The scores alone, from a digest's reports by year. */
const SCORES_ONLY: ScoringOptions = Object.freeze({ explain: false, latestUpTo: latestOfDigest });

const sameItems = (a: CompactItems, b: CompactItems) =>
  sameList(a.presupuestales, b.presupuestales) &&
  sameList(a.administrativos, b.administrativos) &&
  sameList(a.sectoriales, b.sectoriales);

/** The vigencia's items, recomputing only what the change touched. */
function itemsAfter(
  doc: RiskDocument,
  year: number,
  change: Change,
  last: RiskVersion | undefined,
) {
  const plan = doc.plans[String(periodContaining(year).firstYear)] ?? null;
  const monitoring = doc.monitoring[String(year)] ?? NO_MONITORING;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BitwiseOperator: a cut: every item afresh gives what the changed components or the weights alone give, only slower (`true`, `|`); the disable takes `false` and `=== 0` with it, which the first score of a vigencia and every FUT change kill
  if (!last || (change & EVERY_ITEM) !== 0) {
    return compactVigenciaItems(vigenciaInputs(year, monitoring, plan), latestOfDigest);
  }
  const kept = last.items.sectoriales;
  let sectoriales = kept;
  for (let index = 0; index < MONITORED_COMPONENTS.length; index++) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BitwiseOperator: scoring afresh a component that did not change gives its score as it was, only slower (`false`, `|`); the disable takes `true` and `!== 0` with it, which every changed report kills
    if ((change & (1 << index)) === 0) continue;
    const component = MONITORED_COMPONENTS[index]!;
    const { score } = sectoralScore(plan, year, component, monitoring.budget, SCORES_ONLY);
    // Stryker disable next-line ConditionalExpression: `false` copies the items with the same value (only less sharing); the disable takes `true` with it, which every changed report kills
    if (sectoriales[index] === score) continue;
    // Stryker disable next-line ConditionalExpression: `true` copies the copy again, with the same values; the disable takes `false` (the last version's list changed in place) with it, which every changed report kills
    if (sectoriales === kept) sectoriales = [...kept];
    sectoriales[index] = score;
  }
  // Stryker disable next-line ConditionalExpression: `false` builds a copy of the items with the same values (only less sharing); the disable takes `true` with it, which every changed report kills
  return sectoriales === kept ? last.items : { ...last.items, sectoriales };
}

/** Whether a version already says what these items, flags, components and methodology give. */
function says(
  version: RiskVersion,
  items: CompactItems,
  strategicFlags: readonly string[],
  components: readonly MonitoredComponent[],
  applied: AppliedMethodology,
): boolean {
  return (
    sameItems(version.items, items) &&
    sameList(version.strategicFlags, strategicFlags) &&
    // By value: a document read back from a persisted store holds its own copies of the lists.
    sameList(version.components, components) &&
    version.methodologyId === applied.methodology.id &&
    version.inForce === applied.inForce
  );
}

/**
 * Recomputes one vigencia in a semester of record, adding, replacing or removing that semester's
 * version: the vigencia keeps, per semester, how its score stood at the semester's end, when that
 * differs from the semester before (a score changed and changed back within a semester leaves no
 * version). Sets `doc.vigencias[year]` to a new list (the caller owns the `vigencias` map, not the
 * lists), or, in a draft (`owned`), changes its list in place.
 */
function rescore(
  doc: RiskDocument,
  year: number,
  change: Change,
  semester: number,
  owned: boolean,
): void {
  const key = String(year);
  const versions = doc.vigencias[key] ?? [];
  const last = versions[versions.length - 1];
  const items = itemsAfter(doc, year, change, last);
  const monitoring = doc.monitoring[key] ?? NO_MONITORING;
  const strategicFlags =
    // Stryker disable next-line ConditionalExpression: an empty list of flags and NO_FLAGS are compared by value (sameList) and weigh the same: sharing NO_FLAGS only saves memory; the disable takes `true` with it, which a raised flag kills
    monitoring.strategicFlags.length === 0 ? NO_FLAGS : monitoring.strategicFlags;
  const components = doc.selections[key] ?? ALL_COMPONENTS;
  const applied = appliedFor(year, doc.methodologies);
  if (last && says(last, items, strategicFlags, components, applied)) return;
  const replaces = last !== undefined && last.semester === semester;
  const before = replaces ? versions[versions.length - 2] : undefined;
  if (before && says(before, items, strategicFlags, components, applied)) {
    // Back to where the semester began: it changed nothing.
    if (owned) versions.pop();
    else doc.vigencias[key] = versions.slice(0, -1);
    return;
  }
  const score = weighCompact(applied.methodology, items, components, strategicFlags);
  const version: RiskVersion = {
    semester,
    items,
    strategicFlags,
    components,
    methodologyId: intern(applied.methodology.id),
    inForce: applied.inForce,
    categories: score.categories,
    total: score.total,
    level: score.level,
    prioritised: score.prioritised,
  };
  if (owned && versions.length > 0) {
    // A draft's lists are its own (decoded for it, or built by this function for it).
    if (replaces) versions[versions.length - 1] = version;
    else versions.push(version);
    return;
  }
  doc.vigencias[key] = replaces ? [...versions.slice(0, -1), version] : [...versions, version];
}

/**
 * What a draft's events of one semester of record changed, not scored yet: a catch-up scores each
 * vigencia once per semester (or per flush) instead of after every event. What is scored in the end
 * is the same: a semester's version is how the score stood at its end.
 */
interface Unscored {
  semester: number;
  /** By vigencia: what the semester's events changed, ORed together. */
  changes: Map<number, Change>;
}

/** The drafts' unscored changes (never stored: `finalize` scores them before a draft is written). */
const unscored = new WeakMap<RiskDocument, Unscored>();

/** Scores what a draft left unscored, in the semester it was recorded in. */
function scoreUnscored(doc: RiskDocument): void {
  const pending = unscored.get(doc);
  if (!pending) return;
  unscored.delete(doc);
  // Scoring the components one by one or together ends on the same items: the version is how the
  // score stood at the semester's end.
  for (const [year, change] of pending.changes) rescore(doc, year, change, pending.semester, true);
}

/** A vigencia's score changed by an event: rescored now, or noted in a draft for later. */
function changed(doc: RiskDocument, year: number, change: Change, at: RecordTime): void {
  if (!at.owned) return rescore(doc, year, change, at.semester, false);
  let pending = at.pending;
  if (!pending) {
    unscored.set(doc, (pending = { semester: at.semester, changes: new Map() }));
    at.pending = pending;
  }
  pending.changes.set(year, (pending.changes.get(year) ?? WEIGHTS) | change);
}

/** The semester of record of the event being applied, and whether the document is a draft. */
interface RecordTime {
  semester: number;
  owned: boolean;
  /** A draft's unscored changes of this semester, looked up once per event. */
  pending: Unscored | undefined;
}

/** Vigencias the document scores: those of its plans and of its monitoring inputs. */
function knownVigencias(doc: RiskDocument): Set<number> {
  const years = new Set<number>(Object.keys(doc.monitoring).map(Number));
  for (const plan of Object.values(doc.plans)) {
    // Stryker disable next-line ConditionalExpression: a digest is created by its plan's PlanOpened (the stream's first event), which sets firstYear
    if (plan.firstYear === null) continue;
    for (let year = plan.firstYear; year <= plan.firstYear + 3; year++) years.add(year);
  }
  return years;
}

function emptyDocument(id: string): Omit<RiskDocument, '_position'> {
  const daneCode = id.slice('risk-'.length);
  return {
    _id: id,
    daneCode,
    // DIVIPOLA codes begin with their department's two digits.
    departmentCode: daneCode.slice(0, 2),
    plans: {},
    monitoring: {},
    methodologies: NO_METHODOLOGIES,
    selections: {},
    vigencias: {},
  };
}

const MONITORING_STREAM = /^monitoring-(\d{5})-\d{4}$/;

/**
 * The projection, given the DANE codes of every territorial entity (reference data): a new
 * methodology or component selection reaches each of them.
 */
export function riskScoresProjection(entities: readonly string[]): Projection<RiskDocument> {
  const everyone = entities.map(riskDocumentId);
  return {
    name: 'risk_scores',
    // 2: each entity's versions also written to `risk_map`, one summary per vigencia. 3: versions
    // without `recordedAt` (read by no query), so that a catch-up scores once per semester.
    version: 3,
    collection: 'risk_scores',
    indexes: [{ keys: { departmentCode: 1 } }],
    // A tenth of the national log's catch-up: shared out between the catch-up workers by entity.
    sharedByDocument: true,
    // Reviews, social plans and the rest of the log never reach a score.
    streamPrefixes: ['plan-', 'monitoring-', 'methodology-', 'sgp-components-'],
    summaries: {
      collection: RISK_MAP_COLLECTION,
      // A vigencia's map, of the country or of a department.
      indexes: [{ keys: { year: 1, departmentCode: 1 } }],
      of: (doc) =>
        Object.entries(doc.vigencias).map(
          ([year, versions]): Omit<RiskMapDocument, '_position'> => ({
            _id: `${doc._id}-${year}`,
            daneCode: doc.daneCode,
            departmentCode: doc.departmentCode,
            year: Number(year),
            versions,
          }),
        ),
    },
    // A plan's or a monitoring stream's events reach its entity's document only.
    documentsOfStream: (stream) => {
      const daneCode = planStreamOf(stream)?.daneCode ?? MONITORING_STREAM.exec(stream)?.[1];
      return daneCode === undefined ? undefined : [riskDocumentId(daneCode)];
    },
    idsOf: (recorded) => {
      const plan = planEventOf(recorded);
      if (plan) return changeOf(plan.event) === null ? [] : riskIds(plan.plan, null);
      const monitoring = MONITORING_STREAM.exec(recorded.stream);
      if (monitoring) return monitoringEventOf(recorded) ? [riskDocumentId(monitoring[1]!)] : [];
      return methodologyEventOf(recorded) ? everyone : [];
    },
    // Pure: a copy of the maps the event may change (their values are never changed in place).
    apply: (current, recorded, id) =>
      evolve(current ? ownMaps(current) : emptyDocument(id), recorded, false),
    // Catch-up drafts: the projector owns the document, so its maps are changed in place.
    applyInPlace: (draft, recorded, id) => evolve(draft ?? emptyDocument(id), recorded, true),
    // A draft's last semester of changes, scored before it is written.
    finalize: (doc) => {
      scoreUnscored(doc);
      return doc;
    },
  };
}

function ownMaps(doc: RiskDocument): RiskDocument {
  return {
    ...doc,
    plans: { ...doc.plans },
    monitoring: { ...doc.monitoring },
    selections: { ...doc.selections },
    vigencias: { ...doc.vigencias },
  };
}

/**
 * The document after the event, changing its maps (`plans`, `monitoring`, `selections`,
 * `vigencias`) in place and setting new values in them. For `apply` (`owned` false) digests,
 * states and version lists are replaced, never changed, so a copy of the maps keeps it pure; a
 * catch-up draft (`owned`) also changes its own digests and version lists in place.
 */
function evolve(
  draft: Omit<RiskDocument, '_position'>,
  recorded: RecordedEvent,
  owned: boolean,
): RiskDocument {
  const doc = draft as RiskDocument;
  const semester = semesterNumber(recorded.recordedAt);
  const at: RecordTime = { semester, owned, pending: unscored.get(doc) };
  // A draft's changes of an earlier semester are scored before this event changes its inputs.
  if (owned && at.pending?.semester !== semester) {
    scoreUnscored(doc);
    at.pending = undefined;
  }
  const plan = planEventOf(recorded);
  if (plan) {
    const change = changeOf(plan.event)!;
    const { firstYear } = plan.plan;
    const key = String(firstYear);
    const after = digest(doc.plans[key], plan.event, recorded, owned);
    // A late report of an earlier month leaves the digest, hence every score, as it was.
    if (after === UNCHANGED) return doc;
    doc.plans[key] = after;
    // A report for a year counts for that vigencia and the later ones of the plan, up to the
    // first later year the indicator has a report of its own (which those vigencias read instead).
    const { from, through } =
      // Stryker disable next-line StringLiteral,ConditionalExpression: a cut; the whole plan's reach is only slower (the disable takes `true` with it, which a late report of an earlier year kills)
      plan.event.type === 'ProgressReported'
        ? reportReach(after, plan.event.data.indicator, plan.event.data.period.year, firstYear)
        : { from: firstYear, through: firstYear + 3 };
    // Stryker disable next-line MethodExpression: a report's year is inside its plan (the decider's yearIndex)
    for (let year = Math.max(from, firstYear); year <= through; year++) {
      changed(doc, year, change, at);
    }
    return doc;
  }
  const monitoring = monitoringEventOf(recorded);
  if (monitoring) {
    const key = String(monitoring.data.year);
    doc.monitoring[key] = evolveMonitoring(
      doc.monitoring[key] ?? initialMonitoringState(),
      monitoring,
    );
    changed(doc, monitoring.data.year, EVERY_ITEM, at);
    return doc;
  }
  const methodology = methodologyEventOf(recorded)!;
  if (methodology.type === 'MethodologyDefined') {
    const defined = methodology.data.methodology;
    doc.methodologies = [...doc.methodologies, defined];
    for (const year of knownVigencias(doc)) {
      const covered =
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a cut: rescoring a vigencia the methodology does not cover leaves its versions as they are, only slower (`true`, `||`); the disable takes the narrowing ones with it (`false`, `&&`), which the methodology tests kill
        year >= defined.firstYear && (defined.lastYear === null || year <= defined.lastYear);
      // Stryker disable next-line ConditionalExpression: a cut, as above; the disable takes `false` with it, which the methodology tests kill
      if (covered) changed(doc, year, WEIGHTS, at);
    }
    return doc;
  }
  const { year, components } = methodology.data;
  doc.selections[String(year)] = components;
  if (knownVigencias(doc).has(year)) changed(doc, year, WEIGHTS, at);
  return doc;
}
