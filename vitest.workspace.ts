import { defineWorkspace } from "vitest/config"

const project = (name: string, root = `packages/${name}`) => ({
  test: {
    name,
    root,
    include: ["test/**/*.test.ts"],
    setupFiles: [new URL("./scripts/vitest-setup.ts", import.meta.url).pathname]
  }
})

export default defineWorkspace([
  project("wire"),
  project("core"),
  project("client"),
  project("testing"),
  project("cli"),
  project("examples", "examples")
])
