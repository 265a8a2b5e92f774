#!/usr/bin/env bash
# test-cli-messages.sh BUILDDIR — carebook-cli message send, sync and
# messages against the demo sandbox, whose care team answers at once
# (--reply-after 0): the message is queued (its outbox id printed), sent
# by the sync, answered, and the answer is in its thread; showing the
# thread marks it read, here and (with the next sync) on the portal;
# refusals are words on stderr and a non-zero exit; a renewal goes to a
# pharmacy chosen by name among the person's. Prints TAP.
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT
tab=$'\t'

echo "1..11"
"$build/src/sandbox/carebook-sandbox" --seed demo --demo --reply-after 0 > "$home/sandbox.out" 2>&1 &
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

# A picture of the ankle: a PNG signature and a few bytes.
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x01\x02\x03' > "$home/ankle.png"
printf 'plain words' > "$home/notes.txt"

# 1: queued, the outbox item's id printed, nothing on stderr.
item=$(printf 'Is it safe to run on a sprained ankle?\n' |
       "$cli" message send "$id" --to okafor --subject "Sprained ankle" --attach "$home/ankle.png" 2> "$home/send.err")
status=$?
if [ $status -eq 0 ] && [ "$(printf '%s\n' "$item" | wc -l)" -eq 1 ] && [ -n "$item" ] && [ ! -s "$home/send.err" ]; then
  echo "ok 1 message send queues it and prints the outbox item's id"
else
  echo "not ok 1 message send (status $status)"; printf '%s\n' "$item" "$(cat "$home/send.err")" | sed 's/^/# /'
fi

# 2: the sync sends it (attachment first) and brings the answer into its thread.
"$cli" sync "$id" > "$home/sync2.out" 2>&1
"$cli" messages "$id" > "$home/list.out" 2> "$home/list.err"
line=$(grep "${tab}Sprained ankle${tab}" "$home/list.out")
if [ -n "$line" ] && [ "$(printf '%s' "$line" | cut -f5)" = "1" ] &&
   [ "$(head -1 "$home/list.out" | cut -f4)" = "Sprained ankle" ] && [ ! -s "$home/list.err" ]; then
  echo "ok 2 after sync the thread is first, with the care team's answer unread"
else
  echo "not ok 2 messages after sync"; sed 's/^/# /' "$home/list.out" "$home/list.err" "$home/sync2.out"
fi
thread=$(printf '%s' "$line" | cut -f1)

# 3: the thread: the question, its attachment, the answer.
"$cli" message show "$id" "$thread" > "$home/show.out" 2> "$home/show.err"
if [ "$(grep -c "" "$home/show.out")" -eq 3 ] && grep -q "${tab}attachment${tab}ankle.png$" "$home/show.out" &&
   grep -q "Is it safe to run on a sprained ankle?" "$home/show.out" &&
   grep -q "^[^${tab}]*${tab}[^${tab}]*${tab}Dr\. " "$home/show.out"; then
  echo "ok 3 message show prints the question, its attachment and the answer"
else
  echo "not ok 3 message show"; sed 's/^/# /' "$home/show.out" "$home/show.err"
fi

# 4: shown is read: here at once, and on the portal after the next sync.
"$cli" messages "$id" > "$home/read.out" 2>&1
"$cli" sync "$id" > "$home/sync3.out" 2>&1
"$cli" messages "$id" > "$home/read2.out" 2>&1
if [ "$(grep "^$thread$tab" "$home/read.out" | cut -f5)" = "0" ] &&
   [ "$(grep "^$thread$tab" "$home/read2.out" | cut -f5)" = "0" ] &&
   "$cli" outbox "$id" | grep "Read: Sprained ankle" | grep -q "sent"; then
  echo "ok 4 a thread shown is read, and the read mark is sent"
else
  echo "not ok 4 read mark"; sed 's/^/# /' "$home/read.out" "$home/read2.out"; "$cli" outbox "$id" | sed 's/^/# /'
fi

# 5: sent once: a second sync sends nothing more.
before=$("$cli" outbox "$id" | grep -c "")
"$cli" sync "$id" > /dev/null 2>&1
if [ "$("$cli" outbox "$id" | grep -c "")" -eq "$before" ] &&
   [ "$("$cli" messages "$id" | grep -c "${tab}Sprained ankle${tab}")" -eq 1 ]; then
  echo "ok 5 nothing is sent twice"
else
  echo "not ok 5 sent twice"; "$cli" outbox "$id" | sed 's/^/# /'
fi

# 6: an unknown name is refused with the choices.
if ! printf 'Hello\n' | "$cli" message send "$id" --to "Dr. House" --subject Hi > "$home/who.out" 2> "$home/who.err" &&
   [ ! -s "$home/who.out" ] && grep -q "Okafor" "$home/who.err"; then
  echo "ok 6 an unknown recipient is refused, with the list of choices"
else
  echo "not ok 6 unknown recipient"; sed 's/^/# /' "$home/who.out" "$home/who.err"
fi

# 7: an empty message is refused in words.
if ! printf '\n' | "$cli" message send "$id" --to okafor --subject Empty > "$home/empty.out" 2> "$home/empty.err" &&
   [ ! -s "$home/empty.out" ] && grep -q "Write a message first." "$home/empty.err"; then
  echo "ok 7 an empty message is refused"
