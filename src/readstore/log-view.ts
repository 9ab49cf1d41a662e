/**
 * A read model that is a view of the log beside the store: for a projection whose every document
 * is a pure function of one event (`derivedFromEvent`, e.g. the audit trail), the persisted
 * SQLite store keeps nothing at all. The log already holds the events, in position order, indexed
 * by stream; the projection says which streams (and positions) a filter can match (`logQuery`),
 * the log lists those positions, and each candidate document is computed from its event and
 * tested with mingo. A document is visible once the projection's checkpoint has reached its event,
 * exactly as if it had been written in the commit that moved the checkpoint.
 *
 * A catch-up then writes nothing for such a projection: on the national log that is a million
 * rows and three index entries each (the audit trail) that are never written.
 */
import { mongoFind, mongoQuery } from './mingo';
import type { LogSelection, Position, RecordedEvent } from '../eventstore/port';
import type { Collection, Filter, FindOptions, ReadDocument, WriteOperation } from './port';

/** What of a MongoDB filter the log can answer, as a projection declares it. */
export interface LogQuery extends LogSelection {
  /**
   * Every event the selection names makes a document, and every such document matches the
   * filter: the documents can be counted from the log without being computed.
   */
  exact: boolean;
}

/** The log beside the store, as a log view reads it. */
export interface LogView {
  /** The events at these positions (any order; missing ones left out). */
  eventsAt(positions: readonly Position[]): RecordedEvent[];
  /** The positions of the events with these ids (unknown ones left out). */
  positionsOf(ids: readonly string[]): Map<string, Position>;
  /** Up to `limit` positions of the selection, in position order (1) or reverse order (-1). */
  positionsIn(selection: LogSelection, order: 1 | -1, limit: number): Position[];
  /** How many events the selection names. */
  countIn(selection: LogSelection): number;
}

/** One collection computed from the log: how, and up to where. */
export interface LogViewSource {
  /** The projection whose checkpoint bounds what is visible. */
  projection: string;
  /** The document one event makes, exactly as the projector would write it (null: none). */
  documentOf(event: RecordedEvent): ReadDocument | null;
  /** What of a filter the log answers (see `LogQuery`). */
  logQuery(filter: Filter): LogQuery;
  /** Fields that hold the event's position, besides `_position`: sorting on them is log order. */
  positionFields: readonly string[];
}

/** Positions read from the log per step, and documents computed per step. */
const PAGE = 256;

/** What the collection needs of its store: the checkpoint, and the cache of computed documents. */
export interface LogViewHost {
  checkpointOf(projection: string): Position | null;
  cacheGet<T>(collection: string, id: string): T | undefined;
  cacheSet(collection: string, id: string, document: unknown, size: number): void;
  touch(): void;
}

/** Event ids whose positions are remembered, at most. */
const POSITIONS = 100_000;

/** Approximate size of a computed document, for the cache's budget. */
const DOCUMENT_SIZE = 400;

/**
 * Positions of the log counted per slice, the event loop given its turn between slices: a count
 * over the national log (a million index entries for its one actor) took 429 ms in one statement.
 * A slice reads at most this many index entries (a few ms). Measured on 200,000 events, four counts
 * at once of the one actor's entries: the loop blocked 138-290 ms in one statement each, 20-37 ms
 * in slices of 20,000 positions (40-98 ms in slices of 50,000).
 */
export const COUNT_SLICE = 20_000;

/** Documents computed (for a count the log cannot answer alone) between two turns of the loop. */
const COUNT_DOCUMENTS_PER_TURN = 2_048;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface LogViewOptions {
  /** Positions per slice of a count (default `COUNT_SLICE`). */
  countSlice?: number;
}

