/**
 * A colour per service, stable for one trace (by order of appearance) and legible on white and
 * on slate-950. Status colours (green/yellow/red/purple) are reserved for health, not services.
 */
const PALETTE = [
  "#2563eb", // blue
  "#0d9488", // teal
  "#d97706", // amber-600 (distinct from the 4xx yellow by hue and weight)
  "#db2777", // pink
  "#4f46e5", // indigo
  "#0891b2", // cyan
  "#65a30d", // lime
  "#c2410c", // orange
  "#7c3aed", // violet
  "#475569", // slate
];

export function serviceColors(services: readonly string[]): Map<string, string> {
  return new Map(services.map((s, i) => [s, PALETTE[i % PALETTE.length]]));
}

export function colorOf(colors: Map<string, string>, service: string): string {
  return colors.get(service) ?? PALETTE[PALETTE.length - 1];
}
