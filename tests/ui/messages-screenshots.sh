#!/usr/bin/env bash
# messages-screenshots.sh BUILDDIR OUTDIR — the Messages screenshots (by
# hand): a conversation with an attachment, New Message (a window when
# wide, a page of the window at 360 px), the Calls filter, a renewal
# requested for a pharmacy and the "Request a Renewal" dialog choosing it,
# in English and Spanish, light and dark, wide and 360 px narrow, each on a
# private Xvfb the size of the window.
set -eu
build=$1
out=$2
tool="$build/tests/ui/messages-screenshot"
mkdir -p "$out"
meson compile -C "$build" tests/ui/messages-screenshot > /dev/null

# mode  language  scheme  size
shots="
thread en light wide
thread es dark narrow
compose en light wide
compose es light wide
compose en light narrow
compose es dark narrow
calls en light wide
calls en dark narrow
renewal en light wide
renewal es dark wide
renew-dialog en light wide
renew-dialog es dark narrow
"

display=78
echo "$shots" | while read -r mode lang scheme size; do
  [ -n "$mode" ] || continue
  [ -z "${ONLY:-}" ] || [ "$ONLY" = "$mode" ] || continue
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="messages-$mode"
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
      "$tool" "$w" "$h" "$mode" > /dev/null 2>&1 &
  app=$!
  # Until the window is drawn (signing the family in takes a while), then
  # a moment more for the conversation or the dialog.
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
