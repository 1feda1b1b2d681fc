/** Holds back every script of the app until `release()`: the page is as the server rendered it, not hydrated. */
import type { Page } from "@playwright/test";

export async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/**/*.js", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
