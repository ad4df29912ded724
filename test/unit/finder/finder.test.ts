import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { findTweetIds, firstOccurrence, snowflakeTime, tweetIdAt, TweetIdScanner, type FinderOptions } from '../../../src/finder/finder';
import { snowflakeAt } from '../../../src/shared/tweetId';
import { maskCsvText } from '../../../src/finder/csv';

// Tests run from out/test/unit; fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/finder');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const NOW: FinderOptions = { now: Date.UTC(2024, 5, 1) };

function scanChunks(chunks: Array<Buffer | string>, options: FinderOptions = NOW) {
  const ids: string[] = [];
  const scanner = new TweetIdScanner((id) => ids.push(id), options);
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return { ids, stats: { ...scanner.stats } };
}

describe('findTweetIds: general rules', () => {
  it('finds status URLs on twitter.com, x.com, mobile. and www., whatever the ID length', () => {
    const text = [
      'https://twitter.com/jack/status/20',
      'x.com/i/web/status/1712345678901234688?s=20',
      'https://mobile.twitter.com/jack/statuses/21/',
      'http://www.twitter.com/i/status/1050118621198921728#m',
      'https://x.com/TwitterDev/status/1460323737035677698/photo/1',
    ].join('\n');
    assert.deepEqual(findTweetIds(text, NOW).ids, ['20', '1712345678901234688', '21', '1050118621198921728', '1460323737035677698']);
  });

  it('finds standalone 15–19 digit runs in plain lists, JSON, CSV and code', () => {
    const text = '1460323737035677698\n[1458208665040297986, "1643979941963804673"]\na,1643987165364269056,b\nid = 1712345678901234688n;';
    assert.deepEqual(findTweetIds(text, NOW).ids, ['1460323737035677698', '1458208665040297986', '1643979941963804673', '1643987165364269056', '1712345678901234688']);
  });

  it('rejects glued runs, decimals, timestamps, overflow and leading zeros', () => {
    const text = [
      'abc1234567890123456',
      '1460323737035677698abc',
      '12345678901234567890123',
      '_1460323737035677698',
      '0.1234567890123456789',
      '1460323737035677698.5',
      '1696406400000',
      '0x1460323737035677698',
      '1.23457E+18',
      '9223372036854775808',
      '01460323737035677698',
    ].join(' ');
    const result = findTweetIds(text, { now: Date.UTC(2100, 0, 1) });
    assert.deepEqual(result.ids, []);
    assert.equal(result.invalid, 1); // 9223372036854775808 > 2^63-1
  });

  it('counts future snowflakes as invalid, using the injected now', () => {
    const id = '1712345678901234688'; // 2023-10-12
    assert.deepEqual(findTweetIds(id, { now: Date.UTC(2023, 0, 1) }).ids, []);
    assert.equal(findTweetIds(id, { now: Date.UTC(2023, 0, 1) }).invalid, 1);
    assert.deepEqual(findTweetIds(id, { now: Date.UTC(2024, 0, 1) }).ids, [id]);
    const max = '9223372036854775807';
    assert.deepEqual(findTweetIds(max, { now: Date.UTC(2100, 0, 1) }).ids, [max]);
    assert.deepEqual(findTweetIds(max, NOW).ids, []);
  });

  it('treats the exact boundary to the millisecond', () => {
    const id = '1712345678901234688';
    const t = snowflakeTime(id)!;
    assert.deepEqual(findTweetIds(id, { now: t }).ids, [id]);
    assert.deepEqual(findTweetIds(id, { now: t - 1 }).ids, []);
  });

  it('reports every occurrence with UTF-16 ranges, duplicates counted', () => {
    const text = '🎤 é 1712345678901234688 ツイート1712345678901234688,1460323737035677698';
    const result = findTweetIds(text, NOW);
    assert.deepEqual(result.ids, ['1712345678901234688', '1460323737035677698']);
    assert.equal(result.duplicates, 1);
    assert.equal(result.matches.length, 3);
    for (const m of result.matches) assert.equal(text.slice(m.start, m.end), m.id);
    assert.equal(result.matches[0].start, text.indexOf('1712345678901234688'));
  });

  it('separates IDs after JSON escapes like \\n inside strings', () => {
    assert.deepEqual(findTweetIds('{"text": "ids:\\n1712345678901234688\\t1460323737035677698"}', NOW).ids, ['1712345678901234688', '1460323737035677698']);
  });

  it('skips media and profile-image IDs in twimg.com URLs and user paths on x.com', () => {
    const text =
      'https://pbs.twimg.com/profile_images/1445764922474827784/a.jpg https://x.com/i/user/1395125474427768834 https://video.twimg.com/ext_tw_video/1050118614693523456/pu/vid/a.mp4';
    const result = findTweetIds(text, NOW);
    assert.deepEqual(result.ids, []);
    assert.equal(result.skipped, 3);
  });
});

