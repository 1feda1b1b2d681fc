import type { Metadata } from "next";
import { ComparePage, CompareProblems } from "@/components/compare/compare-page";
import { parseCompareParams } from "@/lib/compare-params";

export const metadata: Metadata = { title: "Compare traces · Sightline" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CompareRoute({ searchParams }: Props) {
  const parsed = parseCompareParams(await searchParams);
  if (!parsed.ok) return <CompareProblems problems={parsed.problems} />;
  // The page reads a and b from the URL itself (Swap changes them without a round trip).
  return <ComparePage />;
}
