// Jupyter notebooks: the finder reads cells (code, markdown, raw; source as a string or a list of
// lines) and the text of their outputs (streams, results, displays, errors), one representation per
// output, never images, attachments, widget state or metadata; an .ipynb that is not nbformat 4
// JSON is read as raw text with a note saying why. The editor's live model (bytes, VS Code's own
// stream and error MIME types) goes through the same rules.
import { strict as assert } from 'node:assert';
import { findTweetIds } from '../../../src/finder/finder';
import { ipynbText, isNotebookName, notebookFileText, notebookText, NOTEBOOK_MIMES, outputText, pickTextMime } from '../../../src/finder/notebook';
import { snowflakeAt } from '../../../src/shared/tweetId';

const DAY = 86_400_000;
const NOW = Date.now();
const T = (n: number) => snowflakeAt(NOW - 3 * DAY, 5000 + n); // Tweet IDs
const U = (n: number) => snowflakeAt(NOW - 900 * DAY, 6000 + n); // user IDs: snowflakes too

function notebook(cells: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } }, nbformat: 4, nbformat_minor: 5, ...extra }, null, 1);
}
const code = (source: unknown, outputs: unknown[] = []) => ({ cell_type: 'code', execution_count: 1, id: 'c', metadata: {}, source, outputs });
const markdown = (source: unknown, extra: Record<string, unknown> = {}) => ({ cell_type: 'markdown', id: 'm', metadata: {}, source, ...extra });
const idsOf = (json: string) => {
  const nb = ipynbText(json);
  assert.ok('text' in nb, `parsed: ${JSON.stringify(nb)}`);
  return findTweetIds(nb.text).ids;
};

