import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests run plain Node.
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    pool: "forks",
    testTimeout: 30_000,
    // Two projects in one run: the plain-Node unit tests as before, and the component tests
    // (*.test.tsx) in jsdom, so the DOM's start-up cost is paid by those files only.
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: { name: "dom", include: ["components/**/*.test.tsx", "lib/**/*.test.tsx"], environment: "jsdom", setupFiles: ["test/dom-setup.ts"] },
      },
    ],
  },
});