else
  echo "not ok 7 empty message"; sed 's/^/# /' "$home/empty.out" "$home/empty.err"
fi

# 8: a file that is not a picture or a PDF is refused before anything is queued.
count=$("$cli" outbox "$id" | grep -c "")
if ! printf 'See notes\n' | "$cli" message send "$id" --to okafor --subject Notes --attach "$home/notes.txt" \
     > "$home/type.out" 2> "$home/type.err" &&
   grep -q "notes.txt: Only pictures" "$home/type.err" && [ "$("$cli" outbox "$id" | grep -c "")" -eq "$count" ]; then
  echo "ok 8 a wrong file type is refused, nothing queued"
else
  echo "not ok 8 wrong type"; sed 's/^/# /' "$home/type.out" "$home/type.err"
fi

# 9: the person's pharmacies, one a line, id first; an unknown or ambiguous
# one is refused with the list, nothing queued.
"$cli" pharmacies "$id" > "$home/pharmacies.out" 2> "$home/pharmacies.err"
count=$("$cli" outbox "$id" | grep -c "")
if [ "$(grep -c "" "$home/pharmacies.out")" -eq 2 ] &&
   grep -q "^Organization/pharmacy-main${tab}Main Street Pharmacy${tab}(555) 010-2200$" "$home/pharmacies.out" &&
   grep -q "^Organization/pharmacy-mail${tab}Cascade Mail Pharmacy${tab}" "$home/pharmacies.out" &&
   ! "$cli" renew "$id" adult-lisinopril --pharmacy Walgreens > "$home/nowhere.out" 2> "$home/nowhere.err" &&
   grep -q "Cascade Mail Pharmacy" "$home/nowhere.err" && [ ! -s "$home/nowhere.out" ] &&
   ! "$cli" renew "$id" adult-lisinopril --pharmacy pharmacy > /dev/null 2> "$home/both.err" &&
   grep -q "More than one" "$home/both.err" && [ "$("$cli" outbox "$id" | grep -c "")" -eq "$count" ]; then
  echo "ok 9 pharmacies lists the person's; an unknown or ambiguous --pharmacy is refused"
else
  echo "not ok 9 pharmacies"; sed 's/^/# /' "$home/pharmacies.out" "$home/pharmacies.err" "$home/nowhere.err"
fi

# 10: renew --pharmacy by a part of its name: waiting, then renewed there.
"$cli" renew "$id" adult-lisinopril --pharmacy "main street" --comment "Two days left" > "$home/renew.out" 2> "$home/renew.err"
"$cli" renewals "$id" > "$home/renewals1.out" 2>&1
"$cli" sync "$id" > /dev/null 2>&1
"$cli" renewals "$id" > "$home/renewals2.out" 2>&1
if [ -s "$home/renew.out" ] && [ ! -s "$home/renew.err" ] &&
   grep -q "^adult-lisinopril${tab}waiting${tab}.*${tab}Main Street Pharmacy${tab}" "$home/renewals1.out" &&
   grep -q "^adult-lisinopril${tab}renewed${tab}.*${tab}Main Street Pharmacy${tab}Renewed on .* and sent to Main Street Pharmacy\.$" \
     "$home/renewals2.out"; then
  echo "ok 10 renew --pharmacy by name; renewals says waiting, then renewed there"
else
  echo "not ok 10 renew"; sed 's/^/# /' "$home/renew.out" "$home/renew.err" "$home/renewals1.out" "$home/renewals2.out"
fi

# 11: renew --other-pharmacy: a pharmacy none of the prescriptions names,
# by its name; renewed and sent there. With --pharmacy too, or an empty
# name, it is a usage error and nothing is queued.
count=$("$cli" outbox "$id" | grep -c "")
! "$cli" renew "$id" adult-atorvastatin --pharmacy main --other-pharmacy "Corner Drugstore" > /dev/null 2>&1
both=$?
! "$cli" renew "$id" adult-atorvastatin --other-pharmacy " " > /dev/null 2>&1
empty=$?
"$cli" renew "$id" adult-atorvastatin --other-pharmacy "Corner Drugstore" > "$home/other.out" 2> "$home/other.err"
"$cli" renewals "$id" > "$home/other1.out" 2>&1
"$cli" sync "$id" > /dev/null 2>&1
"$cli" renewals "$id" > "$home/other2.out" 2>&1
if [ "$both" -eq 0 ] && [ "$empty" -eq 0 ] && [ -s "$home/other.out" ] && [ ! -s "$home/other.err" ] &&
   [ "$("$cli" outbox "$id" | grep -c "")" -eq $((count + 1)) ] &&
   grep -q "^adult-atorvastatin${tab}waiting${tab}.*${tab}Corner Drugstore${tab}" "$home/other1.out" &&
   grep -q "^adult-atorvastatin${tab}renewed${tab}.*${tab}Corner Drugstore${tab}Renewed on .* and sent to Corner Drugstore\.$" \
     "$home/other2.out"; then
  echo "ok 11 renew --other-pharmacy; renewed and sent there"
else
  echo "not ok 11 renew --other-pharmacy"; sed 's/^/# /' "$home/other.out" "$home/other.err" "$home/other1.out" "$home/other2.out"
fi
