/**
 * Old events stay readable: each stored event carries its `schemaVersion`, and an upcaster turns
 * version n of a type into version n+1 until it reaches the current one. Events on the log are
 * never rewritten; upcasting happens on read.
 */
export const CURRENT_SCHEMA_VERSION = 1;

export interface StoredFact {
  type: string;
  data: Record<string, unknown>;
  schemaVersion: number;
}

type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** `UPCASTERS[type][n]` turns version n into n+1. None are needed yet at version 1. */
const UPCASTERS: Record<string, Record<number, Upcaster>> = {};

export function upcast(fact: StoredFact): { type: string; data: Record<string, unknown> } {
  let { data } = fact;
  for (let version = fact.schemaVersion; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = UPCASTERS[fact.type]?.[version];
    if (step) data = step(data);
  }
  return { type: fact.type, data };
}
