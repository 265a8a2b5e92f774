#!/usr/bin/env bash
# test-cli.sh BUILDDIR — carebook-cli account add/list/remove against the
# sandbox in demo mode, with curl as the browser. Prints TAP.
set -u
build=$1
home=$(mktemp -d)
# A fresh profile of its own, so the check after removal sees only this.
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT

echo "1..11"
"$build/src/sandbox/carebook-sandbox" --seed demo --demo > "$home/sandbox.out" 2>&1 &
sandbox=$!
for _ in $(seq 50); do [ -s "$home/sandbox.out" ] && break; sleep 0.1; done
base=$(head -1 "$home/sandbox.out")

"$build/src/cli/carebook-cli" account add "$base" --no-browser --login-hint demo:maria:child \
  > "$home/cli.out" 2>&1 &
cli=$!
for _ in $(seq 50); do grep -q "^http" "$home/cli.out" && break; sleep 0.1; done
url=$(grep "^http" "$home/cli.out" | head -1)
# The "browser": load the portal page, then the redirect back to the CLI.
back=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
curl -s -o /dev/null "$back"
wait $cli
status=$?

if [ $status -eq 0 ] && grep -q "Connected: Mateo Reyes" "$home/cli.out"; then
  echo "ok 1 account add signs in and saves the connection"
else
  echo "not ok 1 account add"; sed 's/^/# /' "$home/cli.out"
fi

list=$("$build/src/cli/carebook-cli" account list)
if printf '%s' "$list" | grep -q "|child"$'\t'"Mateo Reyes"; then
  echo "ok 2 account list shows the person"
else
  echo "not ok 2 account list"; printf '%s\n' "$list" | sed 's/^/# /'
fi

id=$(printf '%s' "$list" | cut -f1 | head -1)

# sync, status and export: the same cache and engine as the app.
if "$build/src/cli/carebook-cli" sync "$id" > "$home/sync.out" 2>&1 &&
   grep -q "Immunization" "$home/sync.out"; then
  echo "ok 3 sync brings the record down"
else
  echo "not ok 3 sync"; sed 's/^/# /' "$home/sync.out"
fi
if "$build/src/cli/carebook-cli" status "$id" > "$home/status.out" 2>&1 &&
   grep -Eq "Immunization +[1-9]" "$home/status.out"; then
  echo "ok 4 status counts what is cached"
else
  echo "not ok 4 status"; sed 's/^/# /' "$home/status.out"
fi
if "$build/src/cli/carebook-cli" export "$id" "$home/export.json" > /dev/null 2>&1 &&
   python3 -c "import json,sys; b=json.load(open(sys.argv[1])); assert b['resourceType']=='Bundle' and len(b['entry'])>10" "$home/export.json" &&
   [ "$(stat -c %a "$home/export.json")" = 600 ]; then
  echo "ok 5 export writes a private FHIR Bundle"
else
  echo "not ok 5 export"
fi
# outbox: one item a line, tab-separated, the item's id first.
cache="${XDG_DATA_HOME:-$HOME/.local/share}/carebook/$id/cache.sqlite"
python3 - "$cache" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO outbox (client_id, type, json, created, summary) VALUES"
           " ('item-1', 'AllergyIntolerance', '{}', 0, 'Allergy to dust\tmites')")
db.execute("INSERT INTO outbox (client_id, type, json, created, state, message, summary) VALUES"
           " ('item-2', 'Immunization', '{}', 1, 2, 'Date is missing', 'Flu shot, given elsewhere')")
db.commit()
PY
"$build/src/cli/carebook-cli" outbox "$id" > "$home/outbox.out" 2> "$home/outbox.err"
status=$?
expected=$(printf 'item-1\t%s\twaiting\tcreate\tAllergyIntolerance\tAllergy to dust mites\t\nitem-2\t%s\trefused\tcreate\tImmunization\tFlu shot, given elsewhere\tDate is missing' "$id" "$id")
if [ $status -eq 0 ] && [ "$(cat "$home/outbox.out")" = "$expected" ] && [ ! -s "$home/outbox.err" ]; then
  echo "ok 6 outbox lists each item on one tab-separated line, id first"
else
  echo "not ok 6 outbox"; sed 's/^/# /' "$home/outbox.out" "$home/outbox.err"
fi
if ! "$build/src/cli/carebook-cli" outbox "nobody" > "$home/outbox.out" 2> "$home/outbox.err" &&
   [ ! -s "$home/outbox.out" ] && [ -s "$home/outbox.err" ]; then
  echo "ok 7 outbox of an unknown connection fails on standard error"
else
  echo "not ok 7 outbox of an unknown connection"
fi

if "$build/src/cli/carebook-cli" account remove "$id" > /dev/null; then
  echo "ok 8 account remove"
else
  echo "not ok 8 account remove"
fi

if "$build/src/cli/carebook-cli" account list | grep -q "No health system is connected"; then
  echo "ok 9 nothing left after removal"
else
  echo "not ok 9 something left after removal"
fi

if ! "$build/src/cli/carebook-cli" account remove "https://nowhere|x" 2>/dev/null; then
  echo "ok 10 removing an unknown connection fails"
else
  echo "not ok 10 removing an unknown connection succeeded"
fi

# Signing out leaves no record content anywhere in the profile: not the
# cache, its WAL, damaged copies, the access log or the config.
left=$(grep -rlE "Reyes|Mateo|Immunization" "$home/data" "$home/config" "$home/cache" 2>/dev/null)
if [ -z "$left" ]; then
  echo "ok 11 nothing of the record is left on disk after account remove"
else
  echo "not ok 11 record content left after account remove"; printf '%s\n' "$left" | sed 's/^/# /'
fi
