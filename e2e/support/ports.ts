/** Loopback ports of the servers the journeys start. */
export const E2E_PORT = 3107;
export const CRASH_PORT = 3108;
/** The app in `aws` mode, and the wire-level AWS test server it talks to (with its control API). */
export const AWS_APP_PORT = 3109;
export const AWS_ENDPOINT_PORT = 3110;
export const AWS_CONTROL_PORT = 3111;
