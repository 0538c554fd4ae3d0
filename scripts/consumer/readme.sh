#!/usr/bin/env bash
# `readme.sh TARBALLS DIR`: the README as a newcomer runs it, from its own code blocks (see
# scripts/readme-blocks.mjs). Its install lines run in fresh npm projects on Node 20, 22 and 24, with the
# packed tarballs standing in for the registry's `@convore/*` (`@convore/wire` included, beneath them: none
# comes from the registry); the mock server starts as it says; the
# quickstart, the Promise program and the pagination program run under Node 22 and 24 (which run
# TypeScript as it is), each from the project its Node installed;
# its test file runs under vitest; every TypeScript block is type-checked; its command-line block runs.
# A README edit that breaks any of them fails here. The blocks named `effect4/…` are the Effect 4 line's:
# effect4/scripts/consumer/readme.sh runs them (with quickstart.ts, run-quickstart.sh and pagination.ts,
# which both lines share).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tarballs="$1"
app="$2"
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
step() { printf '\n== README: %s\n' "$1"; }
fail() {
  echo "FAIL (README): $1"
  exit 1
}

mkdir -p "$app"
cd "$app"
node "$root/scripts/readme-blocks.mjs" "$root/README.md" . effect4/install.sh install.sh quickstart.ts \
  effect4/mock-server.sh mock-server.sh run-quickstart.sh promise-program.ts effect4/promise-program.ts \
  pagination.ts follow-up.test.ts effect4/follow-up.test.ts cli.sh demo.sh test.sh
rm -r effect4 # run on effect 4, by effect4/scripts/consumer/readme.sh

version="$(node -p 'require(process.argv[1]).version' "$root/packages/client/package.json")"
wire="$(node -p 'require(process.argv[1]).version' "$root/packages/wire/package.json")"
# a package named with a dist-tag (`@convore/client@effect3`) is the tarball of this tree's line
sed -E "s#@convore/(core|client|testing|cli)(@[a-z0-9]+)?([^-a-z0-9/@]|\$)#$tarballs/convore-\\1-$version.tgz\\3#g" install.sh > install.local.sh
cat install.local.sh
! grep -q '@convore/' install.local.sh || fail "an install line names a @convore package no tarball stands in for"

# A fresh npm project (an ES module one, as the README says) in the current folder, with the README's
# install lines run there by the `node` and `npm` first on PATH; one copy of effect, no @convore/* from the registry.
install_as_written() {
  npm init -y > /dev/null
  npm pkg set type=module
  # what the registry would give for the names the lines type, and for @convore/core and @convore/wire beneath them
  npm pkg set "overrides.@convore/core=file:$tarballs/convore-core-$version.tgz" \
    "overrides.@convore/wire=file:$tarballs/convore-wire-$wire.tgz"
  bash -e "$app/install.local.sh"
  node "$root/scripts/consumer/check-install.mjs" . || fail "not one copy of effect, or a @convore package from the registry"
  node -e 'const p = require("./package.json")
    console.log(`installed on Node ${process.versions.node}:`, JSON.stringify({ ...p.dependencies, ...p.devDependencies }))'
}

step "its install lines, in a fresh npm project, on this machine's Node ($(node --version))"
install_as_written
# beside what the README asks for: the command line (`npx @convore/cli` then finds it here, as it finds
# the registry's), and TypeScript to check the blocks with
npm install --save-dev --no-audit --no-fund --loglevel=error "$tarballs/convore-cli-$version.tgz" \
  typescript@5.9.3 @types/node@22.20.5

step "every TypeScript block type-checks (strict, exactOptionalPropertyTypes, NodeNext)"
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "target": "ES2022",
    "lib": ["ES2022"],
    "types": ["node"],
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["*.ts"]
}
JSON
npx tsc -p tsconfig.json
echo "quickstart.ts promise-program.ts pagination.ts follow-up.test.ts: type-check"

step "its test file, under vitest"
npx vitest run --reporter=verbose 2>&1 | tee vitest.out
grep -q "1 passed" vitest.out || fail "the test file did not pass"

step "the mock server, started as the README says (on a free port where it says 8080)"
port="$(node -e 'const s = require("node:net").createServer().listen(0, () => { console.log(s.address().port); s.close() })')"
for block in mock-server.sh run-quickstart.sh cli.sh; do sed "s/8080/$port/g" "$block" > "local-$block"; done
# in a process group of its own: npx does not pass a signal on to the server
setsid bash -e local-mock-server.sh > server.log 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" server.log && break; sleep 0.1; done
grep -q "^listening on http://127.0.0.1:$port$" server.log || { cat server.log; fail "the mock server did not start"; }
cat server.log

for node_version in 22.23.3 24.21.0; do
  step "its install lines, then the quickstart, the Promise program and the pagination program, on Node $node_version"
  bin="$app/bin-$node_version"
  mkdir -p "$bin" "$app/on-$node_version"
  ln -sf "$(npx -y "node@$node_version" -p process.execPath)" "$bin/node"
  cd "$app/on-$node_version"
  PATH="$bin:$PATH" install_as_written
  cp "$app"/{quickstart.ts,promise-program.ts,pagination.ts,local-run-quickstart.sh} .
  output="$(PATH="$bin:$PATH" bash -e local-run-quickstart.sh 2> quickstart.err)" ||
    { cat quickstart.err; fail "the quickstart exited non-zero"; }
  echo "$output"
  [ "$output" = "2 messages" ] || fail "the quickstart printed '$output', not '2 messages'"
  output="$(PATH="$bin:$PATH" CONVORE_BASE_URL="http://127.0.0.1:$port" CONVORE_API_KEY=dev node promise-program.ts 2> promise.err)" ||
    { cat promise.err; fail "the Promise program exited non-zero"; }
  echo "$output"
  echo "$output" | sed -n 1p | grep -Eq '^sent msg_[0-9a-z]+; found: Hi$' &&
    [ "$(echo "$output" | sed -n 2p)" = "msg_01hrnotthere00000000000000: undefined" ] &&
    echo "$output" | sed -n 3p | grep -q '^NotFound: ' ||
    fail "the Promise program did not print what its comments say"
  output="$(PATH="$bin:$PATH" CONVORE_BASE_URL="http://127.0.0.1:$port" CONVORE_API_KEY=dev node pagination.ts 2> pagination.err)" ||
    { cat pagination.err; fail "the pagination program exited non-zero"; }
  listed="$(echo "$output" | grep -c '^msg_')"
  echo "$output" | tail -n 1
  echo "$output" | tail -n 1 | grep -q "^exported $listed messages to cnv_01hrak3jpaefnvk899sya9crzd.ndjson$" ||
    fail "the pagination program streamed $listed messages but did not export as many"
  [ "$(wc -l < cnv_01hrak3jpaefnvk899sya9crzd.ndjson | tr -d ' ')" = "$listed" ] ||
    fail "the export file does not hold $listed lines"
  cd "$app"
done

step "the command-line block"
bash -e local-cli.sh > cli.out 2> cli.err || { cat cli.out cli.err; fail "the command-line block exited non-zero"; }
cat cli.out
[ "$(grep -c '"id":"msg_' cli.out)" = 5 ] || fail "list (3), send and get did not print 5 messages"
ls exports/cnv_01hrak3jpaefnvk899sya9crzd.ndjson exports/cnv_01hrak7q2bx9m4c8d6e0f1g2h3.ndjson > /dev/null
grep -q '^exit code 4$' cli.out || fail "get of a missing message did not exit 4"

kill -- "-$server_pid"
wait "$server_pid" || true
server_pid=""
printf '\nREADME: PASS\n'
