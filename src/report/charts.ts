/**
 * The report's charts: Vega-Lite specs compiled once to a Vega runtime and rendered to SVG on the
 * server (no browser, no canvas, no network), so the HTML and the PDF carry the same drawings.
 */
import type { Spec, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { vega, vegaLite } from '../late-modules';
import type { ReportGoal } from './model';

const TARGET = 'Meta: nivel esperado';
const REPORTED = 'Avance reportado';

/** Yearly targets as levels against the reported figures, on a year-end axis. */
const goalChart: TopLevelSpec = {
  width: 360,
  height: 150,
  background: 'white',
  data: { name: 'serie' },
  encoding: {
    x: {
      field: 'cierre',
      type: 'quantitative',
      title: 'Cierre del año',
      scale: { zero: false, nice: false },
      axis: {
        format: 'd',
        tickMinStep: 1,
        labelFontSize: 11,
        titleFontSize: 11,
        titleFontWeight: 'normal',
        grid: false,
      },
    },
    y: {
      field: 'valor',
      type: 'quantitative',
      title: null,
      scale: { zero: false },
      axis: { labelFontSize: 11, tickCount: 5 },
    },
    color: {
      field: 'serie',
      type: 'nominal',
      title: null,
      scale: { domain: [TARGET, REPORTED], range: ['#1f5f99', '#c2410c'] },
      // The caption names the two lines: a legend per chart would repeat it eleven times.
      legend: null,
    },
  },
  layer: [
    {
      transform: [{ filter: `datum.serie === '${TARGET}'` }],
      mark: { type: 'line', point: { filled: false, size: 40 }, strokeDash: [5, 3] },
    },
    {
      transform: [{ filter: `datum.serie === '${REPORTED}'` }],
      mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 1.5 },
    },
  ],
};

/** The view of `goalChart`, with Vega loaded on the first chart (see `late-modules.ts`). */
function goalView(): View {
  const { formatLocale, parse, View } = vega();
  // Numbers on the axes as Colombians write them: 5.000 and 2,5.
  formatLocale({ decimal: ',', thousands: '.', grouping: [3], currency: ['$', ''] });
  return new View(parse(vegaLite().compile(goalChart).spec as Spec), { renderer: 'none' });
}

/**
 * One view, reused: building a Vega dataflow costs several times more than rendering it, so the
 * charts share a view and take turns (rendering is asynchronous, and two reports may interleave).
 */
let view: View | null = null;
let turn: Promise<unknown> = Promise.resolve();

/** The goal chart as SVG: the baseline and each year's expected level against every report. */
export function goalChartSvg(goal: ReportGoal): Promise<string> {
  const rows = [
    ...(goal.baseline
      ? [{ cierre: goal.baseline.year, valor: goal.baseline.value, serie: TARGET }]
      : []),
    ...goal.targets.map((t) => ({ cierre: t.year, valor: t.expectedLevel, serie: TARGET })),
    ...goal.reports.map((r) => ({ cierre: r.x, valor: r.value, serie: REPORTED })),
  ];
  const rendered = turn.then(() => {
    view ??= goalView();
    view.data('serie', rows);
    return view.toSVG();
  });
  turn = rendered.catch(() => undefined);
  return rendered;
}
