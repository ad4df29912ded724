// CSV and TSV exports: columns whose header names a user, author, media, mention… ID are not
// Tweet IDs, decided with the scanner's own key table; Tweet ID columns are kept. Real layouts:
// the sample workspace's export, X's analytics export, v1.1 and v2 objects flattened to columns.
import { strict as assert } from 'node:assert';
import { CsvMasker, csvSkippedColumns, isCsvName, isNonTweetIdColumn, maskCsvLine, maskCsvText } from '../../../src/finder/csv';
import { findTweetIds } from '../../../src/finder/finder';
import { snowflakeAt } from '../../../src/shared/tweetId';

const DAY = 86_400_000;
const NOW = Date.now();
const T = (n: number) => snowflakeAt(NOW - 3 * DAY, 1000 + n); // Tweet IDs
const U = (n: number) => snowflakeAt(NOW - 900 * DAY, 2000 + n); // user/media IDs: snowflakes too, so the finder would take them

const idsOf = (csv: string) => findTweetIds(maskCsvText(csv)).ids;

describe('CSV exports: which columns hold Tweet IDs', () => {
  it('the sample export: tweet_id kept, user_id skipped (it used to add 22 "Tweets" from 20 rows)', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${T(i)},${U(i % 4)},2026-09-27T11:04:02.807Z,"Holiday hours, mugs and more"`);
    const csv = ['tweet_id,user_id,created_at,text', ...rows].join('\n') + '\n';
    assert.equal(findTweetIds(csv).ids.length, 24, 'unmasked, user IDs count as Tweets');
    assert.deepEqual(
      idsOf(csv),
      rows.map((_, i) => T(i)),
    );
  });

  it("X's analytics export: the Tweet id column and the permalink's status ID", () => {
    const csv = [
      '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes"',
      `"${T(1)}","https://twitter.com/northwind/status/${T(1)}","New menu, new mugs","2026-09-27 11:04 +0000","1200.0","33.0","0.0275","4.0","2.0","20.0"`,
    ].join('\r\n');
    assert.equal(csvSkippedColumns(csv.split('\r\n')[0]), undefined, 'nothing to skip');
    assert.deepEqual(idsOf(csv), [T(1)]);
  });

  it('v1.1 Tweets flattened: user, mentions and reply-to-user columns skipped; the Tweet, the replied-to Tweet, the retweeted and quoted Tweets kept', () => {
    const header =
      'id,id_str,user.id,user.id_str,in_reply_to_status_id,in_reply_to_user_id,retweeted_status.id,retweeted_status.user.id,entities.user_mentions.0.id,quoted_status_id';
    const row = [T(1), T(1), U(1), U(1), T(2), U(2), T(3), U(3), U(4), T(4)].join(',');
    assert.deepEqual(idsOf(`${header}\n${row}\n`), [T(1), T(2), T(3), T(4)]);
  });

  it('v2 Tweets flattened: author, reply-to-user, media keys, mentions and expanded users skipped; conversation and referenced Tweets kept', () => {
    const header = 'id\tauthor_id\tconversation_id\tin_reply_to_user_id\treferenced_tweets.0.id\tattachments.media_keys\tentities.mentions.0.id\tincludes.users.0.id\ttext';
    const row = [T(1), U(1), T(2), U(2), T(3), `3_${U(5)}`, U(3), U(4), `"hi ${U(6)}"`].join('\t');
    assert.deepEqual(idsOf(`${header}\n${row}\n`), [T(1), T(2), T(3), U(6)], 'a number in free text is still found');
  });

  it('headers in other spellings: "Author ID", userId, "User / id"', () => {
    for (const h of ['Author ID', 'userId', 'user_id_str', 'User/id', 'media_key', 'sender_id']) assert.equal(isNonTweetIdColumn(h), true, h);
    for (const h of ['tweet_id', 'Tweet id', 'status_id', 'id', 'id_str', 'conversation_id', 'text', 'referenced_tweets.0.id', 'in_reply_to_status_id']) {
      assert.equal(isNonTweetIdColumn(h), false, h);
    }
  });

  it('quoted cells may hold separators, doubled quotes and newlines; offsets do not move', () => {
    const csv = `text,user_id,tweet_id\n"a, ""b""\n${U(1)} c",${U(2)},${T(1)}\n`;
    const masked = maskCsvText(csv);
    assert.equal(masked.length, csv.length);
    assert.equal(masked.indexOf(T(1)), csv.indexOf(T(1)));
    assert.deepEqual(findTweetIds(masked).ids, [U(1), T(1)], 'the text cell is not a user column, the user_id cell is blanked');
  });

  it('a stream cut anywhere masks as the whole does (bytes and strings)', () => {
    const csv = `tweet_id;user_id;note\r\n${T(1)};${U(1)};"x;\n${U(2)}"\r\n${T(2)};${U(3)};y\r\n`;
    const whole = maskCsvText(csv);
    for (let cut = 0; cut <= csv.length; cut++) {
      const m = new CsvMasker();
      assert.equal(m.maskText(csv.slice(0, cut)) + m.maskText(csv.slice(cut)), whole, `string cut at ${cut}`);
      const b = new CsvMasker();
      const bytes = Buffer.from(csv, 'latin1');
      const out = Buffer.concat([Buffer.from(b.maskBytes(bytes.subarray(0, cut))), Buffer.from(b.maskBytes(bytes.subarray(cut)))]).toString('latin1');
      assert.equal(out, whole, `bytes cut at ${cut}`);
    }
    assert.deepEqual(findTweetIds(whole).ids, [T(1), U(2), T(2)]);
  });

  it('one line masked by the header (hovers and annotations)', () => {
    const header = 'tweet_id,user_id,text';
    const line = `${T(1)},${U(1)},hello`;
    assert.equal(maskCsvLine(header, line), `${T(1)},${' '.repeat(U(1).length)},hello`);
    assert.equal(maskCsvLine('a,b,c', line), line, 'no skipped column: unchanged');
  });

  it('applies to .csv and .tsv names only', () => {
    assert.deepEqual(['export.csv', 'X.TSV', 'tweets.json', 'csv'].map(isCsvName), [true, true, false, false]);
  });
});
