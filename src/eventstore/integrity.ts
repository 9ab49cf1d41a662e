import { createHash, hash } from 'node:crypto';
import canonicalize from 'canonicalize';
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

/** SHA-256 over the RFC 8785 canonical JSON (sorted keys, no insignificant whitespace). */
export function hashEnvelope(envelope: Omit<SealedEvent, 'hash'>): string {
  const canonical = canonicalize({
    id: envelope.id,
    type: envelope.type,
    data: envelope.data,
    metadata: envelope.metadata,
    stream: envelope.stream,
    revision: envelope.revision,
    prevHash: envelope.prevHash,
  });
  if (canonical === undefined) throw new Error('El sobre del evento no es serializable.');
  // One-shot hashing where Node has it (>= 20.12): the verifier hashes a million of these.
  return typeof hash === 'function'
    ? hash('sha256', canonical, 'hex')
    : createHash('sha256').update(canonical, 'utf8').digest('hex');
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

/**
 * Gives each new event its id, issue time, revision and chained hash, continuing from `head`.
 * Shared by both adapters so that the same events produce the same hashes on either store.
 */
export function sealEvents(
  stream: string,
  head: StreamHead | null,
  events: readonly NewEvent[],
  clock: Clock,
  ids: IdGenerator,
): SealedEvent[] {
  const issuedAt = clock.now().toISOString();
  let revision = head === null ? -1 : head.revision;
  let prevHash = head === null ? null : head.hash;
  return events.map((event) => {
    revision += 1;
    const metadata: EventMetadata = { ...event.metadata, issuedAt };
    const unhashed = {
      id: event.id ?? ids.next(),
      type: event.type,
      data: event.data,
      metadata,
      stream,
      revision,
      prevHash,
    };
    const hash = hashEnvelope(unhashed);
    prevHash = hash;
    return { ...unhashed, hash };
  });
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; revision: number; reason: 'hash' | 'link' | 'revision' };

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
    if (hashEnvelope(event) !== event.hash) {
      return { ok: false, checked: index, revision: event.revision, reason: 'hash' };
    }
    prevHash = event.hash;
  }
  return { ok: true, checked: events.length };
}
