// A workspace of the sandbox user's own Tweets for the time-series e2e tests (series.e2e.js and
// japaneseSeries.e2e.js): three owned Tweets posted within the last days (so the last 28 hours
// have numbers) and one that is someone else's, in campaign.md of a fresh temporary folder.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('../../scripts/code-server');
const { openFile, runCommand, webviewFrame } = require('./harness');

const { snowflakeAt } = require(path.join(ROOT, 'out/src/shared/tweetId.js'));

const HOUR = 3_600_000;

/** A Tweet ID created at `ms` whose last digit is `digit` (the sandbox: even = the user's own, odd = someone else's). */
function idAt(ms, digit) {
  const base = BigInt(snowflakeAt(ms));
  for (let k = 0n; ; k++) {
    const s = String(base + k);
    if (s.endsWith(digit) && !s.endsWith('13')) return s;
  }
}

/** A new folder with campaign.md: `owned` (three IDs) and `notOwned` (one). */
function campaignWorkspace(now = Date.now()) {
  const owned = [idAt(now - 3 * 24 * HOUR, '2'), idAt(now - 20 * HOUR, '4'), idAt(now - 30 * HOUR, '6')];
  const notOwned = idAt(now - 2 * 24 * HOUR, '7');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'x-series-e2e-'));
  fs.writeFileSync(path.join(folder, 'campaign.md'), `# Campaign\n\nOur posts:\n\n${owned.map((id) => `- ${id}`).join('\n')}\n\nA partner's post: ${notOwned}\n`);
  return { folder, owned, notOwned };
}

/**
 * As a user: open campaign.md, Use sandbox, fetch the last 28 hours of its time series (the
 * commands as the palette titles them in the display language); resolves to the panel's frame
 * once its chart is drawn.
 */
async function fetchCampaignSeries(page, { useSandbox, fetchLast28Hours }) {
  await openFile(page, 'campaign.md');
  await runCommand(page, useSandbox);
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  await runCommand(page, fetchLast28Hours);
  const frame = await webviewFrame(page, 30_000);
  await frame.locator('.series-chart canvas').first().waitFor({ timeout: 30_000 });
  return frame;
}

module.exports = { HOUR, campaignWorkspace, fetchCampaignSeries };
