/**
 * Sharing a catch-up out between workers by territorial entity: every stream and document of an
 * entity falls in one share, the first share (which also reads the whole log for the projections
 * it carries whole) takes the part `leadPart` says, and a worker whose projections are all shares
 * can tell which streams it passes over.
 */
import { ALL_PROJECTIONS } from '../../projections';
import {
  leadPart,
  passesOver,
  projectionOfShare,
  projectionsOfShare,
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

  it('gives the first share its part of the entities, and the others the rest evenly, department by department', () => {
    for (const count of [2, 3, 4]) {
      const sizes = Array.from({ length: count }, () => 0);
      for (const code of codes) sizes[shareOfStream(code, count)]! += 1;
      const lead = leadPart(count);
      expect(Math.abs(sizes[0]! / codes.length - lead)).toBeLessThan(0.04);
      for (const size of sizes.slice(1)) {
        expect(Math.abs(size / codes.length - (1 - lead) / (count - 1))).toBeLessThan(0.04);
      }
    }
    // The codes of one department (same first digits) do not fall together.
    const department = codes.slice(0, 35).map((code) => shareOfStream(code, 2));
    expect(new Set(department).size).toBe(2);
    expect(leadPart(1)).toBe(1);
    expect(leadPart(2)).toBeGreaterThan(0.3);
    expect(leadPart(2)).toBeLessThan(0.5);
  });

  it('names a share checkpoint apart from the shares of earlier partitions', () => {
    const name = shareCheckpoint('plans', { index: 1, count: 2 });
    expect(name).toBe('plans#2in2');
    expect(projectionOfShare(name)).toBe('plans');
    expect(projectionOfShare('plans#2of2')).toBeNull();
    expect(projectionOfShare('plans')).toBeNull();
  });

  it('passes over, for a worker of shares only, exactly the streams no projection of its share reads', () => {
    expect(passesOver(projectionsOfShare(ALL_PROJECTIONS, { index: 0, count: 2 }))).toBeNull();
    expect(passesOver(ALL_PROJECTIONS)).toBeNull();
    const passes = passesOver(projectionsOfShare(ALL_PROJECTIONS, { index: 1, count: 2 }))!;
    const [mine, theirs] = [1, 0].map((share) =>
      codes.find((code) => shareOfStream(code, 2) === share),
    );
    expect(passes(`plan-${theirs}-2024`)).toBe(true);
    expect(passes(`monitoring-${theirs}-2024`)).toBe(true);
    expect(passes(`plan-${mine}-2024`)).toBe(false);
    expect(passes(`monitoring-${mine}-2024`)).toBe(false);
    // A methodology feeds every entity's risk score.
    expect(passes('methodology-sgp-apsb')).toBe(false);
  });
});
