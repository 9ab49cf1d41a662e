import { hash } from 'node:crypto';
import { ConcurrencyError } from './errors';
import type {
  Clock,
  EventMetadata,
  ExpectedRevision,
  IdGenerator,
  JsonObject,
  NewEvent,
  RecordedEvent,
} from './port';

/** What is hashed: everything the API knows before the append (not position nor recordedAt). */
export interface SealedEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  stream: string;
  revision: number;
  prevHash: string | null;
  hash: string;
}

/** The head of a stream as far as the chain is concerned. */
export interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * RFC 8785 (JCS) canonical JSON of a value that `assertJson` admits (plain objects, arrays,
 * strings, finite numbers, booleans, null): keys sorted by UTF-16 code units, no whitespace,
 * strings and numbers as ECMAScript serializes them. The `canonicalize` package is the reference
 * (a property test holds the two equal); this one skips its generality (toJSON, reduce over
 * template strings) because every append hashes every event with it.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quotedString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`El número ${value} no es JSON canónico.`);
      // ECMAScript's Number::toString, which JSON.stringify applies to a finite number.
      return '' + value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Objects built by code often list their keys in order already.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out += ',';
    out += quotedKey(key) + ':' + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

/** What JSON.stringify escapes in a string: quote, backslash, controls and (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of a string, without entering it for the many strings that need no escape (ids,
 * codes, names): a regular expression test costs a fraction of the call. A surrogate pair, which
 * JSON.stringify leaves as it is, takes the call too. Whatever is not a string at run time (a
 * column read back as a BLOB) is JSON.stringify's too, so that it does not hash as the text.
 */
function quotedString(text: unknown): string {
  return typeof text !== 'string' || NEEDS_ESCAPE.test(text)
    ? JSON.stringify(text)
    : '"' + text + '"';
}

/** Keys recur from event to event: each is quoted once (a bounded number of them). */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** SHA-256 (hex) of an envelope whose `data` and `metadata` are already canonical JSON. */
function hashCanonical(
  envelope: Omit<SealedEvent, 'hash' | 'data' | 'metadata'>,
  data: string,
  metadata: string,
): string {
  // The envelope's keys are fixed: written in their sorted order around data and metadata.
  const canonical =
    `{"data":${data},"id":${quotedString(envelope.id)},"metadata":${metadata}` +
    `,"prevHash":${quotedString(envelope.prevHash)}` +
    `,"revision":${canonicalJson(envelope.revision)}` +
    `,"stream":${quotedString(envelope.stream)},"type":${quotedString(envelope.type)}}`;
  return hash('sha256', canonical, 'hex');
}

/** SHA-256 over the RFC 8785 canonical JSON of the envelope. */
export function hashEnvelope(envelope: Omit<SealedEvent, 'hash'>): string {
  return hashCanonical(envelope, canonicalJson(envelope.data), canonicalJson(envelope.metadata));
}

/**
 * The hash of an event read as stored, its data and metadata still JSON text. A store that keeps
 * the canonical JSON it hashed (the SQLite log does) is checked on that text, without parsing it;
 * when that does not give the stored hash (other text, or a change), the canonical form of the
 * parsed values decides, and is what is returned. A stored text that is not canonical but was
 * hashed as it stands therefore passes here: it can only come from someone recomputing hashes,
 * which breaks the stream's chain at the next event or the tree against its seals, as a canonical
 * forgery would.
 */
export function storedEventHash(
  envelope: Omit<SealedEvent, 'hash' | 'data' | 'metadata'>,
  dataJson: string,
  metadataJson: string,
  storedHash: string,
): string {
  const asStored = hashCanonical(envelope, dataJson, metadataJson);
  if (asStored === storedHash) return asStored;
  return hashEnvelope({
    ...envelope,
    data: JSON.parse(dataJson) as JsonObject,
    metadata: JSON.parse(metadataJson) as EventMetadata,
  });
}

/**
 * The text `hashCanonical` hashes, as SQLite builds it from a row of the log as stored (columns
 * data, id, metadata, prev_hash, revision, stream, type): a reader of the file hashes it without
 * bringing the event's JSON into JavaScript, nor concatenating it there (on the national log, a
 * start-up check's range of 500,000 events took 2.1-2.4 s instead of 3.1-3.4 s). SQLite only
 * concatenates, so it is that text only when the row holds what the log writes: data and metadata
 * as TEXT (else this is NULL), id, stream, type and prevHash as strings JSON writes as they are
 * between quotes, and revision as a safe integer (`storedCanonicalHash` checks those on the values
 * JavaScript reads).
 */
