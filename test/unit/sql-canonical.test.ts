/**
 * The canonical text SQLite builds of a stored row (`SQL_CANONICAL_ENVELOPE`), which the start-up
 * check and the full verification hash instead of the row's JSON. Rows are read back from SQLite
 * as those readers read them: for any envelope the log writes, the hash recomputed through that
 * text is the stored one, with no payload read; and a row holding what the log does not write
 * (a string JSON escapes, a BLOB, a revision beyond 2^53) never passes on a hash of SQLite's text.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  canonicalJson,
  hashEnvelope,
  SQL_CANONICAL_ENVELOPE,
  storedCanonicalHash,
  storedEventHash,
} from '../../src/eventstore/integrity';
import type { EventMetadata, JsonObject } from '../../src/eventstore/port';

const db = new Database(':memory:');
// The log's column types: affinity converts what it can, a BLOB stays a BLOB.
db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT, stream TEXT,
  revision INTEGER, type TEXT, data TEXT, metadata TEXT, prev_hash TEXT, hash TEXT)`);
afterAll(() => db.close());

type Read = [number, string, string, number, string, string | null, string, string | null];
/** The start-up check's read (`startup-check.ts`). */
const read = db
  .prepare<[], Read>(
    `SELECT position, id, stream, revision, type, prev_hash, hash, ${SQL_CANONICAL_ENVELOPE}
     FROM events`,
  )
  .raw();
const payloadOf = db.prepare<[], [string, string]>('SELECT data, metadata FROM events').raw();

interface Envelope {
  id: string;
  stream: string;
  revision: number;
  type: string;
  prevHash: string | null;
  data: JsonObject;
  metadata: EventMetadata;
}

/**
 * Stores one row (`sql` gives a column's SQL expression, `?` for its value) and reads it back;
 * the hash stored is `storedHash(text SQLite builds)`, or the envelope's own hash.
 */
function storeAndRead(
  envelope: Envelope,
  options: { sql?: Record<string, string>; storedHash?: (text: string) => string } = {},
) {
  const columns = {
    id: envelope.id,
    stream: envelope.stream,
    revision: envelope.revision,
    type: envelope.type,
    data: canonicalJson(envelope.data),
    metadata: canonicalJson(envelope.metadata),
    prev_hash: envelope.prevHash,
  };
  db.exec('DELETE FROM events');
  const names = Object.keys(columns);
  db.prepare(
    `INSERT INTO events (position, ${names.join(', ')}, hash)
     VALUES (1, ${names.map((name) => options.sql?.[name] ?? '?').join(', ')}, ?)`,
  ).run(...Object.values(columns), hashEnvelope(envelope));
  const [, id, stream, revision, type, prevHash, , text] = read.get()!;
  const stored =
    options.storedHash && text !== null ? options.storedHash(text) : hashEnvelope(envelope);
  db.prepare('UPDATE events SET hash = ?').run(stored);
  const row = { id, stream, revision, type, prevHash };
  const payload = jest.fn(() => {
    const [data, metadata] = payloadOf.get()!;
    return storedEventHash(row, data, metadata, stored);
  });
  return { recomputed: storedCanonicalHash(row, text, stored, payload), stored, payload, text };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const envelope: Envelope = {
  id: '5b0f0a52-2b1f-4a53-9a51-3d7c1f0e9a10',
  stream: 'plan-73001-2024',
  revision: 3,
  type: 'GoalSet',
  prevHash: 'a'.repeat(64),
  data: { valor: 97.5, indicador: 'ACU-COB-URB', nota: 'señal “citada” \u0007' },
  metadata: { correlationId: 'c-1', schemaVersion: 1 } as unknown as EventMetadata,
};

describe('the canonical text SQLite builds of a stored row', () => {
  it('gives the stored hash of what the log writes, without reading the payload', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          stream: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,40}$/),
          revision: fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
          type: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,30}$/),
          prevHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
          data: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()),
          metadata: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()),
        }),
        (generated) => {
          const { recomputed, stored, payload } = storeAndRead(generated as unknown as Envelope);
          expect(recomputed).toBe(stored);
          expect(payload).not.toHaveBeenCalled();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the hash of the canonical content of a changed row, from its payload', () => {
    const { recomputed, stored, payload } = storeAndRead(envelope, {
      sql: { data: `'{ "valor": 99, "indicador": "ACU-COB-URB" }' || substr(?, 1, 0)` },
    });
    expect(payload).toHaveBeenCalledTimes(1);
    expect(recomputed).not.toBe(stored);
    expect(recomputed).toBe(
      hashEnvelope({ ...envelope, data: { valor: 99, indicador: 'ACU-COB-URB' } }),
    );
  });

  // Each row below was hashed over SQLite's own text (a forger moving content between fields, or
  // changing a column's storage): the check must recompute the canonical hash instead.
  const odd: Array<[string, Partial<Envelope>, Record<string, string>]> = [
    ['a quote in the id', { id: 'x","type":"GoalSet' }, {}],
    ['a backslash in the stream', { stream: 'plan\\73001' }, {}],
    ['a control character in the type', { type: 'Goal\u0007Set' }, {}],
    ['a quote in the previous hash', { prevHash: 'a"' }, {}],
    ['the type stored as a BLOB', {}, { type: 'CAST(? AS BLOB)' }],
    ['the id stored as a BLOB', {}, { id: 'CAST(? AS BLOB)' }],
    ['the stream stored as a BLOB', {}, { stream: 'CAST(? AS BLOB)' }],
    ['the previous hash stored as a BLOB', {}, { prev_hash: 'CAST(? AS BLOB)' }],
    ['the revision stored as a BLOB', {}, { revision: 'CAST(CAST(? AS TEXT) AS BLOB)' }],
    ['the revision stored as text', {}, { revision: `'x' || ?` }],
    // JavaScript reads 2^53 + 1 as 2^53: SQLite's text is not what the reader hashes.
    ['a revision beyond 2^53', {}, { revision: '9007199254740993 + 0 * CAST(? AS INTEGER)' }],
  ];
  it.each(odd)('does not take SQLite’s text for a row with %s', (_, change, sql) => {
    const { recomputed, stored, payload, text } = storeAndRead(
      { ...envelope, ...change },
      { sql, storedHash: sha256 },
    );
    expect(text).not.toBeNull();
    expect(payload).toHaveBeenCalledTimes(1);
    expect(recomputed).not.toBe(stored);
  });

  it('checks a stream with letters beyond ASCII from its payload, and passes it', () => {
    const { recomputed, stored, payload } = storeAndRead({ ...envelope, stream: 'año-2024' });
    expect(payload).toHaveBeenCalledTimes(1);
    expect(recomputed).toBe(stored);
  });

  it('reads the payload of a row whose data is stored as a BLOB (SQLite builds no text)', () => {
    const { recomputed, payload, text } = storeAndRead(envelope, {
      sql: { data: 'CAST(? AS BLOB)' },
    });
    expect(text).toBeNull();
    expect(payload).toHaveBeenCalledTimes(1);
    // The start-up check's reading of such a row, as before: its bytes as text.
    expect(recomputed).toBe(hashEnvelope(envelope));
  });
});
