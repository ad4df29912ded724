import { strict as assert } from 'node:assert';
import { TweetLookup } from '../../../src/core/metricsIndex';
import {
  ageText,
  annotationText,
  commandUri,
  escapeMarkdown,
  formatThousands,
  foundExtrasText,
  isFresh,
  labelOf,
  localDateTime,
  postedIso,
  postedLabel,
  runLabel,
  runTimeLabel,
  seriesRunWindowLabel,
  shortNumber,
} from '../../../src/shared/format';
import { snowflakeAt } from '../../../src/shared/tweetId';
import { buildHoverMarkdown } from '../../../src/features/hover/hoverMarkdown';

describe('formatThousands', () => {
  it('groups digits and keeps every digit above 2^53', () => {
    assert.equal(formatThousands('0'), '0');
    assert.equal(formatThousands('999'), '999');
    assert.equal(formatThousands('1000'), '1,000');
    assert.equal(formatThousands('1234567'), '1,234,567');
    assert.equal(formatThousands('9007199254740993'), '9,007,199,254,740,993');
    assert.equal(formatThousands('18446744073709551615'), '18,446,744,073,709,551,615');
    assert.equal(formatThousands('-12345'), '-12,345');
    assert.equal(formatThousands('007'), '7');
  });
  it('keeps the sign of a change since the last fetch', () => {
    assert.equal(formatThousands('+1234'), '+1,234');
    assert.equal(formatThousands('+7'), '+7');
    assert.equal(formatThousands('-9007199254740993'), '-9,007,199,254,740,993');
  });
  it('leaves what is not a decimal integer alone', () => {
    assert.equal(formatThousands('n/a'), 'n/a');
    assert.equal(formatThousands('1.5'), '1.5');
    assert.equal(formatThousands('1234.5678'), '1234.5678');
    assert.equal(formatThousands('+-12'), '+-12');
  });
});

describe('shortNumber', () => {
  it('shortens with one decimal and truncates', () => {
    assert.equal(shortNumber('12'), '12');
    assert.equal(shortNumber('999'), '999');
    assert.equal(shortNumber('1000'), '1K');
    assert.equal(shortNumber('1234'), '1.2K');
    assert.equal(shortNumber('1299'), '1.2K');
    assert.equal(shortNumber('12345'), '12.3K');
    assert.equal(shortNumber('123456'), '123K');
    assert.equal(shortNumber('999999'), '999K');
    assert.equal(shortNumber('99999'), '99.9K');
    assert.equal(shortNumber('1234567'), '1.2M');
    assert.equal(shortNumber('2000000000'), '2B');
    assert.equal(shortNumber('9007199254740993'), '9,007T');
  });
});

describe('time helpers', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('says how old numbers are', () => {
    assert.equal(ageText('2024-05-01T11:59:30Z', now), 'just now');
    assert.equal(ageText('2024-05-01T11:55:00Z', now), '5 min ago');
    assert.equal(ageText('2024-05-01T09:00:00Z', now), '3 h ago');
    assert.equal(ageText('2024-04-28T12:00:00Z', now), '3 days ago');
  });
  it('tells fresh from stale', () => {
    assert.equal(isFresh('2024-05-01T11:30:00Z', 60, now), true);
    assert.equal(isFresh('2024-05-01T10:59:00Z', 60, now), false);
    assert.equal(isFresh('2024-05-01T11:59:00Z', 0, now), false);
  });
  it('labels a run by its source and time', () => {
    const d = new Date(2024, 4, 1, 14, 3, 12);
    assert.equal(runLabel('export.csv', d.toISOString(), new Date(2024, 4, 1, 20)), 'export.csv · 14:03:12');
    assert.equal(runLabel('selection in report.md', d.toISOString(), new Date(2024, 4, 2, 1)), 'selection in report.md · 2024-05-01 14:03:12');
  });
  it('labels runs by local time, with the date when not today', () => {
    const d = new Date(2024, 4, 1, 14, 3, 12);
    assert.equal(runTimeLabel(d.toISOString(), new Date(2024, 4, 1, 20)), '14:03:12');
    assert.equal(runTimeLabel(d.toISOString(), new Date(2024, 4, 2, 1)), '2024-05-01 14:03:12');
  });
});

