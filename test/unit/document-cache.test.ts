import { DocumentCache } from '../../src/readstore/document-cache';

describe('the read store cache of decoded documents', () => {
  it('keeps one document per collection under an id that several collections share', () => {
    const cache = new DocumentCache(1_000);
    const plan = { _id: 'plan-73001-2024', kind: 'plan' };
    const history = { _id: 'plan-73001-2024', kind: 'history' };
    cache.set('plans', plan._id, plan, 10);
    cache.set('plan_history', history._id, history, 10);
    expect(cache.get('plans', plan._id)).toBe(plan);
    expect(cache.get('plan_history', plan._id)).toBe(history);
    expect(cache.get('goals', plan._id)).toBeUndefined();
  });

  it('replaces a collection’s document and forgets one collection without the other', () => {
    const cache = new DocumentCache(1_000);
    cache.set('plans', 'p', { v: 1 }, 10);
    cache.set('plan_history', 'p', { h: 1 }, 10);
    const newer = { v: 2 };
    cache.set('plans', 'p', newer, 10);
    expect(cache.get('plans', 'p')).toBe(newer);
    cache.delete('plans', 'p');
    expect(cache.get('plans', 'p')).toBeUndefined();
    expect(cache.get('plan_history', 'p')).toEqual({ h: 1 });
    cache.delete('plan_history', 'p');
    expect(cache.get('plan_history', 'p')).toBeUndefined();
  });

  it('evicts the least recently used ids when their encoded sizes pass the budget', () => {
    const cache = new DocumentCache(100);
    cache.set('goals', 'a', { id: 'a' }, 40);
    cache.set('goals', 'b', { id: 'b' }, 40);
    expect(cache.get('goals', 'a')).toEqual({ id: 'a' }); // a is now the most recent
    cache.set('goals', 'c', { id: 'c' }, 40);
    expect(cache.get('goals', 'b')).toBeUndefined();
    expect(cache.get('goals', 'a')).toEqual({ id: 'a' });
    expect(cache.get('goals', 'c')).toEqual({ id: 'c' });
  });

  it('counts every collection’s document of a shared id against the budget', () => {
    const cache = new DocumentCache(100);
    cache.set('goals', 'x', { id: 'x' }, 30);
    cache.set('plans', 'shared', { p: 1 }, 30);
    // The shared id grows to 60 bytes: with x's 30 it still fits; a third document does not.
    cache.set('plan_history', 'shared', { h: 1 }, 30);
    expect(cache.get('goals', 'x')).toEqual({ id: 'x' });
    cache.set('plans', 'shared', { p: 2 }, 60);
    expect(cache.get('goals', 'x')).toBeUndefined();
    expect(cache.get('plans', 'shared')).toEqual({ p: 2 });
    expect(cache.get('plan_history', 'shared')).toEqual({ h: 1 });
  });

  it('forgets everything on clear', () => {
    const cache = new DocumentCache(100);
    cache.set('goals', 'a', { id: 'a' }, 1);
    cache.clear();
    expect(cache.get('goals', 'a')).toBeUndefined();
  });
});
