import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { headers } from "next/headers";
import { BuildLabel } from "@/components/build-label";
import { EarlyClicksEnd } from "@/components/early-clicks";
import { ShortcutsHelp } from "@/components/keyboard/shortcuts-help";
import { QueryProvider } from "@/components/providers/query-provider";
import { ThemeToggle } from "@/components/theme-toggle";
import { EARLY_CLICK_SCRIPT } from "@/lib/client/early-clicks";
import "./globals.css";

export const metadata: Metadata = {
  title: "Sightline",
  description: "One trace: service map, Gantt chart and logs on one time axis.",
  // public/ (scripts/make-icons.ts draws them from app/icon.svg); the manifest is app/manifest.ts.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
};

const NAV: [string, string][] = [
  ["/", "Recent traces"],
  ["/traces", "Search"],
  ["/map", "Service map"],
  ["/snapshots", "Snapshots"],
];

// Applies the saved theme, or the system's, before first paint (no flash of the wrong theme).
const themeScript = `(()=>{try{const t=localStorage.getItem("sightline-theme");const d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch{}})()`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The Content-Security-Policy's nonce for this response (proxy.ts): inline scripts need it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* A span row clicked before the page hydrates is selected once it has (lib/client/early-clicks.ts). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: EARLY_CLICK_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {/* On a phone: the name and the theme on one row, the pages as four tap targets below (5.25rem in all). */}
        <header className="flex h-11 items-center gap-6 border-b border-slate-200 px-4 dark:border-slate-800 max-md:h-[5.25rem] max-md:flex-wrap max-md:gap-0 max-md:px-2">
          <Link href="/" className="font-semibold tracking-tight max-md:flex max-md:h-[calc(2.75rem-1px)] max-md:items-center max-md:px-2">
            Sightline
          </Link>
          <nav className="flex gap-4 text-sm text-slate-600 dark:text-slate-400 max-md:order-last max-md:grid max-md:h-10 max-md:w-full max-md:grid-cols-4 max-md:gap-1">
            {NAV.map(([href, label]) => (
              <Link
                key={href}
                href={href}
                className="hover:text-slate-900 dark:hover:text-white max-md:flex max-md:items-center max-md:justify-center max-md:rounded max-md:text-center max-md:leading-tight max-md:active:bg-slate-100 dark:max-md:active:bg-slate-800"
              >
                {label}
              </Link>
            ))}
          </nav>
          <span className="ml-auto flex items-center gap-3">
            <BuildLabel />
            <ShortcutsHelp />
            <ThemeToggle />
          </span>
        </header>
        <QueryProvider>{children}</QueryProvider>
        <EarlyClicksEnd />
      </body>
    </html>
  );
}
