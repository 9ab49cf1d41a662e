/**
 * The canonical text SQLite builds of a stored row (`SQL_CANONICAL_ENVELOPE`), which the start-up
 * check and the full verification hash instead of the row's JSON: for any envelope, the hash
 * recomputed through it is the one the JavaScript canonical form gives, and the payload is read
 * only when the text cannot be trusted to be that form.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  canonicalJson,
  hashEnvelope,
  SQL_CANONICAL_ENVELOPE,
  storedCanonicalHash,
} from '../../src/eventstore/integrity';
import type { EventMetadata, JsonObject } from '../../src/eventstore/port';

const db = new Database(':memory:');
db.exec(`CREATE TABLE events (id TEXT, stream TEXT, revision INTEGER, type TEXT, data TEXT,
  metadata TEXT, prev_hash TEXT, hash TEXT)`);
const insert = db.prepare(
  'INSERT INTO events (id, stream, revision, type, data, metadata, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const canonicalText = db
  .prepare<[], string>(`SELECT ${SQL_CANONICAL_ENVELOPE} FROM events`)
  .pluck();

afterAll(() => db.close());

const writtenAsIs = (text: string | null) => text === null || /^[ !#-[\]-~]*$/.test(text);

const envelopes = fc.record({
  // Mostly what the log holds (UUIDs, plan streams, event types), sometimes any string at all.
  id: fc.oneof(fc.uuid(), fc.string({ unit: 'binary' })),
  stream: fc.oneof(fc.constant('plan-73001-2024'), fc.string({ unit: 'binary' })),
  type: fc.oneof(fc.constantFrom('GoalSet', 'MetaFijada'), fc.string()),
  revision: fc.nat(),
  prevHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
  data: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()),
  metadata: fc.dictionary(fc.string(), fc.jsonValue()),
});

describe('the canonical text SQLite builds of a stored row', () => {
  it('recomputes the JavaScript canonical hash, reading the payload only for strings JSON escapes', () => {
    fc.assert(
      fc.property(envelopes, (envelope) => {
        const hash = hashEnvelope(envelope as never);
        const data = canonicalJson(envelope.data);
        const metadata = canonicalJson(envelope.metadata);
        db.exec('DELETE FROM events');
        insert.run(
          envelope.id,
          envelope.stream,
          envelope.revision,
          envelope.type,
          data,
          metadata,
          envelope.prevHash,
          hash,
        );
        const payload = jest.fn(() => [data, metadata] as const);
        const text = canonicalText.get()!;
        expect(storedCanonicalHash(envelope, text, hash, payload)).toBe(hash);
        const plain = [envelope.id, envelope.stream, envelope.type, envelope.prevHash].every(
          writtenAsIs,
        );
        expect(payload).toHaveBeenCalledTimes(plain ? 0 : 1);
      }),
      { numRuns: 400 },
    );
  });

  it('reads the payload of a changed row, and gives the hash of its canonical content', () => {
    const envelope = {
      id: '5b0f0a52-2b1f-4a53-9a51-3d7c1f0e9a10',
      stream: 'plan-73001-2024',
      revision: 3,
      type: 'GoalSet',
      prevHash: 'a'.repeat(64),
      data: { valor: 97.5, indicador: 'ACU-COB-URB' } as JsonObject,
      metadata: { correlationId: 'c-1', schemaVersion: 1 } as unknown as EventMetadata,
    };
    const stored = hashEnvelope(envelope);
    // The row's data changed after it was hashed: "valor" 97.5 became 99 (and is not canonical).
    const changed = '{ "valor": 99, "indicador": "ACU-COB-URB" }';
    const metadata = canonicalJson(envelope.metadata);
    db.exec('DELETE FROM events');
    insert.run(
      envelope.id,
      envelope.stream,
      envelope.revision,
      envelope.type,
      changed,
      metadata,
      envelope.prevHash,
      stored,
    );
    const payload = jest.fn(() => [changed, metadata] as const);
    const recomputed = storedCanonicalHash(envelope, canonicalText.get()!, stored, payload);
    expect(payload).toHaveBeenCalledTimes(1);
    expect(recomputed).not.toBe(stored);
    expect(recomputed).toBe(hashEnvelope({ ...envelope, data: JSON.parse(changed) as JsonObject }));
  });

  it('does not take a hash of its own text for a row whose strings JSON escapes', () => {
    // An id holding a quote: SQLite's text is not canonical JSON, and one that hashed that text
    // instead of the canonical form (moving content between fields) must not pass.
    const envelope = {
      id: 'x","type":"GoalSet',
      stream: 'plan-73001-2024',
      revision: 0,
      type: 'GoalSet',
      prevHash: null,
      data: { valor: 1 } as JsonObject,
      metadata: { correlationId: 'c-2', schemaVersion: 1 } as unknown as EventMetadata,
    };
    const data = canonicalJson(envelope.data);
    const metadata = canonicalJson(envelope.metadata);
    db.exec('DELETE FROM events');
    insert.run(envelope.id, envelope.stream, 0, envelope.type, data, metadata, null, 'pendiente');
    const text = canonicalText.get()!;
    const forged = createHash('sha256').update(text).digest('hex');
    const recomputed = storedCanonicalHash(envelope, text, forged, () => [data, metadata]);
    expect(recomputed).not.toBe(forged);
    expect(recomputed).toBe(hashEnvelope(envelope));
  });
});
