// Lint and format in one pass, as the Effect monorepo does: typescript-eslint's
// recommended rules plus dprint (through @effect/eslint-plugin) as the formatter.
import * as effectEslint from "@effect/eslint-plugin"
import js from "@eslint/js"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    // effect4/ is the Effect 4 line's own workspace: linted on its own (see effect4/README.md)
    ignores: [
      "**/build/**",
      "**/dist/**",
      "**/node_modules/**",
      "**/.tmp/**",
      "packages/bench/src/peers/openapi.d.ts",
      "effect4/**"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...effectEslint.configs.dprint,
  {
    rules: {
      "@effect/dprint": ["error", {
        config: {
          indentWidth: 2,
          lineWidth: 120,
          semiColons: "asi",
          quoteStyle: "alwaysDouble",
          trailingCommas: "never",
          operatorPosition: "maintain",
          "arrowFunction.useParentheses": "force"
        }
      }],
      "@typescript-eslint/no-explicit-any": "error",
      // `interface Message extends Schema.Schema.Type<typeof Message> {}` names a schema's type, as Effect does
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/array-type": ["error", { default: "generic", readonly: "generic" }]
    }
  },
  {
    // plain Node scripts: the build script and the consumer test's programs
    files: ["**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: { console: "readonly", process: "readonly", Response: "readonly", URLSearchParams: "readonly" }
    }
  },
  {
    // the browser smoke's page, and the page functions its runner evaluates there
    files: ["scripts/consumer/browser.mjs", "scripts/consumer/run-browser.mjs"],
    languageOptions: { globals: { location: "readonly", window: "readonly" } }
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" }
  }
)
