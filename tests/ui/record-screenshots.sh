#!/usr/bin/env bash
# record-screenshots.sh BUILDDIR OUTDIR — the views issue 13 changed (by
# hand): a result flagged from its range, a deceased person's Home,
# billing with a claim and the patient's share, medications given in
# clinic, a study without a report (Test Results and Visits & Documents),
# "where this came from" and a conversation; English and Spanish, light
# and dark, wide and 360 px narrow, each on a private Xvfb the size of
# the window (section-screenshot, with CAREBOOK_SHOT_STORE/_OPEN).
set -eu
build=$1
out=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
fix="$src/tests/fixtures/fhir"
tool="${TOOL:-$build/tests/ui/section-screenshot}"
mkdir -p "$out"
[ -n "${TOOL:-}" ] || meson compile -C "$build" tests/ui/section-screenshot > /dev/null

# name  section  person  store(:-separated, - for none)  open(- for none)  language  scheme  size
shots="
flag results demo:adult $fix/observation-range-no-flag.json Observation/glucose-range en light wide
flag results demo:adult $fix/observation-range-no-flag.json Observation/glucose-range es dark narrow
deceased home demo:elder $fix/patient-deceased.json - en light wide
deceased home demo:elder $fix/patient-deceased.json - es dark narrow
billing billing demo:adult $fix/claim-pending.json:$fix/eob-carin-member-liability.json - en dark wide
billing billing demo:adult $fix/claim-pending.json:$fix/eob-carin-member-liability.json - es light narrow
given medications demo:adult - - en light wide
given medications demo:adult - - es dark narrow
imaging results demo:adult $fix/imagingstudy-ct.json - en light wide
imaging results demo:adult $fix/imagingstudy-ct.json ImagingStudy/ct-chest es dark narrow
imaging-documents documents demo:adult $fix/imagingstudy-ct.json - en dark wide
imaging-documents documents demo:adult $fix/imagingstudy-ct.json - es light narrow
source results demo:adult - DiagnosticReport/adult-a1c-report-0 en light wide
source results demo:adult - DiagnosticReport/adult-a1c-report-0 es dark narrow
conversation messages demo:adult - - en light wide
conversation messages demo:adult - - es dark narrow
"

display=${DISPLAY_NUMBER:-79}
echo "$shots" | while read -r shot section person store open lang scheme size; do
  [ -n "$shot" ] || continue
  [ -z "${ONLY:-}" ] || [ "$ONLY" = "$shot" ] || continue
  if [ "$size" = wide ]; then w=1100; h=760; else w=360; h=720; fi
  name="record-$shot"
  [ "$lang" = es ] && name="$name-es"
  [ "$scheme" = dark ] && name="$name-dark"
  [ "$size" = narrow ] && name="$name-narrow"
  Xvfb ":$display" -screen 0 "${w}x${h}x24" -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env DISPLAY=":$display" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="$build/po" \
      LANG=C.UTF-8 LANGUAGE="$lang" \
      CAREBOOK_SHOT_STORE="$([ "$store" = - ] || echo "$store")" \
      CAREBOOK_SHOT_OPEN="$([ "$open" = - ] || echo "$open")" \
      ADW_DEBUG_COLOR_SCHEME=$([ "$scheme" = dark ] && echo prefer-dark || echo prefer-light) \
      "$tool" "$section" "$w" "$h" "$person" > /dev/null 2>&1 &
  app=$!
  # Until the window is drawn (signing the family in takes a while).
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
