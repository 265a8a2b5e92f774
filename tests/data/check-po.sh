#!/usr/bin/env bash
# check-po.sh — a translation is present, compiles cleanly and is complete
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh SRCDIR LANG
#
# Fails when po/LANG.po is missing or not in po/LINGUAS, when msgfmt --check
# finds an error, or when any entry is untranslated or fuzzy (a fuzzy entry
# shows English to the user). es.po is only complete if it has every string
# the sources have now, so the strings are extracted afresh from the files in
# po/POTFILES.in and merged into a copy of the catalogue before counting:
# a string added to the code but not to LANG.po fails here as untranslated.
set -uo pipefail

srcdir=$1
lang=$2
po="$srcdir/po/$lang.po"

if [ ! -f "$po" ]; then
  echo "missing: $po"
  exit 1
fi
if ! grep -qxE "[[:space:]]*$lang[[:space:]]*" "$srcdir/po/LINGUAS" 2>/dev/null; then
  echo "$lang is not listed in $srcdir/po/LINGUAS"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

echo -n "$po: "
if ! msgfmt --check --statistics -o /dev/null "$po" 2>&1; then
  echo "msgfmt --check failed for $po"
  exit 1
fi

# The same keywords as po/meson.build's glib preset plus its extra arguments;
# keep the two in step.
if ! xgettext --package-name=carebook --from-code=UTF-8 --add-comments=Translators \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" \
       -o "$tmp/fresh.pot"; then
  echo "xgettext failed on the files in po/POTFILES.in"
  exit 1
fi
if ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/fresh.pot"; then
  echo "msgmerge failed"
  exit 1
fi
if ! stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1); then
  echo "$stats"
  echo "msgfmt --check failed once merged with the current sources"
  exit 1
fi
echo "against the current sources: $stats"

case "$stats" in
  *untranslated*|*fuzzy*)
    # Name the entries, so whoever fixes it need not hunt for them.
    for which in untranslated only-fuzzy; do
      echo "${which#only-}:"
      msgattrib "--$which" --no-obsolete --no-wrap --no-location "$tmp/merged.po" |
        sed -n '/^msgid /,/^msgstr/p' | grep -v -e '^msgstr' -e '^msgid ""$'
    done
    exit 1
    ;;
esac
exit 0
