// Time series end to end, as a user: Use sandbox, open a file of the sandbox user's own Tweets
// (and one that is not theirs), run "Fetch engagement time series (last 28 hours)" from the
// palette. The panel draws the chart; pointing at one hour shows a readout whose numbers equal
// what the sandbox's own world gives for that hour; the Results view has the series run beside
// nothing else; a hover over an owned ID shows the sparkline beside its link to the panel.
'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { hoverOver, openFile, quickInput, runCommand, screenshot, errorNotifications } = require('./harness');
const { ROOT } = require('../../scripts/code-server');
const { campaignWorkspace, fetchCampaignSeries, HOUR } = require('./campaign');

const { answerSeries } = require(path.join(ROOT, 'out/src/sandbox/series.js'));

const { folder: FOLDER, owned: OWNED, notOwned: NOT_OWNED } = campaignWorkspace();

const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

module.exports = async function seriesEndToEnd({ page }) {
  // The chart is drawn (a canvas in the series section), for impressions, hourly.
  const frame = await fetchCampaignSeries(page, { useSandbox: 'X Engagement: Use sandbox', fetchLast28Hours: 'X Engagement: Fetch engagement time series (last 28 hours)' });
  const title = await frame.locator('.series-section h2').textContent();
  assert.match(title, /^Impressions per hour: the total and the top 3 Tweets$/, title);
  assert.match(await frame.locator('header.head h1').textContent(), /^X Engagement: campaign\.md · Last 28 hours · .* \(Sandbox\)$/);
  // The Tweet that is not the user's is listed, not fatal.
  await frame.locator('details.ids-section summary', { hasText: 'Forbidden (1)' }).waitFor({ timeout: 10_000 });
  assert.ok((await frame.locator('.status-sections').textContent()).includes(NOT_OWNED));
  await screenshot(page, 'e2e-series-chart');

  // Point at the middle of the chart: the readout names the hour and its numbers.
  const over = frame.locator('.series-chart .u-over').first();
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
  await frame.locator('.series-readout[data-time]').waitFor({ timeout: 10_000 });
  const readout = await frame.locator('.series-readout').evaluate((el) => ({
    time: el.dataset.time,
    text: el.textContent,
    items: [...el.querySelectorAll('.readout-item')].map((i) => ({
      series: i.dataset.series,
      value: Number(i.dataset.value),
      shown: i.querySelector('.readout-value').textContent,
    })),
  }));
  await screenshot(page, 'e2e-series-readout');

  // The sandbox's own answer for the same Tweets (its world is deterministic: a past hour never changes).
  const answer = answerSeries(
    '28hr',
    {
      tweet_ids: [...OWNED],
      engagement_types: ['impressions'],
      groupings: { hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] } },
    },
    { kind: 'oauth1' },
    Date.now(),
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const day = readout.time.slice(0, 10);
  const hour = readout.time.slice(11, 13);
  assert.ok(Date.parse(readout.time) < Date.now() - 2 * HOUR, `a past hour, whose numbers are final: ${readout.time}`);
  const valueOf = (id) => Number(answer.body.hourly[id]?.impressions?.[day]?.[hour] ?? 0);
  const total = OWNED.reduce((s, id) => s + valueOf(id), 0);
  const shownTotal = readout.items.find((i) => i.series === 'total');
  assert.ok(shownTotal, `a total in the readout: ${readout.text}`);
  assert.equal(shownTotal.value, total, `total impressions at ${readout.time}: ${readout.text}`);
  assert.equal(shownTotal.shown, group(total));
  assert.ok(total > 0, `the hour has impressions (${readout.time})`);
  for (const item of readout.items.filter((i) => i.series !== 'total')) {
    assert.ok(OWNED.includes(item.series), `only the user's Tweets are drawn: ${item.series}`);
    assert.equal(item.value, valueOf(item.series), `${item.series} at ${readout.time}`);
  }
  assert.match(readout.text, new RegExp(`^${day} ${hour}:00 UTC`));

  // The keyboard reads it too: Home is the window's first hour (the table's first row), the right arrow the next one.
  const firstRow = (await frame.locator('.series-table tbody tr').first().locator('td').first().textContent()).trim();
  const first = Date.parse(firstRow.replace(' UTC', ':00Z').replace(' ', 'T'));
  assert.ok(Number.isFinite(first), firstRow);
  await frame.locator('.series-chart').focus();
  await page.keyboard.press('Home');
  await frame.locator(`.series-readout[data-time="${new Date(first).toISOString()}"]`).waitFor({ timeout: 5_000 });
  await page.keyboard.press('ArrowRight');
  await frame.locator(`.series-readout[data-time="${new Date(first + HOUR).toISOString()}"]`).waitFor({ timeout: 5_000 });

  // The Results view holds the series run, labelled with its window.
  await runCommand(page, 'X Engagement: Focus on Results View');
  const rows = page.locator('[id="workbench.parts.sidebar"] .pane-body .monaco-list-row');
  await rows.filter({ hasText: 'campaign.md' }).first().waitFor({ timeout: 15_000 });
  assert.match((await rows.first().textContent()) ?? '', /campaign\.md · .*Last 28 hours · 4 Tweets · Sandbox/);

  // A hover over an owned ID: the sparkline (an image) and the window it covers. (The keyboard was
  // in the panel's group: back to the file's own group first, or Quick Open would open it there too.)
  await runCommand(page, 'View: Focus First Editor Group');
  await openFile(page, 'campaign.md');
  const text = await hoverOver(page, OWNED[0], 'per hour', 20_000);
  assert.match(text, /Impressions per hour, last 28 hours \(\d{4}-\d\d-\d\d \d\d:00 UTC – \d{4}-\d\d-\d\d \d\d:00 UTC\): [\d,]+/, text);
  // No totals fetched for it: the sparkline itself says its numbers are the sandbox's.
  assert.match(text, /made-up numbers from the in-editor sandbox/, text);
  const img = page.locator('.monaco-hover img[src^="data:image/svg+xml"]').first();
  await img.waitFor({ state: 'visible', timeout: 10_000 });
  const size = await img.boundingBox();
  assert.ok(size && size.width > 100 && size.height > 10, `the sparkline is drawn: ${JSON.stringify(size)}`);
  await screenshot(page, 'e2e-series-hover');
  await page.keyboard.press('Escape');

  // A date range from the quick pick: the last 90 days come daily, and the panel follows the new run.
  await runCommand(page, 'X Engagement: Fetch engagement time series (date range…)');
  await quickInput(page, 'Time series: which dates?', 'Last 90 days');
  const start = new Date(Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR - 90 * 24 * HOUR).toISOString().slice(0, 10);
  await frame.locator('.meta-value', { hasText: `${start} – ` }).waitFor({ timeout: 30_000 });
  assert.match(await frame.locator('.series-section h2').textContent(), /^Impressions per day: /);
  assert.match(await frame.locator('header.head .meta').textContent(), /Buckets: 9[01] × day \(UTC\)/);
  await screenshot(page, 'e2e-series-90-days');
  assert.deepEqual(await errorNotifications(page), []);
};

module.exports.options = { workspace: FOLDER };
