import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  InMemoryTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/integrity/merkle';
import {
  hashLeaf,
  merkleTreeHash,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
} from '../support/rfc9162';

const hexes = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

/** A random log: between 1 and 300 leaves of 32 bytes (event hashes), from a seed. */
const log = fc.integer({ min: 1, max: 300 }).chain((size) =>
  fc.record({
    leaves: fc.constant(Array.from({ length: size }, () => randomBytes(32))),
    index: fc.integer({ min: 0, max: size - 1 }),
    older: fc.integer({ min: 1, max: size }),
    byte: fc.integer({ min: 0, max: 31 }),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
);

describe('Merkle proofs on random logs (property)', () => {
  it('every inclusion proof verifies with both verifiers; a one-byte change in the leaf breaks it', () => {
    fc.assert(
      fc.property(log, ({ leaves, index, byte, bit }) => {
        const tree = new InMemoryTree(leaves);
        const size = leaves.length;
        const root = tree.root();
        expect(root.toString('hex')).toBe(merkleTreeHash(hexes(leaves)));
        const proof = inclusionProof(tree, index, size);
        expect(verifyInclusion(leafHash(leaves[index]!), index, size, proof, root)).toBe(true);
        expect(
          rfcVerifyInclusion(
            hashLeaf(leaves[index]!.toString('hex')),
            index,
            size,
            hexes(proof),
            root.toString('hex'),
          ),
        ).toBe(true);
        const changed = Buffer.from(leaves[index]!);
        changed[byte]! ^= 1 << bit;
        expect(verifyInclusion(leafHash(changed), index, size, proof, root)).toBe(false);
        expect(
          rfcVerifyInclusion(
            hashLeaf(changed.toString('hex')),
            index,
            size,
            hexes(proof),
            root.toString('hex'),
          ),
        ).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('every consistency proof verifies with both verifiers; a changed leaf of the older tree breaks it', () => {
    fc.assert(
      fc.property(log, ({ leaves, older, index, byte, bit }) => {
        const tree = new InMemoryTree(leaves);
        const size = leaves.length;
        const [rootOld, rootNew] = [tree.root(older), tree.root()];
        const proof = consistencyProof(tree, older, size);
        expect(verifyConsistency(older, size, rootOld, rootNew, proof)).toBe(true);
        expect(
          rfcVerifyConsistency(
            older,
            size,
            rootOld.toString('hex'),
            rootNew.toString('hex'),
            hexes(proof),
          ),
        ).toBe(true);
        // Rewrite one leaf of the older prefix: the newer tree no longer extends the older one.
        const forged = leaves.map((leaf) => Buffer.from(leaf));
        forged[index % older]![byte]! ^= 1 << bit;
        const forgedTree = new InMemoryTree(forged);
        const forgedProof = consistencyProof(forgedTree, older, size);
        const forgedRoot = forgedTree.root();
        if (older === size) {
          expect(forgedRoot.equals(rootOld)).toBe(false);
          return;
        }
        expect(verifyConsistency(older, size, rootOld, forgedRoot, forgedProof)).toBe(false);
        expect(
          rfcVerifyConsistency(
            older,
            size,
            rootOld.toString('hex'),
            forgedRoot.toString('hex'),
            hexes(forgedProof),
          ),
        ).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
