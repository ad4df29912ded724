// The command-argument contract (src/commands.ts): what a menu, a hover link or the panel may
// pass, and that nothing else gets through as a run or a Tweet.
import { strict as assert } from 'node:assert';
import { runIdOf, tweetIdOf } from '../../src/commands';

describe('command arguments', () => {
  it('takes a run ID from a string, a tree node or the first element of an array', () => {
    assert.equal(runIdOf('r1'), 'r1');
    assert.equal(runIdOf({ runId: 'r2', kind: 'run' }), 'r2');
    assert.equal(runIdOf([{ runId: 'r3' }, { runId: 'other' }]), 'r3');
    assert.equal(runIdOf(['r4']), 'r4');
    for (const bad of ['', undefined, null, 7, {}, { runId: 7 }, []]) assert.equal(runIdOf(bad), undefined, JSON.stringify(bad));
  });

  it('takes only digit strings as Tweet IDs, from a string, a node or an array', () => {
    assert.equal(tweetIdOf('1712345678901234688'), '1712345678901234688');
    assert.equal(tweetIdOf({ tweetId: '20' }), '20');
    assert.equal(tweetIdOf([{ tweetId: '1712345678901234688' }]), '1712345678901234688');
    for (const bad of ['12a', '1/../../x', 'https://evil.example/', '123456789012345678901', { tweetId: 20 }, undefined, {}]) {
      assert.equal(tweetIdOf(bad), undefined, JSON.stringify(bad));
    }
  });
});
