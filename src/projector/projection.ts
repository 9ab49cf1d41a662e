import type { RecordedEvent } from '../eventstore/port';
import type { IndexSpec, ReadDocument } from '../readstore/port';

/** Every projected document records the position of the last event applied to it. */
export interface ProjectedDocument extends ReadDocument {
  _position: number;
}

/**
 * A read model as a pure function of the log: for each event, the ids of the documents it
 * touches, and `(doc, event) -> doc` for each of them. The projector does the I/O, batching,
 * checkpointing and the replay guard (`_position`), so projections stay pure and testable.
 */
export interface Projection<D extends ProjectedDocument = ProjectedDocument> {
  /** Checkpoint name. */
  readonly name: string;
  readonly collection: string;
  readonly indexes: readonly IndexSpec[];
  /** Ids of the documents this event changes; empty when the projection ignores it. */
  idsOf(event: RecordedEvent): string[];
  /** The document after the event (null removes it): a new object; never mutates `doc`. */
  apply(doc: D | null, event: RecordedEvent, id: string): Omit<D, '_position'> | null;
  /** Derived fields, computed once per document per batch instead of once per event. */
  finalize?(doc: D): D;
}
