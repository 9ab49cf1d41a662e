/**
 * The semester report as one self-contained HTML page: Spanish, semantic (headings, tables with
 * captions and header scopes, figures with captions), printable (A4 print styles), and with
 * nothing loaded from elsewhere: styles inline, charts as inline SVG, system fonts.
 */
import escapeHtml from 'escape-html';
import { SOCIAL_LINES } from '../domain/social/social-plan';
import { parseSemester, semesterStart } from '../domain/time';
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
import type { RecommendationAtTime } from '../queries/review-packet';

/** Markup that is already safe (built here), as opposed to text, which is escaped. */
class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
type Part = string | number | Markup | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Markup) return part.value;
  return escapeHtml(String(part));
}

/** Tagged template: interpolated values are escaped unless they are Markup. */
function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Markup(out);
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #55606e; --line: #c9d1da; --accent: #1f5f99; --warn: #9a3412; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 64rem; padding: 1.5rem; line-height: 1.45; font-size: 1rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
h1 { font-size: 1.6rem; margin: .2rem 0 1rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; } h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.kicker { color: var(--muted); margin: 0; font-size: .95rem; }
dl.ident { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.ident dt { font-weight: 600; } dl.ident dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #eef3f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.goals { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid var(--line); padding: .5rem; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; } figcaption { font-size: .9rem; }
.status-RETROCESO, .status-REZAGADA, .status-SIN_REPORTE, .status-VENCIDA, .status-SIN_RESPUESTA { color: var(--warn); font-weight: 600; }
.note { color: var(--muted); font-size: .9rem; } .correction { color: var(--warn); }
code, .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; font-size: .85rem; }
nav ol { columns: 2; } a { color: var(--accent); }
@page { size: A4; margin: 14mm; }
@media print { body { max-width: none; padding: 0; font-size: 10pt; } nav, .skip { display: none; } h2 { break-after: avoid; } tr, figure { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
`;

const num = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatNumber(value);

function recommendationRows(items: RecommendationAtTime[], withStatus: boolean): Markup {
  return html`${items.map(
    (item) =>
      html`<tr data-recommendation="${item.reviewId}/${item.recommendation.recommendationId}">
        <th scope="row">${item.recommendation.recommendationId}</th>
        <td>
          ${TARGET_LABELS[item.recommendation.target.kind]}:
          <code>${item.recommendation.target.id}</code>
        </td>
        <td>
          ${item.recommendation.text}${item.recommendation.correctedAfterClosing ? html` <span class="correction">(corregida tras el cierre)</span>` : ''}
        </td>
        <td>
          ${item.recommendation.response ? html`<strong>${DECISION_LABELS[item.recommendation.response.decision]}</strong>: ${item.recommendation.response.justification}${item.recommendation.response.commitmentDate ? html`<br />Compromiso: ${formatDate(item.recommendation.response.commitmentDate)}` : ''}` : 'Sin respuesta'}
        </td>
        ${withStatus ? html`<td class="status-${item.status}" data-field="status">${statusLabel(item.status)}${item.citations.length ? html`<br /><span class="note">Atendida por ${item.citations.map((c) => html`${eventLabel(c.eventType)} del ${formatInstant(c.recordedAt)}${c.legalBasis ? ` (${c.legalBasis})` : ''}`)}</span>` : ''}</td>` : ''}
      </tr>`,
  )}`;
}

export async function renderReportHtml(model: ReportModel, pdfPath: string): Promise<string> {
  const { key } = model;
  const charts = await Promise.all(model.goals.map(goalChartSvg));
  const years = [0, 1, 2, 3].map((k) => key.firstYear + k);
  const title = `Informe semestral ${key.semester}: ${model.municipality} (${model.department})`;
  const review = model.review;
  const socialLabel = (code: string) => SOCIAL_LINES.find((l) => l.code === code)?.label ?? code;

  const body = html` <a class="skip" href="#contenido">Saltar al contenido</a>
    <header>
      <p class="kicker">
        Seguimiento semestral del Consejo Territorial de Planeación al plan sectorial de agua
        potable y saneamiento básico (Decreto 028 de 2008, art. 17; Resolución 449 de 2013)
      </p>
      <h1>${title}</h1>
      <dl class="ident">
        <dt>Municipio</dt>
        <dd>
          ${model.municipality}, ${model.department} (código DANE
          <span data-field="daneCode">${key.daneCode}</span>)
        </dd>
        <dt>Plan sectorial</dt>
        <dd><code>${model.planId}</code>, cuatrienio ${key.firstYear}-${model.lastYear}</dd>
        <dt>Estado del plan</dt>
        <dd data-field="planStatus">
          ${model.adoption ? `Adoptado (${model.adoption})` : PLAN_DRAFT_LABEL}
        </dd>
        <dt>Semestre revisado</dt>
        <dd>${key.semester}</dd>
        <dt>Revisión del CTP</dt>
        <dd data-field="reviewStatus">
          ${review ? REVIEW_STATUS_LABELS[review.status] : 'No abierta'}
        </dd>
        <dt>Cifras a</dt>
        <dd data-field="asOf" data-instant="${model.packet.validUntil!.toISOString()}">
          ${formatInstant(model.packet.validUntil!)} (fin del semestre)
        </dd>
        <dt>Registro hasta</dt>
        <dd data-field="knownAt" data-instant="${model.packet.knownAt.toISOString()}">
          ${formatInstant(model.packet.knownAt)}
          ${model.packet.fixed ? '(apertura de la revisión)' : '(provisional: la revisión no se ha abierto)'}
        </dd>
        <dt>Generado</dt>
        <dd>
          ${formatInstant(model.generatedAt)}. <a href="${pdfPath}">Versión PDF para el acta</a>
        </dd>
      </dl>
      <nav aria-label="Contenido del informe">
        <ol>
          <li><a href="#metas">Metas (Tabla 11)</a></li>
          <li><a href="#cambios">Cambios del semestre</a></li>
          <li><a href="#proyectos">Proyectos y financiación</a></li>
          <li><a href="#irca">Calidad del agua (IRCA)</a></li>
          <li><a href="#riesgo">Riesgo SGP-APSB</a></li>
          <li><a href="#social">Plan de Gestión Social</a></li>
          <li><a href="#concepto">Concepto y recomendaciones</a></li>
          <li><a href="#anteriores">Recomendaciones anteriores</a></li>
          <li><a href="#sello">Sello de la bitácora</a></li>
        </ol>
      </nav>
    </header>
    <main id="contenido">
      <section id="metas" aria-labelledby="h-metas">
        <h2 id="h-metas">1. Metas del plan (Tabla 11) al cierre de ${key.semester}</h2>
        ${model.planFound ? '' : html`<p>No hay plan sectorial registrado a estos instantes.</p>`}
        <table id="tabla-metas">
          <caption>
            Línea base, nivel esperado al cierre de cada año, último reporte y avance hacia la meta
            total
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicador</th>
              <th scope="col">Línea base</th>
              <th scope="col">Recursos a invertir</th>
              ${years.map((y) => html`<th scope="col">Meta ${y}</th>`)}
              <th scope="col">Meta total (cambio)</th>
              <th scope="col">Último reporte</th>
              <th scope="col">Avance</th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            ${model.goals.map(
              (g) =>
                html`<tr data-goal="${g.goalId}">
                  <th scope="row">
                    ${g.indicator.name}
                    <span class="note">(${g.indicator.code}, ${UNIT_LABELS[g.indicator.unit]})</span
                    >${g.amendments ? html`<br /><span class="note">Modificada ${g.amendments} ${g.amendments === 1 ? 'vez' : 'veces'}</span>` : ''}
                  </th>
                  <td class="num" data-field="baseline">${num(g.baseline?.value)}</td>
                  <td class="num" data-field="resources">${formatPesos(g.resources)}</td>
                  ${g.targets.map((t) => html`<td class="num" data-field="level-${t.year}">${num(t.expectedLevel)}</td>`)}
                  <td class="num" data-field="total">${num(g.total)}</td>
                  <td class="num" data-field="latest">
                    ${g.latest ? html`${num(g.latest.value)} <span class="note">(${g.latest.label})</span>` : '—'}
                  </td>
                  <td class="num" data-field="percent">
                    ${g.progress ? formatPercent(g.progress.percent) : '—'}
                  </td>
                  <td class="status-${g.progress?.status ?? 'SIN_REPORTE'}" data-field="status">
                    ${PROGRESS_LABELS[g.progress?.status ?? 'SIN_REPORTE']}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <div class="goals">
          ${model.goals.map(
            (g, i) =>
              html`<figure data-chart="${g.goalId}" role="group" aria-labelledby="cap-${i}">
                ${new Markup(charts[i]!.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(`Gráfica de ${g.indicator.name}: nivel esperado por año frente al avance reportado`)}" `))}
                <figcaption id="cap-${i}">
                  <strong>${g.indicator.name}</strong> (${UNIT_LABELS[g.indicator.unit]}). Línea
                  punteada azul: nivel que la meta promete al cierre de cada año, desde la línea
                  base; línea continua naranja: lo reportado.
                  ${g.progress ? `Avance: ${formatPercent(g.progress.percent)} (${PROGRESS_LABELS[g.progress.status]}).` : 'Sin reportes de avance.'}
                </figcaption>
              </figure>`,
          )}
        </div>
        <h3>Metas que no van bien</h3>
        ${
          model.offTrack.length === 0
            ? html`<p>Ninguna meta en retroceso, rezagada o sin reporte.</p>`
            : html`<ul id="fuera-de-ruta">
                ${model.offTrack.map((o) => html`<li data-goal="${o.goalId}"><span class="status-${o.status}">${PROGRESS_LABELS[o.status]}</span>: ${o.indicator}. ${o.explanation}</li>`)}
              </ul>`
        }
      </section>

      <section id="cambios" aria-labelledby="h-cambios">
        <h2 id="h-cambios">2. Cambios registrados en el semestre y su fundamento legal</h2>
        <p class="note">
          Registrados desde el ${formatInstant(semesterStart(parseSemester(key.semester)))} hasta el
          corte del registro (${formatInstant(model.packet.knownAt)}):
          <span data-field="changeCount">${model.changes.length}</span> cambio(s). Quién hizo cada
          cambio se muestra a quien puede ver identidades (como en la API); a los demás, su rol y
          entidad.
        </p>
        <table id="tabla-cambios">
          <caption>
            Cambios del plan sectorial, del más antiguo al más reciente
          </caption>
          <thead>
            <tr>
              <th scope="col">Registrado</th>
              <th scope="col">Cambio</th>
              <th scope="col">Entidad</th>
              <th scope="col">Antes → después</th>
              <th scope="col">Justificación</th>
              <th scope="col">Fundamento legal</th>
              <th scope="col">Quién</th>
            </tr>
          </thead>
          <tbody>
            ${model.changes.map(
              (c) =>
                html`<tr data-change="${c.eventId}" data-event-type="${c.eventType}">
                  <td data-field="recordedAt" data-instant="${c.recordedAt.toISOString()}">
                    ${formatInstant(c.recordedAt)}
                  </td>
                  <td>
                    ${eventLabel(c.eventType)}${c.answersRecommendation ? html`<br /><span class="note">Atiende ${c.answersRecommendation}</span>` : ''}
                  </td>
                  <td data-field="entity"><code>${c.entityId}</code></td>
                  <td>
                    ${c.changes.slice(0, 8).map((change) => html`${describeChange(change)}<br />`)}${c.changes.length > 8 ? `… y ${c.changes.length - 8} más` : ''}
                  </td>
                  <td>${c.reason ?? '—'}</td>
                  <td data-field="legalBasis">${c.legalBasis ?? '—'}</td>
                  <td>
                    ${c.actor.name ? `${c.actor.name} — ` : ''}${c.actor.role} (${c.actor.entity})
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>

      <section id="proyectos" aria-labelledby="h-proyectos">
        <h2 id="h-proyectos">3. Proyectos y financiación</h2>
        <table>
          <caption>
            Proyectos (Tablas 8 y 9): inversión planeada por año, en pesos
          </caption>
          <thead>
            <tr>
              <th scope="col">Proyecto</th>
              <th scope="col">Tipo</th>
              ${years.map((y) => html`<th scope="col">${y}</th>`)}
              <th scope="col">Valor estimado</th>
              <th scope="col">Aporta a</th>
            </tr>
          </thead>
          <tbody>
            ${model.projects.map(
              (p) =>
                html`<tr data-project="${p.projectId}">
                  <th scope="row">${p.name} <span class="note">(${p.projectId})</span></th>
                  <td>
                    ${p.kind === 'propio' ? 'Propio' : `De terceros${p.executor ? ` (${p.executor})` : ''}`}
                  </td>
                  ${p.valueByYear.map((v, k) => html`<td class="num" data-field="value-${years[k]!}">${formatPesos(v)}</td>`)}
                  <td class="num" data-field="estimatedValue">${formatPesos(p.estimatedValue)}</td>
                  <td>
                    ${p.contributions.map((c) => html`<span data-contribution="${c.indicator}">${c.indicator}: ${num(c.amount)}</span><br />`)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <table>
          <caption>
            Fuentes (Tabla 4), usos (Tabla 5) y recursos de gestión (Tabla 6), en pesos
          </caption>
          <thead>
            <tr>
              <th scope="col">Tabla</th>
              <th scope="col">Fila</th>
              ${years.map((y) => html`<th scope="col">${y}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${model.funding.map(
              (f) =>
                html`<tr data-funding="${f.table}">
                  <td>${f.table}</td>
                  <th scope="row" data-field="label">
                    ${f.label}${f.detail ? ` (${f.detail})` : ''}
                  </th>
                  ${f.amounts.map((v, k) => html`<td class="num" data-field="amount-${years[k]!}">${formatPesos(v)}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
        <table>
          <caption>
            Recursos disponibles frente a la inversión planeada, por año
          </caption>
          <thead>
            <tr>
              <th scope="col">Año</th>
              <th scope="col">Disponible</th>
              <th scope="col">Inversión planeada</th>
              <th scope="col">Saldo</th>
              <th scope="col">Alerta</th>
            </tr>
          </thead>
          <tbody>
            ${model.funds.map(
              (f) =>
                html`<tr data-year="${f.year}">
                  <th scope="row">${f.year}</th>
                  <td class="num" data-field="available">${formatPesos(f.available)}</td>
                  <td class="num" data-field="plannedInvestment">
                    ${formatPesos(f.plannedInvestment)}
                  </td>
                  <td class="num" data-field="balance">${formatPesos(f.balance)}</td>
                  <td>${f.warning ?? '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>

      <section id="irca" aria-labelledby="h-irca">
        <h2 id="h-irca">4. Calidad del agua: IRCA (Resolución 2115 de 2007)</h2>
        ${
          model.irca.length === 0
            ? html`<p>No hay reportes de IRCA a estos instantes.</p>`
            : html`<table>
                <caption>
                  Último IRCA reportado y su clasificación
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Indicador</th>
                    <th scope="col">Periodo</th>
                    <th scope="col">IRCA (%)</th>
                    <th scope="col">Clasificación</th>
                  </tr>
                </thead>
                <tbody>
                  ${model.irca.map(
                    (i) =>
                      html`<tr data-irca="${i.indicator.code}">
                        <th scope="row">${i.indicator.name}</th>
                        <td data-field="period">${i.point.label}</td>
                        <td class="num" data-field="irca">${num(i.point.value)}</td>
                        <td data-field="ircaClass">${i.classLabel}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>

      <section id="riesgo" aria-labelledby="h-riesgo">
        <h2 id="h-riesgo">5. Riesgo SGP-APSB de la vigencia ${model.risk?.year ?? ''}</h2>
        ${
          model.risk
            ? html`<p>
                  Resultado ponderado:
                  <strong data-field="riskTotal">${num(model.risk.score.total)}</strong> sobre 100,
                  <strong data-field="riskLevel"
                    >${RISK_LEVEL_LABELS[model.risk.score.level] ?? model.risk.score.level}</strong
                  >${model.risk.score.prioritised ? ' (priorizado para seguimiento)' : ''}.
                  Metodología: ${model.risk.legalSource}. Última vigencia cerrada antes del
                  semestre, con los insumos registrados al corte del paquete.
                </p>
                ${
                  model.risk.methodologyWarning
                    ? html`<p class="correction" data-field="riskMethodologyWarning">
                        ${model.risk.methodologyWarning}
                      </p>`
                    : ''
                }
                <table>
                  <caption>
                    Puntaje por categoría
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Categoría</th>
                      <th scope="col">Ponderación</th>
                      <th scope="col">Puntaje</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${model.risk.score.categories.map(
                      (c) =>
                        html`<tr>
                          <th scope="row">${c.category}</th>
                          <td class="num">${formatPercent(c.weight)}</td>
                          <td class="num">${num(c.score)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : ''
        }
      </section>

      <section id="social" aria-labelledby="h-social">
        <h2 id="h-social">6. Plan de Gestión Social en el municipio</h2>
        ${
          model.social.length === 0
            ? html`<p>
                No hay actividades de gestión social registradas para el municipio hasta
                ${key.semester}.
              </p>`
            : html`<table id="tabla-social">
                <caption>
                  Ejecución por línea y semestre (atrasadas: planeadas sin ejecutar, con su semestre
                  vencido al corte)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Línea</th>
                    <th scope="col">Semestre</th>
                    <th scope="col">Planeadas</th>
                    <th scope="col">Ejecutadas</th>
                    <th scope="col">Canceladas</th>
                    <th scope="col">Atrasadas</th>
                    <th scope="col">Presupuesto</th>
                    <th scope="col">Ejecutado</th>
                  </tr>
                </thead>
                <tbody>
                  ${model.social.map(
                    (s) =>
                      html`<tr data-social="${s.line}/${s.semester}">
                        <th scope="row">${socialLabel(s.line)}</th>
                        <td>${s.semester}</td>
                        <td class="num" data-field="planned">${s.planned}</td>
                        <td class="num" data-field="executed">${s.executed}</td>
                        <td class="num" data-field="cancelled">${s.cancelled}</td>
                        <td class="num" data-field="late">${s.late}</td>
                        <td class="num" data-field="budgetPlanned">
                          ${formatPesos(s.budgetPlanned)}
                        </td>
                        <td class="num" data-field="budgetExecuted">
                          ${formatPesos(s.budgetExecuted)}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        <h3>Presentación de las metas ante el CTP y el Consejo de Política Social</h3>
        ${
          review && review.presentations.length
            ? html`<ul>
                ${review.presentations.map((p) => html`<li>${FORUM_LABELS[p.forum]}: ${formatDate(p.date)}, ${p.act}, ${p.attendance} asistentes.</li>`)}
              </ul>`
            : html`<p>No se registró presentación de metas en el semestre.</p>`
        }
      </section>

      <section id="concepto" aria-labelledby="h-concepto">
        <h2 id="h-concepto">7. Concepto y recomendaciones del CTP</h2>
        ${
          !review || !review.concept
            ? html`<p data-field="concept">Sin concepto registrado.</p>`
            : html`<p>
                  Concepto:
                  <strong data-field="concept">${CONCEPT_LABELS[review.concept.value]}</strong
                  >${review.concept.correctedAfterClosing ? html` <span class="correction">(corregido tras el cierre)</span>` : ''}.${review.closedAt ? ` Revisión cerrada el ${formatInstant(review.closedAt)}.` : ' Revisión abierta: el concepto aún puede cambiar.'}
                </p>
                <blockquote>${review.concept.text}</blockquote>`
        }
        ${review && review.corrections.length ? html`<p class="correction">Correcciones posteriores al cierre: ${review.corrections.map((c) => html`${eventLabel(c.eventType)} el ${formatInstant(c.recordedAt)} (motivo: ${c.reason ?? '—'}). `)}</p>` : ''}
        ${
          review && review.recommendations.length
            ? html`<table id="tabla-recomendaciones">
                <caption>
                  Recomendaciones a la administración y sus respuestas
                </caption>
                <thead>
                  <tr>
                    <th scope="col">N.º</th>
                    <th scope="col">Dirigida a</th>
                    <th scope="col">Recomendación</th>
                    <th scope="col">Respuesta de la administración</th>
                    <th scope="col">Estado hoy</th>
                  </tr>
                </thead>
                <tbody>
                  ${recommendationRows(review.recommendations, true)}
                </tbody>
              </table>`
            : html`<p>Sin recomendaciones.</p>`
        }
      </section>

      <section id="anteriores" aria-labelledby="h-anteriores">
        <h2 id="h-anteriores">8. Seguimiento: recomendaciones del semestre anterior</h2>
        ${
          model.previous.length === 0
            ? html`<p>No hubo recomendaciones en la revisión del semestre anterior.</p>`
            : html`<table id="tabla-anteriores">
                <caption>
                  Recomendaciones de ${model.previous[0]!.semester}, sus respuestas y su estado al
                  corte del paquete
                </caption>
                <thead>
                  <tr>
                    <th scope="col">N.º</th>
                    <th scope="col">Dirigida a</th>
                    <th scope="col">Recomendación</th>
                    <th scope="col">Respuesta</th>
                    <th scope="col">Estado al corte</th>
                  </tr>
                </thead>
                <tbody>
                  ${recommendationRows(model.previous, true)}
                </tbody>
              </table>`
        }
      </section>

      <section id="sello" aria-labelledby="h-sello">
        <h2 id="h-sello">9. Sello de la bitácora</h2>
        ${
          model.seal
            ? html`<p>
                  El registro de este semestre está
                  sellado${model.seal.fixedAtOpening ? ' (sello fijado al abrir la revisión)' : ''}.
                  Con estos datos cualquiera puede verificar, con una prueba de inclusión o de
                  consistencia (RFC 9162), que los eventos leídos aquí no se reescribieron:
                </p>
                <dl class="ident" data-field="seal">
                  <dt>Semestre</dt>
                  <dd>${model.seal.seal.semester}</dd>
                  <dt>Eventos cubiertos</dt>
                  <dd>${model.seal.seal.treeSize}</dd>
                  <dt>Raíz del árbol de Merkle</dt>
                  <dd class="hash">${model.seal.seal.rootHash}</dd>
                  <dt>Firma (JWS Ed25519)</dt>
                  <dd class="hash">${model.seal.seal.signature}</dd>
                  <dt>Clave (kid)</dt>
                  <dd class="hash">
                    ${model.seal.seal.keyId}
                    <span class="note"
                      >(clave pública en
                      <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>)</span
                    >
                  </dd>
                  <dt>Archivo del sello</dt>
                  <dd>
                    <a href="/sellos/${model.seal.seal.semester}.json"
                      >/sellos/${model.seal.seal.semester}.json</a
                    >
                  </dd>
                  <dt>Firmado</dt>
                  <dd>${model.seal.seal.signedAt}</dd>
                  <dt>Evento del sello</dt>
                  <dd class="hash">${model.seal.seal.eventId}</dd>
                </dl>`
            : html`<p data-field="seal">
                <strong>Sin sello.</strong> Este semestre aún no tiene sello de la bitácora; cada
                evento conserva su hash encadenado (SHA-256), verificable en la bitácora de
                auditoría.
              </p>`
        }
      </section>
    </main>
    <footer>
      <p class="note">
        Generado por Bitácora a partir de la bitácora de eventos. Las cifras son las del plan a los
        instantes del paquete: lo registrado después no cambia este informe, salvo el estado de
        seguimiento de las recomendaciones, que se lee hoy.
      </p>
    </footer>`;
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>${body.value}</body>
</html>
`;
}
