/**
 * The semester report as PDF for the acta, with pdfmake (pdfkit underneath, SVG through
 * svg-to-pdfkit): the same model and the same Vega charts as the HTML page, Roboto embedded from
 * the package, and no file or URL read beyond those fonts.
 */
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import { SOCIAL_LINES } from '../domain/social/social-plan';
import type { RecommendationAtTime } from '../queries/review-packet';
import { goalChartSvg } from './charts';
import {
  CONCEPT_LABELS,
  DECISION_LABELS,
  FORUM_LABELS,
  PLAN_DRAFT_LABEL,
  PROGRESS_LABELS,
  REVIEW_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  TARGET_LABELS,
  UNIT_LABELS,
  describeChange,
  eventLabel,
  formatDate,
  formatInstant,
  formatNumber,
  formatPercent,
  formatPesos,
  statusLabel,
} from './format';
import type { ReportModel } from './model';

const FONTS = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(FONTS, 'Roboto-Regular.ttf'),
    bold: join(FONTS, 'Roboto-Medium.ttf'),
    italics: join(FONTS, 'Roboto-Italic.ttf'),
    bolditalics: join(FONTS, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONTS));
pdfmake.setUrlAccessPolicy(() => false);

type Node = string | Record<string, unknown> | Node[];

const num = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatNumber(value);
const h2 = (text: string): Node => ({ text, style: 'h2' });
const note = (text: string): Node => ({ text, style: 'note' });

