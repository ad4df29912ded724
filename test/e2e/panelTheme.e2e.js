// End to end, the results panel in Light High Contrast and the three other default themes: a
// run with all seven types (the sandbox profile has OAuth keys, so Impressions and Engagements
// come too). Every column is reachable (the table scrolls sideways in a panel beside the
// report), and the grouping chips, "—" on striped rows and the other small texts measure at
// least 4.5:1 against what is behind them, computed from the colours the theme renders.
'use strict';

const assert = require('node:assert/strict');
const { fetchOnSandbox, runCommand, screenshot } = require('./harness');

const ALL_TYPES = ['impressions', 'engagements', 'favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'];
/** [label in Preferences: Color Theme, the workbench's class for it]. */
const THEMES = [
  ['Light High Contrast', 'hc-light'],
  ['Dark High Contrast', 'hc-black'],
  ['Light Modern', 'vs'],
  ['Dark Modern', 'vs-dark'],
];
/** What is measured: [name, selector of the text element]; the first match is taken. */
const TEXTS = [
  ['grouping chip', '.grouping-name'],
  ['"—" on a striped row', 'tr.row.alt td.missing'],
  ['"—" on a plain row', 'tr.row:not(.alt) td.missing'],
  ['Posted on a striped row', 'tr.row.alt td.col-posted'],
  ['Tweet ID link on a striped row', 'tr.row.alt button.link.id'],
  ['Reveal button', 'tr.row button.row-action'],
  ['column header', 'th button.sort'],
  ['header key (Profile:)', '.meta-key'],
];
const MIN_CONTRAST = 4.5;

module.exports = async function panelInThemes({ page }) {
  const frame = await fetchOnSandbox(page);

  // Seven types, Tweet ID and Posted: nine columns, each reachable by scrolling sideways, none cut.
  const layout = await frame.locator('.table-scroll').evaluate((box) => {
    const ths = [...box.querySelectorAll('thead th')];
    box.scrollLeft = box.scrollWidth;
    const right = box.getBoundingClientRect().right;
    const last = ths[ths.length - 1].getBoundingClientRect().right;
    const clipped = ths.filter((th) => {
      const b = th.querySelector('button');
      return b && b.scrollWidth > b.clientWidth + 1;
    });
    const out = { columns: ths.length, scrolls: box.scrollWidth > box.clientWidth, lastRightGap: right - last, clipped: clipped.map((th) => th.textContent) };
    box.scrollLeft = 0;
    return out;
  });
  assert.equal(layout.columns, 2 + ALL_TYPES.length, JSON.stringify(layout));
  assert.ok(layout.lastRightGap >= -1, `the last column can be scrolled into view: ${JSON.stringify(layout)}`);
  assert.deepEqual(layout.clipped, [], 'no header is cut off');
  await frame.locator('.grouping-name').first().waitFor();
  // Impressions, highest first: the Tweet without impressions (not owned) goes last, onto a striped row.
  await frame.locator('th button.sort[data-col="1"]').click();
  await frame.locator('tr.row.alt td.missing').first().waitFor({ timeout: 10_000 });

  const report = [];
  for (const [theme, cls] of THEMES) {
    // The profile starts in Light High Contrast (its settings); on a cold first start the
    // workbench may still show the default theme, so every theme not already shown is chosen.
    const shown = await page.locator(`.monaco-workbench.${cls}`).count();
    if (!shown) {
      // As a user: Preferences: Color Theme, the theme's name, Enter.
      await runCommand(page, 'Preferences: Color Theme');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(theme);
      const exact = page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^(Default )?${theme.replace('+', '\\+')}$`) });
      await exact.first().click({ timeout: 10_000 });
      await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: 20_000 });
    }
    // The page follows the theme (VS Code updates its variables): wait for the body class.
    const bodyClass = { 'hc-light': 'vscode-high-contrast-light', 'hc-black': 'vscode-high-contrast', vs: 'vscode-light', 'vs-dark': 'vscode-dark' }[cls];
    await frame.locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300); // the theme's colours land with the class; one frame to paint
    const measured = await frame.evaluate(measureContrasts, TEXTS);
    report.push({ theme, ...measured });
    if (cls === 'hc-light') {
      await screenshot(page, 'e2e-panel-hc-light');
      await frame.locator('.grouping-name').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'e2e-panel-hc-light-groupings');
    }
  }
  console.log(
    `[panelTheme] contrast (text : background):\n${report
      .map(
        (r) =>
          `  ${r.theme}: ${Object.entries(r)
            .filter(([k]) => k !== 'theme')
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
      )
      .join('\n')}`,
  );
  for (const r of report) {
    for (const [name] of TEXTS) {
      const v = r[name];
      if (v === 'absent') continue;
      assert.ok(Number.parseFloat(v) >= MIN_CONTRAST, `${name} in ${r.theme}: ${v} < ${MIN_CONTRAST}:1`);
    }
  }
  assert.notEqual(report[0]['grouping chip'], 'absent', 'the chips are on the page');
  assert.notEqual(report[0]['"—" on a striped row'], 'absent', 'a striped row has a "—"');
};

/** In the page: the WCAG contrast of each text with the colours under it (alpha blended down to the first opaque background). */
function measureContrasts(texts) {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return undefined;
    const p = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let base = layers.length && layers[layers.length - 1].a >= 1 ? layers.pop() : { r: 255, g: 255, b: 255, a: 1 };
    while (layers.length) base = over(layers.pop(), base);
    return base;
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const out = {};
  for (const [name, selector] of texts) {
    const el = document.querySelector(selector);
    if (!el) {
      out[name] = 'absent';
      continue;
    }
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out[name] = ((hi + 0.05) / (lo + 0.05)).toFixed(2);
  }
  return out;
}

// Four theme switches through the palette take a while on a busy machine.
module.exports.timeoutMs = 240_000;
module.exports.options = {
  settings: { 'workbench.colorTheme': 'Default High Contrast Light', 'xEngagement.defaultEngagementTypes': ALL_TYPES },
};
