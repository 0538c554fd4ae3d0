import { defineWorkspace } from "vitest/config"

const project = (name: string) => ({
  test: {
    name,
    root: `packages/${name}`,
    include: ["test/**/*.test.ts"],
    setupFiles: [new URL("./scripts/vitest-setup.ts", import.meta.url).pathname]
  }
})

export default defineWorkspace([project("core"), project("client"), project("testing")])
