// A Jupyter notebook as an analyst meets it: sample-workspace/analysis.ipynb opened in the notebook
// editor, on the sandbox (Use sandbox), with end-of-line annotations on. The notebook toolbar's
// Fetch engagement totals asks for the 9 Tweets of its cells and outputs (not the 2 user IDs of
// the printed JSON records, which a raw scan of the file would take); then hovering an ID in a
// code cell, and in a markdown cell in edit mode, shows the sandbox's numbers, and the cell's
// line carries its annotation.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { errorNotifications, hoverOver, runCommand, screenshot, waitForExtension } = require('./harness');
const { ROOT } = require('../../scripts/code-server');
const { ensureSampleWorkspace } = require('../../scripts/fixtures');

const { sandboxMetrics } = require(path.join(ROOT, 'out/src/sandbox/world.js'));
/** Notebook editors are laid over the editor area, outside the editor group's element. */
const NOTEBOOK = '.notebookOverlay';
const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

module.exports = async function notebookEndToEnd({ page, workspace }) {
  const raw = fs.readFileSync(path.join(workspace, 'analysis.ipynb'), 'utf8');
  const nb = JSON.parse(raw);
  // The sample's Tweets: 1 in the first markdown cell, 4 in the code cell, 3 in the printed records,
  // 1 more in the last markdown cell (which names the launch post again) = 9. Its raw JSON holds 2 more long numbers: user IDs.
  const distinctInFile = new Set(raw.match(/\b\d{19}\b/g));
  assert.equal(distinctInFile.size, 11, 'the file holds 9 Tweet IDs and 2 user IDs');
  const codeSource = nb.cells[1].source.join('');
  const sampleId = codeSource.match(/"(\d{19})"/)[1];
  const launchId = nb.cells[0].source.join('').match(/status\/(\d+)/)[1];

  // Once the extension is up, so that the notebook opens in the notebook editor, not as JSON text.
  await waitForExtension(page);
  await runCommand(page, 'X Engagement: Use sandbox');
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  // Quick open (openFile waits for a text editor's lines, which a notebook lays out elsewhere).
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible' });
  await page.keyboard.type('analysis.ipynb', { delay: 10 });
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'analysis.ipynb' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active[data-resource-name="analysis.ipynb"]').waitFor({ timeout: 15_000 });
  const notebookEditor = page.locator(NOTEBOOK).filter({ visible: true }).first();
  await notebookEditor.waitFor({ timeout: 20_000 });

  // The notebook toolbar's button (package.json: menus, notebook/toolbar).
  const button = notebookEditor.locator('.notebook-toolbar-container .action-item a[aria-label*="Fetch engagement totals"]').first();
  await button.waitFor({ state: 'visible', timeout: 15_000 });
  await button.click();

  const frame = await panelFrame(page);
  const meta = frame.locator('header.head .meta');
  const metaText = await meta.textContent();
  assert.match(metaText, /Requested: 9(?!\d)/, `the 9 Tweets of cells and outputs: ${metaText}`);
  assert.match(metaText, /Source: analysis\.ipynb/, metaText);
  assert.match(metaText, /Also found: 1 duplicate/, metaText);
  const rowIds = await frame.locator('table.grid tr.row td:first-child').allTextContents();
  for (const userId of ['1521947182061416448', '1376286934870040577']) assert.ok(!rowIds.some((r) => r.includes(userId)), `user ${userId} is not a row`);
  await screenshot(page, 'e2e-notebook-panel');

  // Back to the notebook by its tab (keys would go to the webview while it has focus).
  await page.locator('.tabs-container .tab', { hasText: 'analysis.ipynb' }).first().click();
  await page.locator('.tabs-container .tab.active[data-resource-name="analysis.ipynb"]').waitFor({ timeout: 15_000 });

  // A code cell: its hover shows the sandbox's numbers.
  const sample = sandboxMetrics(sampleId, Date.now());
  assert.ok(!sample.unavailable);
  const codeHover = await hoverOver(page, sampleId, 'Likes', 15_000, NOTEBOOK);
  assert.match(codeHover, new RegExp(`Likes\\s*${group(sample.metrics.favorites)}(?![\\d,])`), `hover in a code cell: ${codeHover}`);
  // The annotation at the end of the ID's line (a decoration's ::after content).
  const annotations = await notebookEditor
    .locator('.monaco-editor .view-line span')
    .evaluateAll((spans) => spans.map((s) => getComputedStyle(s, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal'));
  assert.ok(
    annotations.some((c) => c.includes('♥')),
    `an annotation in the code cell: ${JSON.stringify(annotations)}`,
  );
  await screenshot(page, 'e2e-notebook');

  // A markdown cell in edit mode is a text editor too: double-click its preview to edit it.
  const launch = sandboxMetrics(launchId, Date.now());
  await page.mouse.move(5, 5);
  await notebookEditor
    .locator('.cell-list-container')
    .first()
    .click({ position: { x: 5, y: 5 } })
    .catch(() => {});
  const preview = page.locator('.notebookOverlay iframe.webview').first();
  await preview.waitFor({ timeout: 15_000 });
  const outer = page.frameLocator('.notebookOverlay iframe.webview').first().frameLocator('iframe#active-frame');
  await outer.getByText('Winter campaign').first().dblclick({ timeout: 15_000 });
  const mdHover = await hoverOver(page, launchId, 'Likes', 15_000, NOTEBOOK);
  assert.match(mdHover, new RegExp(`Likes\\s*${group(launch.metrics.favorites)}(?![\\d,])`), `hover in a markdown cell: ${mdHover}`);
  await screenshot(page, 'e2e-notebook-markdown');

  assert.deepEqual(await errorNotifications(page), [], 'no error notifications');
};

/** The results panel's page (the notebook's outputs are a webview too, so webviewFrame's first one may be theirs). */
async function panelFrame(page, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames())
      if (
        (await f
          .locator('header.head .meta')
          .count()
          .catch(() => 0)) > 0
      )
        return f;
    if (Date.now() > end) throw new Error('the results panel did not open');
    await page.waitForTimeout(250);
  }
}

module.exports.options = {
  workspace: ensureSampleWorkspace(),
  settings: { 'xEngagement.annotations.enabled': true },
};
/** Opening a notebook, a fetch and three hovers take longer than the default 120 s on a busy machine. */
module.exports.timeoutMs = 180_000;
