/**
 * The MongoDB read store over a fake database whose bulk writes fail with the errors driver 7.9
 * builds (constructed here exactly as `lib/bulk/common.js` does): only a failure made of duplicate
 * keys and nothing else is a replay; every other failure must stop the commit before its checkpoint.
 */
import {
  MongoBulkWriteError,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
  type Db,
  type Document,
} from 'mongodb';
// The driver's own classes for the result and the errors inside a bulk write (not re-exported).
import { BulkWriteResult, WriteConcernError, WriteError } from 'mongodb/lib/bulk/common';
import { isReplayOnly, MongoReadStore } from '../../src/readstore/mongo';
import type { WriteOperation } from '../../src/readstore/port';

interface BulkResultShape {
  ok: number;
  writeErrors: WriteError[];
  writeConcernErrors: WriteConcernError[];
  insertedIds: Document[];
  nInserted: number;
  nUpserted: number;
  nMatched: number;
  nModified: number;
  nRemoved: number;
  upserted: Document[];
}

function bulkResult(
  writeErrors: WriteError[] = [],
  writeConcernErrors: WriteConcernError[] = [],
): BulkResultShape {
  return {
    ok: 1,
    writeErrors,
    writeConcernErrors,
    insertedIds: [],
    nInserted: 0,
    nUpserted: 0,
    nMatched: 0,
    nModified: 0,
    nRemoved: 0,
    upserted: [],
  };
}

const result = (shape: BulkResultShape) =>
  new (BulkWriteResult as unknown as new (r: BulkResultShape, ordered: boolean) => never)(
    shape,
    false,
  );

const duplicate = (index: number) =>
  new WriteError({ code: 11000, index, errmsg: 'E11000 duplicate key error', errInfo: {}, op: {} });
const writeConcernTimeout = () =>
  new WriteConcernError({ code: 64, errmsg: 'waiting for replication timed out' } as never);

/** `executeCommands`: a driver error (network, not primary, server selection) ends the batch. */
const driverError = (error: Error) =>
  new MongoBulkWriteError(error as never, result(bulkResult()) as never);
/** `executeCommands`: a thrown MongoWriteConcernError becomes a plain {message, code}. */
const thrownWriteConcern = () =>
  new MongoBulkWriteError(
    { message: 'waiting for replication timed out', code: 64 },
    result(bulkResult([], [writeConcernTimeout()])) as never,
  );
/** `handleWriteError`: write errors first (a write-concern error then stays in the result)... */
const writeErrors = (errors: WriteError[], concern: WriteConcernError[] = []) =>
  new MongoBulkWriteError(
    { message: errors[0]!.errmsg ?? 'write failed', code: errors[0]!.code, writeErrors: errors },
    result(bulkResult(errors, concern)) as never,
  );
/** ...or the write-concern error itself when there are none. */
const writeConcernOnly = () =>
  new MongoBulkWriteError(
    writeConcernTimeout(),
    result(bulkResult([], [writeConcernTimeout()])) as never,
  );

const notReplays: Array<[string, () => Error]> = [
  ['a network error', () => driverError(new MongoNetworkError('connection reset by peer'))],
  [
    'a server selection error (primary election)',
    () =>
      driverError(
        new MongoServerSelectionError('Server selection timed out after 2000 ms', {
          error: null,
          servers: new Map(),
        } as never),
      ),
  ],
  [
    'a not-primary error',
    () => driverError(new MongoServerError({ message: 'not primary', code: 10107 })),
  ],
  ['a write-concern error thrown by the server', thrownWriteConcern],
  ['a write-concern error with no write errors', writeConcernOnly],
  [
    'duplicate keys together with a write-concern error',
    () => writeErrors([duplicate(0)], [writeConcernTimeout()]),
  ],
  [
    'a duplicate key beside another write error',
    () =>
      writeErrors([
        duplicate(0),
        new WriteError({
          code: 121,
          index: 1,
          errmsg: 'Document failed validation',
          errInfo: {},
          op: {},
        }),
      ]),
  ],
];

/** A database whose collections fail every bulk write with `failure`, and record checkpoints. */
function failingDatabase(failure: () => Error) {
  const checkpoints: Document[] = [];
  const db = {
    collection: (name: string) => ({
      collectionName: name,
      bulkWrite: async () => {
        throw failure();
      },
      updateOne: async (filter: Document, update: Document) => {
        checkpoints.push({ filter, update });
        return { acknowledged: true };
      },
    }),
  } as unknown as Db;
  return { db, checkpoints };
}

const writes = new Map<string, WriteOperation[]>([
  ['plans', [{ kind: 'put', document: { _id: 'plan-73001-2024', _position: 42 } as never }]],
]);

describe('MongoDB read store: which failed bulk writes are replays', () => {
  it.each(notReplays)('%s is not a replay', (_label, failure) => {
    const error = failure();
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect(isReplayOnly(error)).toBe(false);
  });

  it('only duplicate keys, with no write-concern error, is a replay', () => {
    expect(isReplayOnly(writeErrors([duplicate(0), duplicate(3)]))).toBe(true);
  });

  it.each(notReplays)(
    'commit fails and leaves the checkpoint where it was after %s',
    async (_label, failure) => {
      const { db, checkpoints } = failingDatabase(failure);
      const store = MongoReadStore.overDatabase(db);
      await expect(store.commit('plans', writes, 42)).rejects.toBeInstanceOf(MongoBulkWriteError);
      expect(checkpoints).toEqual([]);
    },
  );

  it('commit of a replayed batch (only duplicate keys) moves the checkpoint', async () => {
    const { db, checkpoints } = failingDatabase(() => writeErrors([duplicate(0)]));
    await MongoReadStore.overDatabase(db).commit('plans', writes, 42);
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]!.update).toEqual({ $max: { position: 42 } });
  });
});
