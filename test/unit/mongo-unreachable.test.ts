import { MongoReadStore } from '../../src/readstore/mongo';

describe('MongoDB adapter without a server', () => {
  it('fails fast instead of waiting the driver default of 30 s', async () => {
    const started = Date.now();
    await expect(
      MongoReadStore.connect({
        url: 'mongodb://127.0.0.1:9/bitacora',
        serverSelectionTimeoutMS: 500,
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
