import type { Reporter, TestModule } from "vitest/node"

/**
 * Ends the run with the line `N passed, N failed[, N skipped]`, the form CI
 * reads. Listed after the default reporter, it prints after its summary.
 * (The root's reporter prints in `onFinished`, which vitest 5 no longer calls.)
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      const tests = Array.from(module.children.allTests())
      // a file that failed to load has no tests, and still fails the run
      if (tests.length === 0 && module.state() === "failed") failed++
      for (const test of tests) {
        const state = test.result().state
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`)
  }
}
