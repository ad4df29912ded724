// The sandbox's fixed credentials: what the in-editor Sandbox profile signs with and what the
// sandbox accepts. A module of its own so the extension can name them without loading the
// sandbox (dist/sandbox.js is loaded only when a profile starts it: see esbuild.js).
export const SANDBOX_CREDENTIALS = {
  bearerToken: 'sandbox-bearer-token',
  oauth: {
    consumerKey: 'sandbox-consumer-key',
    consumerSecret: 'sandbox-consumer-secret',
    accessToken: 'sandbox-access-token',
    accessTokenSecret: 'sandbox-access-token-secret',
  },
};
