/**
 * Idempotent commands: a caller that retries a request (after a timeout, a dropped connection, a
 * server restart) sends the same idempotency key, and the retry appends nothing and answers with
 * the original result. The key never reaches the log as given: what is stored in each event's
 * metadata is a hash scoped to the actor (two callers' keys never meet) and to the place of the
 * command in its request, with a hash of the request itself, so that reusing a key for something
 * else is recognized and refused.
 *
 * Event ids derive from the scoped key, the stream and the event's index in the batch: a retry
 * after an unknown outcome sends the same ids, which the stores refuse or take as the same write.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from '../eventstore/integrity';
import type { RecordedEvent } from '../eventstore/port';

/** A request's key, scoped and hashed, with the fingerprint of what the request asks. */
export interface IdempotentRequest {
  /** SHA-256 (hex) of the actor, the client's key and the command's ordinal in its request. */
  key: string;
  /** SHA-256 (hex) of the canonical JSON of the stream, the command and its preconditions. */
  requestHash: string;
}

/** The key as stored: the caller's key never leaves the request. */
export function scopedKey(actorId: string, clientKey: string, ordinal: number): string {
  return hash('sha256', `bitacora-idempotency\n${actorId}\n${clientKey}\n${ordinal}`, 'hex');
}

/** What makes two requests "the same": their stream, their command and its preconditions. */
export function requestHash(stream: string, request: object): string {
  return hash('sha256', canonicalJson({ stream, request }), 'hex');
}

/**
 * A UUID (RFC 9562 version 8: application-defined bits) from the key, the stream and the index:
 * the same on every retry, different across streams and keys.
 */
export function eventIdFor(key: string, stream: string, index: number): string {
  const digest = hash('sha256', `${key}\n${stream}\n${index}`, 'hex').slice(0, 32).split('');
  digest[12] = '8';
  digest[16] = ((parseInt(digest[16]!, 16) & 0x3) | 0x8).toString(16);
  const hex = digest.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The events an earlier request with this key appended to the stream (empty if none). */
export function eventsOfKey(history: readonly RecordedEvent[], key: string): RecordedEvent[] {
  return history.filter((event) => event.metadata.idempotencyKey === key);
}

/** A key used before for another request (another stream, command or precondition). */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
  constructor(readonly stream: string) {
    super(
      'La clave de idempotencia ya se usó para otra petición (otro registro, otros datos u otra revisión esperada); no se añadió nada. Use una clave nueva para cada petición distinta.',
    );
  }
}
