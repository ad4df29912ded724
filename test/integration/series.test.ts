// Time series inside a real extension host, on the in-editor sandbox: the commands fetch the
// Tweets of the open file, the run is stored beside totals runs with the sandbox's own numbers,
// the Results tree shows it by its groupings down to the hours, the panel gets a series model,
// hovers over an owned ID show the sparkline, and a profile without user context is told what
// to do instead of sending requests that would be refused.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERIES_CSV_HEADER } from '../../src/core/export';
import { isSeriesRun, SeriesRunRecord } from '../../src/core/types';
import { FetchController } from '../../src/features/fetch/fetchController';
import { SeriesController } from '../../src/features/fetch/seriesController';
import { presetRange } from '../../src/features/fetch/seriesRange';
import { ResultNode, ResultsTreeProvider } from '../../src/features/results/resultsTree';
import { answerSeries } from '../../src/sandbox/series';
import { snowflakeAt } from '../../src/shared/tweetId';
import { api, stubWindow } from './support/extension';

const HOUR = 3_600_000;
/** A Tweet ID created at `ms` ending in `digit` (the sandbox: even = the user's own). */
function idAt(ms: number, digit: string): string {
  const base = BigInt(snowflakeAt(ms));
  for (let k = 0n; ; k++) {
    const s = String(base + k);
    if (s.endsWith(digit) && !s.endsWith('13')) return s;
  }
}

