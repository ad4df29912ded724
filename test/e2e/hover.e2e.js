// Hover auto-fetch as a user meets it: the sample workspace on the sandbox with
// xEngagement.hover.autoFetch on and nothing fetched yet. Resting the pointer on a Tweet ID
// in report.md brings up a hover that shows that Tweet's numbers (the sandbox's), without a
// second hover and without running any command. What hovers fetch is not a run per hover:
// the Results view shows one "Hover lookups" entry, marked as sandbox numbers.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { hoverOver, openFile, runCommand, screenshot, errorNotifications } = require('./harness');
const { ROOT } = require('../../scripts/code-server');
const { ensureSampleWorkspace } = require('../../scripts/fixtures');

const { findTweetIds } = require(path.join(ROOT, 'out/src/finder/finder.js'));
const { sandboxMetrics } = require(path.join(ROOT, 'out/src/sandbox/world.js'));

const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

module.exports = async function hoverAutoFetch({ page, workspace }) {
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 30_000 });
  await openFile(page, 'report.md');
  const ids = findTweetIds(fs.readFileSync(path.join(workspace, 'report.md'), 'utf8')).ids;
  const available = ids.map((id) => sandboxMetrics(id, Date.now())).filter((t) => !t.unavailable);
  const sample = available[0];
  assert.ok(available.length >= 2, 'report.md has two available Tweets');

  const text = await hoverOver(page, sample.id, 'Likes', 20_000);
  assert.match(text, new RegExp(`Likes\\s*${group(sample.metrics.favorites)}(?![\\d,])`), `hover shows Likes (favorites) ${sample.metrics.favorites} in its row: ${text}`);
  assert.ok(!text.includes('Fetching'), `the numbers, not a spinner: ${text}`);
  assert.match(text, /Fetched just now with profile Sandbox/);
  assert.match(text, /Sandbox: made-up numbers/, `the hover says the numbers are the sandbox's: ${text}`);
  await screenshot(page, 'e2e-hover-autofetch');

  // A second Tweet hovered: its numbers too, and still no run of its own.
  await page.mouse.move(0, 0);
  const second = available[1];
  const secondText = await hoverOver(page, second.id, `Tweet ${second.id}`, 20_000);
  assert.match(secondText, new RegExp(`Likes\\s*${group(second.metrics.favorites)}(?![\\d,])`), secondText);
  await page.keyboard.press('Escape');

  await runCommand(page, 'X Engagement: Focus on Results View');
  const rows = page.locator('[id="workbench.parts.sidebar"] .pane-body .monaco-list-row');
  await rows.filter({ hasText: 'Hover lookups' }).first().waitFor({ timeout: 15_000 });
  const texts = await rows.allTextContents();
  assert.equal(texts.length, 1, `one entry for the hovers, no run per hover: ${texts.join(' | ')}`);
  assert.match(texts[0], /Hover lookups\s*2 Tweets · Sandbox · updated/, texts[0]);
  await screenshot(page, 'e2e-hover-lookups');
  assert.deepEqual(await errorNotifications(page), []);
};

module.exports.options = {
  workspace: ensureSampleWorkspace(),
  settings: { 'xEngagement.useSandboxOnStart': true, 'xEngagement.hover.autoFetch': true },
};
