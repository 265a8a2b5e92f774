#!/usr/bin/env bash
# sync-states-screenshots.sh BUILDDIR OUTDIR — the states a first sync
# shows (issue 18), by hand: Home and Test Results while the sync is under
# way and its indexes are still to be built ("Still indexing your
# record…"), English and Spanish, light and dark, wide and 360 px narrow,
# each on a private Xvfb the size of the window (section-screenshot with
# CAREBOOK_SHOT_SYNC=indexing). tests/ui/test-window.c tests the banner's
# text and states; bench/useful-window.sh times the views filling.
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
build=$1
out=$2
mkdir -p "$out"
meson compile -C "$build" tests/ui/section-screenshot > /dev/null

# name  section  language  scheme  size
shots="
home home en light wide
home home es dark narrow
results results en dark wide
results results es light narrow
results results en light narrow
"

echo "$shots" | while read -r shot section lang scheme size; do
  [ -n "$shot" ] || continue
  # A display no one else uses (other worktrees take screenshots too).
  for d in $(seq 60 99); do [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || { display=$d; break; }; done
  shot_geometry "$size"
  shot_take "$display" "$(shot_name "sync-indexing-$shot" "$lang" "$scheme" "$size")" "$lang" "$scheme" 4 \
    CAREBOOK_SHOT_SYNC=indexing "$build/tests/ui/section-screenshot" "$section" "$w" "$h"
done
