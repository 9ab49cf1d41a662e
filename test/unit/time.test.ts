import {
  governmentPeriod,
  parseSemester,
  periodContaining,
  semesterEnd,
  semesterOf,
  semesterStart,
  yearIndex,
} from '../../src/domain/time';

describe('semesters in Bogotá time', () => {
  it('2025-1 ends at 2025-06-30T23:59:59.999-05:00', () => {
    expect(semesterEnd(parseSemester('2025-1')).toISOString()).toBe('2025-07-01T04:59:59.999Z');
    expect(semesterStart(parseSemester('2025-2')).toISOString()).toBe('2025-07-01T05:00:00.000Z');
    expect(semesterEnd(parseSemester('2025-2')).toISOString()).toBe('2026-01-01T04:59:59.999Z');
  });
  it('a change at 2025-06-30 22:00 in Bogotá belongs to 2025-1 although it is July in UTC', () => {
    expect(semesterOf(new Date('2025-06-30T22:00:00-05:00'))).toEqual({ year: 2025, half: 1 });
    expect(semesterOf(new Date('2025-07-01T00:00:00-05:00'))).toEqual({ year: 2025, half: 2 });
    expect(semesterOf(new Date('2025-01-01T04:59:59.999Z'))).toEqual({ year: 2024, half: 2 });
  });
  it.each(['2025-3', '25-1', '2025-01', ''])('refuses "%s"', (text) => {
    expect(() => parseSemester(text)).toThrow(/AAAA-1 o AAAA-2/);
  });
});

describe('government periods', () => {
  it('are four calendar years, Año 1-4', () => {
    const period = governmentPeriod(2024);
    expect(period).toEqual({ firstYear: 2024, lastYear: 2027 });
    expect(yearIndex(period, 2024)).toBe(1);
    expect(yearIndex(period, 2027)).toBe(4);
    expect(() => yearIndex(period, 2028)).toThrow(/fuera del periodo de gobierno 2024-2027/);
    expect(periodContaining(2026)).toEqual({ firstYear: 2024, lastYear: 2027 });
    expect(() => governmentPeriod(2023)).toThrow(/múltiplos de 4/);
  });
});
