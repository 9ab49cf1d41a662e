import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, hashEnvelope, verifyChain } from '../../src/eventstore/integrity';
import { SqliteEventStore } from '../../src/eventstore/sqlite';

describe('canonical JSON of the hash chain', () => {
  it('is the RFC 8785 canonical JSON of the canonicalize package, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes as JSON.stringify does: controls, quotes, backslashes, lone and paired surrogates', () => {
    // Any UTF-16 code unit, weighted so that controls and lone surrogates are drawn often.
    const codeUnit = fc
      .oneof(
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.integer({ min: 0, max: 0xffff }),
      )
      .map((code) => String.fromCharCode(code));
    const anyText = fc.string({ unit: codeUnit });
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: codeUnit }), anyText, (value, text) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
        expect(canonicalJson(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
    for (const text of ['a"b', 'a\\b', '\u0000\u001f', '\ud800', '\udfff', '😀', 'ñ — \u2028']) {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
    }
  });

  it('hashes an envelope exactly as the canonical JSON of the whole envelope', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          type: fc.string(),
          data: fc.dictionary(fc.string(), fc.jsonValue()),
          metadata: fc.dictionary(fc.string(), fc.jsonValue()),
          stream: fc.string(),
          revision: fc.nat(),
          prevHash: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
        }),
        (envelope) => {
          const expected = createHash('sha256')
            .update(canonicalize(envelope)!, 'utf8')
            .digest('hex');
          expect(hashEnvelope(envelope as never)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyChain on an envelope that has no canonical JSON', () => {
  it('reports a hash mismatch instead of throwing (a number tampered into 1e400)', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append(
      'plan-73001-2024',
      [{ type: 'GoalSet', data: { metas: [300, 400] }, metadata: plannerMetadataForTamper }],
      { expectedRevision: 'no_stream' },
    );
    const [event] = await store.readStream('plan-73001-2024');
    const tampered = JSON.parse(
      JSON.stringify(event).replace('300,400', '300E400'),
    ) as typeof event;
    expect(tampered!.data.metas).toEqual([Infinity]);
    expect(verifyChain([{ ...tampered!, recordedAt: event!.recordedAt }])).toMatchObject({
      ok: false,
      reason: 'hash',
    });
    await store.close();
  });
});

const plannerMetadataForTamper = {
  actor: { id: 'u-1', name: 'Ana', role: 'PLANNER', entity: '73001' },
  correlationId: 'c-1',
  schemaVersion: 1,
};
