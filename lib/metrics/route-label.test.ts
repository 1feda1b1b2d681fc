import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_FILES, ROUTE_TEMPLATES, routeLabel } from "./route-label";

function appRoutes(dir: string, prefix = ""): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...appRoutes(full, `${prefix}/${name}`));
    else if (/^(route|page)\.tsx?$/.test(name)) found.push(prefix || "/");
    else if (name === "robots.ts") found.push(`${prefix}/robots.txt`);
    else if (name === "manifest.ts") found.push(`${prefix}/manifest.webmanifest`);
    else if (/^icon\.\w+$/.test(name)) found.push(`${prefix}/${name}`);
  }
  return found;
}

describe("routeLabel", () => {
  it("knows every route and page of the app directory, and nothing else", () => {
    const routes = appRoutes(path.join(process.cwd(), "app")).sort();
    expect([...ROUTE_TEMPLATES].sort()).toEqual(routes);
  });

  it("knows every file of public/", () => {
    expect([...PUBLIC_FILES].sort()).toEqual(
      readdirSync(path.join(process.cwd(), "public"))
        .map((f) => `/${f}`)
        .sort(),
    );
  });

  it.each([
    ["/", "/"],
    ["/trace/1-5f8a0b2c-0123456789abcdef01234567?span=abc&tz=utc", "/trace/[id]"],
    ["/api/traces/0af7651916cd43dd8448eb211c80319c/logs", "/api/traces/[traceId]/logs"],
    ["/api/traces?service=checkout", "/api/traces"],
    ["/api/snapshots/import", "/api/snapshots/import"],
    ["/api/snapshots/k3j4h5", "/api/snapshots/[id]"],
    ["/api/snapshots/k3j4h5/export", "/api/snapshots/[id]/export"],
    ["/api/services/payments%20api/breakdown", "/api/services/[name]/breakdown"],
    ["/api/no/such/thing", "/api/[...path]"],
    ["/_next/static/chunks/app-123.js", "/_next/static"],
    ["/v1/traces", "/v1/traces"],
    ["/manifest.webmanifest", "/manifest.webmanifest"],
    ["/icon-192.png", "/icon-192.png"],
    ["/favicon.ico", "/favicon.ico"],
    ["/wp-login.php", "other"],
    ["/trace", "other"],
    ["/trace/a/b", "other"],
  ])("%s → %s", (url, label) => {
    expect(routeLabel(url)).toBe(label);
  });
});
