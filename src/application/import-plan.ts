/**
 * Imports a plan workbook (Tablas 1-11 of Res. 449, as `GET /planes/...xlsx` exports them) into
 * a sector plan's stream, all or nothing:
 *
 * 1. every row is decided on the plan's state as read (one read of the stream), each change the
 *    same command a planner sends by GraphQL, with the importer as actor;
 * 2. if any row has a problem, nothing is appended and every problem is returned, by sheet, row
 *    and column;
 * 3. otherwise all the events go in ONE append to the plan's stream at the revision read.
 *
 * The guarantee is the store's for one append to one stream: one SQLite transaction on the
 * embedded log; on EventStoreDB, an append to a single stream is atomic too (all events or none,
 * checked against the expected revision). Every table of the workbook lives in the plan's own
 * stream, so no import spans two streams. If someone writes to the plan between the read and the
 * append, the append fails with CONFLICT and nothing is written: import again.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../domain/access';
import { sectorPlan } from '../domain/plan/aggregate';
import { planStreamId } from '../domain/plan/events';
import type { Territory } from '../domain/territory';
import { CURRENT_SCHEMA_VERSION } from '../domain/upcasting';
import type { Actor, EventStore, JsonObject, RecordedEvent } from '../eventstore/port';
import {
  decideWorkbook,
  loadWorkbook,
  type ImportOptions,
  type WorkbookProblem,
} from '../exchange/plan-import';
import { foldStream } from './command-handler';

/** The actor of an import from the command line: the operator of this installation. */
export const WORKBOOK_IMPORTER: Actor = {
  id: 'sistema-importador-excel',
  name: 'Importador de libros del plan (línea de comandos)',
  role: 'SYSTEM',
  entity: 'Bitácora',
};

export interface PlanImportRequest {
  daneCode: string;
  firstYear: number;
  fileName: string;
  content: Uint8Array;
  /** Who imports: the token's principal (checked per row), or null for the command line. */
  principal: Principal | null;
  correlationId?: string;
  reason?: string;
  legalBasis?: string;
  onProgress?: ImportOptions['onProgress'];
}

export interface PlanImportResult {
  stream: string;
  /** Empty when anything was appended; otherwise nothing was. */
  problems: WorkbookProblem[];
  events: RecordedEvent[];
  rows: number;
  unchanged: number;
  /** The plan's revision after the import (or as read, when nothing was appended). */
  revision: number | null;
}

const actorOf = (principal: Principal | null): Actor =>
  principal
    ? { id: principal.id, name: principal.name, role: principal.role, entity: principal.entity }
    : WORKBOOK_IMPORTER;

export async function importPlanWorkbook(
  events: EventStore,
  territory: Territory,
  request: PlanImportRequest,
): Promise<PlanImportResult> {
  const stream = planStreamId(request.daneCode, request.firstYear);
  const municipality = territory.municipality(request.daneCode);
  const nothing = (problems: WorkbookProblem[], revision: number | null = null) => ({
    stream,
    problems,
    events: [],
    rows: 0,
    unchanged: 0,
    revision,
  });
  if (!municipality)
    return nothing([
      {
        sheet: '(importación)',
        row: null,
        column: null,
        message: `el código DANE ${request.daneCode} no existe en la DIVIPOLA.`,
      },
    ]);
  const workbook = await loadWorkbook(request.content);
  if (!('xlsx' in workbook)) return nothing([workbook]);
  const history = await events.readStream(stream);
  const head = history.length === 0 ? null : history[history.length - 1]!.revision;
  const decision = decideWorkbook(
    workbook,
    foldStream(sectorPlan, history),
    { territory },
    {
      daneCode: request.daneCode,
      firstYear: request.firstYear,
      fileName: request.fileName,
      principal: request.principal,
      departmentCode: municipality.departmentCode,
      ...(request.reason ? { reason: request.reason } : {}),
      ...(request.legalBasis ? { legalBasis: request.legalBasis } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    },
  );
  const result = { stream, rows: decision.rows, unchanged: decision.unchanged };
  if (decision.problems.length > 0 || decision.events.length === 0)
    return { ...result, problems: decision.problems, events: [], revision: head };
  const correlationId =
    request.correlationId ??
    `import-xlsx-${createHash('sha256').update(request.content).digest('hex').slice(0, 16)}`;
  const actor = actorOf(request.principal);
  const appended = await events.append(
    stream,
    decision.events.map(({ event, command, source }) => ({
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        actor,
        correlationId,
        ...(command.reason ? { reason: command.reason } : {}),
        ...(command.legalBasis ? { legalBasis: command.legalBasis } : {}),
        importedFrom: source,
        schemaVersion: CURRENT_SCHEMA_VERSION,
      },
    })),
    { expectedRevision: head ?? 'no_stream' },
  );
  return {
    ...result,
    problems: [],
    events: appended.events,
    revision: appended.nextExpectedRevision,
  };
}
