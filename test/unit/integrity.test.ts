import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, hashEnvelope } from '../../src/eventstore/integrity';

describe('canonical JSON of the hash chain', () => {
  it('is the RFC 8785 canonical JSON of the canonicalize package, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
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
