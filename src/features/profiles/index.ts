// The profiles feature's public face: what other features may use of it (the active profile's
// credentials and host). Everything else in this folder is its own business.
export type { ActiveConnection, Connection } from './connection';
export { registerProfiles } from './register';
