#!/usr/bin/env bash
# check-po.sh PO — the catalogue compiles cleanly and is complete: no
# untranslated and no fuzzy entries (a fuzzy one shows English to the user).
set -eu
po=$1
[ -f "$po" ] || { echo "missing: $po"; exit 1; }
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
