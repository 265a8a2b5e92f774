#!/usr/bin/env bash
# appointments-screenshots.sh BUILDDIR OUTDIR — the Appointments screenshots
# (by hand): the scheduling steps, the week of open times, eCheck-in and a
# video visit card, in English and Spanish, light and dark, wide and 360 px
# narrow, each on a private Xvfb the size of the window.
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
build=$1
out=$2
tool="$build/tests/ui/appointments-screenshot"
mkdir -p "$out"
meson compile -C "$build" tests/ui/appointments-screenshot > /dev/null

# mode  language  scheme  size
shots="
type en light wide
type es dark narrow
who en light wide
who es light narrow
when en light wide
when es dark wide
when en dark narrow
review en light wide
review es dark narrow
check-in en light wide
check-in es dark narrow
check-in-questions en light wide
check-in-questions es dark narrow
video en light wide
video es dark narrow
video en dark narrow
"

display=77
echo "$shots" | while read -r mode lang scheme size; do
  [ -n "$mode" ] || continue
  [ -z "${ONLY:-}" ] || [ "$ONLY" = "$mode" ] || continue
  shot_geometry "$size"
  # A moment more for the dialog.
  shot_take "$display" "$(shot_name "appointments-$mode" "$lang" "$scheme" "$size")" "$lang" "$scheme" 4 \
    "$tool" "$w" "$h" "$mode"
done
