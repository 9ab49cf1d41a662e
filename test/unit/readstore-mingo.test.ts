import { mongoFind, mongoQuery } from '../../src/readstore/mingo';

const documents = [
  { _id: 'a', n: 1, tags: ['x', 'y'], place: { dane: '73001' } },
  { _id: 'b', n: 2, tags: ['y'], place: { dane: '73268' } },
  { _id: 'c', n: 3, tags: [], place: null },
];
const ids = (filter: Record<string, unknown>) =>
  mongoFind(documents, filter)
    .all()
    .map((d) => d._id);

describe('mingo as the read stores load it (query operators only)', () => {
  it('answers the query operators the stores and resolvers use', () => {
    expect(ids({ n: { $gte: 2 } })).toEqual(['b', 'c']);
    expect(ids({ n: { $gt: 1, $lt: 3 } })).toEqual(['b']);
    expect(ids({ n: { $lte: 1 } })).toEqual(['a']);
    expect(ids({ n: { $in: [1, 3] } })).toEqual(['a', 'c']);
    expect(ids({ n: { $nin: [1, 3] } })).toEqual(['b']);
    expect(ids({ n: { $ne: 2 } })).toEqual(['a', 'c']);
    expect(ids({ n: { $not: { $eq: 2 } } })).toEqual(['a', 'c']);
    expect(ids({ $or: [{ n: 1 }, { 'place.dane': '73268' }] })).toEqual(['a', 'b']);
    expect(ids({ tags: 'y' })).toEqual(['a', 'b']);
    expect(ids({ place: { $exists: true, $ne: null } })).toEqual(['a', 'b']);
    expect(mongoQuery({ 'place.dane': { $in: ['73001'] } }).test(documents[0]!)).toBe(true);
  });

  it('sorts, skips and limits through the cursor', () => {
    const page = mongoFind(documents, {}).sort({ n: -1 }).skip(1).limit(1).all();
    expect(page.map((d) => d._id)).toEqual(['b']);
  });

  it('does not load the aggregation expressions (none is used on the read stores)', () => {
    expect(() => ids({ $expr: { $gt: ['$n', 1] } })).toThrow(/not registered/);
  });
});
