/**
 * The Merkle tree over the whole log as a read model, through the read-store port (so MongoDB or
 * the embedded store). Compact: the leaves (event hashes) are kept in chunks of 1024 per document;
 * each full chunk's subtree root is kept one "stratum" up, again in chunks of 1024, and so on. Any
 * complete subtree a proof needs is then computed from one chunk document, so a proof over a
 * million leaves reads a handful of documents (O(log n) nodes, one round trip).
 */
import type { ReadStore } from '../readstore/port';
import {
  consistencyProof,
  consistencyProofNodes,
  copyBytes,
  inclusionProof,
  inclusionProofNodes,
  packedSubtreeRoot,
  rangeNodes,
  rootAt,
  type NodeRef,
  type NodeSource,
} from './merkle';

export const MERKLE_COLLECTION = 'merkle';
export const LEAF_IDS_COLLECTION = 'merkle_leaf_ids';
/** Levels per stratum: a chunk of 2^10 values. */
export const CHUNK_BITS = 10;
export const CHUNK = 1 << CHUNK_BITS;

export interface MerkleHeadDocument {
  _id: 'head';
  size: number;
  lastPosition: number | null;
  /** Semester (record time) of the last leaf. */
  lastSemester: string | null;
}

export interface ChunkDocument {
  _id: string;
  stratum: number;
  chunk: number;
  /** Concatenated 32-byte values, base64: event hashes (stratum 0) or subtree roots (above). */
  hashes: string;
}

/** The tree's size at the end of a semester (record time). */
export interface SemesterSizeDocument {
  _id: string;
  semester: string;
  size: number;
  lastPosition: number | null;
}

export interface LeafIdDocument {
  _id: string;
  leaf: number;
}

export const chunkId = (stratum: number, chunk: number) => `c${stratum}:${chunk}`;
export const semesterId = (semester: string) => `sem:${semester}`;

/** The chunk holding the stratum-level nodes of a complete subtree. */
function chunkOf(
  node: NodeRef,
  bits: number,
): { stratum: number; chunk: number; first: number; count: number } {
  const size = 2 ** bits;
  const stratum = Math.floor(node.level / bits);
  const width = 2 ** (node.level - stratum * bits);
  const first = node.index * width;
  return { stratum, chunk: Math.floor(first / size), first: first % size, count: width };
}

/**
 * Where an event is in a log whose positions are its leaf indexes plus one (the SQLite log): its
 * position and stored hash, or null when the log has no such event.
 */
export type LeafLocator = (eventId: string) => { position: number; hash: string } | null;

/** Reads nodes from the chunk documents; fetch what a computation needs first, then compute. */
export class MerkleReader implements NodeSource {
  private readonly chunks = new Map<string, Buffer>();
  private readonly chunkSize: number;

  /**
   * `chunkBits` is fixed for a tree's life (tests use small chunks to reach several strata).
   * With `locate`, an event's leaf is found from its position, checked against the leaf's hash.
   */
  constructor(
    private readonly store: ReadStore,
    private readonly chunkBits = CHUNK_BITS,
    private readonly locate?: LeafLocator,
  ) {
    this.chunkSize = 2 ** chunkBits;
  }

  async head(): Promise<MerkleHeadDocument> {
    const [head] = await this.store
      .collection<MerkleHeadDocument>(MERKLE_COLLECTION)
      .findByIds(['head']);
    return head ?? { _id: 'head', size: 0, lastPosition: null, lastSemester: null };
  }

  /** Loads, in one round trip, every chunk the given nodes need. */
  async fetch(nodes: readonly NodeRef[]): Promise<void> {
    const ids = [
      ...new Set(
        nodes.map((n) => chunkOf(n, this.chunkBits)).map((c) => chunkId(c.stratum, c.chunk)),
      ),
    ];
    const missing = ids.filter((id) => !this.chunks.has(id));
    if (missing.length === 0) return;
    const docs = await this.store.collection<ChunkDocument>(MERKLE_COLLECTION).findByIds(missing);
    docs.forEach((doc, i) => {
      this.chunks.set(missing[i]!, doc ? Buffer.from(doc.hashes, 'base64') : Buffer.alloc(0));
    });
  }

