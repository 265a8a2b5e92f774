#!/usr/bin/env bash
# test-cli-readings.sh BUILDDIR — carebook-cli readings and reading
# add/correct/withdraw against the demo sandbox, sent by sync. Prints TAP.
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
# Units follow the measurement locale: C has no country, so kg and mmol/L.
export LC_ALL=C.UTF-8
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT
tab=$'\t'

echo "1..9"
"$build/src/sandbox/carebook-sandbox" --seed demo --demo > "$home/sandbox.out" 2>&1 &
sandbox=$!
for _ in $(seq 50); do [ -s "$home/sandbox.out" ] && break; sleep 0.1; done
base=$(head -1 "$home/sandbox.out")

"$cli" account add "$base" --no-browser --login-hint demo:maria > "$home/add.out" 2>&1 &
adding=$!
for _ in $(seq 50); do grep -q "^http" "$home/add.out" && break; sleep 0.1; done
url=$(grep "^http" "$home/add.out" | head -1)
back=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
curl -s -o /dev/null "$back"
wait $adding
id=$("$cli" account list | cut -f1 | head -1)
"$cli" sync "$id" > "$home/sync.out" 2>&1

# 1: what the clinic asked for and what Maria entered, one a line, id first.
"$cli" readings "$id" > "$home/list.out" 2> "$home/list.err"
if grep -q "^CarePlan/adult-home-readings#0${tab}asked${tab}bp${tab}Twice a day${tab}Dr. Adaeze Okafor${tab}" "$home/list.out" &&
   grep -q "^CarePlan/adult-home-readings#2${tab}asked${tab}glucose${tab}Once a day${tab}" "$home/list.out" &&
   grep -q "^adult-entered-bp-1${tab}entered${tab}bp${tab}[0-9T:+-]*${tab}134/86 mmHg${tab}left${tab}$" "$home/list.out" &&
   [ "$(grep -c "${tab}entered${tab}" "$home/list.out")" = 9 ] && [ ! -s "$home/list.err" ]; then
  echo "ok 1 readings lists the requests and the entered readings"
else
  echo "not ok 1 readings"; sed 's/^/# /' "$home/list.out" "$home/list.err" "$home/sync.out"
fi

# 2: a blood pressure and a weight queued, with the decimal as typed (the
# pressure at midnight today: never in the future, whenever this runs).
"$cli" reading add "$id" bp 138/92 --arm right --position sitting --at 00:00 > "$home/bp.out" 2> "$home/bp.err"
bp=$(cut -f1 "$home/bp.out")
"$cli" reading add "$id" weight 81.4 kg --at "2026-12-01 07:15" > "$home/weight.out" 2> "$home/weight.err"
weight=$(cut -f1 "$home/weight.out")
if grep -q "${tab}Blood Pressure 138/92 mmHg$" "$home/bp.out" && grep -q "${tab}Weight 81.4 kg$" "$home/weight.out" &&
   grep -q "^$bp${tab}waiting${tab}bp${tab}.*${tab}138/92 mmHg${tab}right,sitting${tab}$" <("$cli" readings "$id") &&
   grep -q "^$weight${tab}waiting${tab}weight${tab}2026-12-01T07:15:00" <("$cli" readings "$id"); then
  echo "ok 2 reading add queues, printing the outbox id"
else
  echo "not ok 2 add"; sed 's/^/# /' "$home/bp.out" "$home/bp.err" "$home/weight.out" "$home/weight.err"
fi

# 3: implausible readings are refused before they are queued, naming the value.
if ! "$cli" reading add "$id" weight 900 kg > "$home/heavy.out" 2> "$home/heavy.err" &&
   grep -q "Weight: 900 kg is higher than is possible (at most 450 kg)" "$home/heavy.err" && [ ! -s "$home/heavy.out" ] &&
   ! "$cli" reading add "$id" bp 80/120 > /dev/null 2> "$home/order.err" &&
   grep -q "The diastolic (120) must be lower than the systolic (80)" "$home/order.err" &&
   ! "$cli" reading add "$id" glucose 6.1 kg > /dev/null 2>&1; then
  echo "ok 3 implausible readings are refused on stderr"
