/**
 * Idempotency keys (scoped and hashed, as the command handler stores them in event metadata): which
 * stream and request each key was used for. A retry is recognized in its own stream, read in full
 * by the command handler; this read model lets the API refuse a key reused for another stream.
 */
import type { ProjectedDocument, Projection } from '../src/projector/projection';

export interface IdempotencyKeyDocument extends ProjectedDocument {
  stream: string;
  requestHash: string;
  eventIds: string[];
  /** The stream's revision after the request's last event. */
  revision: number;
}

export const idempotencyKeysProjection: Projection<IdempotencyKeyDocument> = {
  name: 'idempotency_keys',
  collection: 'idempotency_keys',
  indexes: [],
  // Keys are in the metadata of events of any stream: no stream by name.
  streamPrefixes: [],
  metadataKeys: ['idempotencyKey'],
  idsOf: (event) => (event.metadata.idempotencyKey ? [event.metadata.idempotencyKey] : []),
  apply: (doc, event, id) => ({
    _id: id,
    stream: event.stream,
    requestHash: event.metadata.requestHash ?? '',
    eventIds: [...(doc?.eventIds ?? []), event.id],
    revision: event.revision,
  }),
};
