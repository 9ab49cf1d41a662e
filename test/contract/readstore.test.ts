import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { MongoReadStore } from '../../src/readstore/mongo';
import { describeReadStoreContract } from './readstore.contract';

describeReadStoreContract('embedded (mingo)', async () => new EmbeddedReadStore());

const mongoUrl = process.env.MONGODB_URL;
if (mongoUrl) {
  describeReadStoreContract(`MongoDB (${mongoUrl})`, () =>
    MongoReadStore.connect({ url: mongoUrl, database: `bitacora_test_${process.pid}` }),
  );
} else {
  console.info('ReadStore contract: MongoDB skipped (set MONGODB_URL to run it).');
}
