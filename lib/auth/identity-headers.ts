/**
 * Request headers the proxy (proxy.ts) sets after it has checked a request, for the routes to
 * trust. It always overwrites or removes what the client sent under these names.
 */
export const USER_HEADER = "x-sightline-user";
/**
 * How the request got in: "basic", "proxy", "alb" (a signed-in user), "token" (ingest), "local" (no
 * login, but the server listens on loopback only: whoever calls is on this machine), "open".
 */
export const ACCESS_HEADER = "x-sightline-access";

export type Access = "basic" | "proxy" | "alb" | "token" | "local" | "open";

/**
 * Whether the caller may list, rename and delete snapshots: a signed-in user, or anyone on a
 * server that listens on loopback only. Reading one (and exporting it) needs only its ID.
 */
export const mayManageSnapshots = (headers: Headers): boolean => {
  const access = headers.get(ACCESS_HEADER);
  return access === "basic" || access === "proxy" || access === "alb" || access === "local";
};

/** The client's address as the proxy (proxy.ts) determined it (lib/auth/login-limiter.ts, clientAddress). */
export const CLIENT_HEADER = "x-sightline-client";

/** Who a request is for rate limits: the signed-in user, else the client's address. */
export const requesterOf = (headers: Headers): string => {
  const user = headers.get(USER_HEADER);
  return user ? `user:${user}` : `address:${headers.get(CLIENT_HEADER) || "unknown"}`;
};

/** The signed-in user the proxy vouched for, or null. */
export const signedInUser = (headers: Headers): string | null => headers.get(USER_HEADER) || null;
