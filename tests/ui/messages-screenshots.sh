#!/usr/bin/env bash
# messages-screenshots.sh BUILDDIR OUTDIR — the Messages screenshots (by
# hand): a conversation with an attachment, New Message (a window when
# wide, a page of the window at 360 px), the Calls filter, a renewal
# requested for a pharmacy and the "Request a Renewal" dialog choosing it,
# in English and Spanish, light and dark, wide and 360 px narrow, each on a
# private Xvfb the size of the window.
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
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
  shot_geometry "$size"
  # A moment more for the conversation or the dialog.
  shot_take "$display" "$(shot_name "messages-$mode" "$lang" "$scheme" "$size")" "$lang" "$scheme" 4 \
    "$tool" "$w" "$h" "$mode"
done
