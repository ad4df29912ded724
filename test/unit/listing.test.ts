// The package a Marketplace user picks (issue 10, items 14 and 17): its icon, banner, keywords,
// no placeholder URLs, the README's images ready to be pointed at their published copy (the
// details page shows only https images: test/e2e/listing.e2e.js), extensionKind with its reason,
// and the README's promise that nothing but API requests leaves the extension.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { readManifest } from '../support/manifest';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is a PNG`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the Marketplace listing', () => {
  it('has a 128×128 PNG icon, a gallery banner and at most 30 keywords', () => {
    assert.match(pkg.icon, /^media\/.+\.png$/);
    assert.deepEqual(pngSize(path.join(root, pkg.icon)), { width: 128, height: 128 });
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    const keywords: string[] = pkg.keywords;
    assert.ok(keywords.length > 0 && keywords.length <= 30, `${keywords.length} keywords (the Marketplace takes 30)`);
    assert.equal(new Set(keywords).size, keywords.length, 'no keyword twice');
    for (const word of ['twitter', 'x', 'tweet', 'engagement', 'analytics', 'metrics', 'impressions']) assert.ok(keywords.includes(word), word);
  });

  it('names no placeholder URL (there is no public repository, so no repository, homepage or bugs)', () => {
    for (const field of ['repository', 'homepage', 'bugs']) assert.equal(pkg[field], undefined, field);
    const urls = JSON.stringify(pkg).match(/https?:\/\/[^"\s)]+/g) ?? [];
    for (const url of urls) assert.doesNotMatch(new URL(url).hostname, /(^|\.)(example\.(com|org|net)|invalid|test|localhost)$|^example\./, url);
  });

  it("keeps the README's images relative, for scripts/package.js to point at the published copy (the details page shows only https images)", () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, 'the README shows screenshots');
    for (const image of images) {
      assert.match(image, /^docs\/images\/[\w-]+\.png$/, `${image} is relative, in docs/images`);
      assert.ok(fs.existsSync(path.join(root, image)), `${image} exists`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is plain CommonJS, not compiled: load it from the repo
    const { vsceArgs } = require(path.join(root, 'scripts', 'package.js')) as { vsceArgs: (o: { out: string; baseUrl?: string }) => string[] };
    const out = 'x.vsix';
    assert.ok(vsceArgs({ out }).includes('--no-rewrite-relative-links'), 'no address: links stay as they are');
    const published = vsceArgs({ out, baseUrl: 'https://files.example.com/x-engagement-totals/' });
    assert.equal(published[published.indexOf('--baseImagesUrl') + 1], 'https://files.example.com/x-engagement-totals/');
    assert.ok(!published.includes('--no-rewrite-relative-links'));
    assert.ok(published.includes('--allow-missing-repository'));
    assert.throws(() => vsceArgs({ out, baseUrl: 'http://files.example.com/' }), /https/);
    assert.match(pkg.scripts.package, /node scripts\/package\.js/);
  });

  it("ships the icon and the walkthrough's media, and no sources, tests or maps", async () => {
    const shipped = new Set((await listFiles({ cwd: root, packageManager: PackageManager.None })).map((f) => f.replace(/\\/g, '/')));
    assert.ok(shipped.has(pkg.icon), 'the icon is in the .vsix');
    for (const walkthrough of [undefined, 'ja'].flatMap((locale) => readManifest(root, locale).contributes.walkthroughs ?? [])) {
      for (const step of walkthrough.steps) {
        const media = step.media.image ?? step.media.markdown;
        assert.ok(shipped.has(media), `${media} is in the .vsix`);
      }
      assert.ok(shipped.has('media/walkthrough/sample.md'), 'the sample the walkthrough opens');
    }
    // The translations: package.nls*.json for the contributions, l10n/ for the code's strings.
    for (const file of ['package.nls.json', 'package.nls.ja.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.ja.json']) assert.ok(shipped.has(file), `${file} is in the .vsix`);
    for (const file of shipped) assert.doesNotMatch(file, /^(src|test|out|node_modules|scripts)\/|\.map$|^media\/icon\.svg$|panel-dark/, `${file} does not ship`);
  });

  it('keeps the two commands at the top of the README', () => {
    const [title, , fence, start, test] = readme.split('\n');
    assert.equal(title, '# X Engagement Totals');
    assert.equal(fence, '```sh');
    assert.match(start, /^npm install && npm start\s/);
    assert.match(test, /^npm test\s/);
  });
});

describe('extensionKind and telemetry', () => {
  it('runs where the workspace is, and the README says why', () => {
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.ok(readme.includes('`"extensionKind": ["workspace"]`: in a remote window'), 'the README gives the reason');
  });

  it('sends nothing but API requests: only core/http.ts talks to the network (the sandbox only listens), and no telemetry module is used', () => {
    const network =
      /from '(node:)?(http|https|http2|net|tls|dgram)'|require\('(node:)?(http|https|http2|net|tls|dgram)'\)|from '(axios|undici|node-fetch)'|(?<![\w.])fetch\(|XMLHttpRequest|sendBeacon|WebSocket|telemetry/i;
    const users = sourceFiles(path.join(root, 'src'))
      .filter((f) => !f.endsWith('.generated.ts'))
      .filter((f) => network.test(fs.readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')))
      .map((f) => path.relative(root, f).replace(/\\/g, '/'))
      .sort();
    assert.deepEqual(users, ['src/core/http.ts', 'src/sandbox/server.ts']);
    const deps = Object.keys({ ...pkg.dependencies });
    assert.deepEqual(
      deps.filter((d) => /telemetry|analytics|applicationinsights|sentry|segment/i.test(d)),
      [],
    );
    assert.ok(readme.includes('**No telemetry is collected.**'), 'the README says so');
  });
});