describe('Jupyter notebooks: what the finder reads', () => {
  it('knows an .ipynb name', () => {
    assert.ok(isNotebookName('analysis.ipynb'));
    assert.ok(isNotebookName('/a/b/Report.IPYNB'));
    assert.ok(!isNotebookName('analysis.ipynb.json'));
    assert.ok(!isNotebookName('notes.md'));
  });

  it('cell sources as a string and as a list of lines; code, markdown and raw cells', () => {
    const json = notebook([
      markdown(['# Top posts\n', `Launch: https://x.com/northwind/status/${T(1)}\n`, 'More below.']),
      code(`ids = [\n    ${T(2)},\n    "${T(3)}",\n]`),
      { cell_type: 'raw', id: 'r', metadata: {}, source: `${T(4)}` },
    ]);
    assert.deepEqual(idsOf(json), [T(1), T(2), T(3), T(4)]);
    const nb = ipynbText(json);
    assert.ok('text' in nb && nb.cells === 3);
  });

  it('a list of lines is joined as written: an ID split over two lines is not glued together', () => {
    const split = T(5);
    assert.deepEqual(idsOf(notebook([code([split.slice(0, 9) + '\n', split.slice(9)])])), []);
  });

  it('outputs of every kind: stdout and stderr streams, execute_result, display_data (JSON, Markdown, HTML), error tracebacks', () => {
    const json = notebook([
      code('print(ids)', [
        { output_type: 'stream', name: 'stdout', text: [`posted ${T(10)}\n`, 'done\n'] },
        { output_type: 'stream', name: 'stderr', text: `warning: ${T(11)} is old\n` },
      ]),
      code('ids[0]', [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/plain': [`'${T(12)}'`] } }]),
      code('show()', [
        { output_type: 'display_data', metadata: {}, data: { 'application/json': { tweets: [{ id_str: T(13) }] }, 'text/plain': ['<IPython.core.display.JSON object>'] } },
        {
          output_type: 'display_data',
          metadata: {},
          data: { 'text/markdown': `**Best:** https://x.com/a/status/${T(14)}`, 'text/plain': ['<IPython.core.display.Markdown object>'] },
        },
        { output_type: 'display_data', metadata: {}, data: { 'text/html': [`<table><tr><td>${T(15)}</td></tr></table>`], 'text/plain': ['<IPython.core.display.HTML object>'] } },
      ]),
      code('fail()', [
        {
          output_type: 'error',
          ename: 'KeyError',
          evalue: `'${T(16)}'`,
          // IPython colours its tracebacks: an escape sequence's "m" right before the digits would glue them into a word.
          traceback: ['\u001b[0;31m-------------------------\u001b[0m', '\u001b[0;31mKeyError\u001b[0m: ' + `'\u001b[1;32m${T(16)}\u001b[0m'`],
        },
      ]),
    ]);
    assert.deepEqual(idsOf(json), [T(10), T(11), T(12), T(13), T(14), T(15), T(16)]);
    assert.equal(findTweetIds((ipynbText(json) as { text: string }).text).duplicates, 0, 'the error name and message are in the traceback: read once');
  });

  it('an error output without a traceback: its name and message', () => {
    assert.deepEqual(idsOf(notebook([code('x', [{ output_type: 'error', ename: 'ValueError', evalue: `no Tweet ${T(17)}`, traceback: [] }])])), [T(17)]);
  });

  it('one representation per output (the richest text): the same DataFrame as text/plain and text/html counts each ID once', () => {
    const frame = {
      output_type: 'execute_result',
      execution_count: 3,
      metadata: {},
      data: {
        'text/plain': [`   tweet_id\n0  ${T(20)}\n1  ${T(21)}`],
        'text/html': [`<table><tr><th>tweet_id</th></tr><tr><td>${T(20)}</td></tr><tr><td>${T(21)}</td></tr></table>`],
      },
    };
    const nb = ipynbText(notebook([code('df', [frame])]));
    assert.ok('text' in nb);
    const r = findTweetIds(nb.text);
    assert.deepEqual(r.ids, [T(20), T(21)]);
    assert.equal(r.duplicates, 0);
    assert.equal(pickTextMime(['text/plain', 'text/html', 'image/png']), 'text/html');
    assert.equal(pickTextMime(['image/png', 'image/svg+xml']), undefined);
    assert.equal(pickTextMime(['application/vnd.jupyter.widget-view+json', 'text/plain']), 'text/plain');
    assert.equal(pickTextMime(['text/plain', 'application/vnd.vegalite.v5+json']), 'application/vnd.vegalite.v5+json');
  });

  it("JSON outputs keep the finder's key rules and exact numbers: user_id is not a Tweet; a Tweet ID written as a bare number beyond 2^53 stays exact", () => {
    const json = notebook([code('JSON(rows)', [{ output_type: 'display_data', metadata: {}, data: { 'application/json': { rows: [{ tweet_id: 0, user_id: 0 }] } } }])])
      .replace('"tweet_id": 0', `"tweet_id": ${T(30)}`)
      .replace('"user_id": 0', `"user_id": ${U(30)}`);
    assert.ok(json.includes(`"tweet_id": ${T(30)}`), 'the IDs are bare JSON numbers in the file');
    assert.ok(Number(T(30)).toString() !== T(30), 'JSON.parse would round this ID');
    assert.deepEqual(idsOf(json), [T(30)]);
  });

  it('never reads images, attachments, widget state or metadata, however many digits they hold', () => {
    // Base64 can hold a standalone run of digits between "+" and "/": it would be taken as an ID.
    const base64 = `iVBORw0KGgo+${T(40)}/AAAA`;
    assert.deepEqual(findTweetIds(base64).ids, [T(40)], 'as text, the base64 would give an ID');
    const json = notebook(
      [
        markdown(['![chart](attachment:chart.png)'], { attachments: { 'chart.png': { 'image/png': base64 } } }),
        code('plot()', [
          {
            output_type: 'display_data',
            metadata: { tweet: T(41) },
            data: { 'image/png': base64, 'image/svg+xml': [`<svg><text>${T(42)}</text></svg>`], 'text/plain': ['<Figure size 640x480 with 1 Axes>'] },
          },
          { output_type: 'display_data', metadata: {}, data: { 'application/vnd.jupyter.widget-view+json': { model_id: 'abc', version_major: 2, note: T(43) } } },
        ]),
      ],
      { metadata: { widgets: { 'application/vnd.jupyter.widget-state+json': { state: { x: { value: T(44) } } } } } },
    );
    assert.deepEqual(idsOf(json), []);
    assert.ok(json.includes(T(41)) && json.includes(T(44)), 'the raw JSON holds them');
  });

  it('not JSON, or not nbformat 4: the raw text is read, with a note saying why', () => {
    const broken = `{"cells": [{"cell_type": "code", "source": "x = ${T(50)}"`; // cut short
    const r = notebookFileText(broken);
    assert.equal(r.text, broken);
    assert.match(r.note ?? '', /not valid JSON: read as plain text, not as cells and outputs/);
    assert.ok(!(r.note ?? '').includes(T(50)), "the note does not quote the file's text");
    assert.deepEqual(findTweetIds(r.text).ids, [T(50)]);
    const v3 = JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'code', input: `${T(51)}` }] }] });
    assert.match(notebookFileText(v3).note ?? '', /nbformat 3/);
    assert.equal(notebookFileText(v3).text, v3);
    assert.match(notebookFileText('[1, 2]').note ?? '', /no JSON object/);
    assert.match(notebookFileText('{"metadata": {}}').note ?? '', /no "cells"/);
  });

  it('a byte-order mark does not stop the parse; a parsed notebook has no note', () => {
    const r = notebookFileText('\ufeff' + notebook([code(`${T(60)}`)]));
    assert.equal(r.note, undefined);
    assert.deepEqual(findTweetIds(r.text).ids, [T(60)]);
  });

  it("the editor's live model: output bytes decoded as UTF-8, VS Code's stream and error types, images skipped", () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const cells = [
      { source: `# Café ☕ ${T(70)}`, outputs: [] },
      {
        source: 'run()',
        outputs: [
          [{ mime: NOTEBOOK_MIMES.stdout, data: bytes(`naïve → ${T(71)}\n`) }],
          [{ mime: NOTEBOOK_MIMES.stderr, data: bytes(`\u001b[33m${T(72)}\u001b[0m`) }],
          [
            { mime: 'image/png', data: bytes(`+${T(73)}/`) },
            { mime: 'text/plain', data: bytes(`${T(74)}`) },
          ],
          [{ mime: NOTEBOOK_MIMES.error, data: bytes(JSON.stringify({ name: 'KeyError', message: 'x', stack: `\u001b[0;31mKeyError\u001b[0m: ${T(75)}` })) }],
          [{ mime: 'image/jpeg', data: bytes(`+${T(76)}/`) }],
        ],
      },
    ];
    assert.deepEqual(findTweetIds(notebookText(cells)).ids, [T(70), T(71), T(72), T(74), T(75)]);
    assert.equal(outputText([{ mime: 'image/png', data: bytes('1') }]), undefined);
    assert.equal(outputText([{ mime: NOTEBOOK_MIMES.error, data: bytes('{"name":"E","message":"m"}') }]), 'E: m');
  });
});
