/** Loopback ports of the servers the journeys start. */
export const E2E_PORT = 3107;
export const CRASH_PORT = 3108;
