import { LRUCache } from 'lru-cache';

/** The decoded documents of one id, one per collection that has it (most ids are in one). */
interface Slot {
  collections: string[];
  documents: unknown[];
  sizes: number[];
}

/**
 * Decoded documents, bounded by the size of their encoded blobs, least recently used out first.
 * Keyed by the document's id alone, not by collection and id: a nested list looks up thousands
 * of ids a request, and a key built by concatenation is a new string to flatten and hash each
 * time (0.7 ms of a 2,080-goal list, measured). An id that several collections share (a plan and
 * its history) holds one slot with a document for each, used and evicted together.
 */
export class DocumentCache {
  private readonly slots: LRUCache<string, Slot>;

  constructor(maxBytes: number) {
    // Every entry is set with its size (`put`).
    this.slots = new LRUCache<string, Slot>({ maxSize: maxBytes });
  }

  get<T>(collection: string, id: string): T | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    const index = slot.collections.indexOf(collection);
    return index < 0 ? undefined : (slot.documents[index] as T);
  }

  set(collection: string, id: string, document: unknown, size: number): void {
    const slot = this.slots.get(id);
    const index = slot ? slot.collections.indexOf(collection) : -1;
    if (slot === undefined) {
      this.put(id, { collections: [collection], documents: [document], sizes: [size] });
    } else if (index < 0) {
      this.put(id, {
        collections: [...slot.collections, collection],
        documents: [...slot.documents, document],
        sizes: [...slot.sizes, size],
      });
    } else {
      this.put(id, {
        collections: slot.collections,
        documents: slot.documents.with(index, document),
        sizes: slot.sizes.with(index, size),
      });
    }
  }

  delete(collection: string, id: string): void {
    const slot = this.slots.peek(id);
    const index = slot ? slot.collections.indexOf(collection) : -1;
    if (slot === undefined || index < 0) return;
    if (slot.collections.length === 1) {
      this.slots.delete(id);
      return;
    }
    const others = (_: unknown, at: number) => at !== index;
    this.put(id, {
      collections: slot.collections.filter(others),
      documents: slot.documents.filter(others),
      sizes: slot.sizes.filter(others),
    });
  }

  /** A new slot object each time: the cache accounts a size only when the value changes. */
  private put(id: string, slot: Slot): void {
    const size = slot.sizes.reduce((sum, each) => sum + each, 0);
    this.slots.set(id, slot, { size: Math.max(1, size) });
  }

  clear(): void {
    this.slots.clear();
  }
}
