import type { ServiceType } from "@/lib/model";

/**
 * Line icons for the node types, drawn on a 24-unit grid in currentColor. Lambda keeps its
 * letter, λ, the way the AWS console shows it.
 */
const PATHS: Record<Exclude<ServiceType, "lambda">, string> = {
  client: "M12 4.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7z M5 20c0-3.9 3.1-7 7-7s7 3.1 7 7",
  "api-gateway": "M4 5v14 M20 5v14 M7.5 12h8 M12.5 8.5l3.5 3.5-3.5 3.5",
  container: "M12 3l8 4.5v9L12 21l-8-4.5v-9z M4 7.5l8 4.5 8-4.5 M12 12v9",
  compute: "M7 7h10v10H7z M10 4v3 M14 4v3 M10 17v3 M14 17v3 M4 10h3 M4 14h3 M17 10h3 M17 14h3",
  database: "M5 6c0-1.4 3.1-2.5 7-2.5s7 1.1 7 2.5-3.1 2.5-7 2.5S5 7.4 5 6z M5 6v12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6 M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5",
  queue: "M3 8h4v8H3z M10 8h4v8h-4z M17 8h4v8h-4z",
  topic: "M12 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z M8.5 8.5a5 5 0 0 0 0 7 M15.5 8.5a5 5 0 0 1 0 7 M5.6 5.6a9 9 0 0 0 0 12.8 M18.4 5.6a9 9 0 0 1 0 12.8",
  storage: "M4 6c0-1.1 3.6-2 8-2s8 .9 8 2-3.6 2-8 2-8-.9-8-2z M4 6l2 13.2c.1.5.5.8 1 .8h10c.5 0 .9-.3 1-.8L20 6",
  "aws-service": "M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6.1 11.1 3.5 3.5 0 0 0 7 18z",
  external: "M12 4a8 8 0 1 1 0 16 8 8 0 0 1 0-16z M4 12h16 M12 4c2.2 2.2 3.3 4.9 3.3 8s-1.1 5.8-3.3 8c-2.2-2.2-3.3-4.9-3.3-8s1.1-5.8 3.3-8z",
  service: "M12 3l7.8 4.5v9L12 21l-7.8-4.5v-9z M12 9a3 3 0 1 1 0 6 3 3 0 0 1 0-6z",
};

/** The glyph of `type`, `size` units wide, centred on (0, 0). */
export function NodeGlyph({ type, size }: { type: ServiceType; size: number }) {
  if (type === "lambda") {
    return (
      <text textAnchor="middle" dominantBaseline="central" fontSize={size * 1.1} fontWeight={700} className="fill-current" aria-hidden>
        λ
      </text>
    );
  }
  const scale = size / 24;
  return (
    <path
      d={PATHS[type]}
      transform={`scale(${scale}) translate(-12 -12)`}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7 / scale}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    />
  );
}
