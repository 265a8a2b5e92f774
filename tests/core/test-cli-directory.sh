#!/usr/bin/env bash
# test-cli-directory.sh BUILDDIR SRCDIR — carebook-cli directory search on
# the fixture directory: one health system a line, tab-separated (name,
# place, FHIR base), best first; nothing found is a message on stderr and
# a non-zero exit. Prints TAP.
set -u
build=$1
src=$2
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data/directory" "$home/config/carebook/directories"
cp "$src/tests/fixtures/directory/brands.json" "$home/data/directory/"
export CAREBOOK_DATADIR="$home/data" XDG_CONFIG_HOME="$home/config"
cli="$build/src/cli/carebook-cli"
tab=$'\t'

echo "1..6"

out=$("$cli" directory search childrens colorado 2> "$home/err")
status=$?
if [ $status -eq 0 ] &&
   [ "$out" = "Children's Hospital Colorado${tab}CO 80909${tab}https://fhir.childrens.example.org/api/FHIR/R4" ]; then
  echo "ok 1 words in any order, without the apostrophe: name, place, address"
else
  echo "not ok 1 search by name"; printf '%s\n' "$out" "$(cat "$home/err")" | sed 's/^/# /'
fi

out=$("$cli" directory search 80204)
if [ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] &&
   [ "$(printf '%s\n' "$out" | head -1 | cut -f1,2)" = "Denver Health${tab}CO 80204" ]; then
  echo "ok 2 a zip code finds its own first, then its state"
else
  echo "not ok 2 search by zip code"; printf '%s\n' "$out" | sed 's/^/# /'
fi

out=$("$cli" directory search QUERÉTARO)
if [ "$(printf '%s' "$out" | cut -f1)" = "Clínica San Martín" ]; then
  echo "ok 3 accents and case do not matter"
else
  echo "not ok 3 accented search"; printf '%s\n' "$out" | sed 's/^/# /'
fi

out=$("$cli" directory search no such clinic 2> "$home/err")
status=$?
if [ $status -ne 0 ] && [ -z "$out" ] && grep -q "no such clinic" "$home/err"; then
  echo "ok 4 nothing found: a message on stderr and a non-zero exit"
else
  echo "not ok 4 nothing found (status $status)"; printf '%s\n' "$out" "$(cat "$home/err")" | sed 's/^/# /'
fi

"$cli" directory search > /dev/null 2>&1
if [ $? -eq 2 ]; then
  echo "ok 5 no text is a usage error"
else
  echo "not ok 5 usage"
fi

# An imported list (the app keeps a copy in the config folder) is searched too.
sed 's/Riverside Family Health/Lakeshore Imported Clinic/' "$src/tests/fixtures/directory/brands.json" \
  > "$home/config/carebook/directories/imported.json"
out=$("$cli" directory search lakeshore imported)
if [ "$(printf '%s' "$out" | cut -f1)" = "Lakeshore Imported Clinic" ]; then
  echo "ok 6 imported lists are searched"
else
  echo "not ok 6 imported lists"; printf '%s\n' "$out" | sed 's/^/# /'
fi
