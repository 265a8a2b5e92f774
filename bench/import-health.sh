#!/usr/bin/env bash
# import-health.sh BUILDDIR [MEGABYTES] [RUNS] — the import streaming an
# Apple Health export of MEGABYTES (200) of XML, against unzip alone and
# unzip piped into xmllint --stream, RUNS (3) times each; medians of wall
# clock and peak RSS, and the ratios. The export is written once into
# $IMPORT_BENCH_DIR (BUILDDIR/bench-import) and kept for the next run.
set -eu
build=$1
mb=${2:-200}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
dir=${IMPORT_BENCH_DIR:-$build/bench-import}
zip="$dir/export-$mb.zip"
tool="$build/bench/import-health"
mkdir -p "$dir"
if [ ! -s "$zip" ]; then
  python3 "$here/make-health-export.py" "$zip.tmp" --megabytes "$mb" > "$dir/expected-$mb"
  mv "$zip.tmp" "$zip"
fi
xml_bytes=$(unzip -l "$zip" apple_health_export/export.xml | awk 'NR==4 {print $1}')
echo "export.xml: $xml_bytes bytes; zip: $(stat -c %s "$zip") bytes"

median () { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
measure () {  # label command… → "label seconds kib" per run into $dir/runs
  /usr/bin/time -f "%e %M" -o "$dir/time.out" "$@" > /dev/null
  echo "$label $(cat "$dir/time.out")" >> "$dir/runs"
}

: > "$dir/runs"
for _ in $(seq "$runs"); do
  label=unzip measure unzip -p "$zip" apple_health_export/export.xml
  label=xmllint measure sh -c "unzip -p '$zip' apple_health_export/export.xml | xmllint --stream --noout -"
  label=import-dry measure "$tool" "$zip"
  label=import-keep measure "$tool" "$zip" --keep
done
"$tool" "$zip" > "$dir/found"

printf '%-12s %10s %12s %10s %10s\n' what seconds "peak KiB" "s ratio" "RSS ratio"
base_s=$(grep '^unzip ' "$dir/runs" | cut -d' ' -f2 | median)
base_m=$(grep '^unzip ' "$dir/runs" | cut -d' ' -f3 | median)
for label in unzip xmllint import-dry import-keep; do
  s=$(grep "^$label " "$dir/runs" | cut -d' ' -f2 | median)
  m=$(grep "^$label " "$dir/runs" | cut -d' ' -f3 | median)
  printf '%-12s %10s %12s %10.2f %10.2f\n' "$label" "$s" "$m" \
    "$(echo "$s / $base_s" | bc -l)" "$(echo "$m / $base_m" | bc -l)"
done
echo "new readings: $(cut -f1 "$dir/found"); the generator expects: $(grep -v -e first -e last -e implausible \
  "$dir/expected-$mb" | awk '{n += $2} END {print n}')"
