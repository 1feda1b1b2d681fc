import type { Metadata } from "next";
import { ComparePage } from "@/components/compare/compare-page";
import { ACCEPTED_TRACE_ID_FORMS, parseTraceId } from "@/lib/trace-id";

export const metadata: Metadata = { title: "Compare traces · Sightline" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CompareRoute({ searchParams }: Props) {
  const params = await searchParams;
  const problems: string[] = [];
  const ids = (["a", "b"] as const).map((name) => {
    const raw = params[name];
    if (typeof raw !== "string" || raw === "") {
      problems.push(`${name}: a trace ID is required (/compare?a={id}&b={id})`);
      return null;
    }
    const parsed = parseTraceId(raw);
    if (!parsed.ok) problems.push(`${name}: ${parsed.reason}. Accepted: ${ACCEPTED_TRACE_ID_FORMS}`);
    return parsed.ok ? parsed.id.hex : null;
  });
  if (problems.length > 0 || !ids[0] || !ids[1]) {
    return (
      <main className="mx-auto max-w-2xl p-8" data-testid="compare-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Cannot compare</h1>
        <ul className="mt-4 list-disc pl-5 text-sm">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </main>
    );
  }
  return <ComparePage a={ids[0]} b={ids[1]} />;
}
