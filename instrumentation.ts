/**
 * Runs once when the Next.js server starts. The work itself is Node-only and lives in
 * lib/startup.ts, loaded only in the Node.js runtime.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressStamp } = await import("./lib/http/peer-address");
    installPeerAddressStamp();
    const { checkConfigAndOpenStore } = await import("./lib/startup");
    checkConfigAndOpenStore();
  }
}
