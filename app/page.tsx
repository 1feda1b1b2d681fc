import { RecentTraces } from "@/components/traces/recent-traces";

export default function HomePage() {
  return (
    <main>
      <h1 className="px-4 pb-2 pt-4 text-lg font-semibold">Recent traces</h1>
      <RecentTraces />
    </main>
  );
}
