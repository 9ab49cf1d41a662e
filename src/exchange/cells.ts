/**
 * Reading what a person typed in a spreadsheet cell: exceljs hands over numbers, strings, dates,
 * formulas (with their cached result), rich text and hyperlinks; each reader turns one of those
 * into the value a command needs, or into the Spanish reason it cannot.
 */
import type { CellValue } from 'exceljs';

/** A cell's value without its form: a formula's result, a rich text's text, a link's text. */
export function plainValue(value: CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if (typeof value === 'object') {
    if ('result' in value) return plainValue((value.result ?? null) as CellValue);
    if ('richText' in value) return plainValue(value.richText.map((part) => part.text).join(''));
    if ('text' in value && typeof value.text === 'string') return plainValue(value.text);
    if ('error' in value) return null;
  }
  return null;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (problem: string): Read<never> => ({ ok: false, problem });

const shown = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value);

/**
 * A number: a numeric cell, or text as a person writes it here ("1234,5", "1.234,5", "1234.5").
 * Thousands separators are only read in the Colombian way (dots) when a comma marks the decimals.
 */
export function readNumber(value: CellValue): Read<number | null> {
  const plain = plainValue(value);
  if (plain === null) return ok(null);
  if (typeof plain === 'number')
    return Number.isFinite(plain) ? ok(plain) : bad('no es un número.');
  if (typeof plain !== 'string') return bad(`"${shown(plain)}" no es un número.`);
  const text = plain.replace(/[\s$%]/g, '');
  const normalized = text.includes(',') ? text.replace(/\./g, '').replace(',', '.') : text;
  const number = /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : Number.NaN;
  return Number.isFinite(number) ? ok(number) : bad(`"${plain}" no es un número.`);
}

export function readInteger(value: CellValue): Read<number | null> {
  const read = readNumber(value);
  if (!read.ok || read.value === null) return read;
  return Number.isInteger(read.value) ? read : bad(`${read.value} no es un número entero.`);
}

export function readText(value: CellValue): Read<string | null> {
  const plain = plainValue(value);
  if (plain === null) return ok(null);
  if (plain instanceof Date) return bad('se esperaba texto y la celda tiene una fecha.');
  return ok(String(plain));
}

/**
 * A calendar date as AAAA-MM-DD: a date cell (Excel keeps no time zone: the calendar day typed),
 * or text AAAA-MM-DD / DD/MM/AAAA.
 */
export function readDate(value: CellValue): Read<string | null> {
  const plain = plainValue(value);
  if (plain === null) return ok(null);
  if (plain instanceof Date) return ok(plain.toISOString().slice(0, 10));
  if (typeof plain === 'string') {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(plain);
    const local = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(plain);
    const [y, m, d] = iso
      ? [iso[1]!, iso[2]!, iso[3]!]
      : local
        ? [local[3]!, local[2]!.padStart(2, '0'), local[1]!.padStart(2, '0')]
        : [];
    if (y && m && d) {
      const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
      if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}`)
        return ok(`${y}-${m}-${d}`);
    }
  }
  return bad(`"${shown(plain)}" no es una fecha (use una celda de fecha o AAAA-MM-DD).`);
}

/** SÍ / NO (also SI, X for yes; an empty cell is no answer). */
export function readYesNo(value: CellValue): Read<boolean | null> {
  const plain = plainValue(value);
  if (plain === null) return ok(null);
  if (typeof plain === 'boolean') return ok(plain);
  const text = String(plain).trim().toUpperCase();
  if (['SÍ', 'SI', 'X', 'VERDADERO', 'TRUE'].includes(text)) return ok(true);
  if (['NO', 'FALSO', 'FALSE'].includes(text)) return ok(false);
  return bad(`"${String(plain)}" no es SÍ ni NO.`);
}

/** A list typed in one cell, separated by ";". */
export function readList(value: CellValue): Read<string[] | null> {
  const read = readText(value);
  if (!read.ok) return read;
  if (read.value === null) return ok(null);
  return ok(
    read.value
      .split(';')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );
}

/** A calendar date as the cell value Excel shows as that day, whatever the reader's zone. */
export const dateCell = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** An instant as Bogotá's wall clock (Excel has no zones; the header says "hora de Colombia"). */
export const bogotaCell = (instant: Date): Date => new Date(instant.getTime() - 5 * 3_600_000);
