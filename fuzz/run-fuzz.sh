#!/usr/bin/env bash
# run-fuzz.sh [SECONDS [LIBFUZZER-OPTION…]] — builds the FHIR parser harness with clang in
# _build-fuzz and runs it for SECONDS (default 60) under 512 MB, seeded
# with fuzz/corpus/ and the FHIR fixtures. Findings (crashes, sanitizer
# reports, parser disagreements) land in _build-fuzz/findings/; the
# corpus it grows stays in _build-fuzz/corpus/. See HACKING.md, "Fuzzing".
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=_build-fuzz

if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dtests=false --buildtype=debugoptimized
fi
meson compile -C "$build" fuzz/fuzz-fhir

corpus="$build/corpus"
mkdir -p "$corpus" "$build/findings"
cp -n fuzz/corpus/* tests/fixtures/fhir/*.json "$corpus/" 2>/dev/null || true
exec "$build/fuzz/fuzz-fhir" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=512 -print_final_stats=1 -artifact_prefix="$build/findings/" "$@" "$corpus"
