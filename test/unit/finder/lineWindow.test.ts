// The hover's lookup on one line: the window the finder sees and the range it reports, which must
// be in the line's own offsets whatever part of the line the window is.
import { strict as assert } from 'node:assert';
import { lineWindow, tweetIdInLine } from '../../../src/finder/lineWindow';

const ID = '1712345678901234688';

describe('lineWindow and tweetIdInLine', () => {
  it('looks at a short line whole', () => {
    const line = `{"id_str":"${ID}"}`;
    assert.deepEqual(lineWindow(line, 3), { text: line, start: 0 });
    const m = tweetIdInLine(line, line.indexOf(ID) + 4);
    assert.deepEqual(m && { id: m.id, text: line.slice(m.start, m.end) }, { id: ID, text: ID });
  });

  it('on a long line sees a window around the position and reports ranges in line offsets', () => {
    const filler = 'x'.repeat(300) + ' ';
    const line = (filler + `"${ID}" `).repeat(2_000); // ~600 KB, one ID every 322 characters
    const at = line.indexOf(ID, 400_000);
    const { text, start } = lineWindow(line, at + 3);
    assert.ok(text.length < 600, `window of ${text.length} characters`);
    assert.ok(start <= at && at + ID.length <= start + text.length, 'the ID under the position is inside the window');
    const m = tweetIdInLine(line, at + 3)!;
    assert.equal(m.id, ID);
    assert.equal(m.start, at);
    assert.equal(line.slice(m.start, m.end), ID);
    assert.equal(tweetIdInLine(line, at - 50), undefined, 'not on an ID: nothing');
  });

  it('moves a window edge out of a word it would cut (up to a limit), so an ID at the edge is whole', () => {
    const line = 'a '.repeat(100) + ID + ' ' + 'b '.repeat(100) + `"${ID}"` + ' c'.repeat(300);
    const second = line.lastIndexOf(ID);
    const pos = second + 5 - 200; // the plain ±200 window would end 5 digits into the second ID
    const { text, start } = lineWindow(line, pos);
    assert.ok(start + text.length >= second + ID.length, 'the end moved past the ID');
    assert.ok(text.endsWith(ID) || text.includes(ID + '"'), 'the ID is whole in the window');
    // A word longer than the slack is still cut: the window stays bounded.
    const long = 'z'.repeat(1_000);
    assert.ok(lineWindow('y '.repeat(300) + long, 600).text.length <= 400 + 2 * 64);
  });
});
