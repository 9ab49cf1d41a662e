import { createHash } from 'node:crypto';
import vectors from '../fixtures/merkle/ct-vectors.json';
import {
  InMemoryTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  packedSubtreeRoot,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src/integrity/merkle';
import {
  hashLeaf,
  merkleTreeHash,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
} from '../support/rfc9162';

const hex = (value: string) => Buffer.from(value, 'hex');
const leaves = vectors.leaves.map(hex);

describe('Merkle tree (RFC 9162) against the Certificate Transparency test vectors', () => {
  it('computes the reference roots of trees of 1 to 8 leaves, and of the empty tree', () => {
    for (let size = 1; size <= 8; size++) {
      const tree = new InMemoryTree(leaves.slice(0, size));
      expect(tree.root().toString('hex')).toBe(vectors.roots[size - 1]);
      expect(merkleTreeHash(vectors.leaves.slice(0, size))).toBe(vectors.roots[size - 1]);
    }
    expect(new InMemoryTree([]).root().toString('hex')).toBe(vectors.emptyRoot);
  });

  it('builds the reference inclusion proofs, and both verifiers accept them', () => {
    const tree = new InMemoryTree(leaves);
    for (const { leaf, size, path } of vectors.inclusion) {
      const index = leaf - 1;
      const proof = inclusionProof(tree, index, size);
      expect(proof.map((p) => p.toString('hex'))).toEqual(path);
      const root = vectors.roots[size - 1]!;
      expect(verifyInclusion(leafHash(leaves[index]!), index, size, proof, hex(root))).toBe(true);
      expect(rfcVerifyInclusion(hashLeaf(vectors.leaves[index]!), index, size, path, root)).toBe(
        true,
      );
    }
  });

  it('builds the reference consistency proofs, and both verifiers accept them', () => {
    const tree = new InMemoryTree(leaves);
    for (const { from, to, path } of vectors.consistency) {
      const proof = consistencyProof(tree, from, to);
      expect(proof.map((p) => p.toString('hex'))).toEqual(path);
      const [rootFrom, rootTo] = [vectors.roots[from - 1]!, vectors.roots[to - 1]!];
      expect(verifyConsistency(from, to, hex(rootFrom), hex(rootTo), proof)).toBe(true);
      expect(rfcVerifyConsistency(from, to, rootFrom, rootTo, path)).toBe(true);
    }
  });

  it('refuses corrupted inclusion proofs: wrong index, size, leaf, root, extra or missing or flipped hashes', () => {
    for (const { leaf, size, path } of vectors.inclusion.filter((v) => v.path.length > 0)) {
      const index = leaf - 1;
      const proof = path.map(hex);
      const root = hex(vectors.roots[size - 1]!);
      const good = leafHash(leaves[index]!);
      const flipped = (i: number) =>
        proof.map((p, k) => (k === i ? Buffer.from(p.map((b, j) => (j === 0 ? b ^ 8 : b))) : p));
      const probes: Array<[Buffer, number, number, Buffer[], Buffer]> = [
        [good, index - 1, size, proof, root],
        [good, index + 1, size, proof, root],
        [good, index ^ 2, size, proof, root],
        [good, index, size * 2, proof, root],
        [good, index, Math.floor(size / 2), proof, root],
        [leafHash(Buffer.from('WrongLeaf')), index, size, proof, root],
        [good, index, size, proof, hex(vectors.emptyRoot)],
        [good, index, size, [...proof, root], root],
        [good, index, size, [root, ...proof], root],
        [good, index, size, proof.slice(0, -1), root],
        ...proof.map((_, i): [Buffer, number, number, Buffer[], Buffer] => [
          good,
          index,
          size,
          flipped(i),
          root,
        ]),
      ];
      for (const [leafHashed, i, n, p, r] of probes) {
        expect(verifyInclusion(leafHashed, i, n, p, r)).toBe(false);
        expect(
          rfcVerifyInclusion(
            leafHashed.toString('hex'),
            i,
            n,
            p.map((x) => x.toString('hex')),
            r.toString('hex'),
          ),
        ).toBe(false);
      }
    }
  });

  it('refuses corrupted consistency proofs', () => {
    for (const { from, to, path } of vectors.consistency.filter((v) => v.path.length > 0)) {
      const proof = path.map(hex);
      const [rootFrom, rootTo] = [hex(vectors.roots[from - 1]!), hex(vectors.roots[to - 1]!)];
      const probes: Array<[number, number, Buffer, Buffer, Buffer[]]> = [
        [from - 1, to, rootFrom, rootTo, proof],
        [from + 1, to, rootFrom, rootTo, proof],
        [from, to * 2, rootFrom, rootTo, proof],
        [from, to, rootTo, rootFrom, proof],
        [from, to, rootFrom, rootTo, []],
        [from, to, rootFrom, rootTo, [...proof, rootFrom]],
        [from, to, rootFrom, rootTo, [rootTo, ...proof]],
        [from, to, rootFrom, rootTo, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => [
          from,
          to,
          rootFrom,
          rootTo,
          proof.map((p, k) => (k === i ? Buffer.from(p.map((b, j) => (j === 0 ? b ^ 16 : b))) : p)),
        ]),
      ];
      for (const [m, n, a, b, p] of probes) {
        expect(verifyConsistency(m, n, a, b, p)).toBe(false);
        expect(
          rfcVerifyConsistency(
            m,
            n,
            a.toString('hex'),
            b.toString('hex'),
            p.map((x) => x.toString('hex')),
          ),
        ).toBe(false);
      }
    }
  });

  it('computes a packed subtree root as the tree of the same leaves, and as the root of the same nodes', () => {
    for (const count of [1, 2, 8, 1024]) {
      const values = Array.from({ length: count }, (_, i) =>
        createHash('sha256').update(`valor ${count} ${i}`).digest(),
      );
      const packed = Buffer.concat(values);
      // Leaves: the reference Merkle Tree Hash of RFC 9162.
      expect(packedSubtreeRoot(packed, count, true).toString('hex')).toBe(
        merkleTreeHash(values.map((v) => v.toString('hex'))),
      );
      // Nodes: the same values taken as leaf hashes already.
      expect(packedSubtreeRoot(packed, count, false)).toEqual(subtreeRoot(values));
      // The values are read, not changed.
      expect(Buffer.concat(values)).toEqual(packed);
    }
    expect(() => packedSubtreeRoot(Buffer.alloc(96), 3, true)).toThrow(RangeError);
    expect(() => packedSubtreeRoot(Buffer.alloc(32), 2, true)).toThrow(RangeError);
  });
});
