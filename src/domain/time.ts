/**
 * Time rules. Colombia keeps UTC-5 all year (America/Bogota, no daylight saving), so the
 * boundaries are fixed offsets and need no time-zone database.
 *
 * - Semesters: `YYYY-1` is 1 Jan - 30 Jun and `YYYY-2` is 1 Jul - 31 Dec, in Bogotá time.
 *   "As of 2025-1" means the record as it stood at 2025-06-30T23:59:59.999-05:00.
 * - Government periods (cuatrienios) are four calendar years starting in a year divisible by
 *   four (2016-2019, 2020-2023, 2024-2027); goals are spread over Año 1..4.
 */
import { badInput } from './errors';

const BOGOTA_OFFSET_MS = 5 * 60 * 60 * 1000;

export interface Semester {
  year: number;
  half: 1 | 2;
}

const SEMESTER = /^(\d{4})-([12])$/;

export function parseSemester(text: string, field = 'semester'): Semester {
  const match = SEMESTER.exec(text);
  if (!match) {
    throw badInput(field, `semestre inválido "${text}": use AAAA-1 o AAAA-2, p. ej. "2025-1".`);
  }
  return { year: Number(match[1]), half: Number(match[2]) as 1 | 2 };
}

/** First instant of the semester (00:00 Bogotá). */
export function semesterStart(semester: Semester): Date {
  const month = semester.half === 1 ? 0 : 6;
  return new Date(Date.UTC(semester.year, month, 1) + BOGOTA_OFFSET_MS);
}

/** Last instant (millisecond) of the semester, 23:59:59.999 Bogotá on 30 Jun or 31 Dec. */
export function semesterEnd(semester: Semester): Date {
  const next: Semester =
    semester.half === 1 ? { year: semester.year, half: 2 } : { year: semester.year + 1, half: 1 };
  return new Date(semesterStart(next).getTime() - 1);
}

/** The semester an instant falls in, in Bogotá time. */
export function semesterOf(instant: Date): Semester {
  const bogota = new Date(instant.getTime() - BOGOTA_OFFSET_MS);
  return { year: bogota.getUTCFullYear(), half: bogota.getUTCMonth() < 6 ? 1 : 2 };
}

export interface GovernmentPeriod {
  firstYear: number;
  lastYear: number;
}

export function governmentPeriod(firstYear: number, field = 'firstYear'): GovernmentPeriod {
  if (!Number.isInteger(firstYear) || firstYear < 2000 || firstYear > 2100) {
    throw badInput(
      field,
      `año inicial inválido ${firstYear}: use el primer año de un cuatrienio, múltiplo de 4 entre 2000 y 2100 (p. ej. 2024).`,
    );
  }
  if (firstYear % 4 !== 0) {
    const start = periodContaining(firstYear).firstYear;
    throw badInput(
      field,
      `${firstYear} no inicia un cuatrienio: los periodos de gobierno empiezan en años múltiplos de 4 entre 2000 y 2100 (p. ej. 2020, 2024, 2028); ${firstYear} pertenece al de ${start}-${start + 3}.`,
    );
  }
  return { firstYear, lastYear: firstYear + 3 };
}

/** The cuatrienio a year belongs to. */
export function periodContaining(year: number): GovernmentPeriod {
  const firstYear = year - (((year % 4) + 4) % 4);
  return { firstYear, lastYear: firstYear + 3 };
}

/** Año 1..4 of the period for a calendar year, or throws naming the field. */
export function yearIndex(period: GovernmentPeriod, year: number, field = 'year'): 1 | 2 | 3 | 4 {
  if (!Number.isInteger(year) || year < period.firstYear || year > period.lastYear) {
    throw badInput(
      field,
      `el año ${year} está fuera del periodo de gobierno ${period.firstYear}-${period.lastYear}.`,
    );
  }
  return (year - period.firstYear + 1) as 1 | 2 | 3 | 4;
}

/** The calendar years of a period, Año 1 first. */
export function periodYears(period: GovernmentPeriod): [number, number, number, number] {
  const y = period.firstYear;
  return [y, y + 1, y + 2, y + 3];
}

/**
 * The last instant of the period a figure refers to (valid time): 31 December of its year, or the
 * last day of its month, 23:59:59.999 Bogotá.
 */
export function periodEnd(period: { year: number; month?: number }): Date {
  const [year, monthIndex] =
    period.month === undefined ? [period.year + 1, 0] : [period.year, period.month];
  return new Date(Date.UTC(year, monthIndex, 1) + BOGOTA_OFFSET_MS - 1);
}

export function formatSemesterKey(semester: Semester): string {
  return `${semester.year}-${semester.half}`;
}

/** The calendar date (AAAA-MM-DD) of an instant in Bogotá. */
export function bogotaDate(instant: Date): string {
  return new Date(instant.getTime() - BOGOTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midday in Bogotá of a calendar date AAAA-MM-DD (a safe instant to ask which semester it is in). */
export function bogotaMidday(date: string): Date {
  return new Date(`${date}T12:00:00-05:00`);
}
