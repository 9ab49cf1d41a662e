/** The driver's bulk-write classes, which its package builds errors with but does not re-export. */
declare module 'mongodb/lib/bulk/common' {
  export { BulkWriteResult, WriteConcernError, WriteError } from 'mongodb';
}
