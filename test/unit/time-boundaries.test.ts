/**
 * The time rules' refusals name the input they refuse (src/domain/time.ts): the field a caller
 * did not name is the rule's own ("semester", "firstYear", "year"), so that a GraphQL error still
 * says which input was wrong (issue 14).
 */
import { governmentPeriod, parseSemester, yearIndex } from '../../src/domain/time';

const fieldOf = (refuse: () => unknown): unknown => {
  try {
    refuse();
  } catch (error) {
    return (error as { code: string; field: string }).field;
  }
  return 'aceptado';
};

describe('las reglas de tiempo nombran el campo que rechazan', () => {
  it('un semestre mal escrito: "semester", o el campo que se indique', () => {
    expect(fieldOf(() => parseSemester('2025-3'))).toBe('semester');
    expect(fieldOf(() => parseSemester('2025-3', 'asOf.semester'))).toBe('asOf.semester');
  });

  it('un año inicial que no es de cuatrienio: "firstYear"', () => {
    expect(fieldOf(() => governmentPeriod(1996))).toBe('firstYear');
    expect(fieldOf(() => governmentPeriod(2026))).toBe('firstYear');
    expect(fieldOf(() => governmentPeriod(2024))).toBe('aceptado');
  });

  it('un año fuera del periodo de gobierno: "year"', () => {
    expect(fieldOf(() => yearIndex(governmentPeriod(2024), 2028))).toBe('year');
  });
});
