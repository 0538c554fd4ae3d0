#!/usr/bin/env bash
# The consumer test of the Effect 4 line (`pnpm test:consumer` in effect4/):
# the published packages as a stranger on effect 4 gets them. Packs core,
# client and testing (their `prepack` builds dist/ anew) and the root's
# @convore/wire they depend on, checks what the tarballs hold, runs the root
# README's Effect 4 blocks as written (readme.sh: its install lines on Node 22
# and 24, the mock server as it tells an effect 4 user, the quickstart, Promise
# and pagination programs, the test file under vitest 5), installs the
# tarballs with plain npm on Node 22 into a project outside the workspace
# with effect 4.1.5 and @effect/platform-node 4.1.5 (one copy of effect, no
# @convore/* from the registry), type-checks a user's TypeScript strictly
# under NodeNext and Bundler, then runs the smoke against the Effect 3 line's
# mock server answering 10% with 503: on Node 22 and 24 (plus an export to a
# file, MockServer.layer and the in-memory layer under TestClock), Bun, Deno,
# workerd and Chromium (installed from Debian when missing), all over
# `FetchHttpClient` from `effect/http`. The command-line, Worker and browser
# runners are the Effect 3 line's (scripts/consumer/), which only call
# `runSmoke` of the smoke-core.mjs beside them. Any failure exits non-zero.
source "$(dirname "$0")/common.sh"

pack_line

step "the README's Effect 4 blocks as written"
bash "$here/readme.sh" "$work/tarballs" "$work/readme"

app="$work/app"
install "$app" effect@4.1.5 @effect/platform-node@4.1.5 typescript@5.9.3 @types/node@22.20.7 \
  esbuild@0.28.2 miniflare@4.20260730.0 playwright-core@1.65.1
cp "$v3"/{run-smoke,run-worker,worker,run-browser,browser}.mjs "$v3"/tsconfig.{nodenext,bundler}.json "$here/types.ts" \
  "$app"
cd "$app"

# the server starts (tsx compiles its source) while tsc runs
start_mock_server

step "tsc --strict, exactOptionalPropertyTypes, skipLibCheck false: NodeNext, then Bundler"
npx tsc -p tsconfig.nodenext.json
npx tsc -p tsconfig.bundler.json
echo "both type-check"

if ! command -v chromium > /dev/null; then
  step "Debian's Chromium, for the browser smoke"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null ||
    { echo "FAIL: the browser smoke needs Debian's chromium (apt-get install chromium, as root)"; exit 1; }
fi

step "the smoke on every runtime we claim, against one mock server answering 10% with 503"
wait_mock_server
smoke "node $(node --version)" node smoke-node.mjs
smoke "node 24" npx -y node@24.21.0 smoke-node.mjs
smoke "bun 1.4" npx -y bun@1.4.5 run-smoke.mjs
smoke "deno 2.9" npx -y deno@2.9.6 run --allow-env --allow-net --allow-read run-smoke.mjs
smoke "workerd (miniflare 4.20260730)" node run-worker.mjs
smoke "$(chromium --version 2>/dev/null | tr -s ' ' | cut -d' ' -f1,2), headless" node run-browser.mjs
stop_mock_server
[ "$failed" = 0 ] || { echo "FAIL: a runtime smoke failed"; exit 1; }

printf '\nconsumer test (Effect 4): PASS\n'
