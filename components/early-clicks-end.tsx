"use client";

import { useEffect } from "react";
import { stopEarlyClicks } from "@/lib/client/early-clicks";

/**
 * Last in the layout: once a page has hydrated (after its views took any early click), clicks are
 * React's alone (lib/client/early-clicks.ts).
 */
export function EarlyClicksEnd(): null {
  useEffect(() => stopEarlyClicks(), []);
  return null;
}
