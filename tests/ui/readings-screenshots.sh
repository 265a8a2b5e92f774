#!/usr/bin/env bash
# readings-screenshots.sh BUILDDIR OUTDIR — the Track My Health screenshots
# (by hand): the section, the entry dialog (with an error, and a glucose)
# and Health Trends with entered readings, in English and Spanish, light
# and dark, wide and 360 px narrow, each on a private Xvfb the size of the
# window.
set -eu
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
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="readings-$mode"
  [ "$lang" = es ] && name="$name-es"
  [ "$scheme" = dark ] && name="$name-dark"
  [ "$size" = narrow ] && name="$name-narrow"
  Xvfb ":$display" -screen 0 "${w}x${h}x24" -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env DISPLAY=":$display" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="${LOCALEDIR_OVERRIDE:-$build/po}" \
      LANG=C.UTF-8 LANGUAGE="$lang" \
      ADW_DEBUG_COLOR_SCHEME=$([ "$scheme" = dark ] && echo prefer-dark || echo prefer-light) \
      "$tool" "$w" "$h" "$mode" > /dev/null 2>&1 &
  app=$!
  # Until the window is drawn (signing the family in takes a while), then
  # a moment more for the dialog.
  for _ in $(seq 30); do
    sleep 3
    import -display ":$display" -window root "$out/$name.png"
    [ "$(stat -c %s "$out/$name.png")" -gt 8000 ] && break
  done
  sleep 4
  # The trends collect years of readings on a busy machine.
  [ "$mode" = trends ] && sleep 40
  import -display ":$display" -window root "$out/$name.png"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  echo "$out/$name.png"
done
