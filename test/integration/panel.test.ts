// The results panel inside a real extension host: strict CSP, no data (and so none of the
// hostile strings) in the HTML, a fresh nonce per render, data delivered as a model.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunRecord } from '../../src/core/types';
import { RunStore } from '../../src/platform/runStore';
import { ResultsPanelManager } from '../../src/features/panel/resultsPanel';
import { memoryMemento } from './support/memento';
import { totalsResult } from '../support/results';

const HOSTILE_GROUPING = '<img src=x onerror=alert(1)>';
const HOSTILE_PROFILE = '"><script>alert(1)</script>';
const A = '1790000000000000001';
const B = '1790000000000000002';

function hostileRun(id: string): RunRecord {
  return {
    id,
    profile: HOSTILE_PROFILE,
    source: '<b>source</b>.csv',
    result: totalsResult({
      query: {
        tweetIds: [A, B],
        engagementTypes: ['favorites', 'retweets'],
        groupings: [
          { name: HOSTILE_GROUPING, groupBy: ['tweet.id', 'engagement.type'] },
          { name: 'totals', groupBy: ['engagement.type'] },
        ],
      },
      groupings: {
        [HOSTILE_GROUPING]: { [A]: { favorites: '9007199254740993', retweets: '2' }, [B]: { favorites: '1' } },
        totals: { favorites: '9007199254740994', retweets: '2' },
      },
      failed: [{ tweetIds: ['1790000000000000003'], engagementTypes: ['favorites'], auth: 'bearer', status: 503, reason: '<i>down</i>', retryable: true }],
      startedAt: '2024-06-01T10:00:00.000Z',
      finishedAt: '2024-06-01T10:00:01.000Z',
    }),
  };
}

async function until<T>(get: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting for the panel');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function nonceOf(html: string): string {
  const m = /script-src 'nonce-([^']+)'/.exec(html);
  assert.ok(m, 'a nonce script-src');
  return m[1];
}

