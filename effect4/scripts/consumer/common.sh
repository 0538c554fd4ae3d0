# shellcheck shell=bash
# What run.sh and latest.sh share (sourced, not run): a scratch folder outside
# the workspace, the pack of the Effect 4 line's packages and of @convore/wire,
# an npm install of them into a fresh project on Node 22, and the Effect 3
# line's mock server.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
line="$root/effect4"
here="$line/scripts/consumer"
v3="$root/scripts/consumer"
work="$(mktemp -d "${TMPDIR:-/tmp}/convore-consumer4.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$1"; }

# npm, npx and every plain `node` below run on Node 22.23.3: @effect/platform-node 4 needs Node 22.19 or later
node22="$(npx -y node@22.23.3 -p process.execPath)"
export PATH="$(dirname "$node22"):$PATH"

# pack_line: packs core, client and testing (each `prepack` builds its dist/ anew) into $work/tarballs, with
# the @convore/wire they depend on (packed from the root workspace, which publishes it and whose typescript
# builds it: the root must be installed), unpacked into $work/unpacked, and checks what they hold
pack_line() {
  step "pack (Node $(node --version))"
  for package in core client testing; do
    (cd "$line/packages/$package" && npx -y pnpm@10 pack --pack-destination "$work/tarballs" > /dev/null)
  done
  (cd "$root" && npx -y pnpm@10 -C packages/wire pack --pack-destination "$work/tarballs" > /dev/null)
  for tarball in "$work"/tarballs/*.tgz; do
    name="$(basename "$tarball" .tgz)"
    mkdir -p "$work/unpacked/$name"
    tar -xzf "$tarball" -C "$work/unpacked/$name" --strip-components=1
    local files built missing
    files="$(tar -tzf "$tarball")"
    built="$(grep -c '^package/dist/.*\.js$' <<< "$files" || true)"
    printf '%s: %s bytes, %s files, %s of them dist/*.js\n' "$(basename "$tarball")" \
      "$(wc -c < "$tarball" | tr -d ' ')" "$(wc -l <<< "$files" | tr -d ' ')" "$built"
    # every module of src/ built (a stale build info once made `tsc -b` skip the build)
    missing="$(sed -n 's|^package/src/\(.*\)\.ts$|package/dist/\1.js|p' <<< "$files" | grep -vxF -f <(echo "$files") || true)"
    [ "$built" -gt 0 ] && [ -z "$missing" ] ||
      { echo "FAIL: $(basename "$tarball") lacks dist/*.js: ${missing:-all of them}"; exit 1; }
  done

  step "what the tarballs hold (the Effect 3 line's checks)"
  node "$v3/check-tarballs.mjs" "$work"/unpacked/*
}

# install DIR PACKAGE...: a fresh npm project in DIR (outside the workspace) with the tarballs and PACKAGE...,
# exactly one copy of effect in it, and every @convore/* from its tarball (none from the registry)
install() {
  local app="$1"
  shift
  step "npm install of the tarballs and $* (npm $(npm --version), Node $(node --version))"
  mkdir "$app"
  printf '{ "name": "convore-consumer-effect4", "private": true, "type": "module" }\n' > "$app/package.json"
  (cd "$app" && npm install --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz "$@")
  (cd "$app" && node -e 'for (const p of ["effect", "@effect/platform-node"])
    console.log(p, require(`./node_modules/${p}/package.json`).version)')
  node "$v3/check-install.mjs" "$app"
  cp "$here"/*.mjs "$app"
}

# start_mock_server: the Effect 3 line's mock server (the `convore-mock-server` bin, run from its source:
# it serves either line), answering 10% of requests with 503, in a process group of its own; sets $url
start_mock_server() {
  (cd "$root" && exec setsid npx tsx packages/testing/src/bin/mock-server.ts --port 0 --api-key sk_smoke \
    --failure-rate 0.1 --seed 7 > "$work/server.log") &
  server_pid=$!
}

# wait_mock_server: waits for the server start_mock_server started to say where it listens
wait_mock_server() {
  for _ in $(seq 1 600); do grep -q "listening on" "$work/server.log" && break; sleep 0.1; done
  url="$(sed -n 's/^listening on //p' "$work/server.log")"
  [ -n "$url" ] || { echo "FAIL: the mock server did not start"; cat "$work/server.log"; exit 1; }
}

stop_mock_server() {
  kill -- "-$server_pid"
  wait "$server_pid" || true
  server_pid=""
}

# smoke NAME COMMAND...: runs COMMAND NAME URL KEY, which prints its own PASS/FAIL line; sets failed=1 on a failure
failed=0
smoke() {
  local name="$1" started=$SECONDS
  shift
  "$@" "$name" "$url" sk_smoke || failed=1
  # the seconds include fetching the runtime from npm
  echo "  ($name took $((SECONDS - started)) s)"
}
