#!/usr/bin/env bash
# useful-window.sh BUILDDIR [SCALE] [RUNS] — how soon after it starts the
# app, signed in to the sandbox with an empty cache (a first sync), has
# drawn on Home the person, a new result, a message and the next
# appointment (`carebook --bench-home`, src/app/care-bench-home.c). The
# baselines, in the same run and taking turns: the same app's start to its
# first frame with no account (its welcome page), and an empty libadwaita
# window's (bench/empty-window.c). Medians of RUNS. Also from the moment the
# access token for the sync arrived ("token"), which the target counts from.
# See bench/README.md.
#
# A private D-Bus session, a throwaway unlocked keyring and a private Xvfb,
# as bench/sync-full.sh; every XDG folder is temporary.
set -euo pipefail
build=$(cd "${1:?usage: useful-window.sh BUILDDIR [SCALE] [RUNS]}" && pwd)
scale=${2:-20}
runs=${3:-5}

. "$(dirname "$0")/lib.sh"
bench_in_session USEFUL_WINDOW_INNER "$build" "$scale" "$runs"
bench_prepare
bench_sandbox "$scale"

# The app's account at the portal, signed in as Maria for the adult.
bench_account
bench_xvfb

parts="home-person home-results home-messages home-appointment home-ready"
for part in $parts token after-token baseline emptywin; do : > "$data/$part"; done
for _ in $(seq "$runs"); do
  # A first sync each time: no cache.
  rm -f "$app_cache" "$app_cache-wal" "$app_cache-shm"
  start=$(date +%s%6N)
  timeout 300 "$build/src/carebook" --bench-home > "$data/app.out" 2> /dev/null || true
  for part in $parts; do
    at=$(sed -n "s/^$part //p" "$data/app.out")
    [ -n "$at" ] || { echo "Home never showed $part" >&2; cat "$data/app.out" >&2; exit 1; }
    awk -v a="$start" -v b="$at" 'BEGIN {print (b - a) / 1e6}' >> "$data/$part"
  done
  token=$(sed -n 's/^token //p' "$data/app.out")
  [ -n "$token" ] || { echo "no access token arrived" >&2; exit 1; }
  awk -v a="$start" -v b="$token" 'BEGIN {print (b - a) / 1e6}' >> "$data/token"
  awk -v a="$token" -v b="$(sed -n 's/^home-ready //p' "$data/app.out")" 'BEGIN {print (b - a) / 1e6}' \
    >> "$data/after-token"
  start=$(date +%s%6N)
  XDG_CONFIG_HOME=$data/empty/config XDG_DATA_HOME=$data/empty/data XDG_CACHE_HOME=$data/empty/cache \
    "$build/src/carebook" --bench-startup > "$data/app.out" 2> /dev/null
  awk -v a="$start" -v b="$(sed -n 's/^first-frame //p' "$data/app.out")" 'BEGIN {print (b - a) / 1e6}' \
    >> "$data/baseline"
  start=$(date +%s%6N)
  "$build/bench/empty-window" > "$data/app.out" 2> /dev/null
  awk -v a="$start" -v b="$(sed -n 's/^first-frame //p' "$data/app.out")" 'BEGIN {print (b - a) / 1e6}' \
    >> "$data/emptywin"
done

baseline=$(median < "$data/baseline")
empty=$(median < "$data/emptywin")
echo "scale $scale: the app's start, signed in with an empty cache, until Home drew each part (medians of $runs)"
for part in $parts; do
  awk -v p="$part" -v s="$(median < "$data/$part")" -v b="$baseline" -v e="$empty" \
    'BEGIN {printf "%s: %.3f s = %.2f x the baseline, %.2f x the empty window\n", p, s, s / b, s / e}'
done
echo "the access token arrived: $(median < "$data/token") s; home-ready after it: $(median < "$data/after-token") s (medians of the runs)"
echo "baseline, start to first frame with no account: $baseline s"
echo "empty libadwaita window (bench/empty-window), start to first frame: $empty s"
