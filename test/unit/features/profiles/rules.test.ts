// The profiles feature's rules: names, and which profile a window starts on.
import { strict as assert } from 'node:assert';
import { profileNameProblem, SANDBOX_PROFILE, startsSandbox } from '../../../../src/features/profiles/rules';

describe('profile rules', () => {
  it('useSandboxOnStart starts on the sandbox only until the user has chosen a profile of their own', () => {
    assert.equal(startsSandbox(true, undefined), true, 'a new user: the demo setting applies');
    assert.equal(startsSandbox(true, SANDBOX_PROFILE), true, 'the sandbox was the last choice');
    assert.equal(startsSandbox(true, 'brand-handle'), false, 'the last chosen profile wins after a reload');
    assert.equal(startsSandbox(false, undefined), false);
    assert.equal(startsSandbox(false, SANDBOX_PROFILE), false, 'without the setting the sandbox starts on Use sandbox only');
  });

  it('accepts profile names but the reserved, empty and over-long ones', () => {
    assert.equal(profileNameProblem('brand-handle'), undefined);
    assert.match(profileNameProblem('  ')!, /Give the profile a name/);
    assert.match(profileNameProblem(' Sandbox ')!, /reserved/);
    assert.match(profileNameProblem('x'.repeat(61))!, /At most 60/);
    assert.equal(profileNameProblem('x'.repeat(60)), undefined);
  });
});
