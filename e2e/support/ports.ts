/**
 * Loopback ports of the servers the journeys start. `E2E_PORT_OFFSET` shifts them all, so two
 * checkouts can run their journeys side by side on one machine.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;

export const E2E_PORT = 3107 + offset;
export const CRASH_PORT = 3108 + offset;
/** The app in `aws` mode, and the wire-level AWS test server it talks to (with its control API). */
export const AWS_APP_PORT = 3109 + offset;
export const AWS_ENDPOINT_PORT = 3110 + offset;
export const AWS_CONTROL_PORT = 3111 + offset;
/** The stand-in authenticating proxy in front of the aws-mode app (e2e/support/auth-proxy.ts). */
export const AWS_PROXY_PORT = 3115 + offset;
/** The access-control journeys' own servers: AUTH_MODE=basic, AUTH_MODE=proxy, and none on every interface. */
export const AUTH_BASIC_PORT = 3112 + offset;
export const AUTH_PROXY_PORT = 3113 + offset;
export const AUTH_OPEN_PORT = 3114 + offset;
/** The cross-site journey (e2e/cross-site.spec.ts): its AUTH_MODE=basic server, and the hostile site on localhost. */
export const CROSS_SITE_PORT = 3120 + offset;
export const HOSTILE_PORT = 3121 + offset;
/** The scan-budget journey's own aws-mode app (e2e/aws-budget.spec.ts), on the shared AWS test server. */
export const BUDGET_APP_PORT = 3122 + offset;
/** The standalone server (`node server.js`, e2e/standalone.spec.ts). */
export const STANDALONE_PORT = 3116 + offset;
/** The standalone server that the SIGTERM-under-load journey stops. */
export const STANDALONE_SHUTDOWN_PORT = 3117 + offset;
/** The standalone server in aws mode that the SIGTERM journey stops while Logs Insights queries run. */
export const STANDALONE_AWS_PORT = 3118 + offset;
/** The AUTH_MODE=alb journey (e2e/alb-auth.spec.ts): its app, and the stand-in for AWS's ALB key service. */
export const ALB_APP_PORT = 3123 + offset;
export const ALB_KEY_PORT = 3124 + offset;
/** e2e/self-report.spec.ts: a standalone server tracing itself into its own store, and its METRICS_PORT. */
export const SELF_REPORT_PORT = 3130 + offset;
export const SELF_REPORT_METRICS_PORT = 3131 + offset;
/** Two aws-mode replicas sharing snapshots in S3 on the shared AWS test server (e2e/snapshots-replicas.spec.ts). */
export const REPLICA_A_PORT = 3125 + offset;
export const REPLICA_B_PORT = 3126 + offset;
/** The Transaction Search journey's own aws-mode app with TRACE_STORE=spans (e2e/aws-transaction-search.spec.ts), on the shared AWS test server. */
export const TRANSACTION_SEARCH_APP_PORT = 3140 + offset;
/** The linked-accounts journey's own aws-mode app, LOG_GROUPS with a source account's log group ARN (e2e/aws-linked-account.spec.ts), on the shared AWS test server. */
export const LINKED_APP_PORT = 3150 + offset;
/** The million-span journey's own server and store (e2e/million-span-trace.spec.ts): its trace would crowd the shared store's windows. */
export const MILLION_PORT = 3160 + offset;
/** The growing-trace journey's own server (e2e/growing-trace.spec.ts), laying out growing traces from 20,000 spans. */
export const GROWING_PORT = 3165 + offset;
