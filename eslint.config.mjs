// ESLint flat config. `npm run lint` runs it with Prettier's check and knip.
// Layers (DESIGN.md): app -> components -> lib; lib/analysis and lib/model.ts import no source;
// routes, lib/http and lib/readiness reach a source through getSource() and the Source interface
// only, never an implementation; components import no server module. Paths are resolved (the `@/` alias and relative imports alike),
// and type-only imports count: a type that both sides need belongs in lib/model.ts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";

const SERVER_MODULES = ["server-only", "node:*", "better-sqlite3", "better-sqlite3/*", "@aws-sdk/*"];

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "out/**",
      "node_modules/**",
      "next-env.d.ts",
      "reports/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      ".cache/**",
      "bench/results/**",
      "docs/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX },
    settings: {
      // How import-x parses the modules it follows (no-cycle reads them; without this it skips every .ts file).
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      // Unused bindings are errors, but `_`-prefixed ones are the code's way of saying "deliberately unused".
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      // Control characters in regular expressions are deliberate here: input validation rejects them (query-params, pivot filters, X-Ray filters).
      "no-control-regex": "off",
    },
  },
  {
    // React code: hooks rules (the two classic rules; the React Compiler rules of v7's preset
    // describe a compiler this project does not use) and accessibility.
    files: ["app/**/*.tsx", "components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    languageOptions: jsxA11y.flatConfigs.recommended.languageOptions,
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // autoFocus only moves focus into a dialog or inline editor the user has just opened, as the WAI-ARIA dialog pattern asks.
      "jsx-a11y/no-autofocus": "off",
    },
  },
  {
    // CommonJS files (next.config.js, the Node 24 addon hook).
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // Layer boundaries, on resolved paths.
  {
    files: ["**/*.{ts,tsx,mts}"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./components", "./app"], message: "lib is below components and app (DESIGN.md layers)." },
            { target: "./components", from: "./app", message: "components are below app (DESIGN.md layers)." },
            {
              target: "./components",
              from: ["./lib/sources", "./lib/config.ts", "./lib/config-error.ts"],
              message: "components never know which source is behind them, and import no server module.",
            },
            {
              target: ["./lib/analysis", "./lib/model.ts"],
              from: "./lib/sources",
              message: "lib/analysis and lib/model.ts import no source: move shared pure types into lib/model.ts.",
            },
            {
              target: ["./app/api", "./lib/http", "./lib/readiness"],
              from: ["./lib/sources/aws", "./lib/sources/local"],
              message:
                "routes (and lib/http, lib/readiness) ask getSource() and the Source interface (lib/sources/source.ts) only: what one source has is an optional method or a capability of Source.",
            },
          ],
        },
      ],
    },
  },
  {
    // lib/client runs in the browser too (the API's client modules, the URL-state and keyboard hooks).
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: SERVER_MODULES, message: "components run in the browser: no server module (server-only, node:*, better-sqlite3, AWS SDK)." }] },
      ],
    },
  },
);
