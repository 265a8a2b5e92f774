#!/usr/bin/env bash
# sync-full.sh BUILDDIR [SCALE] [RUNS] — a full sync of the demo adult at
# --scale SCALE (20: more than 100,000 resources) into an empty cache, timed
# against curl fetching the same pages in the same run; the syncing
# process's peak RSS; and the app's start to its first drawn frame with
# that cache. Prints medians of RUNS runs. See bench/README.md.
#
# It runs itself in a private D-Bus session with a throwaway unlocked
# keyring (the app's sign-in keeps its refresh token there) and a private
# Xvfb, and touches no real configuration: every XDG folder is temporary.
set -euo pipefail
build=$(cd "${1:?usage: sync-full.sh BUILDDIR [SCALE] [RUNS]}" && pwd)
scale=${2:-20}
runs=${3:-5}

. "$(dirname "$0")/lib.sh"
bench_in_session SYNC_FULL_INNER "$build" "$scale" "$runs"
bench_prepare
bench_sandbox "$scale" --token-for adult

now () { date +%s.%N; }
elapsed () { awk -v a="$1" -v b="$2" 'BEGIN {print b - a}'; }

# Every page the sync reads, once: metadata, the Patient, then each type it
# synced, _count=500, following next links exactly as given; as a curl
# config for one process.
collect_pages () {
  local type url body next_re='"relation":"next","url":"([^"]*)"' n=0
  mkdir -p "$data/pages"
  {
    echo "url = \"$base/metadata\""; echo "output = /dev/null"
    echo "url = \"$base/Patient/adult\""; echo "output = /dev/null"
    for type in $(sed -n 's/^type //p' "$data/sync.out"); do
      url="$base/$type?patient=adult&_count=500"
      while [ -n "$url" ]; do
        echo "url = \"$url\""; echo "output = /dev/null"
        body=$(curl -s -H "Authorization: Bearer $token" "$url")
        n=$((n + 1)); printf '%s' "$body" > "$data/pages/$(printf %05d $n).json"
        if [[ $body =~ $next_re ]]; then url=${BASH_REMATCH[1]}; else url=; fi
      done
    done
  } > "$data/pages.cfg"
}