describe('findTweetIds: realistic fixtures', () => {
  it('v1.1 Tweets with user, entities, media, quoted_status and retweeted_status', () => {
    const result = findTweetIds(fixture('tweets-v1.json'), NOW);
    assert.deepEqual(result.ids, [
      '1050118621198921728', // id (then id_str, media expanded_url, …)
      '1049431556137664512', // status URL in entities.urls, quoted_status_id, quoted_status.id
      '1050118001234567168', // in_reply_to_status_id
      '1049705329003347968', // user.status is a Tweet
      '20', // status URL in quoted_status.full_text
      '1643987165364269056', // second Tweet
      '1643979941963804673', // retweeted_status.id_str
    ]);
    // Not there: user_mentions / user ids, media ids, profile-image and video ids.
    for (const notTweet of ['1395125474427768834', '1050118614693523456', '942858479592554497', '1283786620521652229', '1430231624391430146', '1430232013048291328']) {
      assert.ok(!result.ids.includes(notTweet), notTweet);
    }
    assert.ok(result.skipped > 10);
  });

  it('v2 response with includes.users, includes.media, referenced_tweets and meta', () => {
    const result = findTweetIds(fixture('response-v2.json'), NOW);
    assert.deepEqual(result.ids, ['1460323737035677698', '1460326733534408707', '1460326771656450050', '1458208665040297986']);
    for (const notTweet of ['1395125474427768834', '1460323733650878464', '1557697333571112960', '1445764922474827784']) {
      assert.ok(!result.ids.includes(notTweet), notTweet);
    }
  });

  it('NDJSON, one object a line, with escaped slashes', () => {
    const result = findTweetIds(fixture('stream.ndjson'), NOW);
    assert.deepEqual(result.ids, ['1712345678901234688', '1713130000000000000', '1713200000000000001']);
  });

  it('CSV: to findTweetIds the cells are plain text; with the CSV column rules the user_id column goes', () => {
    const result = findTweetIds(fixture('export.csv'), NOW);
    assert.deepEqual(result.ids, ['1643987165364269056', '1430231624391430146', '1643979941963804673', '1395125474427768834', '1460323737035677698', '1458208665040297986']);
    assert.equal(result.duplicates, 2);
    const masked = findTweetIds(maskCsvText(fixture('export.csv')), NOW);
    assert.deepEqual(masked.ids, ['1643987165364269056', '1643979941963804673', '1460323737035677698', '1458208665040297986']);
    assert.equal(masked.duplicates, 1);
  });

  it('Markdown report with status URLs, non-IDs and a JSON code block', () => {
    const result = findTweetIds(fixture('report.md'), NOW);
    assert.deepEqual(result.ids, ['1712345678901234688', '1713130000000000000', '20', '1050118621198921728', '1643979941963804673', '1460323737035677698']);
  });

  it('TypeScript and Python snippets with ID literals', () => {
    assert.deepEqual(findTweetIds(fixture('snippet.ts'), NOW).ids, ['1458208665040297986', '1712345678901234688', '1460323737035677698']);
    assert.deepEqual(findTweetIds(fixture('snippet.py'), NOW).ids, ['1643987165364269056', '1643979941963804673', '1713130000000000000']);
  });
});

