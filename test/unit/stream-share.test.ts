/**
 * Sharing a catch-up out between workers by territorial entity: every stream and document of an
 * entity falls in one share, the shares are even, and a worker can tell which streams it passes
 * over and which metadata keys it still reads in them.
 */
import { ALL_PROJECTIONS } from '../../projections';
import {
  projectionOfShare,
  projectionsOfShare,
  rowsNeeded,
  shareCheckpoint,
  shareOfStream,
} from '../../src/projector/stream-share';

/** Every municipality code of 32 departments (a national log names about 1,100 of them). */
const codes = Array.from({ length: 32 }, (_, d) =>
  Array.from({ length: 35 }, (_, m) => String((d + 5) * 1000 + m * 3 + 1).padStart(5, '0')),
).flat();

describe('sharing the log by territorial entity', () => {
  it('puts every stream and document of an entity in the same share', () => {
    for (const count of [2, 3]) {
      for (const code of codes.slice(0, 100)) {
        const share = shareOfStream(code, count);
        expect(shareOfStream(`plan-${code}-2024`, count)).toBe(share);
        expect(shareOfStream(`monitoring-${code}-2024`, count)).toBe(share);
        expect(shareOfStream(`risk-${code}`, count)).toBe(share);
      }
    }
    expect(shareOfStream('plan-73001-2024', 1)).toBe(0);
  });

  it('gives each share an even part of the entities, department by department', () => {
    for (const count of [2, 3, 4]) {
      const sizes = Array.from({ length: count }, () => 0);
      for (const code of codes) sizes[shareOfStream(code, count)]! += 1;
      for (const size of sizes)
        expect(Math.abs(size / codes.length - 1 / count)).toBeLessThan(0.04);
    }
    // The codes of one department (same first digits) do not fall together.
    const department = codes.slice(0, 35).map((code) => shareOfStream(code, 2));
    expect(new Set(department).size).toBe(2);
  });

  it('names a share checkpoint apart from the shares of earlier partitions', () => {
    const name = shareCheckpoint('plans', { index: 1, count: 2 });
    expect(name).toBe('plans#2in2:even');
    expect(projectionOfShare(name)).toBe('plans');
    expect(projectionOfShare('plans#2of2')).toBeNull();
    expect(projectionOfShare('plans#2in2')).toBeNull();
    expect(projectionOfShare('plans')).toBeNull();
  });

  it('passes over, for a worker of shares only, exactly the streams no projection of its share reads', () => {
    expect(rowsNeeded(ALL_PROJECTIONS)).toBeNull();
    const rows = rowsNeeded(projectionsOfShare(ALL_PROJECTIONS, { index: 1, count: 2 }))!;
    const [mine, theirs] = [1, 0].map((share) =>
      codes.find((code) => shareOfStream(code, 2) === share),
    );
    expect(rows.passesOver(`plan-${theirs}-2024`)).toBe(true);
    expect(rows.passesOver(`monitoring-${theirs}-2024`)).toBe(true);
    expect(rows.passesOver(`plan-${mine}-2024`)).toBe(false);
    expect(rows.passesOver(`monitoring-${mine}-2024`)).toBe(false);
    // A methodology feeds every entity's risk score.
    expect(rows.passesOver('methodology-sgp-apsb')).toBe(false);
    expect(rows.metadataKeys).toEqual([]);
  });

  it('passes over, for the first worker, the streams neither its share nor the projections it carries whole read, but for the events with their metadata keys', () => {
    const first = projectionsOfShare(ALL_PROJECTIONS, { index: 0, count: 2 });
    // The audit trail reads every event, unless the store computes it from the log.
    expect(rowsNeeded(first)).toBeNull();
    const rows = rowsNeeded(first, (projection) => projection.name === 'audit')!;
    const [mine, theirs] = [0, 1].map((share) =>
      codes.find((code) => shareOfStream(code, 2) === share),
    );
    expect(rows.passesOver(`plan-${theirs}-2024`)).toBe(true);
    expect(rows.passesOver(`socialplan-${theirs}-2024`)).toBe(true);
    expect(rows.passesOver(`plan-${mine}-2024`)).toBe(false);
    // The reviews of every entity, and a methodology.
    expect(rows.passesOver(`ctpreview-${theirs}-2024-2025-1`)).toBe(false);
    expect(rows.passesOver('methodology-sgp-apsb')).toBe(false);
    // Citations of a review and idempotency keys may be in any stream.
    expect([...rows.metadataKeys].sort()).toEqual(['answersRecommendation', 'idempotencyKey']);
  });
});
