#!/usr/bin/env bash
# test-cli-directives.sh BUILDDIR — carebook-cli directives and directive
# upload/agent/forms/form against the demo sandbox. Prints TAP.
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
export LC_ALL=C.UTF-8 LANGUAGE=en
sandbox=
trap '[ -n "$sandbox" ] && kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT
tab=$'\t'

echo "1..7"
# shellcheck source=cli-demo-sign-in.sh
. "$(dirname "$0")/cli-demo-sign-in.sh"
demo_sign_in demo:maria

# 1: what is on file, one a line, id first: her directive and the blank form.
"$cli" directives "$id" > "$home/list.out" 2> "$home/list.err"
if grep -q "^adult-directive${tab}directive${tab}on-file${tab}" "$home/list.out" &&
   grep -q "^adult-directive-form${tab}form${tab}on-file${tab}Oregon Advance Directive for Health Care${tab}" "$home/list.out" &&
   [ "$(wc -l < "$home/list.out")" = 2 ] && [ ! -s "$home/list.err" ]; then
  echo "ok 1 directives lists the directive on file and the blank form"
else
  echo "not ok 1 directives"; sed 's/^/# /' "$home/list.out" "$home/list.err" "$home/sync.out"
fi

# 2: the blank forms, and one saved: a PDF, private.
"$cli" directive forms "$id" > "$home/forms.out" 2>&1
if [ "$(cat "$home/forms.out")" = "adult-directive-form${tab}Oregon Advance Directive for Health Care${tab}oregon-advance-directive.pdf" ] &&
   "$cli" directive form "$id" adult-directive-form --output "$home/form.pdf" > /dev/null 2> "$home/form.err" &&
   [ "$(head -c 5 "$home/form.pdf")" = "%PDF-" ] && [ "$(stat -c %a "$home/form.pdf")" = 600 ]; then
  echo "ok 2 directive forms lists the blank form; directive form saves it"
else
  echo "not ok 2 forms"; sed 's/^/# /' "$home/forms.out" "$home/form.err"
fi

# 3: a form that is not one is an error on stderr, exit 1.
if ! "$cli" directive form "$id" adult-directive --output "$home/no.pdf" > "$home/no.out" 2> "$home/no.err" &&
   grep -q "No blank form is called adult-directive" "$home/no.err" && [ ! -s "$home/no.out" ] && [ ! -e "$home/no.pdf" ]; then
  echo "ok 3 directive form refuses what is not a blank form"
else
  echo "not ok 3 not a form"; sed 's/^/# /' "$home/no.out" "$home/no.err"
fi

# 4: a text file is refused before anything is queued, naming it.
printf 'not a directive\n' > "$home/notes.txt"
if ! "$cli" directive upload "$id" "$home/notes.txt" > "$home/txt.out" 2> "$home/txt.err" &&
   grep -q "^notes.txt: " "$home/txt.err" && [ ! -s "$home/txt.out" ] && [ -z "$("$cli" outbox "$id")" ]; then
  echo "ok 4 directive upload refuses a text file, naming it"
else
  echo "not ok 4 text file"; sed 's/^/# /' "$home/txt.out" "$home/txt.err"
fi

# 5: a 10 MB signed PDF is sent as one directive and comes back on file.
python3 -c "
import sys
size = 10 * 1024 * 1024
body = b'%PDF-1.4\n' + bytes((i * 7) & 0x7f for i in range(size - 16)) + b'\n%%EOF\n'
open(sys.argv[1], 'wb').write(body[:size])" "$home/signed.pdf"
"$cli" directive upload "$id" "$home/signed.pdf" --title "Signed at home" --signed 2026-12-01 > "$home/up.out" 2> "$home/up.err"
status=$?
"$cli" sync "$id" > /dev/null 2>&1
if [ $status = 0 ] && grep -q "${tab}Signed advance directive$" "$home/up.out" && [ ! -s "$home/up.err" ] &&
   grep -q "${tab}directive${tab}on-file${tab}Signed at home${tab}2026-12-01${tab}signed.pdf${tab}$" <("$cli" directives "$id"); then
  echo "ok 5 directive upload sends a 10 MB PDF; it is on file after sync"
else
  echo "not ok 5 upload ($status)"; sed 's/^/# /' "$home/up.out" "$home/up.err"; "$cli" directives "$id" | sed 's/^/# /'
fi

# 6: the health care agent, named and on file.
"$cli" directive agent "$id" --name "Luis Reyes" --relationship "Husband" --phone 503-555-0142 > "$home/agent.out" 2> "$home/agent.err"
status=$?
"$cli" sync "$id" > /dev/null 2>&1
if [ $status = 0 ] && grep -q "${tab}Health care agent: Luis Reyes$" "$home/agent.out" &&
   grep -q "${tab}agent${tab}on-file${tab}Luis Reyes${tab}${tab}Husband${tab}503-555-0142$" <("$cli" directives "$id"); then
  echo "ok 6 directive agent names the health care agent"
else
  echo "not ok 6 agent ($status)"; sed 's/^/# /' "$home/agent.out" "$home/agent.err"; "$cli" directives "$id" | sed 's/^/# /'
fi

# 7: usage errors exit 2.
"$cli" directive agent "$id" > /dev/null 2>&1; noname=$?
"$cli" directive upload "$id" > /dev/null 2>&1; nofile=$?
if [ "$noname" = 2 ] && [ "$nofile" = 2 ]; then
  echo "ok 7 an agent without a name or an upload without a file is a usage error"
else
  echo "not ok 7 usage ($noname $nofile)"
fi
