import type { Metadata } from "next";
import { IncidentProblems } from "@/components/incident/incident-problems";
import { IncidentView } from "@/components/incident/incident-view";
import { parseIncidentParams } from "@/lib/incident-params";

export const metadata: Metadata = { title: "Incident · Sightline" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IncidentRoute({ searchParams }: Props) {
  const parsed = parseIncidentParams(await searchParams, Date.now());
  if (!parsed.ok) return <IncidentProblems problems={parsed.problems} />;
  const { service, at, windowMs } = parsed.params;
  return <IncidentView key={`${service}/${at}/${windowMs}`} params={parsed.params} />;
}
