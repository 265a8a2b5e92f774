#!/usr/bin/env bash
# questionnaire-screenshots.sh BUILDDIR OUTDIR — the questionnaire and import
# screenshots (by hand): the long pre-visit history being answered (the
# conditional questions shown, the date and time pickers and the language
# list the portal expanded answered) and the import dialog's preview of an
# Apple Health export, in English and Spanish, light and dark, wide and
# 360 px narrow, each on a private Xvfb the size of the window.
# questionnaire-habits is the same form scrolled to its conditional questions.
set -eu
build=$1
out=$2
mkdir -p "$out"
meson compile -C "$build" tests/ui/questionnaire-screenshot tests/ui/import-screenshot > /dev/null
export_file=$(mktemp --suffix=.zip)
trap 'rm -f "$export_file"' EXIT
python3 "$(dirname "$0")/../../bench/make-health-export.py" "$export_file" --days 90 > /dev/null

# what  language  scheme  size
shots="
questionnaire en light wide
questionnaire es dark narrow
questionnaire en dark narrow
questionnaire es light wide
questionnaire-habits en light wide
questionnaire-habits es dark narrow
questionnaire-habits en dark narrow
questionnaire-habits es light wide
import-preview en light wide
import-preview es dark narrow
import-preview en dark narrow
import-preview es light wide
"

display=${DISPLAY_NUMBER:-79}
echo "$shots" | while read -r what lang scheme size; do
  [ -n "$what" ] || continue
  [ -z "${ONLY:-}" ] || [ "$ONLY" = "$what" ] || continue
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="$what"
  [ "$lang" = es ] && name="$name-es"
  [ "$scheme" = dark ] && name="$name-dark"
  [ "$size" = narrow ] && name="$name-narrow"
  if [ "$what" = questionnaire ]; then
    set -- "$build/tests/ui/questionnaire-screenshot" "$w" "$h" task:adult-history
  elif [ "$what" = questionnaire-habits ]; then
    # Further down: the conditional questions a "yes" shows, a date picker.
    set -- "$build/tests/ui/questionnaire-screenshot" "$w" "$h" task:adult-history smoking-since
  else
    set -- "$build/tests/ui/import-screenshot" "$w" "$h" "$export_file"
  fi
  Xvfb ":$display" -screen 0 "${w}x${h}x24" -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env DISPLAY=":$display" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="$build/po" \
      LANG=C.UTF-8 LANGUAGE="$lang" \
      ADW_DEBUG_COLOR_SCHEME=$([ "$scheme" = dark ] && echo prefer-dark || echo prefer-light) \
      "$@" > /dev/null 2>&1 &
  app=$!
  # Until the window is drawn (signing the family in takes a while), then
  # a moment more for the form or the preview.
  for _ in $(seq 30); do
    sleep 3
    import -display ":$display" -window root "$out/$name.png"
    [ "$(stat -c %s "$out/$name.png")" -gt 8000 ] && break
  done
  sleep 8
  import -display ":$display" -window root "$out/$name.png"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  echo "$out/$name.png"
done