function table(headers: string[], rows: Node[][], widths?: Array<string | number>): Node {
  return {
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body: [headers.map((h) => ({ text: h, style: 'th' })), ...rows],
    },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

function recommendationRows(items: RecommendationAtTime[]): Node[][] {
  return items.map((item) => {
    const r = item.recommendation;
    const response = r.response
      ? `${DECISION_LABELS[r.response.decision]}: ${r.response.justification}${r.response.commitmentDate ? `\nCompromiso: ${formatDate(r.response.commitmentDate)}` : ''}`
      : 'Sin respuesta';
    return [
      r.recommendationId,
      `${TARGET_LABELS[r.target.kind]}: ${r.target.id}`,
      `${r.text}${r.correctedAfterClosing ? ' (corregida tras el cierre)' : ''}`,
      response,
      statusLabel(item.status),
    ];
  });
}

/** Charts two by two, so a page holds four. */
function pairs<T>(items: T[]): Array<Array<T | string>> {
  const rows: Array<Array<T | string>> = [];
  for (let i = 0; i < items.length; i += 2) rows.push([items[i]!, items[i + 1] ?? '']);
  return rows;
}

export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const { key } = model;
  const review = model.review;
  const years = [0, 1, 2, 3].map((k) => key.firstYear + k);
  const charts = await Promise.all(model.goals.map(goalChartSvg));
  const title = `Informe semestral ${key.semester}: ${model.municipality} (${model.department})`;
  const content: Node[] = [
    {
      text: 'Seguimiento semestral del Consejo Territorial de Planeación al plan sectorial de agua potable y saneamiento básico (Decreto 028 de 2008, art. 17; Resolución 449 de 2013)',
      style: 'note',
    },
    { text: title, style: 'h1' },
    {
      table: {
        widths: [110, '*'],
        body: [
          ['Municipio', `${model.municipality}, ${model.department} (código DANE ${key.daneCode})`],
          ['Plan sectorial', `${model.planId}, cuatrienio ${key.firstYear}-${model.lastYear}`],
          ['Estado del plan', model.adoption ? `Adoptado (${model.adoption})` : PLAN_DRAFT_LABEL],
          ['Revisión del CTP', review ? REVIEW_STATUS_LABELS[review.status]! : 'No abierta'],
          ['Cifras a', `${formatInstant(model.packet.validUntil!)} (fin del semestre)`],
          [
            'Registro hasta',
            `${formatInstant(model.packet.knownAt)} ${model.packet.fixed ? '(apertura de la revisión)' : '(provisional)'}`,
          ],
          ['Generado', formatInstant(model.generatedAt)],
        ],
      },
      layout: 'noBorders',
      style: 'table',
    },
    h2(`1. Metas del plan (Tabla 11) al cierre de ${key.semester}`),
    table(
      [
        'Indicador',
        'Línea base',
        'Recursos a invertir',
        ...years.map((y) => `Meta ${y}`),
        'Total',
        'Último reporte',
        'Avance',
        'Estado',
      ],
      model.goals.map((g) => [
        `${g.indicator.name} (${g.indicator.code}, ${UNIT_LABELS[g.indicator.unit]})`,
        num(g.baseline?.value),
        formatPesos(g.resources),
        ...g.targets.map((t) => num(t.expectedLevel)),
        num(g.total),
        g.latest ? `${num(g.latest.value)} (${g.latest.label})` : '—',
        g.progress ? formatPercent(g.progress.percent) : '—',
        PROGRESS_LABELS[g.progress?.status ?? 'SIN_REPORTE']!,
      ]),
      [110, '*', 62, '*', '*', '*', '*', '*', 55, 38, 45],
    ),
    ...pairs(
      model.goals.map((g, i) => ({
        stack: [
          { svg: charts[i]!, width: 340 },
          note(
            `${g.indicator.name} (${UNIT_LABELS[g.indicator.unit]}). Punteada azul: nivel prometido al cierre de cada año; continua naranja: lo reportado. ${g.progress ? `Avance: ${formatPercent(g.progress.percent)} (${PROGRESS_LABELS[g.progress.status]}).` : 'Sin reportes de avance.'}`,
          ),
        ],
      })),
    ).map((row) => ({ columns: row, columnGap: 16, unbreakable: true, margin: [0, 6, 0, 6] })),
    { text: 'Metas que no van bien', style: 'h3' },
    model.offTrack.length === 0
      ? 'Ninguna meta en retroceso, rezagada o sin reporte.'
      : {
          ul: model.offTrack.map(
            (o) => `${PROGRESS_LABELS[o.status]}: ${o.indicator}. ${o.explanation}`,
          ),
        },
    h2('2. Cambios registrados en el semestre y su fundamento legal'),
    note(
      `${model.changes.length} cambio(s) desde el inicio del semestre hasta el corte del registro.`,
    ),
    table(
      ['Registrado', 'Cambio', 'Antes → después', 'Justificación', 'Fundamento legal', 'Quién'],
      model.changes.map((c) => [
        formatInstant(c.recordedAt),
        `${eventLabel(c.eventType)}\n${c.entityId}${c.answersRecommendation ? `\nAtiende ${c.answersRecommendation}` : ''}`,
        c.changes.slice(0, 8).map(describeChange).join('\n') +
          (c.changes.length > 8 ? `\n… y ${c.changes.length - 8} más` : ''),
        c.reason ?? '—',
        c.legalBasis ?? '—',
        `${c.actor.name ? `${c.actor.name} — ` : ''}${c.actor.role} (${c.actor.entity})`,
      ]),
      [70, 90, '*', 70, 70, 60],
    ),
    h2('3. Proyectos y financiación'),
    table(
      ['Proyecto', 'Tipo', ...years.map(String), 'Valor estimado'],
      model.projects.map((p) => [
        `${p.name} (${p.projectId})`,
        p.kind === 'propio' ? 'Propio' : 'De terceros',
        ...p.valueByYear.map(formatPesos),
        formatPesos(p.estimatedValue),
      ]),
      [110, 45, '*', '*', '*', '*', '*'],
    ),
    table(
      ['Tabla', 'Fila', ...years.map(String)],
      model.funding.map((f) => [
        f.table,
        `${f.label}${f.detail ? ` (${f.detail})` : ''}`,
        ...f.amounts.map(formatPesos),
      ]),
      [40, 110, '*', '*', '*', '*'],
    ),
    table(
      ['Año', 'Disponible', 'Inversión planeada', 'Saldo', 'Alerta'],
      model.funds.map((f) => [
        String(f.year),
        formatPesos(f.available),
        formatPesos(f.plannedInvestment),
        formatPesos(f.balance),
        f.warning ?? '—',
      ]),
      [30, 80, 80, 80, '*'],
    ),
    h2('4. Calidad del agua: IRCA (Resolución 2115 de 2007)'),
    model.irca.length === 0
      ? 'No hay reportes de IRCA a estos instantes.'
      : table(
          ['Indicador', 'Periodo', 'IRCA (%)', 'Clasificación'],
          model.irca.map((i) => [
            i.indicator.name,
            i.point.label,
            num(i.point.value),
            i.classLabel,
          ]),
        ),
    h2(`5. Riesgo SGP-APSB de la vigencia ${model.risk?.year ?? ''}`),
    model.risk
      ? {
          stack: [
            `Resultado ponderado: ${num(model.risk.score.total)} sobre 100, ${RISK_LEVEL_LABELS[model.risk.score.level] ?? model.risk.score.level}${model.risk.score.prioritised ? ' (priorizado para seguimiento)' : ''}. Metodología: ${model.risk.legalSource}.`,
            model.risk.methodologyWarning ?? '',
            table(
              ['Categoría', 'Ponderación', 'Puntaje'],
              model.risk.score.categories.map((c) => [
                c.category,
                formatPercent(c.weight),
                num(c.score),
              ]),
            ),
          ],
        }
      : '',
    h2('6. Plan de Gestión Social en el municipio'),
    model.social.length === 0
      ? `No hay actividades de gestión social registradas para el municipio hasta ${key.semester}.`
      : table(
          [
            'Línea',
            'Semestre',
            'Planeadas',
            'Ejecutadas',
            'Canceladas',
            'Atrasadas',
            'Presupuesto',
            'Ejecutado',
          ],
          model.social.map((s) => [
            SOCIAL_LINES.find((l) => l.code === s.line)?.label ?? s.line,
            s.semester,
            String(s.planned),
            String(s.executed),
            String(s.cancelled),
            String(s.late),
            formatPesos(s.budgetPlanned),
            formatPesos(s.budgetExecuted),
          ]),
          [110, 45, 40, 45, 45, 45, '*', '*'],
        ),
    { text: 'Presentación de las metas ante el CTP y el Consejo de Política Social', style: 'h3' },
    review && review.presentations.length
      ? {
          ul: review.presentations.map(
            (p) =>
              `${FORUM_LABELS[p.forum]}: ${formatDate(p.date)}, ${p.act}, ${p.attendance} asistentes.`,
          ),
        }
      : 'No se registró presentación de metas en el semestre.',
    h2('7. Concepto y recomendaciones del CTP'),
    review?.concept
      ? {
          stack: [
            {
              text: [
                'Concepto: ',
                { text: CONCEPT_LABELS[review.concept.value]!, bold: true },
                review.concept.correctedAfterClosing ? ' (corregido tras el cierre)' : '',
                review.closedAt
                  ? `. Revisión cerrada el ${formatInstant(review.closedAt)}.`
                  : '. Revisión abierta.',
              ],
            },
            { text: review.concept.text, margin: [12, 4, 0, 4], italics: true },
          ],
        }
      : 'Sin concepto registrado.',
    ...(review?.corrections.length
      ? [
          note(
            `Correcciones posteriores al cierre: ${review.corrections.map((c) => `${eventLabel(c.eventType)} el ${formatInstant(c.recordedAt)} (motivo: ${c.reason ?? '—'})`).join('; ')}.`,
          ),
        ]
      : []),
    review && review.recommendations.length
      ? table(
          ['N.º', 'Dirigida a', 'Recomendación', 'Respuesta de la administración', 'Estado hoy'],
          recommendationRows(review.recommendations),
          [22, 90, '*', '*', 60],
        )
      : 'Sin recomendaciones.',
    h2('8. Seguimiento: recomendaciones del semestre anterior'),
    model.previous.length === 0
      ? 'No hubo recomendaciones en la revisión del semestre anterior.'
      : table(
          ['N.º', 'Dirigida a', 'Recomendación', 'Respuesta', 'Estado al corte'],
          recommendationRows(model.previous),
          [22, 90, '*', '*', 60],
        ),
    h2('9. Sello de la bitácora'),
    model.seal
      ? table(
          ['Campo', 'Valor'],
          [
            ['Semestre', model.seal.seal.semester],
            ['Eventos cubiertos', String(model.seal.seal.treeSize)],
            ['Raíz del árbol de Merkle', model.seal.seal.rootHash],
            ['Firma (JWS Ed25519)', model.seal.seal.signature],
            ['Clave (kid)', `${model.seal.seal.keyId} (clave pública en /.well-known/jwks.json)`],
            ['Archivo del sello', `/sellos/${model.seal.seal.semester}.json`],
            ['Firmado', model.seal.seal.signedAt],
            ['Evento del sello', model.seal.seal.eventId],
          ],
          [110, '*'],
        )
      : {
          text: [
            { text: 'Sin sello. ', bold: true },
            'Este semestre aún no tiene sello de la bitácora; cada evento conserva su hash encadenado (SHA-256), verificable en la bitácora de auditoría.',
          ],
        },
  ];
  const definition = {
    info: { title, author: 'Bitácora', subject: `Revisión semestral del CTP, ${key.semester}` },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 40],
    footer: (page: number, pages: number) => ({
      text: `${title} — página ${page} de ${pages}`,
      style: 'note',
      alignment: 'center',
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 8.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 4, 0, 8] },
      h2: { fontSize: 12.5, bold: true, color: '#1f5f99', margin: [0, 14, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, fillColor: '#eef3f8' },
      note: { fontSize: 7.5, color: '#55606e' },
      table: { margin: [0, 3, 0, 8] },
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
