/**
 * A stand-in for an authenticating reverse proxy (oauth2-proxy and friends) in front of the
 * aws-mode app: every request is passed on with X-Forwarded-User set to the signed-in user, and
 * whatever the client put in that header is dropped. Browser downloads, navigations and fetches
 * all go through it, as they would in production.
 *
 * tsx e2e/support/auth-proxy.ts --port 3115 --target 3109 --user sre@example.com
 */
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, target: { type: "string" }, user: { type: "string" } } });
const port = Number(values.port);
const target = Number(values.target);
const user = values.user ?? "";
if (!port || !target || !user) {
  console.error("usage: tsx e2e/support/auth-proxy.ts --port N --target N --user NAME");
  process.exit(2);
}

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, "x-forwarded-user": user, host: `127.0.0.1:${target}` };
  const upstream = http.request({ host: "127.0.0.1", port: target, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", (err) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`auth proxy: ${err.message}`);
  });
  req.pipe(upstream);
});
server.listen(port, "127.0.0.1");
