/** Loopback ports of the servers the journeys start. */
export const E2E_PORT = 3107;
export const CRASH_PORT = 3108;
/** The app in `aws` mode, and the wire-level AWS test server it talks to (with its control API). */
export const AWS_APP_PORT = 3109;
export const AWS_ENDPOINT_PORT = 3110;
export const AWS_CONTROL_PORT = 3111;
/** The stand-in authenticating proxy in front of the aws-mode app (e2e/support/auth-proxy.ts). */
export const AWS_PROXY_PORT = 3115;
/** The access-control journeys' own servers: AUTH_MODE=basic, AUTH_MODE=proxy, and none on every interface. */
export const AUTH_BASIC_PORT = 3112;
export const AUTH_PROXY_PORT = 3113;
export const AUTH_OPEN_PORT = 3114;