: > "$data/sync"; : > "$data/rss"; : > "$data/cpu"; : > "$data/curl1"; : > "$data/curl4"
: > "$data/bare"; : > "$data/rows"; : > "$data/fts"; : > "$data/deferred"
: > "$data/sync0"; : > "$data/rss0"; : > "$data/cpu0"
for run in $(seq "$runs"); do
  rm -f "$data/bench.sqlite" "$data/bench.sqlite-wal" "$data/bench.sqlite-shm"
  start=$(now)
  /usr/bin/time -v -o "$data/time.txt" "$build/bench/sync-full" "$data/bench.sqlite" "$base" "$token" adult \
    > "$data/sync.out"
  end=$(now)
  grep -q '^failed 0$' "$data/sync.out" || { echo "the sync failed" >&2; cat "$data/sync.out" >&2; exit 1; }
  elapsed "$start" "$end" >> "$data/sync"
  awk -F': ' '/Maximum resident set size/ {print $2 / 1024}' "$data/time.txt" >> "$data/rss"
  awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$data/time.txt" >> "$data/cpu"
  [ "$run" -eq 1 ] && collect_pages
  if [ -n "${SYNC_FULL_OLD_ROAD:-}" ]; then
    # The same sync reading every page as a json-glib tree (before the
    # scanner), into a cache of its own, in the same run.
    rm -f "$data/old.sqlite" "$data/old.sqlite-wal" "$data/old.sqlite-shm"
    start=$(now)
    CAREBOOK_JSON_SCAN=0 /usr/bin/time -v -o "$data/time.txt" "$build/bench/sync-full" "$data/old.sqlite" \
      "$base" "$token" adult > "$data/old.out"
    end=$(now)
    grep -q '^failed 0$' "$data/old.out" || { echo "the old road's sync failed" >&2; exit 1; }
    elapsed "$start" "$end" >> "$data/sync0"
    awk -F': ' '/Maximum resident set size/ {print $2 / 1024}' "$data/time.txt" >> "$data/rss0"
    awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$data/time.txt" >> "$data/cpu0"
  fi

  # The same pages: one curl process, one connection, one at a time; and
  # four at a time, as the engine asks them.
  start=$(now); curl -s -H "Authorization: Bearer $token" -K "$data/pages.cfg"; end=$(now)
  elapsed "$start" "$end" >> "$data/curl1"
  start=$(now); curl -s -Z --parallel-max 4 -H "Authorization: Bearer $token" -K "$data/pages.cfg" 2>/dev/null; end=$(now)
  elapsed "$start" "$end" >> "$data/curl4"

  # The floor: SQLite alone writing those pages (parsed beforehand) into
  # a cache with the app's schema, in three passes (bench/store-floor.c).
  "$build/bench/store-floor" "$data/floor.sqlite" "$data"/pages/*.json > "$data/floor.out"
  sed -n 's/^bare //p' "$data/floor.out" >> "$data/bare"
  sed -n 's/^rows //p' "$data/floor.out" >> "$data/rows"
  sed -n 's/^rows+fts //p' "$data/floor.out" >> "$data/fts"
  sed -n 's/^deferred //p' "$data/floor.out" >> "$data/deferred"
done
resources=$(sed -n 's/^resources //p' "$data/sync.out")
pages=$(grep -c '^url' "$data/pages.cfg")
# SYNC_FULL_KEEP_PAGES=DIR keeps the pages (for bench/sync-store under callgrind).
if [ -n "${SYNC_FULL_KEEP_PAGES:-}" ]; then
  mkdir -p "$SYNC_FULL_KEEP_PAGES" && cp "$data"/pages/*.json "$SYNC_FULL_KEEP_PAGES"/
fi

# The app, signed in to the same portal, starting on that cache.
bench_account
bench_use_cache "$data/bench.sqlite"
bench_xvfb
: > "$data/startup"
for _ in $(seq "$runs"); do
  start=$(date +%s%6N)
  "$build/src/carebook" --bench-startup > "$data/app.out" 2> /dev/null
  frame=$(sed -n 's/^first-frame //p' "$data/app.out")
  [ -n "$frame" ] || { echo "the app drew no frame" >&2; exit 1; }
  awk -v a="$start" -v b="$frame" 'BEGIN {print (b - a) / 1e6}' >> "$data/startup"
done

sync=$(median < "$data/sync"); rss=$(median < "$data/rss"); cpu=$(median < "$data/cpu")
deferred=$(median < "$data/deferred")
curl1=$(median < "$data/curl1"); curl4=$(median < "$data/curl4"); startup=$(median < "$data/startup")
bare=$(median < "$data/bare"); rows=$(median < "$data/rows"); fts=$(median < "$data/fts")
awk -v n="$resources" -v p="$pages" -v s="$sync" -v c1="$curl1" -v c4="$curl4" -v m="$rss" \
    -v u="$startup" -v r="$runs" -v k="$scale" -v fb="$bare" -v fr="$rows" -v ff="$fts" \
    -v fd="$deferred" -v cpu="$cpu" 'BEGIN {
  printf "scale %d: %d resources in the cache, %d pages (medians of %d)\n", k, n, p, r
  printf "full sync, wall clock: %.2f s = %.0f resources/s\n", s, n / s
  printf "curl, the same pages, one at a time: %.2f s; ratio sync / curl: %.2f\n", c1, s / c1
  printf "curl, the same pages, four at a time: %.2f s; ratio sync / curl: %.2f\n", c4, s / c4
  printf "SQLite alone, rows with their keys only: %.2f s = %.2f x curl\n", fb, fb / c1
  printf "SQLite alone, rows under the schema'"'"'s indexes: %.2f s = %.2f x curl\n", fr, fr / c1
  printf "SQLite alone, rows, indexes and FTS5 words: %.2f s = %.2f x curl; sync / that: %.2f\n", ff, ff / c1, s / ff
  printf "SQLite alone, rows, then indexes and FTS5 built once at the end: %.2f s; sync / that: %.2f\n", fd, s / fd
  printf "CPU of the syncing process (user + system): %.2f s = %.1f us a resource\n", cpu, cpu * 1e6 / n
  printf "peak RSS of the syncing process: %.0f MB\n", m
  printf "app start to first frame with that cache: %.3f s\n", u
}'
if [ -s "$data/sync0" ]; then
  sync0=$(median < "$data/sync0"); cpu0=$(median < "$data/cpu0"); rss0=$(median < "$data/rss0")
  awk -v n="$resources" -v s="$sync" -v s0="$sync0" -v c="$cpu" -v c0="$cpu0" -v m0="$rss0" \
      -v ff="$fts" -v fd="$deferred" 'BEGIN {
  printf "old road (CAREBOOK_JSON_SCAN=0), same run: full sync %.2f s; sync / floor \"rows, indexes and FTS5\": %.2f; sync / floor \"deferred\": %.2f\n", s0, s0 / ff, s0 / fd
  printf "old road: CPU %.2f s = %.1f us a resource; peak RSS %.0f MB\n", c0, c0 * 1e6 / n, m0
  printf "new / old: wall %.2f, CPU %.2f\n", s / s0, c / c0
}'
fi
