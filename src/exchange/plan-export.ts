/**
 * A plan's workbook as of a semester (or now): the state from the as-of read model the GraphQL
 * `plan(asOf:)` query reads, the plan's last event recorded by then (revision and hash, from the
 * log itself), and the semester's seal when there is one.
 */
import type ExcelJS from 'exceljs';
import { planStreamId } from '../domain/plan/events';
import type { EventStore } from '../eventstore/port';
import { resolveBitemporal, type Bitemporal } from '../queries/as-of';
import { planAtTime, planTimeline } from '../queries/plan-as-of';
import { sealOf } from '../queries/seal';
import type { ReadStore } from '../readstore/port';
import { planWorkbook } from './plan-workbook';

export interface PlanExportSources {
  events: EventStore;
  readStore: ReadStore;
  now(): Date;
}

export interface PlanWorkbookExport {
  workbook: ExcelJS.Workbook;
  fileName: string;
  time: Bitemporal;
}

export const planWorkbookName = (daneCode: string, firstYear: number, semester: string | null) =>
  `plan-${daneCode}-${firstYear}${semester ? `-${semester}` : ''}.xlsx`;

/** Null when the plan did not exist at that point of both time axes. */
export async function exportPlanWorkbook(
  sources: PlanExportSources,
  daneCode: string,
  firstYear: number,
  semester: string | null,
): Promise<PlanWorkbookExport | null> {
  const generatedAt = sources.now();
  const time = semester
    ? resolveBitemporal({ semester })
    : { knownAt: generatedAt, validUntil: null };
  const stream = planStreamId(daneCode, firstYear);
  const [timeline, history, seal] = await Promise.all([
    planTimeline(sources.readStore, stream),
    sources.events.readStream(stream, { until: time.knownAt }),
    semester ? sealOf(sources, semester) : Promise.resolve(null),
  ]);
  const atTime = planAtTime(timeline, time);
  if (!atTime) return null;
  const last = history[history.length - 1];
  const workbook = planWorkbook(atTime.state, {
    semester,
    validUntil: time.validUntil,
    knownAt: time.knownAt,
    lastEvent: last ? { revision: last.revision, hash: last.hash } : null,
    seal,
    generatedAt,
    source: `Bitácora: flujo ${stream} de la bitácora de eventos, leído del modelo de lectura plan_history tal como estaba registrado al corte${last ? ` (revisión ${last.revision})` : ''}.`,
  });
  return { workbook, fileName: planWorkbookName(daneCode, firstYear, semester), time };
}
