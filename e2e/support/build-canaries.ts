/**
 * Secrets planted in the environment of the build the tests run against (scripts/build-with-canaries.ts):
 * e2e/client-bundle.spec.ts proves none of them, nor any other non-NEXT_PUBLIC_ value of the
 * build's environment, reached a file the browser downloads.
 */
export const BUILD_CANARIES: Record<string, string> = {
  AWS_SECRET_ACCESS_KEY: "canary-aws-secret-7Hq2ZpL0wYv9",
  AWS_SESSION_TOKEN: "canary-aws-session-Xk41mRt8",
  AUTH_BASIC_PASSWORD: "canary-basic-password-Jd93",
  INGEST_TOKEN: "canary-ingest-token-Pq72Lm55",
  SIGHTLINE_SERVER_SECRET: "canary-server-secret-Vn06",
  // Allowed in the browser (components/build-label.tsx): the scan must find this one. It shows in
  // the header of this build (the demo reuses the build npm test made), so it says what it is.
  NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL: "npm-test-build",
};

/** Written next to the build so the scan knows the build it reads had the canaries. */
export const CANARY_MARKER = ".next/sightline-build-canaries.json";
