// Localisation (README "Languages"): every string the user reads goes through vscode.l10n.t /
// @vscode/l10n (l10n/bundle.l10n.json, made by `npm run l10n:export`) or package.nls.json, and
// each has a Japanese translation. A new string without an export, or without a translation,
// fails here.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import { pageBundle } from '../../src/shared/panelProtocol';
import { ageText, foundExtrasText, tweetCount } from '../../src/shared/format';
import { engagementTypeLabels, idSectionText } from '../../src/shared/vocabulary';
import { runReport } from '../../src/features/fetch/messages';
import { buildHoverMarkdown } from '../../src/features/hover/hoverMarkdown';
import { readManifest, readNls } from '../support/manifest';
import { totalsResult } from '../support/results';

const root = path.resolve(__dirname, '../../..');
const LOCALES = ['ja'];
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
/** A bundle entry is a message, or { message, comment } when the call gave translators a comment. */
const messageOf = (entry: unknown) => (typeof entry === 'string' ? entry : (entry as { message: string }).message);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('localisation', () => {
  it('l10n/bundle.l10n.json is a fresh export of src/ (run `npm run l10n:export` after adding a string)', async function () {
    this.timeout(60_000);
    const files = sourceFiles(path.join(root, 'src')).map((f) => ({ extension: path.extname(f), contents: fs.readFileSync(f, 'utf8') }));
    const fresh = await getL10nJson(files);
    const committed = readJson('l10n/bundle.l10n.json');
    assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    assert.deepEqual(committed, JSON.parse(JSON.stringify(fresh)));
    assert.ok(Object.keys(committed).length > 200, 'the strings of the tree, the panel, hovers and messages are there');
  });

  for (const locale of LOCALES) {
    it(`translates every string of the bundle into ${locale}, with the same {n} placeholders`, () => {
      const english = readJson('l10n/bundle.l10n.json');
      const translated = readJson(`l10n/bundle.l10n.${locale}.json`) as Record<string, string>;
      const missing = Object.keys(english).filter((key) => typeof translated[key] !== 'string' || !translated[key].trim());
      assert.deepEqual(missing, [], `no ${locale} translation`);
      assert.deepEqual(
        Object.keys(translated).filter((key) => !(key in english)),
        [],
        `${locale} translations of strings the code no longer has`,
      );
      for (const [key, entry] of Object.entries(english)) assert.deepEqual(placeholders(translated[key]), placeholders(messageOf(entry)), `${locale}: ${key}`);
    });

    it(`translates every package.nls.json string into ${locale}, keeping command links and placeholders`, () => {
      const english = readNls(root);
      const translated = readJson(`package.nls.${locale}.json`) as Record<string, string>;
      assert.deepEqual(Object.keys(translated).sort(), Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        assert.ok(translated[key].trim(), `${locale}: ${key}`);
        assert.deepEqual(placeholders(translated[key]), placeholders(text), `${locale}: ${key}`);
        const links = (s: string) => [...s.matchAll(/\(command:[\w.]+\)/g)].map((m) => m[0]);
        assert.deepEqual(links(translated[key]), links(text), `${locale}: ${key} keeps its buttons`);
      }
    });
  }

  it('contributes what the user reads through package.nls.json: no English left in package.json', () => {
    const raw = readJson('package.json') as any;
    const nls = readNls(root);
    const texts: unknown[] = [
      raw.description,
      raw.capabilities.untrustedWorkspaces.description,
      ...raw.contributes.commands.flatMap((c: any) => [c.title, c.category]),
      ...raw.contributes.viewsContainers.activitybar.map((c: any) => c.title),
      ...Object.values(raw.contributes.views as Record<string, any[]>).flatMap((vs) => vs.flatMap((v) => [v.name, v.contextualTitle])),
      ...raw.contributes.viewsWelcome.map((w: any) => w.contents),
      ...raw.contributes.walkthroughs.flatMap((w: any) => [w.title, w.description, ...w.steps.flatMap((s: any) => [s.title, s.description, s.media.altText])]),
      raw.contributes.configuration.title,
      ...Object.values(raw.contributes.configuration.properties as Record<string, any>).flatMap((p) => [p.description, p.markdownDescription, ...(p.enumDescriptions ?? [])]),
      ...raw.contributes.colors.map((c: any) => c.description),
    ].filter((t) => t !== undefined);
    for (const text of texts) {
      const key = /^%([\w.-]+)%$/.exec(String(text))?.[1];
      assert.ok(key, `${String(text)} is a %key%`);
      assert.ok(nls[key] !== undefined, `${key} is in package.nls.json`);
    }
    assert.equal(raw.l10n, './l10n');
    assert.equal(readManifest(root, 'ja').contributes.commands.find((c: any) => c.command === 'xEngagement.fetchTotals').title, 'エンゲージメント合計を取得');
  });

  describe('the pure code, once @vscode/l10n is configured as activate() does', () => {
    const ja = readJson('l10n/bundle.l10n.ja.json') as Record<string, string>;
    before(() => l10n.config({ contents: ja }));
    after(() => l10n.config({ contents: {} }));

    it("speaks Japanese with X's words", () => {
      const labels = engagementTypeLabels();
      assert.deepEqual(
        [labels.favorites, labels.retweets, labels.quote_tweets, labels.replies, labels.video_views, labels.impressions, labels.engagements],
        ['いいね', 'リポスト', '引用', '返信', '動画の再生数', 'インプレッション', 'エンゲージメント'],
      );
      assert.equal(idSectionText().unavailable.label, '取得不可');
      assert.equal(tweetCount(1234), '1,234 件のツイート');
      assert.equal(ageText('2024-05-01T11:55:00Z', Date.parse('2024-05-01T12:00:00Z')), '5 分前');
      assert.equal(foundExtrasText({ duplicates: 2, invalid: 1 }), '重複 2 件、無効 1 件をスキップ');
      const report = runReport(totalsResult({ query: { tweetIds: ['1000000000000000000', '1000000000000000001'], engagementTypes: ['favorites'], groupings: [] }, groupings: {} }));
      assert.equal(report.message, '$(check) X エンゲージメント: 2 件のツイートの合計');
      const hover = buildHoverMarkdown({ id: '1000000000000000000', fresh: false, fetching: false, nowMs: 0 });
      assert.match(hover, /\*\*ツイート 1000000000000000000\*\*/);
      assert.match(hover, /このツイートのエンゲージメント合計を取得/);
    });
  });

  it('is English where nothing configured it (the CLI, the log, unit tests)', () => {
    assert.equal(engagementTypeLabels().favorites, 'Likes');
    assert.equal(tweetCount(1), '1 Tweet');
  });

  it("reads the page's bundle from its data attribute, keeping only text", () => {
    assert.deepEqual(pageBundle(JSON.stringify({ Likes: 'いいね', bad: 3, nested: { a: 'b' } })), { Likes: 'いいね' });
    for (const text of [undefined, '', 'not json', '[1,2]', 'null', '"text"', '{}']) assert.equal(pageBundle(text), undefined, String(text));
  });
});
