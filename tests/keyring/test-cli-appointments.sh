#!/usr/bin/env bash
# test-cli-appointments.sh BUILDDIR — carebook-cli appointments and
# appointment visit-types/find/book/cancel/check-in/ics against the sandbox
# in demo mode, signed in as Maria with curl as the browser. Prints TAP.
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT

echo "1..11"
"$build/src/sandbox/carebook-sandbox" --seed demo --demo > "$home/sandbox.out" 2>&1 &
sandbox=$!
for _ in $(seq 50); do [ -s "$home/sandbox.out" ] && break; sleep 0.1; done
base=$(head -1 "$home/sandbox.out")

"$cli" account add "$base" --no-browser --login-hint demo:maria:adult > "$home/add.out" 2>&1 &
adding=$!
for _ in $(seq 50); do grep -q "^http" "$home/add.out" && break; sleep 0.1; done
url=$(grep "^http" "$home/add.out" | head -1)
back=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
curl -s -o /dev/null "$back"
wait $adding
id=$("$cli" account list | cut -f1 | head -1)
"$cli" sync "$id" > /dev/null 2>&1

# appointments: id, start with its zone, with whom, where, status, what.
"$cli" appointments "$id" > "$home/list.out" 2> "$home/list.err"
if grep -qP '^appt-adult-video\t\d{4}-\d\d-\d\dT15:00:00-0[78]:00\tDr. Adaeze Okafor\tRiverside Main Clinic\tbooked\tVideo visit$' "$home/list.out" &&
   [ ! -s "$home/list.err" ]; then
  echo "ok 1 appointments lists one a line, id first, with the clinic's time zone"
else
  echo "not ok 1 appointments"; sed 's/^/# /' "$home/list.out" "$home/list.err"
fi

if "$cli" appointment visit-types "$id" | grep -qP '^follow-up\t20\tFollow-up visit$'; then
  echo "ok 2 visit-types: code, minutes, name"
else
  echo "not ok 2 visit-types"
fi

"$cli" appointment find "$id" --type follow --with okafor > "$home/find.out" 2> "$home/find.err"
slot=$(head -1 "$home/find.out" | cut -f1)
if [ -n "$slot" ] && head -1 "$home/find.out" | grep -qP '^slot-okafor-\S+\t\S+\t20\tDr. Adaeze Okafor\tRiverside Main Clinic$' &&
   ! grep -q adeyemi "$home/find.out"; then
  echo "ok 3 find: open times one a line, the slot id first"
else
  echo "not ok 3 find"; sed 's/^/# /' "$home/find.out" "$home/find.err" | head -5
fi

"$cli" appointment book "$id" "$slot" --type follow --reason "A1c check" > "$home/book.out" 2> "$home/book.err"
booked=$(cut -f1 "$home/book.out")
if [ -n "$booked" ] && grep -qP '\tbooked$' "$home/book.out" &&
   "$cli" appointments "$id" | grep -qP "^$booked\t.*\tbooked\t"; then
  echo "ok 4 book, and the list shows it after the sync"
else
  echo "not ok 4 book"; sed 's/^/# /' "$home/book.out" "$home/book.err"
fi

# The same time again: someone (Maria herself) has it now.
if ! "$cli" appointment book "$id" "$slot" --type follow > /dev/null 2> "$home/again.err" &&
   grep -q "not an open time" "$home/again.err"; then
  echo "ok 5 a time no longer open is refused on stderr"
else
  echo "not ok 5 booking a taken time"; sed 's/^/# /' "$home/again.err"
fi

if "$cli" appointment cancel "$id" "$booked" --reason "Feeling better" > /dev/null 2> "$home/cancel.err" &&
   "$cli" appointments "$id" | grep -qP "^$booked\t.*\tcancelled\t"; then
  echo "ok 6 cancel through the outbox"
else
  echo "not ok 6 cancel"; sed 's/^/# /' "$home/cancel.err"
fi

if ! "$cli" appointment cancel "$id" no-such-visit 2> "$home/none.err" > /dev/null && [ -s "$home/none.err" ]; then
  echo "ok 7 an unknown appointment is an error"
else
  echo "not ok 7 unknown appointment"
fi

ok=1
for step in details insurance medications allergies; do
  "$cli" appointment check-in "$id" appt-adult-video "$step" > /dev/null 2>> "$home/check.err" || ok=0
done
"$cli" appointment check-in "$id" appt-adult-video copay at-clinic > /dev/null 2>> "$home/check.err" || ok=0
if [ $ok = 1 ] && "$cli" appointments "$id" | grep -qP '^appt-adult-video\t.*\tchecked-in\t'; then
  echo "ok 8 eCheck-in step by step ends checked in"
else
  echo "not ok 8 check-in"; sed 's/^/# /' "$home/check.err"
fi

"$cli" appointment ics "$id" appt-adult-video "$home/visit.ics"
if grep -q "BEGIN:VCALENDAR" "$home/visit.ics" && grep -q "DTSTART;TZID=America/Los_Angeles:" "$home/visit.ics" &&
   grep -q "^URL:https://video.riverside.example.org/" "$home/visit.ics" &&
   [ "$(stat -c %a "$home/visit.ics")" = 600 ]; then
  echo "ok 9 ics writes a private calendar file in the clinic's zone"
else
  echo "not ok 9 ics"; sed 's/^/# /' "$home/visit.ics" | head -20
fi

if ! "$cli" appointment find "$id" --type brain-surgery > /dev/null 2> "$home/type.err" && [ -s "$home/type.err" ]; then
  echo "ok 10 an unknown kind of visit is an error on stderr"
else
  echo "not ok 10 unknown kind of visit"
fi

# Upcoming tests: the active orders, soonest due first, one a line, id first;
# the one already done is not listed.
"$cli" appointment tests "$id" > "$home/tests.out" 2> "$home/tests.err"
if head -1 "$home/tests.out" | grep -qP '^sr-adult-retina\t\d{4}-\d\d-\d\d\timaging\tRetinal photography\tRiverside Main Clinic, eye clinic, second floor\tDone at your eye exam' &&
   grep -qP '^sr-adult-lipids\t\S+\tlab\tLipid panel\t[^\t]+\tFasting test: ' "$home/tests.out" &&
   [ "$(wc -l < "$home/tests.out")" = 3 ] && ! grep -q sr-adult-old "$home/tests.out" && [ ! -s "$home/tests.err" ]; then
  echo "ok 11 appointment tests lists what is ordered, with where to go and what to do before"
else
  echo "not ok 11 appointment tests"; sed 's/^/# /' "$home/tests.out" "$home/tests.err"
fi
