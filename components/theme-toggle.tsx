"use client";

import { useEffect, useState } from "react";

type Theme = "light" | "dark";

/** Light/dark toggle; the initial theme (saved choice, else the system's) is set before paint by the layout. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => {
    // Re-apply the saved (else the system's) theme: the class set before paint is lost if React
    // ever re-creates <html> on the client after a hydration mismatch.
    const saved = localStorage.getItem("sightline-theme");
    const dark = saved ? saved === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.classList.toggle("dark", dark);
    setTheme(dark ? "dark" : "light");
  }, []);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-label={theme === null ? "Switch between the light and dark themes" : `Switch to ${next} theme`}
      onClick={() => {
        document.documentElement.classList.toggle("dark", next === "dark");
        localStorage.setItem("sightline-theme", next);
        setTheme(next);
      }}
      className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800 max-md:min-h-10 max-md:px-3"
    >
      {theme === null ? (
        // Before hydration the theme is the one the layout's script set (the `dark` class): CSS picks the label.
        <>
          <span className="dark:hidden">☾ Dark</span>
          <span className="hidden dark:inline">☀ Light</span>
        </>
      ) : theme === "dark" ? (
        "☀ Light"
      ) : (
        "☾ Dark"
      )}
    </button>
  );
}
