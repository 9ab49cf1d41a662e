import { randomBytes } from 'node:crypto';
import {
  InMemoryTree,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/integrity/merkle';
import { MERKLE_COLLECTION, MerkleAppender, MerkleReader } from '../../src/integrity/merkle-store';
import { EmbeddedReadStore } from '../../src/readstore/embedded';

/**
 * The chunked tree read model against the in-memory tree: chunks of 4 values (2 bits) so that a few
 * hundred leaves already span four strata, appended in uneven batches as events arrive.
 */
describe('Merkle tree read model (chunked leaves and cached subtree roots)', () => {
  const leaves = Array.from({ length: 300 }, () => randomBytes(32));
  const reference = new InMemoryTree(leaves);
  const store = new EmbeddedReadStore();
  const bits = 2;

  beforeAll(async () => {
    const appender = new MerkleAppender(store, 0, bits);
    for (let start = 0; start < leaves.length;) {
      const batch = leaves.slice(start, start + 1 + (start % 37));
      await appender.prepare(batch.length);
      for (const leaf of batch) appender.append(leaf);
      await store
        .collection(MERKLE_COLLECTION)
        .write(appender.documents().map((document) => ({ kind: 'put', document })));
      start += batch.length;
    }
  });

  it('has the same root as the whole tree at every size', async () => {
    for (const size of [1, 2, 3, 4, 5, 16, 17, 63, 64, 65, 255, 256, 257, 300]) {
      const reader = new MerkleReader(store, bits);
      expect((await reader.rootAt(size)).toString('hex')).toBe(
        reference.root(size).toString('hex'),
      );
    }
  });

  it('gives inclusion and consistency proofs that verify, reading few documents', async () => {
    for (const [index, size] of [
      [0, 1],
      [5, 300],
      [255, 256],
      [299, 300],
      [128, 200],
    ] as const) {
      const before = store.stats.calls;
      const reader = new MerkleReader(store, bits);
      const proof = await reader.inclusionProof(index, size);
      expect(store.stats.calls - before).toBeLessThanOrEqual(1);
      expect(
        verifyInclusion(leafHash(leaves[index]!), index, size, proof, reference.root(size)),
      ).toBe(true);
    }
    for (const [m, n] of [
      [1, 300],
      [64, 65],
      [100, 257],
      [256, 300],
    ] as const) {
      const proof = await new MerkleReader(store, bits).consistencyProof(m, n);
      expect(verifyConsistency(m, n, reference.root(m), reference.root(n), proof)).toBe(true);
    }
  });

  it('keeps the event hashes themselves, in log order', async () => {
    const stored = await new MerkleReader(store, bits).leaves(300);
    expect(stored.equals(Buffer.concat(leaves))).toBe(true);
  });

  it('appends leaves given end to end as one by one, across chunks and batches written between', async () => {
    const byOne = new EmbeddedReadStore();
    const together = new EmbeddedReadStore();
    const one = new MerkleAppender(byOne, 0, bits);
    const many = new MerkleAppender(together, 0, bits);
    const written = async (appender: MerkleAppender, on: EmbeddedReadStore) =>
      on
        .collection(MERKLE_COLLECTION)
        .write(appender.documents().map((document) => ({ kind: 'put', document })));
    // Uneven batches: some end inside a chunk, so the next one continues a chunk already written.
    for (let start = 0; start < leaves.length;) {
      const batch = leaves.slice(start, start + 3 + (start % 11));
      await one.prepare(batch.length);
      for (const leaf of batch) one.append(leaf);
      await written(one, byOne);
      await many.prepare(batch.length);
      many.appendLeaves(Buffer.concat(batch));
      await written(many, together);
      start += batch.length;
    }
    const byId = (a: { _id: string }, b: { _id: string }) => a._id.localeCompare(b._id);
    const stored = (await together.collection(MERKLE_COLLECTION).find()).sort(byId);
    expect(stored).toEqual((await byOne.collection(MERKLE_COLLECTION).find()).sort(byId));
    expect((await new MerkleReader(together, bits).leaves(300)).equals(Buffer.concat(leaves))).toBe(
      true,
    );
    for (const size of [1, 4, 5, 16, 17, 64, 65, 256, 257, 300]) {
      expect((await new MerkleReader(together, bits).rootAt(size)).toString('hex')).toBe(
        reference.root(size).toString('hex'),
      );
    }
    expect(() => many.appendLeaves(Buffer.alloc(33))).toThrow(RangeError);
  });

  it('appends a stored hash that is not 32 bytes (a fault) cut or padded with zeros', async () => {
    const on = new EmbeddedReadStore();
    const appender = new MerkleAppender(on, 0, bits);
    await appender.prepare(2);
    appender.append(Buffer.from('abcd', 'hex'));
    appender.append(Buffer.alloc(40, 7));
    await on
      .collection(MERKLE_COLLECTION)
      .write(appender.documents().map((document) => ({ kind: 'put', document })));
    const stored = await new MerkleReader(on, bits).leaves(2);
    expect(stored).toEqual(
      Buffer.concat([Buffer.from('abcd', 'hex'), Buffer.alloc(30), Buffer.alloc(32, 7)]),
    );
  });
});
