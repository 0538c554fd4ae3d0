#!/usr/bin/env bash
# The consumer test (`pnpm test:consumer`): the published packages as a
# stranger gets them. Packs wire, core, client, testing and cli (their
# `prepack` builds), checks what the tarballs hold, lints them with publint and
# arethetypeswrong, runs the README as written (readme.sh), installs them with
# the lowest peer versions and runs a program there, installs them with plain
# npm into a project outside the workspace (every install: one copy of effect,
# and each `@convore/*` from its tarball, never from the registry, where
# `@convore/wire` is not published yet), then runs a plain-node ESM program, the
# `convore` command with npx against a mock server with faults, a
# `require()` program, type-checks a user's TypeScript under NodeNext and
# Bundler, and runs the runtime smoke on Node 20, 22 and 24, Bun, Deno,
# workerd and Chromium (installed from Debian when missing). Any failure exits
# non-zero.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/scripts/consumer"
work="$(mktemp -d "${TMPDIR:-/tmp}/convore-consumer.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$1"; }

step "pack"
for package in wire core client testing cli; do
  (cd "$root/packages/$package" && npx -y pnpm@10 pack --pack-destination "$work/tarballs" > /dev/null)
done
for tarball in "$work"/tarballs/*.tgz; do
  name="$(basename "$tarball" .tgz)"
  mkdir -p "$work/unpacked/$name"
  tar -xzf "$tarball" -C "$work/unpacked/$name" --strip-components=1
  printf '%s: %s bytes, %s files\n' "$(basename "$tarball")" "$(wc -c < "$tarball" | tr -d ' ')" \
    "$(tar -tzf "$tarball" | wc -l | tr -d ' ')"
done

step "what the tarballs hold"
node "$here/check-tarballs.mjs" "$work"/unpacked/*

step "publint"
for dir in "$work"/unpacked/*; do npx -y publint@0.3.25 "$dir" --strict --pack false; done

step "arethetypeswrong (ESM only)"
for tarball in "$work"/tarballs/*.tgz; do
  npx -y @arethetypeswrong/cli@0.18.5 "$tarball" --profile esm-only --format table-flipped
done

step "the README as written"
bash "$here/readme.sh" "$work/tarballs" "$work/readme"

step "npm install of the tarballs and their peers at the lowest versions the peer ranges allow"
lowest="$work/lowest"
mkdir "$lowest"
cp "$here/smoke.mjs" "$lowest"
printf '{ "name": "convore-lowest", "private": true, "type": "module" }\n' > "$lowest/package.json"
(
  cd "$lowest"
  npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/convore-{wire,core,client,testing}-*.tgz \
    effect@3.22.2 @effect/platform@0.97.2 @effect/platform-node@0.108.2
  node "$here/check-install.mjs" .
  node -e 'for (const p of ["effect", "@effect/platform", "@effect/platform-node"])
    console.log(p, require(`./node_modules/${p}/package.json`).version)'
  node smoke.mjs
)

step "npm install of the tarballs and their peers, outside the workspace"
app="$work/app"
mkdir "$app"
cp "$here"/*.mjs "$here/require.cjs" "$here/types.ts" "$here"/tsconfig.*.json "$app"
cd "$app"
printf '{ "name": "convore-consumer", "private": true, "type": "module" }\n' > package.json
# @types/ws: @effect/platform-node's own declarations import "ws", which skipLibCheck: false then checks;
# esbuild, miniflare and playwright-core bundle and run the Worker and browser smokes
npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz \
  effect@3.22.4 @effect/platform@0.97.2 @effect/platform-node@0.108.2 \
  typescript@5.9.3 @types/node@22.20.5 @types/ws@8.18.2 \
  esbuild@0.28.2 miniflare@4.20260730.0 playwright-core@1.65.1
node "$here/check-install.mjs" .

step "an ESM program with plain node"
node smoke.mjs

step "the convore command from its tarball, with npx, against a mock server with faults on"
setsid npx convore-mock-server --port 0 --api-key sk_cli --failure-rate 0.1 --retry-after 0 --seed 3 > cli-server.log &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" cli-server.log && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' cli-server.log)"
[ -n "$url" ] || { echo "FAIL: the mock server did not start"; cat cli-server.log; exit 1; }
export CONVORE_BASE_URL="$url" CONVORE_API_KEY=sk_cli
conversations="cnv_01hrak3jpaefnvk899sya9crzd cnv_01hrak7q2bx9m4c8d6e0f1g2h3 cnv_01hrakb5sd3f4g5h6j7k8m9n0p"
# shellcheck disable=SC2086
npx convore export $conversations --out exports --limit 5 --max-retries 8
listed="$(npx convore list cnv_01hrak7q2bx9m4c8d6e0f1g2h3 --max-retries 8 | wc -l | tr -d ' ')"
exported="$(wc -l < exports/cnv_01hrak7q2bx9m4c8d6e0f1g2h3.ndjson | tr -d ' ')"
[ "$listed" = "$exported" ] && [ "$exported" -gt 0 ] ||
  { echo "FAIL: list printed $listed messages, the export wrote $exported"; exit 1; }
node -e 'for (let i = 0; i < 200; i++) console.log(JSON.stringify({ conversation_id: process.argv[1],
  date: new Date(Date.UTC(2023, 0, 1) + i * 60000).toISOString(), recipients: [], body: `line ${i}`,
  sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" } }))' \
  cnv_01hrakb5sd3f4g5h6j7k8m9n0p > import.ndjson
npx convore import import.ndjson --max-retries 8
npx convore import import.ndjson --max-retries 8
imported="$(npx convore list cnv_01hrakb5sd3f4g5h6j7k8m9n0p --max-retries 8 | grep -c '"body":"line ' || true)"
[ "$imported" = "200" ] || { echo "FAIL: two imports of 200 lines left $imported messages, not 200"; exit 1; }
status=0
npx convore get msg_nope --max-retries 8 2> get.err || status=$?
[ "$status" = 4 ] && grep -q '^NotFound: ' get.err || { echo "FAIL: get msg_nope exited $status: $(cat get.err)"; exit 1; }
npx convore --completions bash | grep -q convore || { echo "FAIL: no bash completions"; exit 1; }
# first contact, through the built bin: exit codes and what stderr says
expect_exit() { # CODE PATTERN COMMAND...: the command exits CODE and its stderr matches PATTERN
  local code="$1" pattern="$2" status=0
  shift 2
  "$@" > first.out 2> first.err || status=$?
  [ "$status" = "$code" ] && grep -Eq "$pattern" first.err ||
    { echo "FAIL: '$*' exited $status (not $code), stderr: $(cat first.err)"; exit 1; }
}
expect_exit 4 '^cnv_01hrtypo0000000000000000: no messages: not a conversation, or an empty one' \
  npx convore list cnv_01hrtypo0000000000000000
expect_exit 4 '^cnv_01hrtypo0000000000000000: no messages' npx convore export cnv_01hrtypo0000000000000000 --out typo
expect_exit 3 'give --api-key KEY or set CONVORE_API_KEY' env -u CONVORE_API_KEY npx convore list cnv_x
expect_exit 6 'could not connect to http://127.0.0.1:1: check --base-url or CONVORE_BASE_URL' \
  npx convore get msg_1 --base-url http://127.0.0.1:1 --max-retries 0
npx convore export --help > help.txt
! grep -q $'\e' help.txt && grep -q '^\$ convore export' help.txt && ! grep -q 'A user-defined piece of text' help.txt &&
  [ "$(awk '{ if (length > max) max = length } END { print max }' help.txt)" -le 100 ] ||
  { echo "FAIL: convore export --help, piped: colour, a usage without 'convore', the stock text or long lines"; exit 1; }
sent="$(printf 'two lines\nend\n' | npx convore send --channel chnnl_01hrak3jpaefnvk899sya9crzd --to bob@example.com)"
node -e 'if (JSON.parse(process.argv[1]).body !== "two lines\nend") process.exit(1)' "$sent" ||
  { echo "FAIL: send kept the trailing newline: $sent"; exit 1; }
echo "export, list, import twice (200 messages, none twice), NotFound exits 4, completions: all as documented"
echo "first contact: an empty conversation exits 4, no key 3, no connection names --base-url, help piped is plain, send drops one newline"
unset CONVORE_BASE_URL CONVORE_API_KEY
kill -- "-$server_pid"
wait "$server_pid" || true
server_pid=""

step "a CommonJS program with require()"
node require.cjs

step "tsc --strict, skipLibCheck false: NodeNext, then Bundler"
npx tsc -p tsconfig.nodenext.json
npx tsc -p tsconfig.bundler.json
echo "both type-check"

if ! command -v chromium > /dev/null; then
  step "Debian's Chromium, for the browser smoke"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null ||
    { echo "FAIL: the browser smoke needs Debian's chromium (apt-get install chromium, as root)"; exit 1; }
fi

step "the runtime smoke on every runtime we claim, against one mock server answering 10% with 503"
setsid npx convore-mock-server --port 0 --api-key sk_smoke --failure-rate 0.1 --seed 7 > smoke-server.log &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" smoke-server.log && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' smoke-server.log)"
[ -n "$url" ] || { echo "FAIL: the mock server did not start"; cat smoke-server.log; exit 1; }
failed=0
smoke() {
  local name="$1"
  shift
  local started=$SECONDS
  # each runtime prints its own PASS/FAIL line; the seconds include fetching the runtime from npm
  "$@" "$name" "$url" sk_smoke || failed=1
  echo "  ($name took $((SECONDS - started)) s)"
}
smoke "node $(node --version)" node run-smoke.mjs
smoke "node 22" npx -y node@22.23.3 run-smoke.mjs
smoke "node 24" npx -y node@24.21.0 run-smoke.mjs
smoke "bun 1.4" npx -y bun@1.4.5 run-smoke.mjs
smoke "deno 2.9" npx -y deno@2.9.6 run --allow-env --allow-net --allow-read run-smoke.mjs
# Miniflare needs Node 22 or later to run workerd
smoke "workerd (miniflare 4.20260730)" npx -y node@22.23.3 run-worker.mjs
smoke "$(chromium --version 2>/dev/null | tr -s ' ' | cut -d' ' -f1,2), headless" node run-browser.mjs
kill -- "-$server_pid"
wait "$server_pid" || true
server_pid=""
[ "$failed" = 0 ] || { echo "FAIL: a runtime smoke failed"; exit 1; }

printf '\nconsumer test: PASS\n'