  node(level: number, index: number): Buffer {
    const { stratum, chunk, first, count } = chunkOf({ level, index }, this.chunkBits);
    const values = this.chunks.get(chunkId(stratum, chunk));
    if (!values || values.length < (first + count) * 32) {
      throw new RangeError(`el nodo (${level}, ${index}) no está en el árbol`);
    }
    return packedSubtreeRoot(
      values.subarray(first * 32, (first + count) * 32),
      count,
      stratum === 0,
    );
  }

  async rootAt(size: number): Promise<Buffer> {
    await this.fetch(rangeNodes(0, size));
    return rootAt(this, size);
  }

  async inclusionProof(index: number, size: number): Promise<Buffer[]> {
    await this.fetch(inclusionProofNodes(index, size));
    return inclusionProof(this, index, size);
  }

  async consistencyProof(m: number, n: number): Promise<Buffer[]> {
    await this.fetch(consistencyProofNodes(m, n));
    return consistencyProof(this, m, n);
  }

  /** The event hashes of the first `size` leaves, concatenated (for a seal file). */
  async leaves(size: number): Promise<Buffer> {
    const ids = Array.from({ length: Math.ceil(size / this.chunkSize) }, (_, k) => chunkId(0, k));
    const docs = ids.length
      ? await this.store.collection<ChunkDocument>(MERKLE_COLLECTION).findByIds(ids)
      : [];
    return Buffer.concat(
      docs.map((d) => (d ? Buffer.from(d.hashes, 'base64') : Buffer.alloc(0))),
    ).subarray(0, size * 32);
  }

  async leafIndexOf(eventId: string): Promise<number | null> {
    const located = this.locate?.(eventId);
    if (located) {
      const index = located.position - 1;
      await this.fetch([{ level: 0, index }]);
      const values = this.chunks.get(chunkId(0, Math.floor(index / this.chunkSize)));
      const slot = (index % this.chunkSize) * 32;
      // The leaf there is this event's own hash unless positions had a gap (a fault): then only
      // a document written for the event (as on other stores) can say where it is.
      if (values && values.subarray(slot, slot + 32).toString('hex') === located.hash) return index;
    }
    const [doc] = await this.store
      .collection<LeafIdDocument>(LEAF_IDS_COLLECTION)
      .findByIds([eventId]);
    return doc?.leaf ?? null;
  }

  async semesterSize(semester: string): Promise<SemesterSizeDocument | null> {
    const [doc] = await this.store
      .collection<SemesterSizeDocument>(MERKLE_COLLECTION)
      .findByIds([semesterId(semester)]);
    return doc ?? null;
  }
}

/**
 * Appends leaves to the chunk documents, in memory for one batch: loads what it touches, appends,
 * carries full chunks' roots one stratum up, and returns the documents to write.
 */
export class MerkleAppender {
  /** Each touched chunk as a full-size buffer and how many values it holds. */
  private readonly chunks = new Map<string, { values: Buffer; count: number }>();
  private readonly touched = new Set<string>();
  /**
   * The chunk the last leaf went to, so that a leaf skips naming it and the lookup: set only while
   * its id is in `touched` (which `documents()` empties, and this with it).
   */
  private leafChunk: { chunkNumber: number; chunk: { values: Buffer; count: number } } | null =
    null;
  private readonly chunkSize: number;

  constructor(
    private readonly store: ReadStore,
    private size: number,
    chunkBits = CHUNK_BITS,
  ) {
    this.chunkSize = 2 ** chunkBits;
  }

