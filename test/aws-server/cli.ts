/**
 * Runs the AWS test server as its own process (for the app in `aws` mode under Playwright or a
 * benchmark), with a control API on a second port that tests drive over HTTP:
 *
 *   tsx test/aws-server/cli.ts --port 4566 --control-port 4567
 *
 *   POST /segments        body: segment documents (array)          → seed X-Ray
 *   POST /logs            body: { group, stream, events: [{timestamp, message}], logGroupClass?, account? } → seed a log group
 *   POST /spans           body: Transaction Search span records (array)   → seed aws/spans
 *   POST /inject          body: { op, fault }                     → inject a fault
 *   POST /configure       body: Partial<ServerSettings>
 *   POST /reset           clear faults and recorded calls
 *   POST /clear           drop all segments and log events (retention and log expiry, in miniature)
 *   POST /buckets         body: { name }                          → an empty S3 bucket
 *   GET  /calls           every AWS call received so far
 *
 * Both ports bind 127.0.0.1 only. SIGTERM/SIGINT close it.
 */
import { createServer, type IncomingMessage } from "node:http";
import { startAwsTestServer } from "./server";
import type { Fault, ServerSettings } from "./types";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`--${name} must be a port number`);
  return n;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : null;
}

async function main() {
  const server = await startAwsTestServer({ port: arg("port", 4566) });
  const control = createServer(async (req, res) => {
    try {
      const body = req.method === "POST" ? await readJson(req) : null;
      const route = `${req.method} ${req.url}`;
      if (route === "POST /segments") server.putSegments(body as object[]);
      else if (route === "POST /spans") server.putSpans(body as object[]);
      else if (route === "POST /logs") {
        const { group, stream, events, logGroupClass, account } = body as {
          group: string;
          stream: string;
          events: { timestamp: number; message: string }[];
          logGroupClass?: "STANDARD" | "INFREQUENT_ACCESS" | "DELIVERY";
          account?: string;
        };
        server.putLogEvents(group, stream, events, logGroupClass, account);
      } else if (route === "POST /inject") {
        const { op, fault } = body as { op: string; fault: Fault };
        server.inject(op, fault);
      } else if (route === "POST /configure") server.configure(body as Partial<ServerSettings>);
      else if (route === "POST /reset") {
        server.clearFaults();
        server.calls.length = 0;
      } else if (route === "POST /clear") server.clearData();
      else if (route === "POST /buckets") server.createBucket((body as { name: string }).name);
      else if (route === "GET /calls") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(server.calls));
        return;
      } else {
        res.writeHead(404).end(`unknown control route ${route}`);
        return;
      }
      res.writeHead(204).end();
    } catch (err) {
      res.writeHead(400).end(String(err));
    }
  });
  const controlPort = arg("control-port", 4567);
  await new Promise<void>((resolve) => control.listen(controlPort, "127.0.0.1", resolve));
  console.log(`[aws-test-server] AWS endpoint ${server.url}; control http://127.0.0.1:${controlPort}`);
  const stop = async () => {
    control.close();
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
