// The results page's HTML: a strict CSP whose script nonce every script carries, styles only from
// the webview's origin, no inline script, and outside text (the title) escaped.
import { strict as assert } from 'node:assert';
import { escapeHtml, pageHtml } from '../../../../src/features/panel/page';

describe('the results page HTML', () => {
  it('has a strict CSP, nonces every script, escapes the title and holds no data', () => {
    const html = pageHtml({
      cspSource: 'https://webview.example',
      title: '<img src=x onerror=alert(1)> "1 Tweet"',
      styles: ['https://webview.example/panel.css'],
      scripts: ['https://webview.example/a.js', 'https://webview.example/b.js'],
    });
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /^default-src 'none'; style-src https:\/\/webview\.example; script-src 'nonce-([A-Za-z0-9+/=]{24})'; img-src https:\/\/webview\.example data:;$/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2);
    for (const attrs of scripts) assert.ok(attrs.includes(`nonce="${nonce}"`) && / src="https:\/\/webview\.example\//.test(attrs), attrs);
    assert.ok(!/<script[^>]*>[^<]/.test(html), 'no inline script');
    assert.ok(html.includes('<title>&lt;img src=x onerror=alert(1)&gt; &quot;1 Tweet&quot;</title>'));
    assert.notEqual(/'nonce-([^']+)'/.exec(pageHtml({ cspSource: 'x', title: 't', styles: [], scripts: [] }))![1], nonce, 'a fresh nonce per render');
  });

  it('escapes the five HTML specials', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
