/**
 * For tests: an in-process OTLP/HTTP endpoint on 127.0.0.1 that records every POST body and
 * answers with `status` and an empty protobuf body.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

interface RecordedRequest {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

export interface OtlpSink {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startOtlpSink(status = 200): Promise<OtlpSink> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: Buffer.concat(chunks) });
      res.writeHead(status, { "Content-Type": "application/x-protobuf" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
