/**
 * Loopback ports of the reliability suites: each suite its own block, none shared with e2e (31xx) or
 * bench (319x). `E2E_PORT_OFFSET` shifts them all, as it does the journeys' ports.
 */
const o = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;

export const RELIABILITY_PORTS = {
  fuzz: { localApp: 3300 + o, awsApp: 3301 + o, awsEndpoint: 3302 + o, awsControl: 3303 + o },
  faults: { awsApp: 3310 + o, awsEndpoint: 3311 + o, awsControl: 3312 + o },
  load: { localApp: 3320 + o, awsApp: 3321 + o, awsEndpoint: 3322 + o, awsControl: 3323 + o },
  endurance: { localApp: 3325 + o, crashApp: 3326 + o, diskApp: 3327 + o },
  soak: { localApp: 3328 + o },
  abuse: { basicApp: 3330 + o },
} as const;
