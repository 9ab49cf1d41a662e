/**
 * The event store port: the one contract that both adapters (embedded SQLite and EventStoreDB)
 * fulfil. Everything in Bitácora is an event appended here; nothing is ever edited or deleted.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who caused an event, as taken from a verified token (never from user input). */
export interface Actor {
  id: string;
  name: string;
  role: string;
  /** The territorial entity (DANE code) or organisation the actor acts for. */
  entity: string;
}

/** Metadata the caller supplies with each new event. */
export interface EventMetadataInput {
  actor: Actor;
  /** Justification text; the domain requires it for amendments. */
  reason?: string;
  /** Acto administrativo behind the change, e.g. "Acuerdo 012 de 2024". */
  legalBasis?: string;
  correlationId: string;
  causationId?: string;
  /**
   * The CTP recommendation this change answers (`{reviewId}/{recommendationId}`), cited by the
   * administration like a legal basis; the review's read models keep the link.
   */
  answersRecommendation?: string;
  schemaVersion: number;
}

/** Metadata as stored: the input plus the API's own issue timestamp (hashed). */
export interface EventMetadata extends EventMetadataInput {
  /** ISO-8601 instant at which the API issued the event (before the append). */
  issuedAt: string;
}

export interface NewEvent {
  /** Optional caller-chosen UUID (idempotent imports); otherwise the id generator assigns one. */
  id?: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadataInput;
}

/**
 * A global, monotonically increasing position in the whole log. Positions are not contiguous
 * on EventStoreDB (they are byte offsets), so callers compare them and never do arithmetic.
 */
export type Position = number;

export interface RecordedEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  stream: string;
  /** 0-based index of the event in its stream. */
  revision: number;
  position: Position;
  /** Transaction time: when the store committed the event (not hashed, store-assigned). */
  recordedAt: Date;
  /** Hash of the previous event of the same stream; null for revision 0. */
  prevHash: string | null;
  /** SHA-256 (hex) of the canonical JSON of the envelope without `hash`, `position`, `recordedAt`. */
  hash: string;
}

/** A number (the revision the stream must be at), "no_stream" or "any". */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last appended event (the stream's new head). */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: Position;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). */
  fromRevision?: number;
  /** Only events recorded at or before this instant (as-of reads). */
  until?: Date;
}

export interface ReadAllOptions {
  /** First position to return (inclusive). */
  fromPosition?: Position;
  maxCount?: number;
}

export interface SubscribeAllOptions {
  /**
   * A checkpoint: deliver only events after this position (exclusive). Omitted: from the start.
   * Exclusive because it is what a projector stores after applying an event.
   */
  afterPosition?: Position;
  signal?: AbortSignal;
}

/**
 * Catch-up then live, in commit order. Iterating with `for await` is the backpressure: the next
 * event is not delivered until the consumer's loop body has finished with the previous one.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * The same events as `readAll`, a page at a time: a catch-up reads a whole log, and a page costs
   * one await where `readAll` costs one per event. Optional: callers batch `readAll` without it.
   */
  readAllPages?(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]>;
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  /** Position of the last event in the log, or null when it is empty (for projector lag). */
  headPosition(): Promise<Position | null>;
  /** How many events the log holds (progress of a rebuild). */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** Injected so tests control time and identity. */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  next(): string;
}

/** Which events of the log a query reads: by stream, and by position. */
export interface LogSelection {
  /**
   * Exact stream names; streams whose names start with `prefixes`. Both absent: every stream.
   * `wide` says the prefixes name many streams (walk the log in order rather than look up each
   * stream in the log's stream index).
   */
  streams?: { names?: readonly string[]; prefixes?: readonly string[]; wide?: boolean };
  /** Only events after this position (exclusive). */
  after?: Position;
  /** Only events before this position (exclusive). */
  before?: Position;
}
