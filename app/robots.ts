import type { MetadataRoute } from "next";

/**
 * /robots.txt: nothing here is for crawlers. A shared trace link followed by a crawler would run
 * Logs Insights queries (billed by bytes scanned) and leak telemetry into a search index; every
 * answer also carries X-Robots-Tag: noindex (proxy.ts, next.config.js).
 */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", disallow: "/" } };
}
