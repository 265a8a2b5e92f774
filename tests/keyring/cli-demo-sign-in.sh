# cli-demo-sign-in.sh — sourced by the CLI test scripts: starts the demo
# sandbox, signs HINT in through `carebook-cli account add` with curl as
# the browser, and syncs once. Needs $build, $cli and $home; sets $sandbox
# (kill it on exit) and $id, the connection.
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
demo_sign_in () {
  local hint=$1 base url back adding
  "$build/src/sandbox/carebook-sandbox" --seed demo --demo > "$home/sandbox.out" 2>&1 &
  sandbox=$!
  for _ in $(seq 50); do [ -s "$home/sandbox.out" ] && break; sleep 0.1; done
  base=$(head -1 "$home/sandbox.out")
  "$cli" account add "$base" --no-browser --login-hint "$hint" > "$home/add.out" 2>&1 &
  adding=$!
  for _ in $(seq 50); do grep -q "^http" "$home/add.out" && break; sleep 0.1; done
  url=$(grep "^http" "$home/add.out" | head -1)
  back=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
  curl -s -o /dev/null "$back"
  wait $adding
  id=$("$cli" account list | cut -f1 | head -1)
  "$cli" sync "$id" > "$home/sync.out" 2>&1
}