export const SQL_CANONICAL_ENVELOPE = `CASE WHEN typeof(data) = 'text' AND typeof(metadata) = 'text'
  THEN '{"data":' || data || ',"id":"' || id || '","metadata":' || metadata ||
  ',"prevHash":' || coalesce('"' || prev_hash || '"', 'null') || ',"revision":' || revision ||
  ',"stream":"' || stream || '","type":"' || type || '"}' END`;

/**
 * Printable ASCII but `"` and `\`: strings JSON.stringify writes unchanged between its quotes
 * (a subset of them: others, with letters beyond ASCII, are checked the long way).
 */
const WRITTEN_AS_IS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A string (not a BLOB's Buffer, which a regular expression would test as its text). */
const writtenAsIs = (value: unknown): boolean =>
  typeof value === 'string' && WRITTEN_AS_IS.test(value);

/**
 * The hash of a row read with `SQL_CANONICAL_ENVELOPE`: its stored hash when SQLite's text is the
 * canonical text and gives it; else what `otherwise` recomputes from the row's payload, read only
 * then (a changed row, or one holding what the log does not write), as the reader did before.
 */
export function storedCanonicalHash(
  envelope: Omit<SealedEvent, 'hash' | 'data' | 'metadata'>,
  canonicalText: string | null,
  storedHash: string,
  otherwise: () => string,
): string {
  if (
    typeof canonicalText === 'string' &&
    writtenAsIs(envelope.id) &&
    writtenAsIs(envelope.stream) &&
    writtenAsIs(envelope.type) &&
    (envelope.prevHash === null || writtenAsIs(envelope.prevHash)) &&
    Number.isSafeInteger(envelope.revision) &&
    hash('sha256', canonicalText, 'hex') === storedHash
  ) {
    return storedHash;
  }
  return otherwise();
}

/** Throws ConcurrencyError unless the stream's head matches what the caller expected. */
export function checkExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  head: StreamHead | null,
): void {
  const actual = head === null ? 'no_stream' : head.revision;
  if (expected === 'any') return;
  if (expected === actual) return;
  throw new ConcurrencyError(stream, expected, actual);
}

/** A sealed event with the canonical JSON of its data and metadata, as a store may keep them. */
export interface SealedForStorage extends SealedEvent {
  dataJson: string;
  metadataJson: string;
}

/**
 * Gives each new event its id, issue time, revision and chained hash, continuing from `head`.
 * Shared by both adapters so that the same events produce the same hashes on either store. The
 * canonical JSON of data and metadata is serialized once, for the hash and for storage.
 */
export function sealEvents(
  stream: string,
  head: StreamHead | null,
  events: readonly NewEvent[],
  clock: Clock,
  ids: IdGenerator,
): SealedForStorage[] {
  const issuedAt = clock.now().toISOString();
  let revision = head === null ? -1 : head.revision;
  let prevHash = head === null ? null : head.hash;
  return events.map((event) => {
    revision += 1;
    const metadata: EventMetadata = { ...event.metadata, issuedAt };
    const sealed: SealedForStorage = {
      id: event.id ?? ids.next(),
      type: event.type,
      data: event.data,
      metadata,
      stream,
      revision,
      prevHash,
      hash: '',
      dataJson: canonicalJson(event.data),
      metadataJson: canonicalJson(metadata),
    };
    sealed.hash = hashCanonical(sealed, sealed.dataJson, sealed.metadataJson);
    prevHash = sealed.hash;
    return sealed;
  });
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; revision: number; reason: 'hash' | 'link' | 'revision' };

/**
 * Whether an event's hash is that of its envelope. An envelope that has no canonical JSON (a
 * number changed into 1e400 is Infinity) was not what was hashed: a mismatch, not a crash.
 */
function hashMatches(event: RecordedEvent): boolean {
  try {
    return hashEnvelope(event) === event.hash;
  } catch {
    return false;
  }
}

/** Recomputes every hash of a stream read from revision 0 and checks each link to its predecessor. */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerdict {
  let prevHash: string | null = null;
  for (const [index, event] of events.entries()) {
    if (event.revision !== index) {
      return { ok: false, checked: index, revision: event.revision, reason: 'revision' };
    }
    if (event.prevHash !== prevHash) {
      return { ok: false, checked: index, revision: event.revision, reason: 'link' };
    }
    if (!hashMatches(event)) {
      return { ok: false, checked: index, revision: event.revision, reason: 'hash' };
    }
    prevHash = event.hash;
  }
  return { ok: true, checked: events.length };
}
