import { defineConfig } from "vitest/config"

/** One project per package, each running its `test/` folder with Effect's equality testers. */
const project = (name: string, root = `packages/${name}`) => ({
  test: {
    name,
    root,
    include: ["test/**/*.test.ts"],
    setupFiles: [new URL("./scripts/vitest-setup.ts", import.meta.url).pathname]
  }
})

export default defineConfig({
  test: {
    projects: [project("core"), project("client"), project("testing"), project("parity", ".")]
  }
})
