#!/usr/bin/env bash
# readings-screenshots.sh BUILDDIR OUTDIR — the Track My Health screenshots
# (by hand): the section, the entry dialog (with an error, and a glucose)
# and Health Trends with entered readings, in English and Spanish, light
# and dark, wide and 360 px narrow, each on a private Xvfb the size of the
# window.
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
build=$1
out=$2
tool="${TOOL:-$build/tests/ui/readings-screenshot}"
mkdir -p "$out"
[ -n "${TOOL:-}" ] || meson compile -C "$build" tests/ui/readings-screenshot > /dev/null

# mode  language  scheme  size
shots="
list en light wide
list es dark narrow
list en dark narrow
entry en light wide
entry es dark narrow
error en light wide
error es light narrow
glucose en dark wide
glucose es light wide
trends en light wide
trends es dark wide
trends en dark narrow
trends es light narrow
"

display=${DISPLAY_NUMBER:-78}
echo "$shots" | while read -r mode lang scheme size; do
  [ -n "$mode" ] || continue
  [ -z "${ONLY:-}" ] || [ "$ONLY" = "$mode" ] || continue
  shot_geometry "$size"
  # A moment more for the dialog; the trends collect years of readings
  # on a busy machine.
  settle=4
  [ "$mode" != trends ] || settle=44
  shot_take "$display" "$(shot_name "readings-$mode" "$lang" "$scheme" "$size")" "$lang" "$scheme" "$settle" \
    "$tool" "$w" "$h" "$mode"
done
