import { createLoaders, forgetReads } from '../../src/graphql/context';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import type { ReadDocument } from '../../src/readstore/port';

const plan = (revision: number) =>
  ({ _id: 'plan-73001-2024', daneCode: '73001', firstYear: 2024, revision }) as ReadDocument;

describe('the request loaders after a mutation (read your own write)', () => {
  it('serve no document cached before the write: not the plan, nor the municipality’s list', async () => {
    const store = new EmbeddedReadStore();
    await store.collection('plans').write([{ kind: 'put', document: plan(1) }]);
    const loaders = createLoaders(store);
    const [listed] = await loaders.plansByDane.load('73001');
    loaders.plan.prime(listed!._id, listed as never);
    // Another write lands (this request's mutation, or another client's).
    await store.collection('plans').write([{ kind: 'put', document: plan(2) }]);
    expect((await loaders.plansByDane.load('73001'))[0]).toMatchObject({ revision: 1 });

    forgetReads(loaders);

    expect((await loaders.plansByDane.load('73001'))[0]).toMatchObject({ revision: 2 });
    expect(await loaders.plan.load('plan-73001-2024')).toMatchObject({ revision: 2 });
  });

  it('clears every loader of the request', () => {
    const loaders = createLoaders(new EmbeddedReadStore());
    const cleared: string[] = [];
    for (const [name, loader] of Object.entries(loaders) as Array<
      [string, { clearAll(): unknown }]
    >) {
      const clearAll = loader.clearAll.bind(loader);
      loader.clearAll = () => {
        cleared.push(name);
        return clearAll();
      };
    }
    forgetReads(loaders);
    expect(cleared.sort()).toEqual(Object.keys(loaders).sort());
  });
});
