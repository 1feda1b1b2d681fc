/**
 * What a logs query scanned and roughly what it cost: CloudWatch Logs Insights bills $0.005 per GB
 * scanned (us-east-1 list price) unless the server says otherwise (LOGS_PRICE_PER_GB, sent as
 * `cost.pricePerGb`). Sizes use binary units (1 MB = 2^20 bytes), as AWS bills them.
 */

export const DOLLARS_PER_GB = 0.005;

const MB = 2 ** 20;
const GB = 2 ** 30;

/** The list-price cost in dollars of scanning `bytes` (0 for a negative or non-finite size). */
export function scanCostDollars(bytes: number, pricePerGb = DOLLARS_PER_GB): number {
  return Number.isFinite(bytes) && bytes > 0 ? (bytes / GB) * pricePerGb : 0;
}

/** "0.42 MB", "12.3 MB", "1,234 MB": always in MB, with the decimals its size needs. */
export function formatMegabytes(bytes: number): string {
  const mb = Number.isFinite(bytes) && bytes > 0 ? bytes / MB : 0;
  if (mb === 0) return "0 MB";
  if (mb < 10) return `${mb.toFixed(2)} MB`;
  if (mb < 100) return `${mb.toFixed(1)} MB`;
  return `${Math.round(mb).toLocaleString("en-US")} MB`;
}

/** "$0", "$0.00049", "$0.05", "$1.25": cents from a cent up, two significant digits below it. */
export function formatDollars(dollars: number): string {
  if (!(dollars > 0)) return "$0";
  if (dollars >= 0.01) return `$${dollars.toFixed(2)}`;
  if (dollars < 0.000001) return "<$0.000001";
  // Above 1e-6 a number prints in positional notation, never as "4.6e-7".
  return `$${Number(dollars.toPrecision(2))}`;
}

/** "scanned 12.3 MB · ~$0.00006" */
export function formatScanCost(bytes: number, pricePerGb = DOLLARS_PER_GB): string {
  return `scanned ${formatMegabytes(bytes)} · ~${formatDollars(scanCostDollars(bytes, pricePerGb))}`;
}

/** "scanned 12.3 MB · ~$0.00006 (wide 0.01 MB · ~$0.0000001, narrow 12.3 MB · ~$0.00006)": the total, then each pass's part. */
export function formatPassesCost(bytes: number, passes: readonly { pass: string; stats: { bytesScanned: number } }[], pricePerGb = DOLLARS_PER_GB): string {
  const parts = passes.map((p) => `${p.pass} ${formatMegabytes(p.stats.bytesScanned)} · ~${formatDollars(scanCostDollars(p.stats.bytesScanned, pricePerGb))}`);
  return `${formatScanCost(bytes, pricePerGb)} (${parts.join(", ")})`;
}