describe('results panel (extension host)', () => {
  let store: RunStore;
  let managers: ResultsPanelManager[] = [];
  let extensionUri: vscode.Uri;

  before(() => {
    const ext = vscode.extensions.getExtension('x-engagement-tools.x-engagement-totals');
    assert.ok(ext, 'the extension under test is installed');
    extensionUri = ext.extensionUri;
  });

  beforeEach(async () => {
    store = new RunStore(memoryMemento());
    await store.add(hostileRun('2024-06-01T10:00:01.000Z#001'));
  });

  afterEach(() => {
    for (const m of managers) m.dispose();
    managers = [];
    store.dispose();
  });

  function manager(): ResultsPanelManager {
    const m = new ResultsPanelManager(extensionUri, store);
    managers.push(m);
    return m;
  }

  it('renders a strict-CSP page with no data in it', () => {
    const m = manager();
    m.show('2024-06-01T10:00:01.000Z#001');
    const html = m.currentHtml;
    assert.ok(html);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp, 'a CSP meta tag');
    assert.match(csp[1], /default-src 'none'/);
    assert.match(csp[1], /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline styles');
    for (const hostile of [HOSTILE_GROUPING, HOSTILE_PROFILE, '<b>source</b>', '<i>down</i>', 'alert(1)']) {
      assert.ok(!html.includes(hostile), `HTML does not contain ${hostile}`);
    }
    assert.ok(!html.includes(A), 'no Tweet IDs in the HTML');
    // Only the page's own stylesheets (the CSS its bundle imports: uPlot's; then media/) and script (the esbuild bundle of src/webview/panel/).
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((x) => x[1]);
    assert.equal(srcs.length, 3);
    assert.match(srcs[0], /\/dist\/webview\/panel\.css$/);
    assert.match(srcs[1], /\/media\/panel\.css$/);
    assert.match(srcs[2], /\/dist\/webview\/panel\.js$/);
  });

  it('uses a fresh nonce for each render', () => {
    const first = manager();
    first.show('2024-06-01T10:00:01.000Z#001');
    const n1 = nonceOf(first.currentHtml!);
    first.dispose();
    const second = manager();
    second.show('2024-06-01T10:00:01.000Z#001');
    const n2 = nonceOf(second.currentHtml!);
    assert.notEqual(n1, n2);
  });

  it('posts the model (hostile names as data) after the page says ready', async () => {
    const m = manager();
    m.show('2024-06-01T10:00:01.000Z#001');
    const model = await until(() => m.lastModel);
    assert.equal(model.profile, HOSTILE_PROFILE);
    assert.equal(model.groupings[0].name, HOSTILE_GROUPING);
    assert.equal(model.failed[0].reason, '<i>down</i>');
    assert.deepEqual(model.rows[0], [A, '9007199254740993', '2']);
    assert.deepEqual(model.totals, ['9007199254740994', '2']);
    assert.match(model.title, /^X Engagement: <b>source<\/b>\.csv · /, 'named by its source (as data: the page sets it as text)');
  });

  it('follows store changes and shows an empty state when the run is gone', async () => {
    const m = manager();
    m.show('2024-06-01T10:00:01.000Z#001');
    await until(() => m.lastModel);
    const changed = hostileRun('2024-06-01T10:00:01.000Z#001');
    (changed.result.groupings[HOSTILE_GROUPING] as Record<string, Record<string, string>>)[B].favorites = '5';
    await store.replace(changed);
    assert.deepEqual(m.lastModel!.rows[1], [B, '5', null]);
    await store.remove('2024-06-01T10:00:01.000Z#001');
    assert.equal(m.lastModel, undefined);
    assert.ok(m.currentHtml, 'the panel stays open');
  });

  it('reuses one panel and switches runs', async () => {
    await store.add(hostileRun('2024-06-01T11:00:00.000Z#002'));
    const m = manager();
    m.show('2024-06-01T10:00:01.000Z#001');
    const html = m.currentHtml;
    await until(() => m.lastModel);
    m.show('2024-06-01T11:00:00.000Z#002');
    assert.equal(m.currentHtml, html, 'same page, new data by message');
    assert.equal(m.lastModel!.runId, '2024-06-01T11:00:00.000Z#002');
  });

  it('restores after a reload: a panel VS Code hands back shows the run its saved state names', async () => {
    const m = manager();
    const panel = vscode.window.createWebviewPanel('xEngagement.results', 'restored', vscode.ViewColumn.One);
    m.restore(panel, { runId: '2024-06-01T10:00:01.000Z#001', sort: null, filter: '', metric: 'favorites' });
    assert.match(m.currentHtml ?? '', /default-src 'none'/);
    const model = await until(() => m.lastModel);
    assert.equal(model.runId, '2024-06-01T10:00:01.000Z#001');
    assert.deepEqual(model.rows[0], [A, '9007199254740993', '2']);
  });

  it('restores a panel VS Code hands back without saved state: the newest run, also when the cache loads after it', async () => {
    const m = manager();
    const panel = vscode.window.createWebviewPanel('xEngagement.results', 'restored', vscode.ViewColumn.One);
    m.restore(panel, undefined);
    const model = await until(() => m.lastModel);
    assert.equal(model.runId, '2024-06-01T10:00:01.000Z#001');

    const empty = new RunStore(memoryMemento());
    await empty.loaded;
    const late = new ResultsPanelManager(extensionUri, empty);
    managers.push(late);
    late.restore(vscode.window.createWebviewPanel('xEngagement.results', 'restored', vscode.ViewColumn.One), undefined);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(late.lastModel, undefined, 'nothing to show yet');
    await empty.add(hostileRun('2024-06-02T10:00:00.000Z#003'));
    assert.equal((await until(() => late.lastModel)).runId, '2024-06-02T10:00:00.000Z#003');
    empty.dispose();
  });

  it('activate() registers the panel serializer (so panels come back after a reload)', async () => {
    await vscode.extensions.getExtension('x-engagement-tools.x-engagement-totals')!.activate();
    // VS Code takes one serializer per view type: a second one is refused only if activate() registered the first.
    assert.throws(() => manager().registerSerializer(), /already registered/i);
  });
});
