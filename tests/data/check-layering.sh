#!/bin/sh
# check-layering.sh — no arrow back up the layers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# main → app → views → widgets → core: a file in src/views/ or src/widgets/
# includes no header of src/app/, and a file in src/widgets/ no header of
# src/views/ (HACKING.md, "Layers"). Headers are found by file name, as the
# build's include path finds them. Usage: check-layering.sh SRCDIR
set -u

srcdir=${1:?usage: check-layering.sh SRCDIR}
status=0

headers_of () {
  find "$srcdir/src/$1" -name '*.h' -exec basename {} \; | sort -u
}

# check LAYER UPPER: LAYER's files must not include UPPER's headers.
check () {
  layer=$1
  upper=$2
  for header in $(headers_of "$upper"); do
    hits=$(grep -rnF --include='*.c' --include='*.h' "#include \"$header\"" "$srcdir/src/$layer")
    if [ -n "$hits" ]; then
      printf '%s\n' "$hits" | sed "s|^$srcdir/||; s|\$|: src/$layer/ includes src/$upper/'s $header|"
      status=1
    fi
  done
}

[ -d "$srcdir/src/app" ] && [ -d "$srcdir/src/views" ] && [ -d "$srcdir/src/widgets" ] || {
  echo "check-layering.sh: $srcdir has no src/app, src/views and src/widgets" >&2
  exit 2
}

check views app
check widgets app
check widgets views

if [ "$status" -eq 0 ]; then
  echo "layering holds: views/ and widgets/ include nothing from app/, widgets/ nothing from views/"
fi
exit $status
