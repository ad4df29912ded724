// The parts of the page around the table: the header, the empty state, the failed batches and
// the collapsible ID lists, and the aggregate-only groupings.
import * as l10n from '@vscode/l10n';
import { counted, formatThousands, foundExtrasText } from '../../shared/format';
import type { PanelModel, PanelRunBase } from '../../shared/panelProtocol';
import { actionButton, el } from './dom';

export function buildEmpty(message: string): HTMLElement {
  const box = el('section', 'empty');
  box.append(el('h1', '', l10n.t('X Engagement')), el('p', '', message));
  return box;
}

export function buildHeader(m: PanelModel): HTMLElement {
  return buildRunHeader(m, [
    [l10n.t('Requested'), String(m.requested)],
    ...(m.found && foundExtrasText(m.found) ? ([[l10n.t('Also found'), foundExtrasText(m.found)]] as Array<[string, string]>) : []),
    [l10n.t('With values'), String(m.rows.length)],
  ]);
}

/** The title, the sandbox note and the meta line: profile, host, source, fetch time, then `extra`. */
export function buildRunHeader(m: PanelRunBase, extra: Array<[string, string]>): HTMLElement {
  const h = el('header', 'head');
  h.append(el('h1', '', m.title));
  if (m.sandbox) {
    const note = el('p', 'notice sandbox-note');
    note.setAttribute('role', 'note');
    note.append(el('span', 'sandbox-badge', l10n.t('Sandbox')), el('span', '', ' ' + l10n.t('Made-up numbers from the in-editor sandbox, not from X.')));
    h.append(note);
  }
  const meta = el('p', 'meta');
  const parts: Array<[string, string]> = [
    [l10n.t('Profile'), m.profile],
    ...(m.host ? ([[l10n.t('Host'), m.host]] as Array<[string, string]>) : []),
    [l10n.t('Source'), m.source],
    [l10n.t('Fetched'), new Date(m.fetchedAt).toLocaleString(document.documentElement.lang || undefined)],
    ...extra,
  ];
  for (const [k, v] of parts) {
    const item = el('span', 'meta-item');
    item.append(el('span', 'meta-key', l10n.t('{0}: ', k)), el('span', 'meta-value', v));
    meta.append(item);
  }
  h.append(meta);
  return h;
}

/** A list of IDs in a <details>, open when short. */
function idSection(title: string, help: string, ids: readonly string[]): HTMLDetailsElement {
  const d = el('details', 'ids-section');
  d.open = ids.length <= 20;
  d.append(el('summary', '', l10n.t('{0} ({1})', title, ids.length)), el('p', 'muted', help), el('p', 'id-list', ids.join(', ')));
  return d;
}

export function buildSections(m: PanelRunBase): HTMLElement {
  const sec = el('section', 'status-sections');
  if (m.failed.length > 0) {
    const total = m.failed.reduce((n, f) => n + f.ids, 0);
    const box = el('div', 'failed');
    const head = el('div', 'section-head');
    const batches = counted(m.failed.length, l10n.t('{0} batch'), l10n.t('{0} batches'));
    head.append(el('h2', '', l10n.t('Failed: {0} IDs in {1}', total, batches)));
    head.append(actionButton(l10n.t('Retry failed batches'), 'primary', 'retry'));
    box.append(head);
    const ul = el('ul');
    for (const f of m.failed) {
      const li = el('li');
      const status = f.status ? `HTTP ${f.status}: ` : '';
      li.append(el('span', 'reason', f.window ? l10n.t('{0} IDs ({1}) — {2}', f.ids, f.window, status + f.reason) : l10n.t('{0} IDs — {1}', f.ids, status + f.reason)));
      if (f.sample.length > 0) li.append(el('span', 'muted', ' ' + l10n.t('(e.g. {0})', f.sample.join(', ') + (f.ids > f.sample.length ? ', …' : ''))));
      ul.append(li);
    }
    box.append(ul);
    sec.append(box);
  }
  const t = m.sectionText;
  if (m.unavailable.length > 0) sec.append(idSection(t.unavailable.label, t.unavailable.help, m.unavailable));
  if (m.forbidden.length > 0) sec.append(idSection(t.forbidden.label, t.forbidden.help, m.forbidden));
  if (m.unsupportedImpressions.length > 0) sec.append(idSection(t.noImpressions.label, t.noImpressions.help, m.unsupportedImpressions));
  if (m.unsupportedVideo.length > 0) sec.append(idSection(t.noVideoViews.label, t.noVideoViews.help, m.unsupportedVideo));
  if (m.errors.length > 0) {
    const d = el('details', 'ids-section');
    d.append(el('summary', '', l10n.t('Messages from the API ({0})', m.errors.length)));
    const ul = el('ul');
    for (const e of m.errors) ul.append(el('li', '', e));
    d.append(ul);
    sec.append(d);
  }
  return sec;
}

export function buildGroupings(m: PanelModel, label: (type: string) => string): HTMLElement {
  const sec = el('section', 'groupings');
  if (!m.groupings.length) return sec;
  sec.append(el('h2', '', l10n.t('Groupings')));
  const ul = el('ul', 'grouping-list');
  for (const g of m.groupings) {
    const li = el('li');
    li.append(el('code', 'grouping-name', g.name), el('span', 'muted', ` — group_by: ${g.groupBy.join(', ')}`));
    if (Array.isArray(g.values) && g.values.length > 0) {
      const t = el('table', 'mini');
      const tb = el('tbody');
      for (const [k, v] of g.values) {
        const tr = el('tr');
        tr.append(el('th', '', label(k)), el('td', 'num', formatThousands(v)));
        tb.append(tr);
      }
      t.append(tb);
      li.append(t);
    }
    ul.append(li);
  }
  sec.append(ul);
  return sec;
}
