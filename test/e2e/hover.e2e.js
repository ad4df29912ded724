// Hover auto-fetch as a user meets it: the sample workspace on the sandbox with
// xEngagement.hover.autoFetch on and nothing fetched yet. Resting the pointer on a Tweet ID
// in report.md brings up a hover that shows that Tweet's numbers (the sandbox's), without a
// second hover and without running any command.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { hoverOver, openFile, screenshot, errorNotifications } = require('./harness');
const { ROOT } = require('../../scripts/code-server');
const { ensureSampleWorkspace } = require('../../scripts/fixtures');

const { findTweetIds } = require(path.join(ROOT, 'out/src/finder/finder.js'));
const { sandboxMetrics } = require(path.join(ROOT, 'out/src/sandbox/world.js'));

const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

module.exports = async function hoverAutoFetch({ page, workspace }) {
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 30_000 });
  await openFile(page, 'report.md');
  const ids = findTweetIds(fs.readFileSync(path.join(workspace, 'report.md'), 'utf8')).ids;
  const sample = ids.map((id) => sandboxMetrics(id, Date.now())).find((t) => !t.unavailable);
  assert.ok(sample, 'report.md has an available Tweet');

  const text = await hoverOver(page, sample.id, 'Likes', 20_000);
  assert.match(text, new RegExp(`Likes\\s*${group(sample.metrics.favorites)}(?![\\d,])`), `hover shows Likes (favorites) ${sample.metrics.favorites} in its row: ${text}`);
  assert.ok(!text.includes('Fetching'), `the numbers, not a spinner: ${text}`);
  assert.match(text, /Fetched just now with profile Sandbox/);
  await screenshot(page, 'e2e-hover-autofetch');
  assert.deepEqual(await errorNotifications(page), []);
};

module.exports.options = {
  workspace: ensureSampleWorkspace(),
  settings: { 'xEngagement.useSandboxOnStart': true, 'xEngagement.hover.autoFetch': true },
};
