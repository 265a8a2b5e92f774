#!/usr/bin/env bash
# first-frame-pairs.sh BUILD_BEFORE BUILD_AFTER [SCALE] [RUNS] — two builds'
# start to their first drawn frame, each with its own synced cache of the
# demo adult at --scale SCALE, taking turns with an empty libadwaita window
# (BUILD_AFTER's bench/empty-window) in the same minutes. Each build signs
# in with its own carebook-cli and fills its cache with its own
# bench/sync-full (the schema may differ between them), in XDG folders of
# its own, against one sandbox (BUILD_AFTER's). BUILD_BEFORE needs
# src/carebook, src/cli/carebook-cli, bench/sync-full and
# data/gschemas.compiled. Prints medians of RUNS and of the pairs' ratios;
# the renderer is whatever the environment says (e.g. GSK_RENDERER=cairo).
# See bench/README.md, "Issue 18, sixth stop".
set -euo pipefail
before=$(cd "${1:?usage: first-frame-pairs.sh BUILD_BEFORE BUILD_AFTER [SCALE] [RUNS]}" && pwd)
after=$(cd "${2:?usage: first-frame-pairs.sh BUILD_BEFORE BUILD_AFTER [SCALE] [RUNS]}" && pwd)
scale=${3:-5}
runs=${4:-5}

build=$after
. "$(dirname "$0")/lib.sh"
bench_in_session FIRST_FRAME_PAIRS_INNER "$before" "$after" "$scale" "$runs"
bench_prepare
bench_sandbox "$scale" --token-for adult
bench_xvfb

# setup NAME BUILD: NAME's XDG folders, account and cache, made by BUILD.
setup () {
  local name=$1 b=$2
  mkdir -p "$data/$name/config" "$data/$name/data" "$data/$name/cache"
  (
    export XDG_CONFIG_HOME=$data/$name/config XDG_DATA_HOME=$data/$name/data XDG_CACHE_HOME=$data/$name/cache
    build=$b
    "$b/bench/sync-full" "$data/$name.sqlite" "$base" "$token" adult > "$data/$name.sync"
    grep -q '^failed 0$' "$data/$name.sync" || { echo "$name: the sync failed" >&2; exit 1; }
    bench_account
    bench_use_cache "$data/$name.sqlite"
  )
}
setup before "$before"
setup after "$after"

# start_once NAME BUILD: one start, wall clock to the first frame and CPU.
start_once () {
  local name=$1 b=$2 start frame
  start=$(date +%s%6N)
  if [ "$name" = empty ]; then
    /usr/bin/time -f '%U %S' -o "$data/time.txt" "$b/bench/empty-window" > "$data/app.out" 2> /dev/null
  else
    XDG_CONFIG_HOME=$data/$name/config XDG_DATA_HOME=$data/$name/data XDG_CACHE_HOME=$data/$name/cache \
      GSETTINGS_SCHEMA_DIR="$b/data" CAREBOOK_LOCALEDIR="$b/po" CAREBOOK_DATADIR="$(dirname "$b")/data" \
      /usr/bin/time -f '%U %S' -o "$data/time.txt" "$b/src/carebook" --bench-startup > "$data/app.out" 2> /dev/null
  fi
  frame=$(sed -n 's/^first-frame //p' "$data/app.out")
  [ -n "$frame" ] || { echo "$name drew no frame" >&2; exit 1; }
  awk -v a="$start" -v b="$frame" 'BEGIN {print (b - a) / 1e6}' >> "$data/$name.wall"
  awk '{print $1 + $2}' "$data/time.txt" >> "$data/$name.cpu"
}

# One untimed start of each first: Mesa's shader cache (in each one's
# XDG_CACHE_HOME) warm, as at a user's second start.
start_once before "$before"; start_once after "$after"; start_once empty "$after"
for f in before after empty; do : > "$data/$f.wall"; : > "$data/$f.cpu"; done
: > "$data/r_ab"; : > "$data/r_ae"; : > "$data/r_be"
for _ in $(seq "$runs"); do
  start_once before "$before"
  start_once after "$after"
  start_once empty "$after"
  b=$(tail -1 "$data/before.wall"); a=$(tail -1 "$data/after.wall"); e=$(tail -1 "$data/empty.wall")
  awk -v a="$a" -v b="$b" 'BEGIN {print a / b}' >> "$data/r_ab"
  awk -v a="$a" -v e="$e" 'BEGIN {print a / e}' >> "$data/r_ae"
  awk -v b="$b" -v e="$e" 'BEGIN {print b / e}' >> "$data/r_be"
done
printf 'scale %d: %s / %s resources (medians of %d, in turns; renderer %s; load %s)\n' "$scale" \
  "$(sed -n 's/^resources //p' "$data/before.sync")" "$(sed -n 's/^resources //p' "$data/after.sync")" "$runs" \
  "${GSK_RENDERER:-default}" "$(cut -d' ' -f1-3 /proc/loadavg)"
for f in before after empty; do
  printf '%-6s first frame %.3f s wall, %.3f s CPU\n' "$f" "$(median < "$data/$f.wall")" "$(median < "$data/$f.cpu")"
done
printf 'pairs: after / before %.2f, before / empty %.2f, after / empty %.2f\n' \
  "$(median < "$data/r_ab")" "$(median < "$data/r_be")" "$(median < "$data/r_ae")"
