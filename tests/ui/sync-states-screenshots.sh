#!/usr/bin/env bash
# sync-states-screenshots.sh BUILDDIR OUTDIR — the states a first sync
# shows (issue 18), by hand: Home and Test Results while the sync is under
# way and its indexes are still to be built ("Still indexing your
# record…"), English and Spanish, light and dark, wide and 360 px narrow,
# each on a private Xvfb the size of the window (section-screenshot with
# CAREBOOK_SHOT_SYNC=indexing). tests/ui/test-window.c tests the banner's
# text and states; bench/useful-window.sh times the views filling.
set -eu
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
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="sync-indexing-$shot"
  [ "$lang" = es ] && name="$name-es"
  [ "$scheme" = dark ] && name="$name-dark"
  [ "$size" = narrow ] && name="$name-narrow"
  Xvfb ":$display" -screen 0 "${w}x${h}x24" -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env DISPLAY=":$display" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="$build/po" \
      LANG=C.UTF-8 LANGUAGE="$lang" CAREBOOK_SHOT_SYNC=indexing \
      ADW_DEBUG_COLOR_SCHEME=$([ "$scheme" = dark ] && echo prefer-dark || echo prefer-light) \
      "$build/tests/ui/section-screenshot" "$section" "$w" "$h" > /dev/null 2>&1 &
  app=$!
  for _ in $(seq 30); do
    sleep 3
    import -display ":$display" -window root "$out/$name.png"
    [ "$(stat -c %s "$out/$name.png")" -gt 8000 ] && break
  done
  sleep 4
  import -display ":$display" -window root "$out/$name.png"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  echo "$out/$name.png"
done
