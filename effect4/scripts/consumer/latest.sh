#!/usr/bin/env bash
# The Effect 4 line against the newest effect 4.x: the consumer test's pack
# (with @convore/wire), install and Node smoke (run.sh), with the newest
# `effect` and `@effect/platform-node` of `^4.1.5` in place of the pinned
# 4.1.5, to catch a 4.x minor that breaks the packages before users do (not
# `@latest`, which will be effect 5 one day). Not run by CI on every
# change: its answer moves with the registry, not with this repository (run
# it on a schedule, or before a release). Any failure exits non-zero.
source "$(dirname "$0")/common.sh"

pack_line
start_mock_server
install "$work/app" effect@^4.1.5 @effect/platform-node@^4.1.5
cd "$work/app"

step "the Node smoke on Node 22 and 24, against the mock server answering 10% with 503"
wait_mock_server
smoke "node $(node --version)" node smoke-node.mjs
smoke "node 24" npx -y node@24.21.0 smoke-node.mjs
stop_mock_server
[ "$failed" = 0 ] || { echo "FAIL: the Node smoke failed on the newest effect 4.x"; exit 1; }

printf '\nconsumer test (Effect 4, the newest effect 4.x): PASS\n'