describe('annotations and markdown helpers', () => {
  it('builds short annotation text from the types present', () => {
    assert.equal(annotationText({ favorites: '1234', retweets: '340', replies: '12' }), '♥ 1.2K  ⟲ 340  ↩ 12');
    assert.equal(annotationText({}), '');
  });
  it('escapes markdown, icons, pipes and html from data', () => {
    const e = escapeMarkdown('[x](command:evil) | $(zap) <img> *b*\nnext');
    const unescaped = e.replace(/\\./g, '');
    assert.ok(!/[[\]|<>*\n]/.test(unescaped), e);
    assert.ok(!/(^|[^\\])\$\(/.test(e), e);
    assert.equal(escapeMarkdown('$(zap)'), '\\$(zap\\)');
    assert.equal(escapeMarkdown('a_b'), 'a\\_b');
  });
  it('encodes command arguments', () => {
    assert.equal(commandUri('x.y', ['a#1']), 'command:x.y?%5B%22a%231%22%5D');
  });
});

describe('buildHoverMarkdown', () => {
  const id = '1790000000000000001';
  const now = Date.parse('2024-05-01T12:00:00Z');
  const lookup: TweetLookup = {
    latest: { runId: 'r2', fetchedAt: '2024-05-01T11:55:00Z', profile: 'team [a](command:x)', metrics: { favorites: '12345678901234567890', retweets: '5' } },
    previous: { runId: 'r1', fetchedAt: '2024-05-01T10:00:00Z', profile: 'p', metrics: { favorites: '12345678901234567800', retweets: '7' } },
  };
  it('shows values, change, age, escaped profile and command links', () => {
    const md = buildHoverMarkdown({ id, lookup, fresh: true, fetching: false, nowMs: now });
    assert.ok(md.includes(`Tweet ${id}`));
    assert.ok(md.includes('| Likes | 12,345,678,901,234,567,890 | \\+90 |'), md);
    assert.ok(md.includes('| Reposts | 5 | \\-2 |'), md);
    assert.ok(md.includes('5 min ago'));
    assert.ok(md.includes('team \\[a\\]\\(command\\:x\\)'), md);
    assert.ok(md.includes(commandUri('xEngagement.fetchTweet', [id])));
    assert.ok(md.includes(commandUri('xEngagement.showPanel', ['r2'])));
    assert.ok(md.includes(commandUri('xEngagement.openTweet', [id])));
  });
  it('says Sandbox over numbers from the in-editor sandbox, and only there', () => {
    const sandboxed = buildHoverMarkdown({ id, lookup: { latest: { ...lookup.latest, sandbox: true } }, fresh: true, fetching: false, nowMs: now });
    assert.ok(sandboxed.includes('**Sandbox**'), sandboxed);
    assert.ok(!buildHoverMarkdown({ id, lookup, fresh: true, fetching: false, nowMs: now }).includes('Sandbox'));
  });
  it('offers a fetch link when nothing is cached, and says Fetching… while fetching', () => {
    const none = buildHoverMarkdown({ id, fresh: false, fetching: false, nowMs: now });
    assert.ok(none.includes('Fetch engagement totals for this Tweet'));
    assert.ok(none.includes(commandUri('xEngagement.fetchTweet', [id])));
    const busy = buildHoverMarkdown({ id, fresh: false, fetching: true, nowMs: now });
    assert.ok(busy.includes('Fetching…'));
    assert.ok(!busy.includes('command:xEngagement.fetchTweet'));
  });
});

describe('foundExtrasText', () => {
  it('says what the finder skipped besides the unique IDs, in the right number', () => {
    assert.equal(foundExtrasText({ duplicates: 0, invalid: 0 }), '');
    assert.equal(foundExtrasText({ duplicates: 1, invalid: 0 }), '1 duplicate');
    assert.equal(foundExtrasText({ duplicates: 1234, invalid: 2 }), '1,234 duplicates, 2 invalid skipped');
  });
});

describe('Posted: when a Tweet was posted, from its ID', () => {
  it('local time for the panel and tree, UTC ISO for exports, nothing for IDs older than snowflakes', () => {
    const ms = new Date(2024, 4, 1, 14, 3, 59).getTime();
    const id = snowflakeAt(ms);
    assert.equal(postedLabel(id), '2024-05-01 14:03');
    assert.equal(postedIso(id), new Date(ms).toISOString());
    assert.equal(postedLabel('20'), '');
    assert.equal(postedIso('20'), '');
    assert.equal(localDateTime(Number.NaN), '');
  });
});

describe('labelOf and seriesRunWindowLabel', () => {
  it('looks up own keys only: a type named like an Object method stays as it is', () => {
    const labels = { favorites: 'Likes' };
    assert.equal(labelOf(labels, 'favorites'), 'Likes');
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(labelOf(labels, key), key);
  });

  it("words a series run's window from the days asked for, else those answered", () => {
    const answered = { start: '2024-05-03T00:00:00Z', end: '2024-05-05T00:00:00Z' };
    assert.equal(seriesRunWindowLabel({ query: { endpoint: 'historical', start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z' }, ...answered }), '2024-05-01 – 2024-05-08');
    assert.equal(seriesRunWindowLabel({ query: { endpoint: 'historical' }, ...answered }), '2024-05-03 – 2024-05-05');
    assert.equal(seriesRunWindowLabel({ query: { endpoint: 'historical', start: '2024-05-01T00:00:00Z' }, start: '', end: '' }), '2024-05-01 – …');
    assert.equal(seriesRunWindowLabel({ query: { endpoint: '28hr' }, ...answered }), 'Last 28 hours');
  });
});
