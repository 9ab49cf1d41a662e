/**
 * Worker thread of `npm run verify`: recomputes the hashes of a batch of events from their
 * canonical form (the costly part of verifying), their Merkle leaf hashes and, for a power-of-two
 * batch, the root of the subtree they form, so that the main thread only checks and combines.
 */
import { parentPort } from 'node:worker_threads';
import { hashBatch, type HashBatch } from './batch-hashing';

parentPort?.on('message', (batch: HashBatch) => {
  const result = hashBatch(batch);
  const transfer = [result.leaves.buffer as ArrayBuffer];
  if (result.envelopes) {
    const { positions, revisions, recordedAt } = result.envelopes;
    transfer.push(
      positions.buffer as ArrayBuffer,
      revisions.buffer as ArrayBuffer,
      recordedAt.buffer as ArrayBuffer,
    );
  }
  parentPort!.postMessage(result, transfer);
});
