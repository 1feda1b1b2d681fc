/** Loopback ports of the reliability suites: each suite its own block, none shared with e2e (31xx) or bench (319x). */
export const RELIABILITY_PORTS = {
  fuzz: { localApp: 3300, awsApp: 3301, awsEndpoint: 3302, awsControl: 3303 },
  faults: { awsApp: 3310, awsEndpoint: 3311, awsControl: 3312 },
  load: { localApp: 3320, awsApp: 3321, awsEndpoint: 3322, awsControl: 3323 },
  endurance: { localApp: 3325, crashApp: 3326, diskApp: 3327 },
  soak: { localApp: 3328 },
} as const;
