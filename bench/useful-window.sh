#!/usr/bin/env bash
# useful-window.sh BUILDDIR [SCALE] [RUNS] — how soon after it starts the
# app, signed in to the sandbox with an empty cache (a first sync), has
# drawn on Home the person, a new result, a message and the next
# appointment (`carebook --bench-home`, src/app/care-bench-home.c). The
# baselines, in the same run and taking turns: the same app's start to its
# first frame with no account (its welcome page), and an empty libadwaita
# window's (bench/empty-window.c). Medians of RUNS.
# See bench/README.md.
#
# A private D-Bus session, a throwaway unlocked keyring and a private Xvfb,
# as bench/sync-full.sh; every XDG folder is temporary.
set -euo pipefail
build=$(cd "${1:?usage: useful-window.sh BUILDDIR [SCALE] [RUNS]}" && pwd)
scale=${2:-20}
runs=${3:-5}

if [ -z "${USEFUL_WINDOW_INNER:-}" ]; then
  export USEFUL_WINDOW_INNER=1
  exec dbus-run-session -- bash "$0" "$build" "$scale" "$runs"
fi

data=$(mktemp -d)
sandbox= xvfb=
cleanup () {
  [ -n "$sandbox" ] && kill "$sandbox" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT
export XDG_CONFIG_HOME=$data/config XDG_DATA_HOME=$data/data XDG_CACHE_HOME=$data/cache LANG=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$data/empty/config" "$data/empty/data" \
  "$data/empty/cache"
eval "$(printf '\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"

"$build/src/sandbox/carebook-sandbox" --data "$data/portal" --seed demo --scale "$scale" --demo \
  > "$data/sandbox.out" 2>/dev/null &
sandbox=$!
for _ in $(seq 1200); do [ "$(wc -l < "$data/sandbox.out")" -ge 1 ] && break; sleep 0.1; done
base=$(sed -n 1p "$data/sandbox.out")
[ -n "$base" ] || { echo "the sandbox did not start" >&2; exit 1; }

median () { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# The app's account at the portal, signed in as Maria for the adult.
"$build/src/cli/carebook-cli" account add "$base" --no-browser --login-hint demo:maria:adult \
  > "$data/cli.out" 2>&1 &
cli=$!
for _ in $(seq 100); do grep -q "^http" "$data/cli.out" && break; sleep 0.1; done
back=$(curl -s -o /dev/null -w '%{redirect_url}' "$(grep "^http" "$data/cli.out" | head -1)")
curl -s -o /dev/null "$back"
wait $cli
id=$("$build/src/cli/carebook-cli" account list | cut -f1 | head -1)
app_cache=$("$build/bench/sync-full" --app-cache-path "$id")

for d in $(seq 50 99); do [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || { display=$d; break; }; done
Xvfb ":$display" -screen 0 1200x800x24 -noreset > /dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=":$display" GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="$build/po" \
  CAREBOOK_DATADIR="$(dirname "$build")/data"

parts="home-person home-results home-messages home-appointment home-ready"
for part in $parts baseline emptywin; do : > "$data/$part"; done
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
echo "baseline, start to first frame with no account: $baseline s"
echo "empty libadwaita window (bench/empty-window), start to first frame: $empty s"
