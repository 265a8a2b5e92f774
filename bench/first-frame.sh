#!/usr/bin/env bash
# first-frame.sh BUILDDIR [SCALE] [RUNS] — the app's start to its first drawn
# frame with the synced cache of the demo adult at --scale SCALE, against two
# baselines in the same run: the same app with no account (its welcome
# page), and an empty libadwaita window (bench/empty-window.c: the toolkit
# and its renderer, none of Carebook). The three take turns, RUNS times
# each; prints medians and ratios, wall clock to the first frame and the
# CPU of the whole process (which quits at that frame: `carebook
# --bench-startup`). See bench/README.md.
#
# FIRST_FRAME_EXEC='COMMAND …' runs COMMAND once in the prepared environment
# instead (the app is "$APP", with its environment exported; for example
# FIRST_FRAME_EXEC='perf record -g -o /tmp/ff.data "$APP" --bench-startup').
#
# A private D-Bus session, a throwaway unlocked keyring and a private Xvfb,
# as bench/sync-full.sh; every XDG folder is temporary.
set -euo pipefail
build=$(cd "${1:?usage: first-frame.sh BUILDDIR [SCALE] [RUNS]}" && pwd)
scale=${2:-5}
runs=${3:-5}

. "$(dirname "$0")/lib.sh"
bench_in_session FIRST_FRAME_INNER "$build" "$scale" "$runs"
bench_prepare
bench_sandbox "$scale" --token-for adult

# The cache: one full sync, then the app's account at the same portal.
"$build/bench/sync-full" "$data/bench.sqlite" "$base" "$token" adult > "$data/sync.out"
grep -q '^failed 0$' "$data/sync.out" || { echo "the sync failed" >&2; exit 1; }
bench_account
bench_use_cache "$data/bench.sqlite"
bench_xvfb
export APP="$build/src/carebook"

if [ -n "${FIRST_FRAME_EXEC:-}" ]; then
  eval "$FIRST_FRAME_EXEC"
  exit
fi

# One start: wall clock to the first frame and the process's CPU.
start_once () {
  local out=$1 start frame
  start=$(date +%s%6N)
  if [ "${2:-}" = empty ]; then
    /usr/bin/time -f '%U %S' -o "$data/time.txt" "$build/bench/empty-window" > "$data/app.out" 2> /dev/null
  else
    /usr/bin/time -f '%U %S' -o "$data/time.txt" "$APP" --bench-startup > "$data/app.out" 2> /dev/null
  fi
  frame=$(sed -n 's/^first-frame //p' "$data/app.out")
  [ -n "$frame" ] || { echo "the app drew no frame" >&2; exit 1; }
  awk -v a="$start" -v b="$frame" 'BEGIN {print (b - a) / 1e6}' >> "$out.wall"
  awk '{print $1 + $2}' "$data/time.txt" >> "$out.cpu"
}

: > "$data/a.wall"; : > "$data/a.cpu"; : > "$data/b.wall"; : > "$data/b.cpu"; : > "$data/ratio"
: > "$data/c.wall"; : > "$data/c.cpu"; : > "$data/ratio_c"
for _ in $(seq "$runs"); do
  start_once "$data/a"
  XDG_CONFIG_HOME=$data/empty/config XDG_DATA_HOME=$data/empty/data XDG_CACHE_HOME=$data/empty/cache \
    start_once "$data/b"
  start_once "$data/c" empty
  paste <(tail -1 "$data/a.wall") <(tail -1 "$data/b.wall") | awk '{print $1 / $2}' >> "$data/ratio"
  paste <(tail -1 "$data/a.wall") <(tail -1 "$data/c.wall") | awk '{print $1 / $2}' >> "$data/ratio_c"
done
resources=$(sed -n 's/^resources //p' "$data/sync.out")
awk -v n="$resources" -v k="$scale" -v r="$runs" -v aw="$(median < "$data/a.wall")" \
    -v ac="$(median < "$data/a.cpu")" -v bw="$(median < "$data/b.wall")" -v bc="$(median < "$data/b.cpu")" \
    -v q="$(median < "$data/ratio")" -v cw="$(median < "$data/c.wall")" -v cc="$(median < "$data/c.cpu")" \
    -v qc="$(median < "$data/ratio_c")" 'BEGIN {
  printf "scale %d: %d resources in the cache (medians of %d, taking turns)\n", k, n, r
  printf "start to first frame with that cache: %.3f s wall, %.3f s CPU\n", aw, ac
  printf "baseline, no account (the welcome page): %.3f s wall, %.3f s CPU\n", bw, bc
  printf "ratio cache / baseline: wall %.2f (median of the pairs %.2f), CPU %.2f\n", aw / bw, q, ac / bc
  printf "empty libadwaita window (bench/empty-window): %.3f s wall, %.3f s CPU\n", cw, cc
  printf "ratio cache / empty window: wall %.2f (median of the pairs %.2f), CPU %.2f\n", aw / cw, qc, ac / cc
}'