else
  echo "not ok 3 implausible"; sed 's/^/# /' "$home/heavy.out" "$home/heavy.err" "$home/order.err"
fi

# 4: usage errors exit 2.
"$cli" reading add "$id" mood 5 > /dev/null 2>&1; mood=$?
"$cli" reading add "$id" > /dev/null 2>&1; short=$?
if [ "$mood" = 2 ] && [ "$short" = 2 ]; then
  echo "ok 4 an unknown kind or missing value is a usage error"
else
  echo "not ok 4 usage ($mood $short)"
fi

# 5: corrected while waiting; the arm and position stay.
if "$cli" reading correct "$id" "$bp" 128/82 > "$home/fix.out" 2> "$home/fix.err" &&
   grep -q "^$bp${tab}Blood Pressure 128/82 mmHg$" "$home/fix.out" &&
   grep -q "^$bp${tab}waiting${tab}bp${tab}.*${tab}128/82 mmHg${tab}right,sitting${tab}$" <("$cli" readings "$id"); then
  echo "ok 5 reading correct replaces a waiting reading"
else
  echo "not ok 5 correct"; sed 's/^/# /' "$home/fix.out" "$home/fix.err"
fi

# 6: withdrawn while waiting.
"$cli" reading add "$id" steps 10,432 > "$home/steps.out" 2>&1
steps=$(cut -f1 "$home/steps.out")
if "$cli" reading withdraw "$id" "$steps" && ! grep -q "^$steps" <("$cli" readings "$id"); then
  echo "ok 6 reading withdraw takes it back"
else
  echo "not ok 6 withdraw"; sed 's/^/# /' "$home/steps.out"
fi

# 7: sync sends them; the portal has them, entered, with the portal's ids.
"$cli" sync "$id" > "$home/sync2.out" 2>&1
"$cli" readings "$id" > "$home/after.out" 2>&1
if ! grep -q "${tab}waiting${tab}" "$home/after.out" &&
   grep -q "${tab}entered${tab}bp${tab}.*${tab}128/82 mmHg${tab}right,sitting${tab}$" "$home/after.out" &&
   grep -q "${tab}entered${tab}weight${tab}2026-12-01T07:15:00.*${tab}81.4 kg${tab}" "$home/after.out" &&
   ! grep -q "^$bp" "$home/after.out" && [ "$(grep -c "${tab}entered${tab}" "$home/after.out")" = 11 ]; then
  echo "ok 7 sync sends the readings; they come back as entered"
else
  echo "not ok 7 sync"; sed 's/^/# /' "$home/after.out" "$home/sync2.out"
fi

# 8: sent, it can no longer be corrected or withdrawn here.
if ! "$cli" reading correct "$id" "$bp" 120/80 > /dev/null 2> "$home/late.err" && [ -s "$home/late.err" ] &&
   ! "$cli" reading withdraw "$id" "$weight" > /dev/null 2>&1; then
  echo "ok 8 a sent reading cannot be changed"
else
  echo "not ok 8 sent"; sed 's/^/# /' "$home/late.err"
fi

# 9: the kinds, the locale's unit first (C has no country: the SI units).
if grep -q "^weight${tab}Weight${tab}kg${tab}lb$" <("$cli" reading kinds) &&
   grep -q "^bp${tab}Blood Pressure${tab}mmHg${tab}$" <("$cli" reading kinds) &&
   [ "$("$cli" reading kinds | wc -l)" = 9 ]; then
  echo "ok 9 reading kinds lists the kinds and their units"
else
  echo "not ok 9 kinds"; "$cli" reading kinds | sed 's/^/# /'
fi