describe('JSON context', () => {
  it('skips values of user/media keys and ids inside user-like objects', () => {
    const text = JSON.stringify({
      id_str: '1712345678901234688',
      tweet_id: '1713130000000000000',
      user_id: '1395125474427768834',
      author_id: '1430231624391430146',
      media_key: '1460323733650878464',
      user: { id_str: '1557697333571112960' },
      mentions: [{ id: '1445764922474827784' }],
      newest_id: '1460326771656450050',
    });
    const result = findTweetIds(text, NOW);
    assert.deepEqual(result.ids, ['1712345678901234688', '1713130000000000000', '1460326771656450050']);
    assert.equal(result.skipped, 5);
  });

  it('tells a top-level array of user objects from an array of Tweets by their keys', () => {
    const users = '[{"id":1395125474427768834,"id_str":"1395125474427768834","screen_name":"XDevelopers"}]';
    const tweets = '[{"id":1712345678901234688,"id_str":"1712345678901234688","text":"hi"}]';
    assert.deepEqual(findTweetIds(users, NOW).ids, []);
    assert.deepEqual(findTweetIds(tweets, NOW).ids, ['1712345678901234688']);
    assert.deepEqual(findTweetIds('[{"type":"quoted","id":"1712345678901234688"}]', NOW).ids, ['1712345678901234688']);
  });

  it('keeps first-seen order when an id waits for its object to show its kind', () => {
    const text = '{"id":"1712345678901234688","quoted":{"id":"1460323737035677698","text":"x"},"text":"y"}';
    const result = findTweetIds(text, NOW);
    assert.deepEqual(result.ids, ['1712345678901234688', '1460323737035677698']);
    assert.deepEqual(
      result.matches.map((m) => m.start),
      [7, text.indexOf('1460323737035677698')],
    );
  });

  it('counts object keys that are IDs and digits inside longer strings', () => {
    const text =
      '{"user": {"id": "1395125474427768834", "description": "see 1712345678901234688", "url": "https://x.com/a/status/1460323737035677698"}, "1458208665040297986": {"favorites": "3"}}';
    assert.deepEqual(findTweetIds(text, NOW).ids, ['1712345678901234688', '1460323737035677698', '1458208665040297986']);
  });

  // Broken JSON, JSON inside other text (fixtures above) and the 1 MB decision window (below) are
  // streaming approximations the naive oracle does not judge (finderOracle.ts): held here by example.
  it('survives broken and partial JSON', () => {
    const text = '{"user": {"id": "1395125474427768834", "name": "unterminated\n}]]]}}} "text": 1712345678901234688 {{{{[[[["id":';
    assert.deepEqual(findTweetIds(text, NOW).ids, ['1712345678901234688']);
    assert.deepEqual(findTweetIds('['.repeat(100000) + '1712345678901234688' + '}'.repeat(100000), NOW).ids, ['1712345678901234688']);
  });
});

describe('tweetIdAt and snowflakeTime', () => {
  it('finds the occurrence covering an offset', () => {
    const line = '  "expanded_url": "https://twitter.com/jack/status/20", "id_str": "1712345678901234688"';
    const at = line.indexOf('1712345678901234688');
    assert.deepEqual(tweetIdAt(line, at + 3, NOW), { id: '1712345678901234688', start: at, end: at + 19 });
    assert.deepEqual(tweetIdAt(line, at + 19, NOW)?.id, '1712345678901234688');
    assert.equal(tweetIdAt(line, line.indexOf('20') + 1, NOW)?.id, '20');
    assert.equal(tweetIdAt(line, 3, NOW), undefined);
  });

  it('computes snowflake times exactly and rejects non-snowflakes', () => {
    assert.equal(snowflakeTime('1712345678901234688'), Number((1712345678901234688n >> 22n) + 1288834974657n));
    assert.equal(new Date(snowflakeTime('1050118621198921728')!).toISOString(), '2018-10-10T20:19:24.211Z');
    assert.equal(snowflakeTime('20'), undefined);
    assert.equal(snowflakeTime('9223372036854775808'), undefined);
    assert.equal(snowflakeTime('12a45678901234567'), undefined);
    assert.equal(snowflakeTime('01712345678901234688'), undefined);
  });
});

