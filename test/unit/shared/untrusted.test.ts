// The one module for untrusted text (src/shared/untrusted.ts), sink by sink, with the real
// attack strings; and the Redactor with every form a server may echo credentials in.
import { strict as assert } from 'node:assert';
import { fetchTotals } from '../../../src/core/engine';
import { Redactor } from '../../../src/core/redact';
import { Logger } from '../../../src/core/types';
import { escapeJsonText, escapeMarkdown, forIconLabel, forLogLine, forNotification, forTerminal, forTooltip, forLabel, stripControls } from '../../../src/shared/untrusted';
import { hostile, startHostileServer, TRAPS } from '../../support/hostileServer';

// What VS Code parses (src/vs/base/common/linkedText.ts parseLinkedText, for notifications;
// src/vs/base/browser/ui/iconLabel/iconLabels.ts renderLabelWithIcons, for quick picks and the
// status bar): a match is a link, an unescaped match is an icon.
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
const links = (text: string) => [...text.matchAll(VSCODE_LINK)].map((m) => m[2]);
const icons = (text: string) => [...text.matchAll(VSCODE_ICON)].filter((m) => !m[1]).map((m) => m[2]);
const visible = (text: string) => text.replace(/\u200b/g, '');

const FILE_TRAP = '[Re-scan now](command:workbench.action.files.newUntitledFile).txt';
const LINK_TRAPS = [
  FILE_TRAP,
  TRAPS.link,
  '[Open](https://evil.example/x) and [read](file:///etc/passwd) and [t](command:a.b "a title")',
  'x] [y](command:a)',
  '![img](https://tracker.example/p.png)',
];
/** C0/C1 controls but tab and newline. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('untrusted text, sink by sink', () => {
  it('notifications: no link can form, the text reads the same, one line', () => {
    for (const trap of LINK_TRAPS) {
      assert.ok(links(trap).length > 0, `the trap is a link to VS Code: ${trap}`);
      const shown = forNotification(trap);
      assert.deepEqual(links(shown), [], shown);
      assert.equal(visible(shown), trap, 'readable: only invisible characters added');
    }
    // Our text around it cannot complete a link either.
    assert.deepEqual(links(`Saved "${forNotification('[x]')}(command:a.b)"`), []);
    assert.deepEqual(links(`${forNotification('[x]')}${forNotification('(command:a.b)')}`), []);
    assert.equal(forNotification(`No IDs in\n${TRAPS.terminal}a.txt`), 'No IDs in reda.txt');
  });

  it('quick picks and the status bar: $(icon) shows as text, as VS Code escapes it', () => {
    for (const trap of ['$(zap)', '$(sync~spin) busy', 'a $(account) b $(x-y)', '\\$(kept)', 'end $(cut']) {
      const shown = forIconLabel(trap);
      assert.deepEqual(icons(shown), [], shown);
      assert.deepEqual(icons(shown + ')'), [], `our own ")" after it: ${shown}`);
    }
    assert.equal(forIconLabel('$(zap) profile'), '\\$(zap) profile');
    assert.equal(forIconLabel('\\$(kept)'), '\\$(kept)', 'already escaped: left as it is');
    assert.equal(forIconLabel('cost $(5 dollars)'), 'cost $(5 dollars)', 'not icon syntax: untouched');
    assert.deepEqual(links(forIconLabel(FILE_TRAP)), []);
    assert.equal(forIconLabel('a\nb\tc'), 'a b c');
  });

  it('tree items and tooltips: no link syntax; tooltips keep their lines', () => {
    for (const trap of LINK_TRAPS) {
      assert.deepEqual(links(forLabel(trap)), []);
      assert.deepEqual(links(forTooltip(trap)), []);
    }
    assert.equal(forLabel('perTweet\n$(zap)'), 'perTweet $(zap)', 'tree labels render no icons: nothing to escape');
    assert.equal(forTooltip(`Source: a\nProfile: ${TRAPS.terminal}b`), 'Source: a\nProfile: redb');
  });

  it('terminals: escape sequences go whole, other controls too; tab and newline stay', () => {
    const out = forTerminal(`${TRAPS.terminal} ok\ttab\r\nnext\x07\x00\x7f\x85 line\u2028sep \u202eevil\u202c`);
    assert.ok(!CONTROL.test(out), JSON.stringify(out));
    assert.equal(out, 'red ok\ttab\nnext line\nsep evil');
    for (const garbage of ['[2J', '[H', 'pwned-title', 'ZWNobyBwd25lZA', 'dcs-payload', '31m']) assert.ok(!out.includes(garbage), `${garbage} left in ${JSON.stringify(out)}`);
    assert.equal(forTerminal('\x1b'), '', 'a lone ESC');
    assert.equal(forTerminal('a\x1b[31'), 'a', 'a cut-off CSI');
    assert.equal(forTerminal('a\x1b]0;title never ends'), 'a', 'an OSC without its terminator swallows the rest, as a terminal would');
    assert.equal(forTerminal('a\x1b(Bb\x1bcc'), 'abc', 'charset and reset sequences');
    assert.equal(stripControls('plain text, 日本語 ✓'), 'plain text, 日本語 ✓');
  });

  it('log lines: one line, no controls', () => {
    assert.equal(forLogLine(`  a\nfake [error] line\r\n${TRAPS.terminal}\tb  `), 'a fake [error] line red b');
  });

  it('markdown: no link, autolink, image, HTML or icon; controls gone', () => {
    const md = escapeMarkdown(`${TRAPS.link} <command:a.b> ![i](https://t.example/p.png) <img src=x> $(zap) | *b*\n${TRAPS.terminal}`);
    const unescaped = md.replace(/\\./g, '');
    assert.ok(!/[[\]<>|*!]/.test(unescaped), md);
    assert.ok(!/(^|[^\\])\$\(/.test(md), md);
    assert.ok(!CONTROL.test(md) && !md.includes('\n'), md);
    assert.equal(escapeMarkdown('$(zap)'), '\\$(zap\\)');
  });

  it('JSON text: C1, DEL, U+2028/2029 and bidi controls escaped; the same value', () => {
    const value = { s: `a\x9b31m\x7f\u2028\u2029\u202e\x1b[2J\u00e9` };
    const json = escapeJsonText(JSON.stringify(value));
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    assert.ok(!/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202e]/.test(json), json);
    assert.deepEqual(JSON.parse(json), value);
    assert.match(json, /\\u009b31m\\u007f\\u2028\\u2029\\u202e\\u001b\[2Jé/);
  });
});

describe('Redactor', () => {
  const bearer = 'AAAA-bearer-S3CRET%2Fvalue';
  const oauth = { consumerKey: 'ck+key/=x', consumerSecret: 'cs-SECRET', accessToken: '42-tok!(x)*', accessTokenSecret: 'ats-SECRET' };
  const r = Redactor.for({ bearerToken: bearer, oauth });
  const secrets = [bearer, ...Object.values(oauth)];

  it('removes bare, URL-encoded and OAuth-encoded values, in either hex case', () => {
    for (const s of secrets) {
      const enc = encodeURIComponent(s);
      const oauthEnc = enc.replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
      for (const form of [s, enc, oauthEnc, oauthEnc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]) {
        const out = r.redact(`before ${form} after`);
        assert.equal(out, 'before *** after', `${form} → ${out}`);
      }
    }
  });

  it('removes header values: Bearer, OAuth parameters, Authorization, plain, JSON and URL-encoded', () => {
    const r0 = new Redactor(); // knows no secret: the patterns alone
    const cases = [
      'Authorization: Bearer unknown-token-1',
      'You sent Authorization: OAuth oauth_consumer_key="unknown-token-1", oauth_token="unknown-token-1"; bye',
      'you sent Bearer unknown-token-1; bye',
      '{"Authorization":"Bearer unknown-token-1"}',
      'OAuth oauth_consumer_key="unknown-token-1", oauth_token="unknown-token-1", oauth_signature="unknown-token-1%3D"',
      'Authorization%3A%20Bearer%20unknown-token-1&x=1',
      'OAuth%20oauth_consumer_key%3D%22unknown-token-1%22%2C%20oauth_token%3D%22unknown-token-1%22',
      'h=Bearer+unknown-token-1',
    ];
    for (const c of cases) assert.ok(!r0.redact(c).includes('unknown-token-1'), `${c} → ${r0.redact(c)}`);
    assert.equal(r0.redact('POST batch 1/4 (250 IDs) → 200 in 12 ms'), 'POST batch 1/4 (250 IDs) → 200 in 12 ms');
  });

  it('sees through escape sequences spliced into an echoed token', () => {
    const spliced = bearer.slice(0, 6) + '\x1b[0m' + bearer.slice(6);
    assert.equal(r.redact(`token ${spliced}!`), 'token ***!');
  });

  it('learns secrets as they come; short values are left alone', () => {
    const later = new Redactor();
    assert.equal(later.redact('x new-secret-1 ab'), 'x new-secret-1 ab');
    later.add('new-secret-1', 'ab');
    assert.equal(later.redact('x new-secret-1 ab'), 'x *** ab');
  });
});

describe('the fetch engine redacts what a server echoes, before the result and the log', () => {
  for (const status of [401, 400, 403, 200]) {
    it(`${status}: neither the result nor a log line holds a secret or a control`, async () => {
      const server = await startHostileServer(hostile.echoCredentialsWithTraps(status));
      const lines: string[] = [];
      const logger: Logger = { trace: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
      const credentials = {
        bearerToken: 'engine-bearer-SECRET',
        oauth: { consumerKey: 'engine-ck-SECRET', consumerSecret: 'engine-cs-SECRET', accessToken: 'engine-at-SECRET', accessTokenSecret: 'engine-ats-SECRET' },
      };
      try {
        const result = await fetchTotals(
          { tweetIds: ['1790000000000000001'], engagementTypes: ['impressions', 'favorites'], groupings: [{ name: 'g', groupBy: ['tweet.id', 'engagement.type'] }] },
          { baseUrl: server.url, credentials, logger, maxAttempts: 1 },
        );
        assert.ok(server.requests.length >= 1);
        const text = JSON.stringify(result) + '\n' + lines.join('\n');
        for (const s of [credentials.bearerToken, ...Object.values(credentials.oauth)]) assert.ok(!text.includes(s), `${s} in ${text}`);
        assert.ok(!/oauth_signature="[^*]/.test(text), text);
        assert.ok(!CONTROL.test(result.failed.map((f) => f.reason).join() + result.errors.join() + lines.join()), 'no controls');
        assert.match(text, /Bad credentials/);
      } finally {
        await server.close();
      }
    });
  }
});
