#!/usr/bin/env bash
# test-cli-import.sh BUILDDIR SRCDIR — carebook-cli import against the demo
# sandbox, on files bench/make-health-export.py writes. Prints TAP.
set -u
build=$1
src=$2
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT

echo "1..7"
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

# What the generator says the export holds, in the CLI's words.
python3 "$src/bench/make-health-export.py" "$home/export.zip" --days 10 --csv "$home/export.csv" > "$home/expected"
{
  grep -v -e '^first' -e '^last' -e '^implausible' "$home/expected" | sort
  printf 'range\t%s\t%s\n' "$(grep ^first "$home/expected" | cut -f2)" "$(grep ^last "$home/expected" | cut -f2)"
  printf 'duplicates\t0\n'
  grep ^implausible "$home/expected"
  printf 'unreadable\t0\n'
} > "$home/want"

# 1, 2: a dry run prints the preview, kinds first, and queues nothing.
"$cli" import "$id" "$home/export.zip" --dry-run > "$home/dry.out" 2> "$home/dry.err"
status=$?
{
  grep -v -e '^range' -e '^duplicates' -e '^implausible' -e '^unreadable' -e '^row' "$home/dry.out" | cut -f1,2 | sort
  grep -e '^range' -e '^duplicates' -e '^implausible' -e '^unreadable' "$home/dry.out"
} > "$home/got"
if [ $status -eq 0 ] && diff "$home/want" "$home/got" > "$home/diff" && [ ! -s "$home/dry.err" ] &&
   grep -q "^row"$'\t'"Line [0-9]*: Weight 899.99 kg$" "$home/dry.out"; then
  echo "ok 1 import --dry-run prints the Apple Health export's readings per kind, range and rows left out"
else
  echo "not ok 1 import --dry-run"; sed 's/^/# /' "$home/diff" "$home/dry.out" "$home/dry.err"
fi
if [ -z "$("$cli" outbox "$id")" ] && ! grep -q "^queued" "$home/dry.out"; then
  echo "ok 2 a dry run queues nothing"
else
  echo "not ok 2 dry run queued"; "$cli" outbox "$id" | sed 's/^/# /'
fi

# 3: the same readings as a CSV file give the same preview.
"$cli" import "$id" "$home/export.csv" --dry-run > "$home/csv.out" 2>&1
{
  grep -v -e '^range' -e '^duplicates' -e '^implausible' -e '^unreadable' -e '^row' "$home/csv.out" | cut -f1,2 | sort
  grep -e '^range' -e '^duplicates' -e '^implausible' -e '^unreadable' "$home/csv.out"
} > "$home/got-csv"
if diff "$home/want" "$home/got-csv" > "$home/diff-csv"; then
  echo "ok 3 the CSV of the same readings previews the same"
else
  echo "not ok 3 CSV preview"; sed 's/^/# /' "$home/diff-csv" "$home/csv.out"
fi

# 4: columns chosen by hand for a CSV whose header names none of them.
printf 'Wert;Art;Zeit\n81,4;weight;2026-11-02T08:00:00Z\n61;pulse;2026-11-02T08:01:00Z\n' > "$home/odd.csv"
if ! "$cli" import "$id" "$home/odd.csv" --dry-run > /dev/null 2> "$home/odd.err" &&
   grep -q "Choose which columns" "$home/odd.err" &&
   "$cli" import "$id" "$home/odd.csv" --dry-run --columns 3,2,1 > "$home/odd.out" 2>&1 &&
   grep -q "^weight"$'\t'"1" "$home/odd.out" && grep -q "^heart-rate"$'\t'"1" "$home/odd.out"; then
  echo "ok 4 --columns maps a CSV file's columns"
else
  echo "not ok 4 --columns"; sed 's/^/# /' "$home/odd.err" "$home/odd.out"
fi

# 5: a file that is neither: a message on stderr, nothing on stdout, non-zero.
head -c 3000 /dev/urandom > "$home/noise.bin"
printf '\0\0\0' >> "$home/noise.bin"
if ! "$cli" import "$id" "$home/noise.bin" --dry-run > "$home/noise.out" 2> "$home/noise.err" &&
   [ ! -s "$home/noise.out" ] && grep -q "noise.bin: " "$home/noise.err"; then
  echo "ok 5 a file that is not an export is refused with a message"
else
  echo "not ok 5 noise"; sed 's/^/# /' "$home/noise.out" "$home/noise.err"
fi

# 6: a zip cut short is refused the same way.
head -c 20000 "$home/export.zip" > "$home/short.zip"
if ! "$cli" import "$id" "$home/short.zip" > "$home/short.out" 2> "$home/short.err" &&
   grep -q "damaged or cut short" "$home/short.err" && [ -z "$("$cli" outbox "$id")" ]; then
  echo "ok 6 a zip cut short is refused and nothing is queued"
else
  echo "not ok 6 short zip"; sed 's/^/# /' "$home/short.out" "$home/short.err"
fi

# 7: without --dry-run the new readings are queued and sent (the demo's
# grant includes Observation writes); a second import finds them on file.
printf 'date,kind,value,unit\n2026-11-03T08:00:00Z,weight,81.4,kg\n2026-11-03T08:00:00Z,weight,81.4,kg\n2026-11-03T08:01:00Z,pulse,61,/min\n' > "$home/two.csv"
"$cli" import "$id" "$home/two.csv" > "$home/real.out" 2> "$home/real.err"
status=$?
"$cli" sync "$id" > /dev/null 2>&1
"$cli" import "$id" "$home/two.csv" --dry-run > "$home/again.out" 2>&1
if [ $status = 0 ] && grep -q "^queued"$'\t'"2$" "$home/real.out" && grep -q "^sent"$'\t'"2$" "$home/real.out" &&
   [ ! -s "$home/real.err" ] && grep -q "^duplicates"$'\t'"3$" "$home/again.out"; then
  echo "ok 7 import queues and sends the new readings, once each"
else
  echo "not ok 7 import ($status)"; sed 's/^/# /' "$home/real.out" "$home/real.err" "$home/again.out"
fi
