/**
 * The two time axes of an as-of read (bitemporal, as in XTDB):
 * - `asOf`: the semester or instant the figures refer to (valid time);
 * - `knownAt`: what had been recorded by then (record time); by default the end of `asOf`, which
 *   is exactly what the CTP saw at its review. A later `knownAt` shows late reports and
 *   corrections for the same period. Without either, the current record.
 */
import { badInput } from '../domain/errors';
import { parseSemester, semesterEnd } from '../domain/time';

export interface AsOfInput {
  semester?: string | null;
  at?: Date | null;
}

export interface Bitemporal {
  /** Record time: versions recorded at or before this instant. */
  knownAt: Date;
  /** Valid time: figures whose period ends at or before this instant; null for no bound. */
  validUntil: Date | null;
}

export function resolveBitemporal(
  asOf: AsOfInput | null | undefined,
  knownAt?: Date | null,
  now = new Date(),
): Bitemporal {
  let validUntil: Date | null = null;
  if (asOf) {
    const hasSemester = asOf.semester !== undefined && asOf.semester !== null;
    const hasAt = asOf.at !== undefined && asOf.at !== null;
    if (hasSemester === hasAt) {
      throw badInput(
        'asOf',
        'indique exactamente uno de "semester" (p. ej. "2025-1") o "at" (fecha y hora).',
      );
    }
    validUntil = hasSemester
      ? semesterEnd(parseSemester(asOf.semester!, 'asOf.semester'))
      : asOf.at!;
  }
  return { knownAt: knownAt ?? validUntil ?? now, validUntil };
}
