#!/usr/bin/env bash
# questionnaire-screenshots.sh BUILDDIR OUTDIR — the questionnaire and import
# screenshots (by hand): the long pre-visit history being answered (the
# conditional questions shown, the date and time pickers and the language
# list the portal expanded answered) and the import dialog's preview of an
# Apple Health export, in English and Spanish, light and dark, wide and
# 360 px narrow, each on a private Xvfb the size of the window.
# questionnaire-habits is the same form scrolled to its conditional questions.
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
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
  shot_geometry "$size"
  if [ "$what" = questionnaire ]; then
    set -- "$build/tests/ui/questionnaire-screenshot" "$w" "$h" task:adult-history
  elif [ "$what" = questionnaire-habits ]; then
    # Further down: the conditional questions a "yes" shows, a date picker.
    set -- "$build/tests/ui/questionnaire-screenshot" "$w" "$h" task:adult-history smoking-since
  else
    set -- "$build/tests/ui/import-screenshot" "$w" "$h" "$export_file"
  fi
  # A moment more for the form or the preview.
  shot_take "$display" "$(shot_name "$what" "$lang" "$scheme" "$size")" "$lang" "$scheme" 8 "$@"
done
