import type { Metadata } from "next";
import { IncidentProblems } from "@/components/incident/incident-problems";
import { IncidentView } from "@/components/incident/incident-view";
import { parseIncidentParams } from "@/lib/incident-params";

export const metadata: Metadata = { title: "Incident · Sightline" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IncidentRoute({ searchParams }: Props) {
  const now = Date.now();
  const parsed = parseIncidentParams(await searchParams, now);
  if (!parsed.ok) return <IncidentProblems problems={parsed.problems} />;
  // The view reads its parameters from the URL itself, with this clock for a link without `at`.
  return <IncidentView now={now} />;
}