export class LogViewCollection<T extends ReadDocument> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly source: LogViewSource,
    private readonly log: LogView,
    private readonly host: LogViewHost,
    private readonly options: LogViewOptions = {},
  ) {}

  /**
   * The documents of these positions, in their order: from the cache, else computed from their
   * events and, when `remember`, cached. A read caches only what it answers: a count, or the
   * candidates a page skips, would otherwise flush the cache with documents nobody asked for.
   */
  private documentsAt(positions: readonly Position[], remember: boolean): Array<T | null> {
    const documents = new Array<T | null>(positions.length).fill(null);
    const missing: number[] = [];
    for (let i = 0; i < positions.length; i++) {
      const hit = this.host.cacheGet<T>(this.name, String(positions[i]));
      if (hit === undefined) missing.push(i);
      else documents[i] = hit;
    }
    if (missing.length > 0) {
      const events = new Map(
        this.log.eventsAt(missing.map((i) => positions[i]!)).map((e) => [e.position, e]),
      );
      for (const i of missing) {
        const event = events.get(positions[i]!);
        const document = event ? (this.source.documentOf(event) as T | null) : null;
        if (document && remember) this.remember(positions[i]!, document);
        documents[i] = document;
      }
    }
    return documents;
  }

  private remember(position: Position, document: T): void {
    this.host.cacheSet(this.name, String(position), document, DOCUMENT_SIZE);
  }

  /** The selection bounded by the checkpoint; null when nothing is visible yet. */
  private visible(selection: LogSelection): LogSelection | null {
    const checkpoint = this.host.checkpointOf(this.source.projection);
    if (checkpoint === null) return null;
    const before = Math.min(selection.before ?? Number.POSITIVE_INFINITY, checkpoint + 1);
    return { ...selection, before };
  }

  /** Every document the selection's events make, with its position, in log order (a page at a time). */
  private *scan(
    selection: LogSelection,
    order: 1 | -1,
    firstStep = PAGE,
  ): Generator<[Position, T]> {
    let bounds: LogSelection = selection;
    let step = firstStep;
    for (;;) {
      const positions = this.log.positionsIn(bounds, order, step);
      if (positions.length === 0) return;
      const documents = this.documentsAt(positions, false);
      for (let i = 0; i < positions.length; i++) {
        if (documents[i]) yield [positions[i]!, documents[i]!];
      }
      if (positions.length < step) return;
      step = PAGE;
      const last = positions[positions.length - 1]!;
      bounds = order === 1 ? { ...bounds, after: last } : { ...bounds, before: last };
    }
  }

  /** Log order when the sort is on the event's position alone; null for any other sort. */
  private logOrder(sort: FindOptions['sort']): 1 | -1 | null {
    if (!sort) return 1;
    const keys = Object.keys(sort);
    if (keys.length !== 1) return null;
    const [key] = keys as [string];
    if (key !== '_position' && !this.source.positionFields.includes(key)) return null;
    return sort[key] === -1 ? -1 : 1;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.host.touch();
    const query = this.source.logQuery(filter);
    const selection = this.visible(query);
    if (!selection) return [];
    const test = query.exact ? () => true : matcher(filter);
    const order = this.logOrder(options.sort);
    const skip = options.skip ?? 0;
    const limit = options.limit || Number.POSITIVE_INFINITY;
    if (order === null) {
      // A sort the log cannot give: every match, sorted by mingo.
      const all = [...this.scan(selection, 1)].map(([, d]) => d).filter(test);
      let cursor = mongoFind<T>(all, {}).sort(options.sort!).skip(skip);
      if (Number.isFinite(limit)) cursor = cursor.limit(limit);
      return cursor.all();
    }
    const result: T[] = [];
    let skipped = 0;
    // When every candidate matches, the first step reads just what the page needs.
    const firstStep = query.exact && Number.isFinite(limit) ? Math.min(PAGE, skip + limit) : PAGE;
    for (const [position, document] of this.scan(selection, order, firstStep)) {
      if (!test(document)) continue;
      if (skipped < skip) {
        skipped += 1;
        continue;
      }
      this.remember(position, document);
      result.push(document);
      if (result.length >= limit) break;
    }
    return result;
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  /** Where events are in the log (an event never moves): lineage lookups repeat. */
  private readonly positions = new Map<string, Position>();

  private positionsOf(ids: readonly string[]): Position[] {
    const found: Position[] = [];
    const unknown: string[] = [];
    for (const id of ids) {
      const position = this.positions.get(id);
      if (position === undefined) unknown.push(id);
      else found.push(position);
    }
    if (unknown.length > 0) {
      if (this.positions.size > POSITIONS) this.positions.clear();
      for (const [id, position] of this.log.positionsOf(unknown)) {
        this.positions.set(id, position);
        found.push(position);
      }
    }
    return found;
  }

  async findByIds(ids: readonly string[]): Promise<Array<T | null>> {
    this.host.touch();
    const checkpoint = this.host.checkpointOf(this.source.projection);
    if (checkpoint === null || ids.length === 0) return ids.map(() => null);
    const wanted = this.positionsOf(ids).filter((p) => p <= checkpoint);
    const documents = this.documentsAt(wanted, true);
    const byId = new Map<string, T>();
    for (const document of documents) if (document) byId.set(document._id, document);
    return ids.map((id) => byId.get(id) ?? null);
  }

  async count(filter: Filter = {}): Promise<number> {
    this.host.touch();
    const query = this.source.logQuery(filter);
    const selection = this.visible(query);
    if (!selection) return 0;
    if (query.exact) return this.countInSlices(selection);
    const test = matcher(filter);
    let count = 0;
    let computed = 0;
    for (const [, document] of this.scan(selection, 1)) {
      if (test(document)) count += 1;
      if (++computed % COUNT_DOCUMENTS_PER_TURN === 0) await nextTurn();
    }
    return count;
  }

  /**
   * Exact: the slices split the selection's positions, which end at the checkpoint (taken once,
   * before the first slice), and the log below it never changes; appends meanwhile are not counted.
   */
  private async countInSlices(selection: LogSelection): Promise<number> {
    const slice = this.options.countSlice ?? COUNT_SLICE;
    const end = selection.before!;
    const start = selection.after ?? 0;
    let count = 0;
    for (let after = start; after + 1 < end; after += slice) {
      if (after !== start) await nextTurn();
      count += this.log.countIn({ ...selection, after, before: Math.min(end, after + slice + 1) });
    }
    return count;
  }

  /** The log holds the documents: there is nothing to write. */
  async write(_operations: readonly WriteOperation<T>[]): Promise<void> {
    this.host.touch();
  }

  /** The log's own stream index answers the queries: there is nothing to create. */
  async createIndex(): Promise<void> {}
}

function matcher(filter: Filter): (document: ReadDocument) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  const query = mongoQuery(filter);
  return (document) => query.test(document as unknown as Record<string, unknown>);
}
