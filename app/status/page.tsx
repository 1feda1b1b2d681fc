import { loginLimiterStats } from "@/lib/auth/login-limiter";
import { scanBudgetStats } from "@/lib/sources/aws/scan-budget";
import { getSource } from "@/lib/sources";

export const metadata = { title: "Status · Sightline" };
export const dynamic = "force-dynamic";

const row = (label: string, value: string, testId?: string) => (
  <tr key={label} className="border-b border-slate-200 dark:border-slate-800">
    <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-600 dark:text-slate-400">
      {label}
    </th>
    <td className="py-1 font-mono" data-testid={testId}>
      {value}
    </td>
  </tr>
);

/** What Sightline has spent and refused: the Logs Insights scan budget (aws) and the login limiter (basic). */
export default function StatusRoute() {
  const source = getSource().kind;
  const b = scanBudgetStats();
  const l = loginLimiterStats();
  return (
    <main className="mx-auto max-w-3xl p-6 text-sm">
      <h1 className="mb-4 text-lg font-semibold">Status</h1>
      <section data-testid="scan-budget" className="mb-6">
        <h2 className="mb-2 font-semibold">Logs Insights scan budget{source === "aws" ? "" : " (aws source only; this server uses the local store)"}</h2>
        <table>
          <tbody>
            {row("day (UTC)", b.day)}
            {row(
              "scanned today",
              `${b.gbScannedToday.toFixed(6)} GB (${b.bytesScannedToday} bytes) of ${b.budgetGbPerDay} GB (LOGS_SCAN_BUDGET_GB_PER_DAY)`,
              "budget-scanned",
            )}
            {row("estimated cost today", `$${b.estimatedUsdToday.toFixed(4)}`, "budget-usd")}
            {row("new searches today", String(b.searchesStartedToday))}
            {row("refused: budget used up", String(b.refusedBudget), "budget-refused")}
            {row(`refused: over ${b.searchesPerUserPerMinute} new searches a minute for one user`, String(b.refusedRate), "rate-refused")}
          </tbody>
        </table>
      </section>
      <section data-testid="login-limiter">
        <h2 className="mb-2 font-semibold">Failed logins (AUTH_MODE=basic)</h2>
        <table>
          <tbody>
            {row("failed logins", String(l.failedLogins))}
            {row("requests refused (429)", String(l.refused))}
            {row("lock-outs", String(l.lockouts))}
            {row("addresses locked now", String(l.lockedAddresses))}
            {row("limit", `${l.maxFailuresPerMinute} a minute per address`)}
          </tbody>
        </table>
      </section>
    </main>
  );
}
