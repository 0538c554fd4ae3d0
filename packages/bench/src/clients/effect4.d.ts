/**
 * The Effect 4 line's clients, `effect4/bench/<module>.ts` of the Effect 4
 * workspace, where `effect`, `@effect/platform-node` and `@convore/client`
 * are that line's. `build.ts` points esbuild at that folder under this name;
 * this program knows only their shape (effect4's own `tsc -b` checks them
 * against it), so no effect 4 type enters the Effect 3 workspace's check.
 */
declare module "@convore/bench-effect4/*" {
  /** The client that module measures. */
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module cannot import by relative path
  export const client: import("./Client.js").Client
}
