/** A territorial entity of DANE's DIVIPOLA, known by its 5-digit code. */
export interface Municipality {
  daneCode: string;
  departmentCode: string;
  department: string;
  name: string;
  /** "Municipio", "Área no municipalizada" or "Isla". */
  kind: string;
  latitude: number;
  longitude: number;
}

/** Read-only reference data the deciders consult (loaded at start, outside the domain). */
export interface Territory {
  municipality(daneCode: string): Municipality | undefined;
}

export const DANE_CODE = /^\d{5}$/;
export const DEPARTMENT_CODE = /^\d{2}$/;
