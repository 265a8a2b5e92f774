#!/usr/bin/env bash
# directives-screenshots.sh BUILDDIR OUTDIR — the End-of-Life Planning
# screenshots (by hand): Maria's page, in English and Spanish, light and
# dark, wide and 360 px narrow, each on a private Xvfb the size of the window.
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
build=$1
out=$2
tool="$build/tests/ui/section-screenshot"
mkdir -p "$out"
meson compile -C "$build" tests/ui/section-screenshot > /dev/null

# language  scheme  size
shots="
en light wide
es dark wide
en dark narrow
es light narrow
"

display=${DISPLAY_NUMBER:-79}
echo "$shots" | while read -r lang scheme size; do
  [ -n "$lang" ] || continue
  shot_geometry "$size"
  # A moment more for the list.
  shot_take "$display" "$(shot_name directives "$lang" "$scheme" "$size")" "$lang" "$scheme" 5 \
    "$tool" directives "$w" "$h"
done
