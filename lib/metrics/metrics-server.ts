/**
 * METRICS_PORT: /metrics on a port of its own, without AUTH_MODE's login, for a scraper inside
 * the cluster (a Prometheus sidecar, the CloudWatch agent) while the main port stays behind
 * the login. It answers GET /metrics and nothing else; it listens on the same address as the
 * server (HOSTNAME / LISTEN_HOST), so keep the port itself private (a security group, a
 * NetworkPolicy). Unset: /metrics is served on the main port only, behind AUTH_MODE.
 */
import http from "node:http";
import { log } from "../log/logger";
import { renderMetrics } from "./render";

export function parseMetricsPort(env: Record<string, string | undefined>, mainPort: string | undefined): number | null {
  const raw = env.METRICS_PORT?.trim();
  if (!raw) return null;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new Error(`METRICS_PORT must be a TCP port (1–65535), got ${JSON.stringify(env.METRICS_PORT)}.`);
  if (mainPort !== undefined && String(port) === mainPort.trim()) throw new Error(`METRICS_PORT (${port}) must differ from the server's port.`);
  return port;
}

export function startMetricsServer(port: number, host: string): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Only /metrics is served on this port.\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("Only GET /metrics.\n");
      return;
    }
    renderMetrics().then(
      ({ contentType, body }) => res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(req.method === "HEAD" ? undefined : body),
      (err: unknown) => {
        log().error("rendering /metrics failed", {}, err);
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Rendering the metrics failed; the server log has the cause.\n");
      },
    );
  });
  server.on("error", (err) => log().error("the metrics port could not be opened", { port, host }, err));
  server.listen(port, host, () => log().info("metrics served", { port, host }));
  // Never keeps a stopping process alive.
  server.unref();
  return server;
}
