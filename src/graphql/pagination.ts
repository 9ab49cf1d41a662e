/** Relay connections: page arguments, opaque cursors and page info, shared by every list. */
import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from './errors';
import type { PageInfo } from './types/common';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Cuántos elementos (1-100, por omisión 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor después del cual continuar.' })
  after?: string | null;
}

/** A cursor is the kind of list and the sort key, base64url-encoded: opaque to clients. */
export const encodeCursor = (prefix: string, value: string | number) =>
  Buffer.from(`${prefix}${value}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | null | undefined, prefix: string): string | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(prefix)) throw badInput('after', 'cursor inválido.');
  return text.slice(prefix.length);
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return 20;
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput('first', 'debe estar entre 1 y 100.');
  return first;
}

export function pageInfo(
  edges: ReadonlyArray<{ cursor: string }>,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
}
