#!/usr/bin/env bash
# sandbox-paging.sh BUILDDIR [COUNT] [RUNS] — resources per second the sandbox
# serves while curl pages through one patient with _count=100, against a
# baseline measured in the same run: curl fetching /fhir/metadata as many
# times as there are pages (the per-request floor of HTTP + curl itself).
set -euo pipefail
build=${1:?usage: sandbox-paging.sh BUILDDIR [COUNT] [RUNS]}
count=${2:-100000}
runs=${3:-5}
data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT

"$build/bench/sandbox-fill" "$data" "$count"
exec 3< <("$build/src/sandbox/carebook-sandbox" --data "$data" --token-for bench)
pid=$!
read -r base <&3
read -r token <&3

page_all () {
  local url="$base/Observation?_count=100&_sort=date" pages=0 n=0
  while [ -n "$url" ]; do
    body=$(curl -s -H "Authorization: Bearer $token" "$url")
    pages=$((pages + 1))
    url=$(printf '%s' "$body" | grep -o '"relation":"next","url":"[^"]*"' | sed 's/.*"url":"//; s/"$//' || true)
  done
  echo "$pages"
}

metadata_n () {
  for _ in $(seq "$1"); do curl -s "$base/metadata" >/dev/null; done
}

median () { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

pages=0
: > "$data/paging"; : > "$data/baseline"
for _ in $(seq "$runs"); do
  start=$(date +%s.%N); pages=$(page_all); end=$(date +%s.%N)
  echo "$end - $start" | bc -l >> "$data/paging"
  start=$(date +%s.%N); metadata_n "$pages"; end=$(date +%s.%N)
  echo "$end - $start" | bc -l >> "$data/baseline"
done

paging=$(median < "$data/paging")
baseline=$(median < "$data/baseline")
printf 'resources: %d in %d pages\n' "$count" "$pages"
printf 'paging (median of %d): %.2f s = %.0f resources/s\n' "$runs" "$paging" "$(echo "$count / $paging" | bc -l)"
printf 'baseline, %d metadata fetches (median): %.2f s\n' "$pages" "$baseline"
printf 'ratio paging / baseline: %.2f\n' "$(echo "$paging / $baseline" | bc -l)"