describe("UTF-16 ranges from the scanner's byte offsets (where hovers and annotations land)", () => {
  const ID1 = '1712345678901234688';
  const ID2 = '1460323737035677698';

  /** Each ID at its place in the text, with what comes before and between them (no separators glued). */
  function ranges(text: string) {
    return findTweetIds(text, NOW).matches.map((m) => [m.id, m.start, m.end]);
  }

  it('after é (2 bytes), CJK (3 bytes) and emoji (4 bytes, a surrogate pair): each ID at its own characters', () => {
    for (const before of ['é', 'ツイート', '🎤', '👩‍💻', 'é ツ 🎤 ', '\u{10FFFF}']) {
      const text = `${before} ${ID1} ${before}${before} ${ID2}, ${ID1}`;
      const a = text.indexOf(ID1);
      const b = text.indexOf(ID2);
      const c = text.lastIndexOf(ID1);
      assert.deepEqual(ranges(text), [
        [ID1, a, a + 19],
        [ID2, b, b + 19],
        [ID1, c, c + 19],
      ]);
      // The hover: any character of an ID, and the position just after it, give that ID's range.
      assert.deepEqual(tweetIdAt(text, b, NOW), { id: ID2, start: b, end: b + 19 });
      assert.deepEqual(tweetIdAt(text, b + 18, NOW), { id: ID2, start: b, end: b + 19 });
      assert.deepEqual(tweetIdAt(text, c + 19, NOW), { id: ID1, start: c, end: c + 19 });
      assert.equal(tweetIdAt(text, b - 1, NOW)?.id, undefined);
    }
  });

  it('after a lone surrogate (encoded as U+FFFD, 3 bytes)', () => {
    for (const lone of ['\ud83c', '\udfa4', '\ud83c\ud83c']) {
      const text = `${lone} ${ID1} ${lone}x ${ID2}`;
      assert.deepEqual(ranges(text), [
        [ID1, text.indexOf(ID1), text.indexOf(ID1) + 19],
        [ID2, text.indexOf(ID2), text.indexOf(ID2) + 19],
      ]);
    }
  });

  it('for IDs that wait for their JSON object to show its kind, after non-ASCII text', () => {
    const text = `{"note":"ツイート 🎤 é","id":"${ID1}","quoted":{"id":"${ID2}","text":"🎤"},"text":"ツ"}`;
    assert.deepEqual(ranges(text), [
      [ID1, text.indexOf(ID1), text.indexOf(ID1) + 19],
      [ID2, text.indexOf(ID2), text.indexOf(ID2) + 19],
    ]);
  });

  it('across the windows of a text of several MB, non-ASCII throughout', () => {
    const unit = `ツ🎤é ${ID1} ` + 'x'.repeat(997) + ` 🎤 ${ID2}\n`;
    const text = 'a'.repeat((1 << 20) - 3) + unit.repeat(3000); // ~3 MB; the first non-ASCII byte sits near the first seam
    const result = findTweetIds(text, NOW);
    assert.equal(result.matches.length, 6000);
    let from = 0;
    for (const m of result.matches) {
      const at = text.indexOf(m.id, from);
      assert.deepEqual([m.start, m.end], [at, at + 19]);
      from = m.end;
    }
  });

  it('property: any mix of ASCII, 2-, 3- and 4-byte characters and lone surrogates before and between IDs', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', 'a ', 'é', 'ツ', '🎤', '\ud800', '\udc00', '\n'),
      fc.constantFrom(ID1, ID2).map((id) => ` ${id} `),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const expected: Array<[string, number, number]> = [];
        let at = 0;
        for (const p of pieces) {
          if (p.length > 3) expected.push([p.slice(1, -1), at + 1, at + p.length - 1]);
          at += p.length;
        }
        assert.deepEqual(ranges(text), expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TweetIdScanner', () => {
  it('gives each new ID once, in first-seen order, with stats', () => {
    const { ids, stats } = scanChunks([fixture('tweets-v1.json')]);
    const expected = findTweetIds(fixture('tweets-v1.json'), NOW);
    assert.deepEqual(ids, expected.ids);
    assert.deepEqual(stats, { found: expected.ids.length, duplicates: expected.duplicates, invalid: expected.invalid, skipped: expected.skipped });
  });

  it('handles Buffers split inside UTF-8 characters, IDs and escapes', () => {
    const text = fixture('stream.ndjson') + fixture('report.md');
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let a = 0; a < bytes.length; a += 7) chunks.push(bytes.subarray(a, a + 7));
    assert.deepEqual(scanChunks(chunks).ids, findTweetIds(text, NOW).ids);
  });

  it('refuses writes after end', () => {
    const scanner = new TweetIdScanner(() => undefined);
    scanner.end();
    assert.throws(() => scanner.write('1712345678901234688'));
  });
});

describe('hostile inputs (correctness only)', () => {
  const MB = 1 << 20;
  const split = (buf: Buffer, size: number) => {
    const out: Buffer[] = [];
    for (let a = 0; a < buf.length; a += size) out.push(buf.subarray(a, a + size));
    return out;
  };

  it('4 MB of digits', () => {
    const buf = Buffer.alloc(4 * MB);
    for (let k = 0; k < buf.length; k++) buf[k] = 48 + ((k * 7) % 10);
    assert.deepEqual(scanChunks(split(buf, 65536)).ids, []);
  });

  it('2 MB of near-IDs glued to letters and decimals', () => {
    const unit = 'a1712345678901234688 1712345678901234688b _1712345678901234688 0.1712345678901234688 1712345678901234688.5 17123456789012346889 ';
    const text = unit.repeat(Math.ceil((2 * MB) / unit.length));
    assert.deepEqual(findTweetIds(text, NOW).ids, []);
    assert.deepEqual(scanChunks(split(Buffer.from(text), 100003)).ids, []);
  });

  it('2 MB of random bytes', () => {
    let seed = 12345;
    const buf = Buffer.alloc(2 * MB);
    for (let k = 0; k < buf.length; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      buf[k] = seed >>> 24;
    }
    assert.deepEqual(scanChunks(split(buf, 65536)).ids, []);
  });

  it('a 3 MB one-line JSON array of user objects', () => {
    const parts: string[] = [];
    let size = 0;
    for (let k = 0; size < 3 * MB; k++) {
      const id = (1395125474427768834n + BigInt(k) * 4194304n).toString();
      const s = `{"id":${id},"id_str":"${id}","name":"User ${k}","screen_name":"user_${k}","followers_count":${k},"profile_image_url_https":"https://pbs.twimg.com/profile_images/${id}/a_normal.jpg"}`;
      parts.push(s);
      size += s.length + 1;
    }
    const text = `[${parts.join(',')}]`;
    const streamed = scanChunks(split(Buffer.from(text), MB));
    assert.deepEqual(streamed.ids, []);
    assert.equal(streamed.stats.skipped, parts.length * 3);
  });

  it('a long pending object does not hold IDs forever', () => {
    const text = '{"id":"1712345678901234688","list":[' + '"1460323737035677698",'.repeat(60000) + '"1458208665040297986"]}';
    const result = findTweetIds(text, NOW);
    assert.deepEqual(result.ids, ['1712345678901234688', '1460323737035677698', '1458208665040297986']);
  });
});

describe('properties', () => {
  const TOKENS = [
    '1712345678901234688',
    '1460323737035677698',
    '20',
    '9223372036854775808',
    '1696406400000',
    '12345678901234567890123',
    '0',
    '7',
    '.',
    ',',
    ':',
    ' ',
    '\n',
    '"',
    "'",
    '\\',
    '\\n',
    '{',
    '}',
    '[',
    ']',
    '/',
    'a',
    'n',
    'L',
    '_',
    'é',
    '🎤',
    '"id":',
    '"id_str":',
    '"user":',
    '"users":[',
    '"text":',
    '"screen_name":',
    '"media_key":',
    'https://twitter.com/jack/status/',
    'https:\\/\\/x.com\\/i\\/web\\/status\\/',
    'https://pbs.twimg.com/media/',
    'x.com/a/statuses/',
    '0.',
    '.5',
  ];
  const textArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(''));
  const WORD = /[0-9A-Za-z_]/;

  it('the scanner gives the same IDs and stats however the input is split', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (text, cuts, asBuffer) => {
        const whole = findTweetIds(text, NOW);
        const bytes = Buffer.from(text, 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
        const chunks: Array<Buffer | string> = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        const streamed = asBuffer ? scanChunks(chunks) : scanChunks([...text]);
        assert.deepEqual(streamed.ids, whole.ids);
        assert.deepEqual(streamed.stats, { found: whole.ids.length, duplicates: whole.duplicates, invalid: whole.invalid, skipped: whole.skipped });
      }),
      { numRuns: 400 },
    );
  });

  it('every match is the ID at its range, never glued to a digit or letter', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const m of findTweetIds(text, NOW).matches) {
          assert.equal(text.slice(m.start, m.end), m.id);
          assert.match(m.id, /^[1-9][0-9]{0,18}$/);
          const before = text[m.start - 1] ?? ' ';
          const after = text[m.end] ?? ' ';
          const escaped = text[m.start - 2] === '\\' && 'ntrbf'.includes(before);
          assert.ok(!WORD.test(before) || escaped, `glued before: ${JSON.stringify(text)}`);
          const suffix = (after === 'n' || after === 'L') && !WORD.test(text[m.end + 1] ?? ' ');
          assert.ok(!WORD.test(after) || suffix, `glued after: ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('finds any valid ID standing alone between separators', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n << 47n, max: BigInt(snowflakeAt(Date.UTC(2024, 0, 1))) }), fc.constantFrom(' ', ',', '\n', '"', '[', '(', ';'), (big, sep) => {
        const id = big.toString(); // 15 digits or more: 2^47 has 15
        assert.deepEqual(findTweetIds(`x${sep}${id}${sep}y`, NOW).ids, [id]);
      }),
    );
  });
});

describe('firstOccurrence (Reveal in file)', () => {
  const ID = '1790000000000000001';
  it('finds the first place the finder reads the ID, status URLs included', () => {
    const text = `intro 1${ID}9 is a longer number\nsee https://x.com/someone/status/${ID}?s=20 and ${ID} again`;
    const m = firstOccurrence(text, ID);
    assert.ok(m);
    assert.equal(text.slice(m.start, m.end), ID);
    assert.equal(m.start, text.indexOf(`/status/${ID}`) + '/status/'.length, 'not inside the longer number');
  });
  it('says when the ID is not there', () => {
    assert.equal(firstOccurrence('nothing here 1790000000000000002', ID), undefined);
  });
});
