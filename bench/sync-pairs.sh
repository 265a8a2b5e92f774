#!/usr/bin/env bash
# sync-pairs.sh BUILD_BEFORE BUILD_AFTER [SCALE] [RUNS] — two builds' first
# syncs of the demo adult at --scale SCALE, taking turns against one
# sandbox (BUILD_AFTER's), each into an empty cache, with the floor
# (BUILD_AFTER's bench/store-floor on the same pages) measured in every
# turn too. Prints medians of RUNS: wall clock, CPU of the syncing process
# (user + system) a resource, peak RSS, and each sync over the floors
# "rows, indexes and FTS5" and "deferred". BUILD_BEFORE needs only
# bench/sync-full (e.g. `meson compile -C B bench/sync-full` in a copy of
# an older commit); with its bench/store-floor too, its floor is measured
# in every turn as well and printed beside (a floor is written into a
# cache made by its build's own code: the page size is the build's). See
# bench/README.md.
set -euo pipefail
before=$(cd "${1:?usage: sync-pairs.sh BUILD_BEFORE BUILD_AFTER [SCALE] [RUNS]}" && pwd)
after=$(cd "${2:?usage: sync-pairs.sh BUILD_BEFORE BUILD_AFTER [SCALE] [RUNS]}" && pwd)
scale=${3:-5}
runs=${4:-5}

build=$after   # the sandbox is the newer build's
. "$(dirname "$0")/lib.sh"
bench_data
bench_sandbox "$scale" --token-for adult

now () { date +%s.%N; }

# The pages, once, for the floor: what bench/sync-full.sh collects.
collect_pages () {
  local type url body next_re='"relation":"next","url":"([^"]*)"' n=0
  mkdir -p "$data/pages"
  for type in $(sed -n 's/^type //p' "$1"); do
    url="$base/$type?patient=adult&_count=500"
    while [ -n "$url" ]; do
      body=$(curl -s -H "Authorization: Bearer $token" "$url")
      n=$((n + 1)); printf '%s' "$body" > "$data/pages/$(printf %05d $n).json"
      if [[ $body =~ $next_re ]]; then url=${BASH_REMATCH[1]}; else url=; fi
    done
  done
}

sync_once () {
  local build=$1 out=$2 start end
  rm -f "$data/c.sqlite" "$data/c.sqlite-wal" "$data/c.sqlite-shm"
  start=$(now)
  /usr/bin/time -f '%U %S %M' -o "$data/time.txt" "$build/bench/sync-full" "$data/c.sqlite" "$base" "$token" \
    adult > "$data/sync.out"
  end=$(now)
  grep -q '^failed 0$' "$data/sync.out" || { echo "the sync failed" >&2; cat "$data/sync.out" >&2; exit 1; }
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >> "$out.wall"
  awk '{print $1 + $2}' "$data/time.txt" >> "$out.cpu"
  awk '{print $3 / 1024}' "$data/time.txt" >> "$out.rss"
  sed -n 's/^resources //p' "$data/sync.out" > "$data/resources"
}

for f in a b; do : > "$data/$f.wall"; : > "$data/$f.cpu"; : > "$data/$f.rss"; done
: > "$data/fts"; : > "$data/deferred"; : > "$data/fts0"; : > "$data/deferred0"
for run in $(seq "$runs"); do
  sync_once "$before" "$data/a"
  [ "$run" -eq 1 ] && collect_pages "$data/sync.out"
  sync_once "$after" "$data/b"
  "$after/bench/store-floor" "$data/floor.sqlite" "$data"/pages/*.json > "$data/floor.out"
  sed -n 's/^rows+fts //p' "$data/floor.out" >> "$data/fts"
  sed -n 's/^deferred //p' "$data/floor.out" >> "$data/deferred"
  if [ -x "$before/bench/store-floor" ]; then
    "$before/bench/store-floor" "$data/floor.sqlite" "$data"/pages/*.json > "$data/floor.out"
    sed -n 's/^rows+fts //p' "$data/floor.out" >> "$data/fts0"
    sed -n 's/^deferred //p' "$data/floor.out" >> "$data/deferred0"
  fi
done

n=$(cat "$data/resources")
fts=$(median < "$data/fts"); deferred=$(median < "$data/deferred")
echo "scale $scale: $n resources, medians of $runs, the builds taking turns; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "floor rows, indexes and FTS5: $fts s; floor deferred: $deferred s"
if [ -s "$data/fts0" ]; then
  fts0=$(median < "$data/fts0"); deferred0=$(median < "$data/deferred0")
  echo "the before build's floors (its own page size): rows, indexes and FTS5 $fts0 s; deferred $deferred0 s"
fi
for f in a b; do
  name=$([ "$f" = a ] && echo before || echo after)
  awk -v name="$name" -v w="$(median < "$data/$f.wall")" -v c="$(median < "$data/$f.cpu")" \
      -v m="$(median < "$data/$f.rss")" -v n="$n" -v ff="$fts" -v fd="$deferred" 'BEGIN {
    printf "%s: sync %.2f s (%.2f x floor, %.2f x deferred), CPU %.2f s = %.1f us a resource, peak RSS %.0f MB\n",
      name, w, w / ff, w / fd, c, c / n * 1e6, m
  }'
  if [ -n "${fts0:-}" ]; then
    awk -v name="$name" -v w="$(median < "$data/$f.wall")" -v ff="$fts0" -v fd="$deferred0" \
      'BEGIN { printf "%s over the before build'"'"'s floors: %.2f x rows, indexes and FTS5, %.2f x deferred\n", name, w / ff, w / fd }'
  fi
done