  /** Loads the chunks the next `count` leaves (and the roots they complete) will touch. */
  async prepare(count: number): Promise<void> {
    const ids = new Set<string>();
    for (let stratum = 0, index = this.size, n = count; n > 0; stratum++) {
      for (
        let k = Math.floor(index / this.chunkSize);
        k <= Math.floor((index + n - 1) / this.chunkSize);
        k++
      ) {
        ids.add(chunkId(stratum, k));
      }
      const completed =
        Math.floor((index + n) / this.chunkSize) - Math.floor(index / this.chunkSize);
      index = Math.floor(index / this.chunkSize);
      n = completed;
    }
    const missing = [...ids].filter((id) => !this.chunks.has(id));
    if (missing.length === 0) return;
    const docs = await this.store.collection<ChunkDocument>(MERKLE_COLLECTION).findByIds(missing);
    docs.forEach((doc, i) => {
      const values = Buffer.alloc(this.chunkSize * 32);
      const stored = doc ? Buffer.from(doc.hashes, 'base64') : Buffer.alloc(0);
      stored.copy(values);
      this.chunks.set(missing[i]!, { values, count: stored.length / 32 });
    });
  }

  /**
   * Appends one leaf (an event hash, 32 bytes); returns its index. A stored hash that is not 32
   * bytes (a fault, recorded as such) is a leaf cut to 32 bytes or padded with zeros.
   */
  append(eventHash: Buffer): number {
    if (eventHash.length === 32) return this.appendFrom(eventHash, 0);
    const leaf = Buffer.alloc(32);
    eventHash.copy(leaf, 0, 0, Math.min(32, eventHash.length));
    return this.appendFrom(leaf, 0);
  }

  /** Appends leaves given end to end (32 bytes each), as `append` one by one would. */
  appendLeaves(eventHashes: Buffer): void {
    if (eventHashes.length % 32 !== 0) {
      throw new RangeError('appendLeaves: hojas de 32 bytes, una tras otra');
    }
    for (let offset = 0; offset < eventHashes.length; offset += 32) {
      this.appendFrom(eventHashes, offset);
    }
  }

  /** Appends the leaf at `offset` of `source` (its 32 bytes). */
  private appendFrom(source: Buffer, offset: number): number {
    const leaf = this.size;
    let value = source;
    let from = offset;
    for (let stratum = 0, index = leaf; ; stratum++) {
      const chunkNumber = Math.floor(index / this.chunkSize);
      // The leaves' chunk changes once in `chunkSize` leaves: named and looked up only then.
      let chunk =
        stratum === 0 && this.leafChunk?.chunkNumber === chunkNumber ? this.leafChunk.chunk : null;
      if (!chunk) {
        const id = chunkId(stratum, chunkNumber);
        chunk = this.chunks.get(id) ?? null;
        if (!chunk)
          this.chunks.set(id, (chunk = { values: Buffer.alloc(this.chunkSize * 32), count: 0 }));
        this.touched.add(id);
        if (stratum === 0) this.leafChunk = { chunkNumber, chunk };
      }
      const slot = index % this.chunkSize;
      // Writing at the index (not appending) keeps a replayed batch idempotent.
      copyBytes(value, from, chunk.values, slot * 32, 32);
      chunk.count = Math.max(chunk.count, slot + 1);
      if (slot !== this.chunkSize - 1) break;
      // The chunk is full: its subtree root is the next stratum's value.
      value = packedSubtreeRoot(chunk.values, this.chunkSize, stratum === 0);
      from = 0;
      index = Math.floor(index / this.chunkSize);
    }
    this.size += 1;
    return leaf;
  }

  get currentSize(): number {
    return this.size;
  }

  documents(): ChunkDocument[] {
    const docs = [...this.touched].map((id) => {
      const [stratum, chunk] = id.slice(1).split(':').map(Number) as [number, number];
      const { values, count } = this.chunks.get(id)!;
      return { _id: id, stratum, chunk, hashes: values.subarray(0, count * 32).toString('base64') };
    });
    this.touched.clear();
    // So that the next leaf puts its chunk in `touched` again.
    this.leafChunk = null;
    return docs;
  }
}
