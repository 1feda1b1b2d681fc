/**
 * A stand-in for AWS's ALB key service (public-keys.auth.elb.REGION.amazonaws.com): the PEM of each
 * known key ID at /<kid>, 404 for the rest. It records what was asked for, and can be stopped to
 * play an outage. Runs in the test's own process.
 */
import http from "node:http";

export interface KeyServer {
  url: string;
  /** The paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export function startKeyServer(port: number, pems: Record<string, string>): Promise<KeyServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push(path);
    const pem = pems[decodeURIComponent(path.slice(1))];
    res.writeHead(pem ? 200 : 404, { "content-type": "text/plain" });
    res.end(pem ?? "NoSuchKey");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
