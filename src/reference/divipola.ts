import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Municipality, Territory } from '../domain/territory';

/**
 * Where the DIVIPOLA copy lives (see data/reference/SOURCES.md for its provenance): two levels up
 * from this file when run from source, three when compiled to dist/src/reference.
 */
export const DIVIPOLA_PATH = [
  join(__dirname, '..', '..', 'data', 'reference', 'divipola.csv'),
  join(__dirname, '..', '..', '..', 'data', 'reference', 'divipola.csv'),
].find((candidate) => existsSync(candidate))!;

interface DivipolaRow {
  dane_code: string;
  department_code: string;
  department: string;
  municipality: string;
  kind: string;
  latitude: string;
  longitude: string;
}

/** DANE's territorial entities, indexed by code and by department. */
export class Divipola implements Territory {
  private readonly byCode: Map<string, Municipality>;
  private readonly byDepartment = new Map<string, Municipality[]>();

  constructor(readonly all: readonly Municipality[]) {
    this.byCode = new Map(all.map((m) => [m.daneCode, m]));
    for (const m of all) {
      const list = this.byDepartment.get(m.departmentCode) ?? [];
      list.push(m);
      this.byDepartment.set(m.departmentCode, list);
    }
  }

  municipality(daneCode: string): Municipality | undefined {
    return this.byCode.get(daneCode);
  }

  inDepartment(departmentCode: string): readonly Municipality[] {
    return this.byDepartment.get(departmentCode) ?? [];
  }

  departments(): Array<{ code: string; name: string }> {
    return [...this.byDepartment.entries()].map(([code, list]) => ({
      code,
      name: list[0]!.department,
    }));
  }
}

export function parseDivipola(csv: string): Divipola {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as DivipolaRow[];
  return new Divipola(
    rows.map((row) => ({
      daneCode: row.dane_code,
      departmentCode: row.department_code,
      department: row.department,
      name: row.municipality,
      kind: row.kind,
      latitude: Number(row.latitude),
      longitude: Number(row.longitude),
    })),
  );
}

let cached: Divipola | undefined;

/** Loads the shipped DIVIPOLA once per process. */
export function loadDivipola(path = DIVIPOLA_PATH): Divipola {
  if (path !== DIVIPOLA_PATH) return parseDivipola(readFileSync(path, 'utf8'));
  cached ??= parseDivipola(readFileSync(path, 'utf8'));
  return cached;
}