describe('Time series on the sandbox', function () {
  this.timeout(60_000);
  const now = Date.now();
  const owned = [idAt(now - 2 * 24 * HOUR, '2'), idAt(now - 15 * HOUR, '4')];
  const other = idAt(now - 24 * HOUR, '1');
  let doc: vscode.TextDocument;
  let run: SeriesRunRecord;

  before(async () => {
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Posts\n- ${owned[0]}\n- ${owned[1]}\n- partner: ${other}\n` });
    await vscode.window.showTextDocument(doc);
  });

  it("Fetch engagement time series (last 28 hours) stores a series run with the sandbox's numbers; the Tweet the user does not own is listed", async () => {
    const a = await api();
    const before = a.store.runs().length;
    const fetched = await a.series.fetchCommand('28hr');
    assert.ok(fetched, 'a run');
    run = fetched;
    assert.equal(a.store.runs().length, before + 1);
    const stored = a.store.get(run.id);
    assert.ok(stored && isSeriesRun(stored), 'kept in the results cache as a series run');
    assert.equal(run.sandbox, true);
    assert.deepEqual(run.result.forbiddenTweetIds, [other]);
    assert.deepEqual(run.result.failed, []);
    assert.equal(run.result.query.endpoint, '28hr');
    // Each hour equals the sandbox's own answer for the same Tweets (every hour but the current one is final).
    const body = answerSeries(
      '28hr',
      { tweet_ids: owned, engagement_types: ['impressions'], groupings: { h: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] } } },
      { kind: 'oauth1' },
      Date.now(),
    ).body as Record<string, Record<string, Record<string, Record<string, Record<string, string>>>>>;
    const hourly = run.result.groupings.hourly as typeof body.h;
    let compared = 0;
    for (const id of owned)
      for (const [day, hours] of Object.entries(hourly[id].impressions))
        for (const [hour, value] of Object.entries(hours)) {
          if (Date.parse(`${day}T${hour}:00:00Z`) >= Date.now() - HOUR) continue;
          assert.equal(value, body.h[id]?.impressions?.[day]?.[hour], `${id} ${day} ${hour}`);
          compared++;
        }
    assert.ok(compared >= 20, `compared ${compared} hours`);
  });

  it('the Results view shows the run with its window, grouped as asked, down to hour values', async () => {
    const a = await api();
    const provider = new ResultsTreeProvider(a.store);
    try {
      const item = (n: ResultNode) => provider.getTreeItem(n) as vscode.TreeItem;
      const node = provider.runNode(run.id)!;
      assert.match(String(item(node).description), /^Last 28 hours · 3 Tweets · Sandbox/);
      assert.match(String(item(node).tooltip), /Time series \(\/28hr\): Last 28 hours, \d{4}-\d\d-\d\dT\d\d:00:00Z to /);
      const groupings = provider.getChildren(node);
      assert.deepEqual(
        groupings.map((g) => String(item(g).label)),
        ['hourly', 'perTweet', 'Forbidden (1)'],
      );
      const tweet = provider.getChildren(groupings[0]).find((n) => String(item(n).label) === owned[0])!;
      const type = provider.getChildren(tweet).find((n) => String(item(n).label) === 'Impressions')!;
      const day = provider.getChildren(type)[0];
      assert.match(String(item(day).label), /^\d{4}-\d\d-\d\d$/);
      const hour = provider.getChildren(day)[0];
      assert.match(String(item(hour).label), /^\d\d:00 UTC: [\d,]+$/);
    } finally {
      provider.dispose();
    }
  });

  it('the panel gets the time-series model of the run', async () => {
    const a = await api();
    a.panel.show(run.id);
    const deadline = Date.now() + 15_000;
    while (a.panel.lastSeriesModel?.runId !== run.id && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const m = a.panel.lastSeriesModel;
    assert.ok(m, 'a series model was posted');
    assert.equal(m.step, 'hour');
    assert.ok(m.times.length === 28 || m.times.length === 29, `${m.times.length} hours`);
    assert.deepEqual(m.metrics.impressions.top.map((t) => t.id).sort(), [...owned].sort());
  });

  it("the panel's Export CSV and Export JSON write the whole series run (long form; the API's shape), marked as sandbox numbers", async () => {
    const a = await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-series-export-'));
    const w = vscode.window as unknown as { showSaveDialog: (o: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined> };
    const saved = w.showSaveDialog;
    const titles: string[] = [];
    try {
      for (const format of ['csv', 'json'] as const) {
        w.showSaveDialog = async (o) => {
          titles.push(o.title ?? '');
          return vscode.Uri.file(path.join(dir, `out.${format}`));
        };
        await (a.panel as unknown as { onMessage(m: unknown): Promise<void> }).onMessage({ type: 'export', format });
      }
    } finally {
      w.showSaveDialog = saved;
    }
    assert.deepEqual(titles, ['Export engagement time series', 'Export engagement time series']);
    const csv = fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').trimEnd().split('\r\n');
    assert.ok(csv[0].startsWith(SERIES_CSV_HEADER.join(',')) && csv[0].endsWith(',sandbox'), csv[0]);
    const hourly = run.result.groupings.hourly as Record<string, Record<string, Record<string, Record<string, string>>>>;
    const [day, hours] = Object.entries(hourly[owned[0]].impressions)[0];
    const [hour, value] = Object.entries(hours)[0];
    assert.ok(
      csv.some((l) => l.startsWith(`${owned[0]},Impressions,${day},${hour},${value},`)),
      `a row for ${owned[0]} ${day} ${hour} in ${csv.slice(0, 3).join(' | ')}`,
    );
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'));
    assert.equal(json.sandbox, true);
    assert.equal(json.hourly[owned[0]].impressions[day][hour], value);
  });

  it('a hover over an owned ID shows the sparkline of its series and the window it covers', async () => {
    await vscode.window.showTextDocument(doc);
    const pos = doc.positionAt(doc.getText().indexOf(owned[0]) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /!\[Impressions per hour\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, text);
    assert.match(text, /Impressions per hour, last 28 hours \(/);
    const other = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf(owned[1]) + 3));
    assert.ok(other.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('data:image/svg+xml'))));
  });

  it('a date range: the last 90 days come daily, with the hour-of-day profile', async () => {
    const a = await api();
    const fetched = await a.series.fetchCommand('historical', undefined, undefined, { endpoint: 'historical', range: presetRange(90, Date.now()) });
    assert.ok(fetched);
    assert.deepEqual(Object.keys(fetched.result.query.groupings).sort(), ['daily', 'hourOfDay', 'perTweet']);
    assert.deepEqual(fetched.result.failed, []);
    const days = Object.keys((fetched.result.groupings.daily as Record<string, Record<string, Record<string, string>>>)[owned[0]].impressions);
    assert.ok(days.length >= 2, `daily buckets: ${days.join(', ')}`);
  });

  it('Retry failed batches on a series run fetches only its failed Tweets and fills them in', async () => {
    const a = await api();
    const failedRun: SeriesRunRecord = {
      ...run,
      id: '2026-01-01T00:00:00.000Z#series-retry',
      result: {
        ...run.result,
        groupings: { hourly: { [owned[0]]: (run.result.groupings.hourly as Record<string, never>)[owned[0]] }, perTweet: {} },
        failed: [{ tweetIds: [owned[1]], status: 503, reason: 'Service unavailable', retryable: true }],
      },
    };
    await a.store.add(failedRun);
    await vscode.commands.executeCommand('xEngagement.retryFailed', failedRun.id);
    const after = a.store.get(failedRun.id);
    assert.ok(after && isSeriesRun(after));
    assert.deepEqual(after.result.failed, []);
    const hourly = after.result.groupings.hourly as Record<string, unknown>;
    assert.ok(hourly[owned[1]], 'the failed Tweet has its hours now');
    assert.deepEqual(hourly[owned[0]], (run.result.groupings.hourly as Record<string, unknown>)[owned[0]], 'the others are kept as they were');
    await a.store.remove(failedRun.id);
  });

  it('a profile without OAuth 1.0a user context gets a message with Set credentials, and no request is sent', async () => {
    const a = await api();
    const bearerOnly = { profile: 'public only', credentials: { bearerToken: 'x' }, baseUrl: 'http://127.0.0.1:1', sandbox: false };
    const deps = {
      connection: { current: async () => bearerOnly } as never,
      store: a.store,
      settings: { get: () => ({ defaultEngagementTypes: ['favorites'], askForTypes: false, concurrency: 1 }) } as never,
      logger: a.logger,
      showLog: () => undefined,
      onRunShown: () => undefined,
    };
    const controller = new SeriesController(deps, new FetchController(deps));
    const w = stubWindow();
    const before = a.store.runs().length;
    try {
      await vscode.window.showTextDocument(doc);
      assert.equal(await controller.fetchCommand('28hr'), undefined);
    } finally {
      w.restore();
    }
    assert.equal(a.store.runs().length, before);
    const warning = w.notes.find((n) => n.kind === 'showWarningMessage');
    assert.ok(warning, JSON.stringify(w.notes));
    assert.match(warning.text, /Time series need OAuth 1\.0a user context .* the profile "public only" has none/);
  });
});
