#!/usr/bin/env bash
# record-screenshots.sh BUILDDIR OUTDIR — the views issue 13 changed (by
# hand): a result flagged from its range, a deceased person's Home,
# billing with a claim and the patient's share, medications given in
# clinic, a study without a report (Test Results and Visits & Documents),
# "where this came from" and a conversation; English and Spanish, light
# and dark, wide and 360 px narrow, each on a private Xvfb the size of
# the window (section-screenshot, with CAREBOOK_SHOT_STORE/_OPEN).
set -eu
. "$(dirname "$0")/screenshot-lib.sh"
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
  shot_geometry "$size"
  shot_take "$display" "$(shot_name "record-$shot" "$lang" "$scheme" "$size")" "$lang" "$scheme" 4 \
    CAREBOOK_SHOT_STORE="$([ "$store" = - ] || echo "$store")" \
    CAREBOOK_SHOT_OPEN="$([ "$open" = - ] || echo "$open")" \
    "$tool" "$section" "$w" "$h" "$person"
done
