// The results page. Plain browser script, no framework. Data arrives only by postMessage
// (after the `ready` handshake) and is rendered with textContent, never as HTML. The
// table is virtualized: fixed row height, only the visible rows are in the DOM.
// @ts-check
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  /** Must match `.grid tbody tr.row` height in panel.css. */
  const ROW_H = 24;
  const OVERSCAN = 12;
  const FILTER_DEBOUNCE_MS = 150;

  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const saved = vscode.getState() || {};

  /** @type {any} */ let model = null;
  /** Row indices in sort order, and after the filter. */
  /** @type {number[]} */ let order = [];
  /** @type {number[]} */ let view = [];
  /** @type {{col:number, dir:'asc'|'desc'} | null} */ let sort = saved.sort || null;
  let filter = typeof saved.filter === 'string' ? saved.filter : '';
  let metric = typeof saved.metric === 'string' ? saved.metric : '';
  let runId = typeof saved.runId === 'string' ? saved.runId : '';
  /** Elements of the current render. */
  /** @type {any} */ let ui = {};
  let scrollQueued = false;
  /** @type {any} */ let filterTimer;

  // ---------- helpers ----------
  /**
   * @param {string} tag
   * @param {string=} cls
   * @param {string=} text
   */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /** @param {string} label @param {string} cls */
  function button(label, cls) {
    const b = /** @type {HTMLButtonElement} */ (el('button', cls, label));
    b.type = 'button';
    return b;
  }
  /** A Tweet ID as a keyboard-reachable link-like button; clicks are delegated. */
  /** @param {string} id */
  function idButton(id) {
    const b = button(id, 'link id');
    b.dataset.id = id;
    b.title = 'Open on x.com';
    return b;
  }
  /** Exact comparison of canonical decimal strings: sign, length, then digits. */
  /** @param {string} a @param {string} b */
  function cmpDec(a, b) {
    const na = a.charCodeAt(0) === 45;
    const nb = b.charCodeAt(0) === 45;
    if (na !== nb) return na ? -1 : 1;
    const s = na ? -1 : 1;
    if (a.length !== b.length) return (a.length < b.length ? -1 : 1) * s;
    return (a < b ? -1 : a > b ? 1 : 0) * s;
  }
  /** "1234567" → "1,234,567" without going through Number (stays exact). */
  /** @param {string} s */
  function group(s) {
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  /** @param {string} t */
  function label(t) {
    return (model && model.typeLabels && model.typeLabels[t]) || t;
  }
  function save() {
    vscode.setState({ runId, sort, filter, metric });
  }
  /** @param {any} msg */
  function post(msg) {
    vscode.postMessage(msg);
  }

  // ---------- messages ----------
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'show' && msg.model && Array.isArray(msg.model.rows)) show(msg.model);
    else if (msg.type === 'empty') showEmpty(String(msg.message || 'Nothing to show.'));
  });

  // One delegated handler for every Tweet link and action button.
  app.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const idEl = target.closest('[data-id]');
    if (idEl instanceof HTMLElement && idEl.dataset.id) {
      post({ type: 'openTweet', id: idEl.dataset.id });
      return;
    }
    const act = target.closest('[data-action]');
    if (!(act instanceof HTMLElement)) return;
    switch (act.dataset.action) {
      case 'export-csv':
        post({ type: 'export', format: 'csv' });
        break;
      case 'export-json':
        post({ type: 'export', format: 'json' });
        break;
      case 'copy':
        post({ type: 'copy', text: tsv() });
        break;
      case 'retry':
        post({ type: 'retryFailed' });
        break;
      case 'sort':
        sortBy(Number(act.dataset.col));
        break;
    }
  });

  /** @param {string} message */
  function showEmpty(message) {
    model = null;
    ui = {};
    const box = el('section', 'empty');
    box.append(el('h1', '', 'X Engagement'), el('p', '', message));
    app.replaceChildren(box);
  }

  // ---------- full render of a model ----------
  /** @param {any} m */
  function show(m) {
    const refocusFilter = ui.filter && document.activeElement === ui.filter;
    const keepScroll = model && model.runId === m.runId && ui.scroll ? ui.scroll.scrollTop : 0;
    if (m.runId !== runId) {
      filter = '';
      sort = null;
    }
    model = m;
    runId = m.runId;
    if (sort && !(sort.col >= 0 && sort.col <= m.types.length)) sort = null;
    if (!m.types.includes(metric)) metric = m.types[0] || '';
    document.title = m.title;
    ui = {};

    const frag = document.createDocumentFragment();
    frag.append(header(m));
    if (m.cancelled) frag.append(el('p', 'notice', 'This run was cancelled before it finished: some Tweets have no values.'));
    frag.append(toolbar(m), table(m), chart(m), topLists(m), sections(m), groupings(m));
    app.replaceChildren(frag);

    applyOrder();
    if (keepScroll) ui.scroll.scrollTop = keepScroll;
    renderRows();
    renderChart();
    if (refocusFilter) {
      ui.filter.focus();
      ui.filter.setSelectionRange(filter.length, filter.length);
    }
    save();
  }

  /** @param {any} m */
  function header(m) {
    const h = el('header', 'head');
    h.append(el('h1', '', m.title));
    const meta = el('p', 'meta');
    const parts = [
      ['Profile', m.profile],
      ['Source', m.source],
      ['Fetched', new Date(m.fetchedAt).toLocaleString()],
      ['Requested', String(m.requested)],
      ['With values', String(m.rows.length)],
    ];
    for (const [k, v] of parts) {
      const item = el('span', 'meta-item');
      item.append(el('span', 'meta-key', k + ': '), el('span', 'meta-value', v));
      meta.append(item);
    }
    h.append(meta);
    return h;
  }

  /** @param {any} m */
  function toolbar(m) {
    const bar = el('div', 'toolbar');
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Table actions');
    const input = /** @type {HTMLInputElement} */ (el('input', 'filter'));
    input.type = 'search';
    input.placeholder = 'Filter by Tweet ID';
    input.setAttribute('aria-label', 'Filter rows by Tweet ID (substring)');
    input.value = filter;
    input.addEventListener('input', () => {
      clearTimeout(filterTimer);
      filterTimer = setTimeout(() => {
        filter = input.value.trim();
        applyFilter();
        if (ui.scroll) ui.scroll.scrollTop = 0;
        renderRows();
        save();
      }, FILTER_DEBOUNCE_MS);
    });
    ui.filter = input;
    const count = el('span', 'count');
    count.setAttribute('aria-live', 'polite');
    ui.count = count;
    const actions = el('span', 'actions');
    const csv = button('Export CSV', 'secondary');
    csv.dataset.action = 'export-csv';
    const json = button('Export JSON', 'secondary');
    json.dataset.action = 'export-json';
    const copy = button('Copy table', 'secondary');
    copy.dataset.action = 'copy';
    copy.title = 'Copy the rows shown (filtered, sorted) as tab-separated text';
    if (m.rows.length === 0) copy.disabled = true;
    actions.append(csv, json, copy);
    bar.append(input, count, actions);
    return bar;
  }

  /** @param {any} m */
  function table(m) {
    const wrap = el('section', 'table-section');
    wrap.setAttribute('aria-label', 'Tweets');
    if (m.rows.length === 0) {
      const hasPerTweet = m.groupings.some((/** @type {any} */ g) => g.groupBy.length === 2 && g.groupBy.includes('tweet.id') && g.groupBy.includes('engagement.type'));
      wrap.append(
        el(
          'p',
          'empty-table',
          hasPerTweet
            ? 'No Tweet in this run has values (see the sections below).'
            : 'No per-Tweet values: add a grouping by tweet.id and engagement.type (setting xEngagement.defaultGroupings) to get the table.',
        ),
      );
      return wrap;
    }
    const scroll = el('div', 'table-scroll');
    scroll.tabIndex = 0;
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', 'Tweets table, scrollable');
    const t = /** @type {HTMLTableElement} */ (el('table', 'grid'));
    t.style.minWidth = 24 + m.types.length * 18 + 'ch';
    const thead = el('thead');
    const hr = el('tr');
    const cols = ['Tweet ID'].concat(m.types.map(label));
    ui.headers = cols.map((name, col) => {
      const th = el('th', col === 0 ? 'col-id' : 'num');
      th.scope = 'col';
      const b = button(name, 'sort');
      b.dataset.action = 'sort';
      b.dataset.col = String(col);
      b.append(el('span', 'sort-mark'));
      th.append(b);
      hr.append(th);
      return th;
    });
    thead.append(hr);
    const tbody = el('tbody');
    const top = el('tr', 'spacer');
    const topCell = /** @type {HTMLTableCellElement} */ (el('td'));
    topCell.colSpan = cols.length;
    top.append(topCell);
    const bottom = el('tr', 'spacer');
    const bottomCell = /** @type {HTMLTableCellElement} */ (el('td'));
    bottomCell.colSpan = cols.length;
    bottom.append(bottomCell);
    tbody.append(top, bottom);
    const tfoot = el('tfoot');
    const fr = el('tr', 'totals');
    const totalHead = el('th', 'col-id', 'Total');
    totalHead.scope = 'row';
    fr.append(totalHead);
    ui.totalCells = m.types.map(() => {
      const td = el('td', 'num');
      fr.append(td);
      return td;
    });
    ui.totalHead = totalHead;
    tfoot.append(fr);
    t.append(thead, tbody, tfoot);
    scroll.append(t);
    scroll.addEventListener('scroll', () => {
      if (scrollQueued) return;
      scrollQueued = true;
      requestAnimationFrame(() => {
        scrollQueued = false;
        renderRows();
      });
    });
    Object.assign(ui, { scroll, table: t, tbody, topSpacer: topCell, bottomSpacer: bottomCell, tableRows: [] });
    wrap.append(scroll);
    return wrap;
  }

  // ---------- order, filter, rows ----------
  function applyOrder() {
    if (!model) return;
    const rows = model.rows;
    order = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) order[i] = i;
    if (sort) {
      const col = sort.col;
      const sign = sort.dir === 'asc' ? 1 : -1;
      // Missing values go last in both directions; ties keep the asked-for order.
      order.sort((a, b) => {
        const va = rows[a][col];
        const vb = rows[b][col];
        if (va === null) return vb === null ? a - b : 1;
        if (vb === null) return -1;
        return cmpDec(va, vb) * sign || a - b;
      });
    }
    if (ui.headers) {
      ui.headers.forEach((/** @type {HTMLElement} */ th, /** @type {number} */ col) => {
        const active = sort && sort.col === col;
        th.setAttribute('aria-sort', active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
        const mark = th.querySelector('.sort-mark');
        if (mark) mark.textContent = active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '';
      });
    }
    applyFilter();
  }

  function applyFilter() {
    if (!model) return;
    const rows = model.rows;
    const q = filter.replace(/\s+/g, '');
    view = q ? order.filter((i) => rows[i][0].includes(q)) : order;
    if (ui.count) ui.count.textContent = q ? `${view.length} of ${rows.length} Tweets` : `${rows.length} Tweets`;
    renderTotals(q !== '');
  }

  /** @param {boolean} filtered */
  function renderTotals(filtered) {
    if (!ui.totalCells) return;
    let totals = model.totals;
    if (filtered) {
      const sums = model.types.map(() => /** @type {bigint | null} */ (null));
      for (const i of view) {
        const r = model.rows[i];
        for (let c = 0; c < sums.length; c++) {
          const v = r[c + 1];
          if (v !== null) sums[c] = (sums[c] || 0n) + BigInt(v);
        }
      }
      totals = sums.map((s) => (s === null ? null : s.toString()));
    }
    ui.totalHead.textContent = filtered ? 'Total (filtered)' : 'Total';
    totals.forEach((/** @type {string|null} */ v, /** @type {number} */ c) => {
      ui.totalCells[c].textContent = v === null ? '—' : group(v);
    });
  }

  /** @param {number} col */
  function sortBy(col) {
    if (!model) return;
    if (sort && sort.col === col) sort = { col, dir: sort.dir === 'asc' ? 'desc' : 'asc' };
    else sort = { col, dir: col === 0 ? 'asc' : 'desc' };
    applyOrder();
    renderRows();
    save();
  }

  /** Puts only the rows in (and near) the viewport into the DOM. */
  function renderRows() {
    if (!model || !ui.tbody) return;
    const scroll = ui.scroll;
    // Before the first rows are in, the box is only as tall as its header: assume the window.
    const height = Math.max(scroll.clientHeight, window.innerHeight);
    const first = Math.max(0, Math.floor(scroll.scrollTop / ROW_H) - OVERSCAN);
    const last = Math.min(view.length, first + Math.ceil(height / ROW_H) + 2 * OVERSCAN);
    ui.topSpacer.style.height = first * ROW_H + 'px';
    ui.bottomSpacer.style.height = (view.length - last) * ROW_H + 'px';
    ui.topSpacer.parentElement.hidden = first === 0;
    ui.bottomSpacer.parentElement.hidden = last === view.length;
    const types = model.types;
    const frag = document.createDocumentFragment();
    for (let k = first; k < last; k++) {
      const r = model.rows[view[k]];
      const id = r[0];
      const tr = el('tr', k % 2 ? 'row alt' : 'row');
      tr.setAttribute('aria-rowindex', String(k + 2));
      const idCell = el('td', 'col-id');
      idCell.append(idButton(id));
      tr.append(idCell);
      const change = model.changes[id];
      for (let c = 0; c < types.length; c++) {
        const v = r[c + 1];
        const td = el('td', 'num');
        if (v === null) {
          td.textContent = '—';
          td.classList.add('missing');
          td.title = 'No value';
        } else {
          td.textContent = group(v);
          const d = change ? change[c] : null;
          if (d !== null && d !== undefined && d !== '0') {
            const span = el('span', d.charCodeAt(0) === 45 ? 'delta down' : 'delta up', group(d));
            span.title = 'Change since the previous fetch';
            td.append(span);
          }
        }
        tr.append(td);
      }
      frag.append(tr);
    }
    for (const old of ui.tableRows) old.remove();
    ui.tableRows = Array.from(frag.children);
    ui.table.setAttribute('aria-rowcount', String(view.length + 2));
    ui.bottomSpacer.parentElement.before(frag);
  }

  /** The rows shown (filtered, sorted) as tab-separated text. */
  function tsv() {
    if (!model) return '';
    const lines = [['tweet_id'].concat(model.types).join('\t')];
    for (const i of view) lines.push(model.rows[i].map((/** @type {string|null} */ v) => (v === null ? '' : v)).join('\t'));
    return lines.join('\n') + '\n';
  }

  // ---------- chart and top lists ----------
  /** @param {any} m */
  function chart(m) {
    const sec = el('section', 'chart-section');
    if (m.types.length === 0 || m.rows.length === 0) return sec;
    const head = el('div', 'section-head');
    const h = el('h2', '', 'Top Tweets by ');
    const select = /** @type {HTMLSelectElement} */ (el('select', 'metric'));
    select.setAttribute('aria-label', 'Metric of the chart');
    for (const t of m.types) {
      const o = /** @type {HTMLOptionElement} */ (el('option', '', label(t)));
      o.value = t;
      select.append(o);
    }
    select.value = metric;
    select.addEventListener('change', () => {
      metric = select.value;
      renderChart();
      save();
    });
    h.append(select);
    head.append(h);
    const bars = el('ol', 'bars');
    bars.setAttribute('aria-label', 'Top Tweets chart');
    ui.bars = bars;
    sec.append(head, bars);
    return sec;
  }

  function renderChart() {
    if (!model || !ui.bars) return;
    const list = (model.top && model.top[metric]) || [];
    ui.bars.replaceChildren();
    if (list.length === 0) {
      ui.bars.append(el('li', 'muted', 'No values for this metric.'));
      return;
    }
    const max = BigInt(list[0].value);
    for (const { id, value } of list) {
      const li = el('li', 'bar-row');
      const track = el('span', 'bar-track');
      track.setAttribute('aria-hidden', 'true');
      const fill = el('span', 'bar-fill');
      // Ratio in thousandths through BigInt, so values above 2^53 still scale right.
      const permille = max > 0n ? Number((BigInt(value) * 1000n) / max) : 0;
      fill.style.width = permille / 10 + '%';
      track.append(fill);
      li.append(idButton(id), track, el('span', 'bar-value', group(value)));
      ui.bars.append(li);
    }
  }

  /** @param {any} m */
  function topLists(m) {
    const sec = el('section', 'top-section');
    if (m.rows.length === 0) return sec;
    sec.append(el('h2', '', 'Top 5 per metric'));
    const grid = el('div', 'top-grid');
    for (const t of m.types) {
      const card = el('div', 'card');
      card.append(el('h3', '', label(t)));
      const ol = el('ol', 'top-list');
      const list = m.top[t] || [];
      if (list.length === 0) ol.append(el('li', 'muted', 'No values'));
      for (const { id, value } of list) {
        const li = el('li');
        li.append(idButton(id), el('span', 'top-value', group(value)));
        ol.append(li);
      }
      card.append(ol);
      grid.append(card);
    }
    sec.append(grid);
    return sec;
  }

  // ---------- sections ----------
  /** @param {string} title @param {string} help @param {string[]} ids */
  function idSection(title, help, ids) {
    const d = /** @type {HTMLDetailsElement} */ (el('details', 'ids-section'));
    d.open = ids.length <= 20;
    d.append(el('summary', '', `${title} (${ids.length})`), el('p', 'muted', help), el('p', 'id-list', ids.join(', ')));
    return d;
  }

  /** @param {any} m */
  function sections(m) {
    const sec = el('section', 'status-sections');
    if (m.failed.length > 0) {
      const total = m.failed.reduce((/** @type {number} */ n, /** @type {any} */ f) => n + f.ids, 0);
      const box = el('div', 'failed');
      const head = el('div', 'section-head');
      head.append(el('h2', '', `Failed: ${total} IDs in ${m.failed.length} ${m.failed.length === 1 ? 'batch' : 'batches'}`));
      const retry = button('Retry failed batches', 'primary');
      retry.dataset.action = 'retry';
      head.append(retry);
      box.append(head);
      const ul = el('ul');
      for (const f of m.failed) {
        const li = el('li');
        const status = f.status ? `HTTP ${f.status}: ` : '';
        li.append(el('span', 'reason', `${f.ids} IDs — ${status}${f.reason}`));
        if (f.sample.length > 0) li.append(el('span', 'muted', ` (e.g. ${f.sample.join(', ')}${f.ids > f.sample.length ? ', …' : ''})`));
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
      d.append(el('summary', '', `Messages from the API (${m.errors.length})`));
      const ul = el('ul');
      for (const e of m.errors) ul.append(el('li', '', e));
      d.append(ul);
      sec.append(d);
    }
    return sec;
  }

  /** @param {any} m */
  function groupings(m) {
    const sec = el('section', 'groupings');
    if (!m.groupings.length) return sec;
    sec.append(el('h2', '', 'Groupings'));
    const ul = el('ul', 'grouping-list');
    for (const g of m.groupings) {
      const li = el('li');
      li.append(el('code', 'grouping-name', g.name), el('span', 'muted', ` — group_by: ${g.groupBy.join(', ')}`));
      if (Array.isArray(g.values) && g.values.length > 0) {
        const t = el('table', 'mini');
        const tb = el('tbody');
        for (const [k, v] of g.values) {
          const tr = el('tr');
          tr.append(el('th', '', label(k)), el('td', 'num', group(v)));
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

  window.addEventListener('resize', () => renderRows());
  post({ type: 'ready' });
})();
