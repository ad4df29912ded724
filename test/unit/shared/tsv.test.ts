import { strict as assert } from 'node:assert';
import { toTsv } from '../../../src/shared/tsv';

const A = '1790000000000000001';
const B = '1790000000000000002';

describe('toTsv', () => {
  it('writes a header and a line per row, empty cells for missing values, every digit kept', () => {
    assert.equal(
      toTsv(
        ['Likes', 'Reposts'],
        [
          [A, '9007199254740993', '2'],
          [B, null, '0'],
        ],
      ),
      `Tweet ID\tLikes\tReposts\n${A}\t9007199254740993\t2\n${B}\t\t0\n`,
    );
  });

  it('keeps tabs and line breaks in a cell from breaking the table', () => {
    assert.equal(toTsv(['x'], [[A, 'a\tb\r\nc']]), `Tweet ID\tx\n${A}\ta b  c\n`);
  });
});
