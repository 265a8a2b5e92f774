#!/usr/bin/env bash
# sync-again.sh BUILDDIR [SCALE] [WAIT] — the syncs after the first: the
# demo adult at --scale SCALE synced into an empty cache, then again at
# once (every resource inside the _lastUpdated margin, so all are fetched
# and compared again), then a full pass over the unchanged record, then,
# after WAIT seconds (default 360: past the 300-second margin and past the
# seed's newest lastUpdated), the syncs that find nothing new. Each line is
# one sync by bench/sync-full: its wall clock, the CPU of its process
# (user + system, all threads), the HTTP requests it sent and the types it
# synced. Ratios are against the first sync of the same run. See
# bench/README.md.
set -euo pipefail
build=$(cd "${1:?usage: sync-again.sh BUILDDIR [SCALE] [WAIT]}" && pwd)
scale=${2:-5}
wait_s=${3:-360}

. "$(dirname "$0")/lib.sh"
bench_data
bench_sandbox "$scale" --token-for adult

first_s= first_cpu=
one () {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$build/bench/sync-full" "$@" "$data/c.sqlite" "$base" "$token" adult > "$data/out"
  end=$(date +%s.%N)
  grep -q '^failed 0$' "$data/out" || { echo "the sync failed" >&2; cat "$data/out" >&2; exit 1; }
  awk -v l="$label" -v a="$start" -v b="$end" -v fs="$first_s" -v fc="$first_cpu" '
    /^cpu / {c = $2} /^requests / {r = $2} /^types / {t = $2} /^changed / {n = $2} /^resources / {k = $2}
    END {
      w = b - a
      if (fs == "") { fs = w; fc = c }
      printf "%-34s %8.2f s (%.2f x first)  cpu %7.2f s (%.2f x first)  %5d requests / %2d types = %.1f  changed %d of %d\n",
             l, w, w / fs, c, c / fc, r, t, r / t, n, k
    }' "$data/out"
  if [ -z "$first_s" ]; then
    first_s=$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')
    first_cpu=$(sed -n 's/^cpu //p' "$data/out")
  fi
}

echo "scale $scale"
one "first sync, empty cache"
one "again at once (within the margin)" --again
one "full pass, nothing changed"
sleep "$wait_s"
one "again after ${wait_s} s" --again
for i in 1 2 3; do one "no change $i" --again; done
