/**
 * A second, separately written RFC 9162 implementation for the tests: the verification algorithms
 * transcribed step by step from §2.1.3.2 and §2.1.4.2, and the Merkle Tree Hash straight from the
 * recursive definition in §2.1.1, on hex strings. It shares no code with src/integrity/merkle.ts,
 * so that a proof both accept is a proof as the RFC defines it, not as our code happens to build it.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Buffer[]): string =>
  createHash('sha256').update(Buffer.concat(parts)).digest('hex');
const hex = (value: string): Buffer => Buffer.from(value, 'hex');

export const hashLeaf = (leafHex: string): string => sha256(Buffer.from([0]), hex(leafHex));
const hashChildren = (left: string, right: string): string =>
  sha256(Buffer.from([1]), hex(left), hex(right));

/** MTH(D[n]) by the definition: empty, one leaf, or split at the largest power of two below n. */
export function merkleTreeHash(leavesHex: readonly string[]): string {
  const n = leavesHex.length;
  if (n === 0) return sha256();
  if (n === 1) return hashLeaf(leavesHex[0]!);
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return hashChildren(merkleTreeHash(leavesHex.slice(0, k)), merkleTreeHash(leavesHex.slice(k)));
}

const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** §2.1.3.2: verifying an inclusion proof, with `hash` the leaf hash of the entry. */
export function rfcVerifyInclusion(
  hash: string,
  leafIndex: number,
  treeSize: number,
  inclusionPath: readonly string[],
  rootHash: string,
): boolean {
  // Indices are unsigned in the RFC.
  if (leafIndex < 0) return false;
  // 1. leaf_index must be less than tree_size.
  if (leafIndex >= treeSize) return false;
  // 2.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // 3.
  let r = hash;
  // 4.
  for (const p of inclusionPath) {
    if (sn === 0) return false; // a.
    if (lsb(fn) || fn === sn) {
      // b.
      r = hashChildren(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  return sn === 0 && r === rootHash;
}

/** §2.1.4.2: verifying a consistency proof between trees of `first` and `second` leaves. */
export function rfcVerifyConsistency(
  first: number,
  second: number,
  firstHash: string,
  secondHash: string,
  consistencyPath: readonly string[],
): boolean {
  if (first < 1 || second < first) return false;
  if (first === second) return consistencyPath.length === 0 && firstHash === secondHash;
  // 1.
  if (consistencyPath.length === 0) return false;
  // 2.
  const path = Number.isInteger(Math.log2(first))
    ? [firstHash, ...consistencyPath]
    : [...consistencyPath];
  // 3.
  let fn = first - 1;
  let sn = second - 1;
  // 4.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false; // a.
    if (lsb(fn) || fn === sn) {
      // b.
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return fr === firstHash && sr === secondHash && sn === 0;
}
