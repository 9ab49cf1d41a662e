/**
 * mingo with the query operators only. The read stores evaluate MongoDB filters (`$in`, `$gte`,
 * `$elemMatch`, `$or`…) and sort with the cursor; they run no aggregation, expression or update.
 * mingo's main entry point registers every operator, about 0.1 s of each start here; its
 * documented way to load fewer is a context of the operators used ("Loading Operators").
 */
import { Context } from 'mingo/core';
import * as queryOperators from 'mingo/operators/query';
import { Query } from 'mingo/query';
import type { Cursor } from 'mingo/cursor';

const context = Context.init({ query: queryOperators });

/** A compiled filter: `test(document)`, or `find(documents)` for a cursor. */
export function mongoQuery(filter: Record<string, unknown>): Query {
  return new Query(filter, { context });
}

/** The documents that match `filter`, as a cursor to sort, skip and limit. */
export function mongoFind<T>(documents: readonly T[], filter: Record<string, unknown>): Cursor<T> {
  return mongoQuery(filter).find<T>(documents as T[]);
}
