#!/usr/bin/env bash
# `readme.sh TARBALLS DIR` (run by run.sh, with this line's tarballs and @convore/wire's in TARBALLS): the
# root README's Effect 4 blocks as a newcomer on effect 4 runs them, the blocks named `effect4/…` and those
# both lines share (quickstart.ts, run-quickstart.sh, pagination.ts; the Effect 3 line's readme.sh checks
# that every block has a runner). Its Effect 4 install lines run in fresh npm projects on Node 22 and 24,
# with the tarballs standing in for the registry's `@convore/*@effect4` (and for @convore/core and
# @convore/wire beneath them: none comes from the registry); every TypeScript block type-checks (strict,
# exactOptionalPropertyTypes, NodeNext); the mock server starts as the README tells an effect 4 user
# (`npx -p @convore/testing@effect3`, the Effect 3 line's packages packed here standing in); the quickstart,
# the Promise program and the pagination program run against it, and the test file passes under vitest 5,
# on each Node from the project that Node installed. A README edit that breaks any of them fails here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
tarballs="$1"
app="$2"
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
step() { printf '\n== README (Effect 4): %s\n' "$1"; }
fail() {
  echo "FAIL (README, Effect 4): $1"
  exit 1
}
version() { node -p 'require(process.argv[1]).version' "$root/$1/package.json"; }

mkdir -p "$app"
cd "$app"
node "$root/scripts/readme-blocks.mjs" "$root/README.md" blocks
v4="$(version effect4/packages/client)"
v3="$(version packages/client)"
wire="$(version packages/wire)"

step "the Effect 3 line's packages, for its convore-mock-server bin"
for package in core client testing; do
  (cd "$root/packages/$package" && npx -y pnpm@10 pack --pack-destination "$app/effect3" > /dev/null)
done
ls "$app/effect3"

# the Effect 4 line as the README names it (`@convore/client@effect4`), and the mock server's package
# (`-p @convore/testing@effect3`) with the packages it needs, from the tarballs
sed -E "s#@convore/(core|client|testing)@effect4([^-a-z0-9/@]|\$)#$tarballs/convore-\\1-$v4.tgz\\2#g" \
  blocks/effect4/install.sh > install.local.sh
cat install.local.sh
port="$(node -e 'const s = require("node:net").createServer().listen(0, () => { console.log(s.address().port); s.close() })')"
sed -E -e "s#-p @convore/testing@effect3 #-p $app/effect3/convore-testing-$v3.tgz -p $app/effect3/convore-client-$v3.tgz \
-p $app/effect3/convore-core-$v3.tgz -p $tarballs/convore-wire-$wire.tgz #" -e "s/8080/$port/g" \
  blocks/effect4/mock-server.sh > local-mock-server.sh
sed "s/8080/$port/g" blocks/run-quickstart.sh > local-run-quickstart.sh
cat local-mock-server.sh
! grep -q '@convore/' install.local.sh local-mock-server.sh ||
  fail "a command names a @convore package no tarball stands in for"

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

for node_version in 22.23.3 24.21.0; do
  bin="$app/bin-$node_version"
  mkdir -p "$bin" "$app/on-$node_version"
  ln -sf "$(npx -y "node@$node_version" -p process.execPath)" "$bin/node"
  cd "$app/on-$node_version"
  export PATH="$bin:$PATH"

  step "its Effect 4 install lines, in a fresh npm project (an ES module one), on Node $(node --version)"
  npm init -y > /dev/null
  npm pkg set type=module
  npm pkg set "overrides.@convore/core=file:$tarballs/convore-core-$v4.tgz" \
    "overrides.@convore/wire=file:$tarballs/convore-wire-$wire.tgz"
  bash -e "$app/install.local.sh"
  node "$root/scripts/consumer/check-install.mjs" . ||
    fail "not one copy of effect, or a @convore package from the registry"
  node -e 'const p = require("./package.json")
    console.log(`installed:`, JSON.stringify({ ...p.dependencies, ...p.devDependencies }))'
  cp "$app"/blocks/{quickstart.ts,pagination.ts} "$app"/blocks/effect4/{promise-program.ts,follow-up.test.ts} \
    "$app"/{tsconfig.json,local-mock-server.sh,local-run-quickstart.sh} .

  if [ -z "$server_pid" ]; then
    step "the mock server, started as the README tells an effect 4 user (on a free port where it says 8080)"
    # in a process group of its own: npx does not pass a signal on to the server; `npm_config_yes`: the
    # answer a person gives npx's question whether to install the package
    npm_config_yes=true setsid bash -e local-mock-server.sh > "$app/server.log" 2>&1 &
    server_pid=$!
  fi

  step "its TypeScript blocks type-check (strict, exactOptionalPropertyTypes, NodeNext), then its test file under vitest 5"
  # beside what the README asks for: TypeScript to check the blocks with
  npm install --save-dev --no-audit --no-fund --loglevel=error typescript@5.9.3 @types/node@22.20.7
  npx tsc -p tsconfig.json
  echo "quickstart.ts pagination.ts promise-program.ts follow-up.test.ts: type-check"
  npx vitest run --reporter=verbose 2>&1 | tee vitest.out || fail "vitest failed on Node $node_version"
  grep -q "1 passed" vitest.out || fail "the test file did not pass on Node $node_version"

  for _ in $(seq 1 1200); do grep -q "listening on" "$app/server.log" && break; sleep 0.1; done
  grep -q "^listening on http://127.0.0.1:$port$" "$app/server.log" ||
    { cat "$app/server.log"; fail "the mock server did not start"; }

  step "the quickstart, the Promise program and the pagination program, on Node $(node --version)"
  output="$(bash -e local-run-quickstart.sh 2> quickstart.err)" ||
    { cat quickstart.err; fail "the quickstart exited non-zero"; }
  echo "$output"
  [ "$output" = "2 messages" ] || fail "the quickstart printed '$output', not '2 messages'"
  export CONVORE_BASE_URL="http://127.0.0.1:$port" CONVORE_API_KEY=dev
  output="$(node promise-program.ts 2> promise.err)" || { cat promise.err; fail "the Promise program exited non-zero"; }
  echo "$output"
  echo "$output" | sed -n 1p | grep -Eq '^sent msg_[0-9a-z]+; found: Hi$' &&
    [ "$(echo "$output" | sed -n 2p)" = "msg_01hrnotthere00000000000000: undefined" ] &&
    echo "$output" | sed -n 3p | grep -q '^NotFound: ' ||
    fail "the Promise program did not print what its comments say"
  output="$(node pagination.ts 2> pagination.err)" || { cat pagination.err; fail "the pagination program exited non-zero"; }
  unset CONVORE_BASE_URL CONVORE_API_KEY
  listed="$(echo "$output" | grep -c '^msg_')"
  echo "$output" | tail -n 1
  echo "$output" | tail -n 1 | grep -q "^exported $listed messages to cnv_01hrak3jpaefnvk899sya9crzd.ndjson$" ||
    fail "the pagination program streamed $listed messages but did not export as many"
  [ "$(wc -l < cnv_01hrak3jpaefnvk899sya9crzd.ndjson | tr -d ' ')" = "$listed" ] ||
    fail "the export file does not hold $listed lines"
  PATH="${PATH#"$bin:"}"
  cd "$app"
done

head -n 1 "$app/server.log"
kill -- "-$server_pid"
wait "$server_pid" || true
server_pid=""
printf '\nREADME (Effect 4): PASS\n'
