// The profiles feature's rules, as pure functions (no `vscode`, unit-tested): reserved and valid
// profile names, and which profile a window starts on.

/** The built-in sandbox's profile name, reserved: no saved profile may take it. */
export const SANDBOX_PROFILE = 'Sandbox';
/** Longest profile name. */
export const MAX_PROFILE_NAME = 60;

/** Why a new profile name is not accepted, or undefined when it is. */
export function profileNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Give the profile a name.';
  if (name.trim() === SANDBOX_PROFILE) return '"Sandbox" is reserved for the built-in sandbox.';
  if (name.length > MAX_PROFILE_NAME) return `At most ${MAX_PROFILE_NAME} characters.`;
  return undefined;
}

/**
 * Whether the window starts on the sandbox: `xEngagement.useSandboxOnStart` (the demo workspace's
 * setting) applies only until the user chooses a profile of their own; then their last choice
 * wins, so sandbox numbers never silently replace real ones after a reload.
 */
export function startsSandbox(useSandboxOnStart: boolean, lastChosen: string | undefined): boolean {
  return useSandboxOnStart && (lastChosen === undefined || lastChosen === SANDBOX_PROFILE);
}
