#!/usr/bin/env bash
# sandbox-paging.sh BUILDDIR [SCALE] [RUNS] — resources per second the sandbox
# serves while curl pages through one whole patient with _count=100.
#
# The portal is seeded with the demo family at --scale SCALE (20: the adult
# has more than 100,000 resources). curl then fetches every type the
# CapabilityStatement lists for Patient/adult, following each `next` link
# until there is none: one curl process per page, as a shell client would.
# The baseline, measured in the same run, is curl fetching /fhir/metadata as
# many times as there were pages: the floor of one HTTP request plus curl's
# own start-up. Prints medians of RUNS runs and the ratio paging / baseline.
set -euo pipefail
build=${1:?usage: sandbox-paging.sh BUILDDIR [SCALE] [RUNS]}
scale=${2:-20}
runs=${3:-5}
data=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT

"$build/src/sandbox/carebook-sandbox" --data "$data/db" --seed demo --scale "$scale" \
  --token-for adult > "$data/out" &
pid=$!
for _ in $(seq 1200); do [ "$(wc -l < "$data/out")" -ge 2 ] && break; sleep 0.1; done
base=$(sed -n 1p "$data/out")
token=$(sed -n 2p "$data/out")
[ -n "$token" ] || { echo "the sandbox did not start" >&2; exit 1; }

# The types in a patient's compartment: every type metadata lists with a
# "patient" search parameter.
types=$(curl -s "$base/metadata" | python3 -c '
import json, sys
for r in json.load(sys.stdin)["rest"][0]["resource"]:
    if any(p["name"] == "patient" for p in r["searchParam"]) and r["type"] != "Patient":
        print(r["type"])')

# Pages through every type; prints "PAGES RESOURCES SECONDS", SECONDS being
# the sum of curl's time_total (the HTTP exchanges, without curl's start-up).
# The client costs one curl process per page and nothing else: the next
# link is found with bash's own matching, and only a last page (one without
# a next link) is counted entry by entry; the others hold _count entries.
next_re='"relation":"next","url":"([^"]*)"'
time_re=$'\n([0-9.]+)$'
page_all () {
  local pages=0 resources=0 type url body rest seconds=0
  : > "$data/times"
  for type in $types; do
    url="$base/$type?patient=adult&_count=100"
    while [ -n "$url" ]; do
      body=$(curl -s -w '\n%{time_total}' -H "Authorization: Bearer $token" "$url")
      pages=$((pages + 1))
      [[ $body =~ $time_re ]] && echo "${BASH_REMATCH[1]}" >> "$data/times"
      if [[ $body =~ $next_re ]]; then
        url=${BASH_REMATCH[1]}
        resources=$((resources + 100))
      else
        url=
        rest=${body//'"mode":"match"'/}
        resources=$((resources + (${#body} - ${#rest}) / 14))
      fi
    done
  done
  seconds=$(awk '{s += $1} END {print s}' "$data/times")
  echo "$pages $resources $seconds"
}

metadata_n () {
  for _ in $(seq "$1"); do curl -s "$base/metadata" > /dev/null; done
}

now () { date +%s.%N; }
median () { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

: > "$data/paging"; : > "$data/served"; : > "$data/baseline"
for _ in $(seq "$runs"); do
  start=$(now); read -r pages resources served < <(page_all); end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >> "$data/paging"
  echo "$served" >> "$data/served"
  start=$(now); metadata_n "$pages"; end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >> "$data/baseline"
done

paging=$(median < "$data/paging")
served=$(median < "$data/served")
baseline=$(median < "$data/baseline")
awk -v n="$resources" -v p="$pages" -v t="$paging" -v b="$baseline" -v r="$runs" -v s="$scale" \
    -v h="$served" 'BEGIN {
  printf "scale %d: %d resources of Patient/adult in %d pages\n", s, n, p
  printf "paging, wall clock (median of %d): %.2f s = %.0f resources/s\n", r, t, n / t
  printf "paging, HTTP time only (sum of curl time_total, median): %.2f s = %.0f resources/s\n", h, n / h
  printf "baseline, %d metadata fetches (median): %.2f s\n", p, b
  printf "ratio paging / baseline (wall clock): %.2f\n", t / b
}'
