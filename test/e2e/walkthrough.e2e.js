// The first-run walkthrough (issue 10, item 16) as a new user meets it: opened from
// Welcome: Open Walkthrough…, its "Use sandbox" button pressed, the step ticked; then the other
// steps done the ordinary way (Set credentials, the sample opened from the walkthrough and
// fetched, a hover over an ID, the panel that the fetch opens), each ticked off on its own.
'use strict';

const assert = require('node:assert/strict');
const { hoverOver, runCommand, saveBearerProfile, screenshot, errorNotifications } = require('./harness');

const TITLE = 'Get started with X Engagement Totals';
/** An ID of media/walkthrough/sample.md. */
const SAMPLE_ID = '2125584239407194120';

async function openWalkthrough(page) {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  const entry = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: TITLE }).first();
  await entry.waitFor({ state: 'visible', timeout: 15_000 });
  await entry.click();
  await page.locator('.gettingStartedContainer').getByText(TITLE).first().waitFor({ timeout: 15_000 });
}

const step = (page, title) => page.locator('.gettingStartedContainer .getting-started-step', { hasText: title }).first();

/** The step's checkbox: the walkthrough marks a done step's codicon `complete` (a filled tick). */
const tick = (page, title) => step(page, title).locator('.codicon.complete');

async function waitTicked(page, title) {
  await tick(page, title)
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => {
      throw new Error(`the step "${title}" is not ticked`);
    });
}

module.exports = async function walkthrough({ page }) {
  await openWalkthrough(page);
  for (const title of ['Try the sandbox', 'Set credentials', 'Fetch a file', 'Hover an ID', 'Open the panel']) {
    await step(page, title).waitFor();
    assert.equal(await tick(page, title).count(), 0, `${title} starts unticked`);
  }

  // Step 1 through its own button.
  await step(page, 'Try the sandbox').click();
  await step(page, 'Try the sandbox').getByRole('button', { name: 'Use sandbox' }).click();
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  await waitTicked(page, 'Try the sandbox');

  // Step 3's first button: the sample opens in an editor (which keeps the keyboard: the
  // walkthrough's Markdown media is a webview that takes focus when it changes).
  await step(page, 'Fetch a file').click();
  await step(page, 'Fetch a file').getByRole('button', { name: 'Open the sample' }).click();
  await page.locator('.tabs-container .tab.active[data-resource-name="sample.md"]').waitFor({ timeout: 15_000 });

  // Step 2: Set credentials (a Bearer profile), then back on the sandbox for the fetch.
  await saveBearerProfile(page, 'walkthrough', 'not-a-real-token');
  await runCommand(page, 'X Engagement: Use sandbox');
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 20_000 });

  // Step 3: the sample fetched; the panel opens with the run (step 5).
  await runCommand(page, 'X Engagement: Fetch engagement totals');
  await page.locator('.tabs-container .tab', { hasText: 'X Engagement' }).first().waitFor({ timeout: 30_000 });

  // Step 4: a hover with the numbers, over an ID of the sample.
  await page.locator('.tabs-container .tab', { hasText: 'sample.md' }).first().click();
  await hoverOver(page, SAMPLE_ID, 'Likes', 20_000);

  await openWalkthrough(page);
  for (const title of ['Try the sandbox', 'Set credentials', 'Fetch a file', 'Hover an ID', 'Open the panel']) await waitTicked(page, title);
  await screenshot(page, 'e2e-walkthrough');
  assert.deepEqual(await errorNotifications(page), []);
};

// Five steps, a credentials flow and a fetch: more than the default 120 s on a loaded machine.
module.exports.timeoutMs = 240_000;
