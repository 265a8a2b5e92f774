#!/usr/bin/env bash
# bill-pay-screenshots.sh BUILDDIR OUTDIR — Billing's Pay window (by hand):
# the form, its errors, the review and the receipt, in English and Spanish,
# light and dark, wide and 360 px narrow, each on a private Xvfb the size
# of the window (billing-pay-<step>[-es][-dark][-narrow].png).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
build=$1
out=$2
tool="$build/tests/ui/bill-pay-screenshot"
mkdir -p "$out"
meson compile -C "$build" tests/ui/bill-pay-screenshot > /dev/null

# step  language  scheme  size
shots="
form en light wide
errors en light narrow
errors es dark narrow
review es dark wide
review en light narrow
receipt en dark wide
receipt es light narrow
"

display=${DISPLAY_NUMBER:-78}
echo "$shots" | while read -r step lang scheme size; do
  [ -n "$step" ] || continue
  shot_geometry "$size"
  # Once the window is drawn, the step (the tool opens it after the
  # family is signed in) needs a while more.
  shot_take "$display" "$(shot_name "billing-pay-$step" "$lang" "$scheme" "$size")" "$lang" "$scheme" 20 \
    "$tool" "$step" "$w" "$h"
done
