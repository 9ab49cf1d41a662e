import {
  bogotaDate,
  bogotaMidday,
  formatSemesterKey,
  governmentPeriod,
  parseSemester,
  periodContaining,
  periodEnd,
  periodYears,
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

describe('the edges of the time rules', () => {
  it('un semestre se escribe entero: "2025-1" sí; " 2025-1", "2025-1x", "x2025-1" no', () => {
    expect(parseSemester('2025-1')).toEqual({ year: 2025, half: 1 });
    expect(parseSemester('2025-2')).toEqual({ year: 2025, half: 2 });
    for (const text of [' 2025-1', '2025-1x', 'x2025-1', '12025-1', '2025-12']) {
      expect(() => parseSemester(text, 'asOf.semester')).toThrow(
        `semestre inválido "${text}": use AAAA-1 o AAAA-2, p. ej. "2025-1".`,
      );
    }
  });

  it('un reporte anual vence el 31 de diciembre a las 23:59:59.999 en Bogotá, no antes ni después', () => {
    expect(periodEnd({ year: 2025 }).toISOString()).toBe('2026-01-01T04:59:59.999Z');
  });

  it('un reporte mensual vence el último día de su mes, 23:59:59.999 en Bogotá', () => {
    // Month 1..12 as reported: February 2024 has 29 days.
    expect(periodEnd({ year: 2024, month: 2 }).toISOString()).toBe('2024-03-01T04:59:59.999Z');
    expect(periodEnd({ year: 2025, month: 12 }).toISOString()).toBe('2026-01-01T04:59:59.999Z');
  });

  it('los cuatrienios van de 2000 a 2100: 2000 y 2100 valen, 1996 y 2104 no', () => {
    expect(governmentPeriod(2000)).toEqual({ firstYear: 2000, lastYear: 2003 });
    expect(governmentPeriod(2100)).toEqual({ firstYear: 2100, lastYear: 2103 });
    for (const year of [1996, 2104, 2024.5]) {
      expect(() => governmentPeriod(year)).toThrow(
        `año inicial inválido ${year}: use el primer año de un cuatrienio, múltiplo de 4 entre 2000 y 2100 (p. ej. 2024).`,
      );
    }
  });

  it('un año que no inicia cuatrienio dice a cuál pertenece, nombrando el campo', () => {
    try {
      governmentPeriod(2026, 'input.firstYear');
      throw new Error('aceptó 2026');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.firstYear',
        message:
          '2026 no inicia un cuatrienio: los periodos de gobierno empiezan en años múltiplos de 4 entre 2000 y 2100 (p. ej. 2020, 2024, 2028); 2026 pertenece al de 2024-2027.',
      });
    }
  });

  it('Año 1 a 4: antes del primero, después del último o fraccionario, fuera del periodo', () => {
    const period = governmentPeriod(2024);
    expect([2024, 2025, 2026, 2027].map((year) => yearIndex(period, year))).toEqual([1, 2, 3, 4]);
    for (const year of [2023, 2028, 2025.5]) {
      expect(() => yearIndex(period, year, 'period.year')).toThrow(
        `el año ${year} está fuera del periodo de gobierno 2024-2027.`,
      );
    }
    expect(periodYears(period)).toEqual([2024, 2025, 2026, 2027]);
    expect(periodContaining(2024)).toEqual({ firstYear: 2024, lastYear: 2027 });
    expect(periodContaining(2027)).toEqual({ firstYear: 2024, lastYear: 2027 });
    expect(periodContaining(2028)).toEqual({ firstYear: 2028, lastYear: 2031 });
  });

  it('la fecha en Bogotá de un instante: las 23:00 del 31 de diciembre son aún el 31', () => {
    expect(bogotaDate(new Date('2026-01-01T04:00:00Z'))).toBe('2025-12-31');
    expect(bogotaDate(new Date('2026-01-01T05:00:00Z'))).toBe('2026-01-01');
    expect(bogotaMidday('2025-12-31').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(formatSemesterKey({ year: 2025, half: 2 })).toBe('2025-2');
  });

  it('el primer semestre empieza el 1 de enero a las 00:00 en Bogotá', () => {
    expect(semesterStart({ year: 2025, half: 1 }).toISOString()).toBe('2025-01-01T05:00:00.000Z');
    expect(semesterOf(new Date('2025-01-01T05:00:00.000Z'))).toEqual({ year: 2025, half: 1 });
  });
});
