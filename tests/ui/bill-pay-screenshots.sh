#!/usr/bin/env bash
# bill-pay-screenshots.sh BUILDDIR OUTDIR — Billing's Pay window (by hand):
# the form, its errors, the review and the receipt, in English and Spanish,
# light and dark, wide and 360 px narrow, each on a private Xvfb the size
# of the window (billing-pay-<step>[-es][-dark][-narrow].png).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
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
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="billing-pay-$step"
  [ "$lang" = es ] && name="$name-es"
  [ "$scheme" = dark ] && name="$name-dark"
  [ "$size" = narrow ] && name="$name-narrow"
  Xvfb ":$display" -screen 0 "${w}x${h}x24" -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env DISPLAY=":$display" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="$build/po" \
      LANG=C.UTF-8 LANGUAGE="$lang" \
      ADW_DEBUG_COLOR_SCHEME=$([ "$scheme" = dark ] && echo prefer-dark || echo prefer-light) \
      "$tool" "$step" "$w" "$h" > /dev/null 2>&1 &
  app=$!
  # Signing the family in takes a while; then the window, then the step.
  sleep 20
  import -display ":$display" -window root "$out/$name.png"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  echo "$out/$name.png"
done
