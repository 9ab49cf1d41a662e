import type { EventMetadata, RecordedEvent } from '../eventstore/port';
import type { LogQuery } from '../readstore/log-view';
import type { Filter, IndexSpec, ReadDocument } from '../readstore/port';

export type { LogQuery };

/** Every projected document records the position of the last event applied to it. */
export interface ProjectedDocument extends ReadDocument {
  _position: number;
}

/**
 * Small documents derived from each document a projection writes, in a collection of their own.
 * Each summary has its own `_id` and is a pure function of the document it comes from; the
 * projector writes them with the document, in the same commit, stamped with its `_position`.
 */
export interface ProjectionSummaries<D extends ProjectedDocument> {
  readonly collection: string;
  readonly indexes: readonly IndexSpec[];
  of(document: D): ReadDocument[];
}

/**
 * A read model as a pure function of the log: for each event, the ids of the documents it
 * touches, and `(doc, event) -> doc` for each of them. The projector does the I/O, batching,
 * checkpointing and the replay guard (`_position`), so projections stay pure and testable.
 */
export interface Projection<D extends ProjectedDocument = ProjectedDocument> {
  /** Checkpoint name. */
  readonly name: string;
  /**
   * Every document is changed by the events of one stream only (a plan's documents by the plan's
   * stream): catch-up workers may share the projection out by stream (`stream-share.ts`).
   */
  readonly streamLocal?: boolean;
  /**
   * Worth sharing out by document between catch-up workers although its documents are fed by
   * several streams (each document is still a function of the events `idsOf` names it for): each
   * worker reads the whole log and keeps the documents whose id falls in its share
   * (`stream-share.ts`). For a heavy projection that no single stream feeds (the risk scores).
   */
  readonly sharedByDocument?: boolean;
  /**
   * With `sharedByDocument`: the documents the events of a stream can touch, known from the
   * stream's name alone (undefined: it cannot tell, e.g. a stream that feeds every document). A
   * share then passes over the events of a stream whose documents all fall in other shares without
   * asking `idsOf`, which would decode them.
   */
  documentsOfStream?(stream: string): readonly string[] | undefined;
  /**
   * Bumped when the documents change shape or meaning: a persisted read store built by another
   * version is emptied and rebuilt from the log (default 1).
   */
  readonly version?: number;
  readonly collection: string;
  readonly indexes: readonly IndexSpec[];
  /**
   * Optional pre-filter: only events of streams whose names start with one of these can concern
   * the projection. The projector checks it once per stream name, and never asks `idsOf` about
   * the events of other streams (most of a national log, for most projections).
   */
  readonly streamPrefixes?: readonly string[];
  /**
   * With `streamPrefixes`: an event of another stream still concerns the projection when its
   * metadata carries one of these keys (a review's citation, an idempotency key can be in any
   * stream). The projector tests an undecoded event's metadata text before parsing it, and a
   * catch-up worker asks SQLite for those rows only (`stream-share.ts`).
   */
  readonly metadataKeys?: readonly (keyof EventMetadata)[];
  /**
   * A stream-local projection restricted to a share of the streams (`stream-share.ts`): whether a
   * stream is of its share. The projector passes over the events of the others without asking
   * `idsOf`.
   */
  readonly ownsStream?: (stream: string) => boolean;
  /** Ids of the documents this event changes; empty when the projection ignores it. */
  idsOf(event: RecordedEvent): string[];
  /** The document after the event (null removes it): a new object; never mutates `doc`. */
  apply(doc: D | null, event: RecordedEvent, id: string): Omit<D, '_position'> | null;
  /**
   * Optional draft mode for large batches (catch-up, rebuild): the same result as `apply` once
   * `finalize` has run (which must run before a draft is written or read), but it may change
   * `draft` in place and return it. The projector passes only documents it owns for
   * the batch (a private copy of the stored one, or what this method returned for an earlier
   * event), so building a new object per event is not needed. Property tests hold it equal to
   * `apply`: a rebuild (drafts) must equal the incremental projection (pure).
   */
  applyInPlace?(draft: D | null, event: RecordedEvent, id: string): Omit<D, '_position'> | null;
  /**
   * Derived fields, computed once per document per batch instead of once per event; for a draft
   * it may also complete work `applyInPlace` deferred (`risk_scores` scores there).
   */
  finalize?(doc: D): D;
  /**
   * True when no later event can change the document (e.g. a full chunk of a timeline): while
   * catching up, the projector writes it at once rather than holding it with the drafts.
   */
  isComplete?(doc: D): boolean;
  /**
   * Storage hint: each document is a pure function of one event (`idsOf` gives that event at
   * most one id, `apply` ignores `doc`, and no other event touches it). A store beside the log
   * may then keep nothing and compute each document from its event when it is read (`logQuery`
   * says which events a query can match); and a document cannot exist before its event is
   * applied, so the projector does not look it up.
   */
  readonly derivedFromEvent?: boolean;
  /**
   * With `derivedFromEvent`: what of a MongoDB filter on the documents the log answers by itself,
   * i.e. the streams whose events can match it and a range of positions
   * (`src/readstore/log-view.ts`). Without it, every query reads the whole log.
   */
  logQuery?(filter: Filter): LogQuery;
  /** With `derivedFromEvent`: fields that hold the event's position (their order is log order). */
  readonly positionFields?: readonly string[];
  /**
   * For readers that need a little of every document (the national risk map reads one vigencia
   * of each of 1,121 entities) while the documents carry the whole state the projection evolves:
   * those readers read the summaries, and never decode the state. A projection with summaries
   * never deletes a document (its summaries could not be found to delete).
   */
  readonly summaries?: ProjectionSummaries<D>;
}

/** Whether a stream's name starts with one of a projection's `streamPrefixes`. */
export function concernsStream(prefixes: readonly string[], stream: string): boolean {
  for (const prefix of prefixes) if (stream.startsWith(prefix)) return true;
  return false;
}
