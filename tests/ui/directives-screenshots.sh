#!/usr/bin/env bash
# directives-screenshots.sh BUILDDIR OUTDIR — the End-of-Life Planning
# screenshots (by hand): Maria's page, in English and Spanish, light and
# dark, wide and 360 px narrow, each on a private Xvfb the size of the window.
set -eu
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
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="directives"
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
      "$tool" directives "$w" "$h" > /dev/null 2>&1 &
  app=$!
  # Until the window is drawn (signing the family in takes a while), then
  # a moment more for the list.
  for _ in $(seq 30); do
    sleep 3
    import -display ":$display" -window root "$out/$name.png"
    [ "$(stat -c %s "$out/$name.png")" -gt 8000 ] && break
  done
  sleep 5
  import -display ":$display" -window root "$out/$name.png"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  echo "$out/$name.png"
done
