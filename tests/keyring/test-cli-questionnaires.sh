#!/usr/bin/env bash
# test-cli-questionnaires.sh BUILDDIR — carebook-cli questionnaires and
# questionnaire show/answer/submit against the demo sandbox. Prints TAP.
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
trap 'kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT

echo "1..12"
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

# 1: what is due and what is done, one a line, id first.
"$cli" questionnaires "$id" > "$home/list.out" 2> "$home/list.err"
if grep -q "^task:adult-phq9"$'\t'"due"$'\t'"[0-9-]*"$'\t'"phq-9"$'\t'"Depression screening (PHQ-9)" "$home/list.out" &&
   grep -q "^task:adult-phq9-earlier"$'\t'"done" "$home/list.out" && [ ! -s "$home/list.err" ]; then
  echo "ok 1 questionnaires lists the due and the done, one a line"
else
  echo "not ok 1 questionnaires"; sed 's/^/# /' "$home/list.out" "$home/list.err" "$home/sync.out"
fi

# 2, 3: the items as text, or the Questionnaire itself.
"$cli" questionnaire show "$id" task:adult-phq9 > "$home/show.out" 2>&1
if grep -q "^44250-9"$'\t'"0"$'\t'"choice"$'\t'"required"$'\t'"1. Little interest or pleasure in doing things"$'\t\t'"LA6568-5=Not at all | LA6569-3=Several days" "$home/show.out" &&
   grep -q "^44261-6"$'\t'"0"$'\t'"integer"$'\t'"read-only" "$home/show.out" && ! grep -q "^difficulty" "$home/show.out"; then
  echo "ok 2 questionnaire show prints the items, the hidden ones left out"
else
  echo "not ok 2 questionnaire show"; sed 's/^/# /' "$home/show.out"
fi
if "$cli" questionnaire show "$id" adult-phq9 --json |
   python3 -c "import json,sys; q=json.load(sys.stdin); assert q['resourceType']=='Questionnaire' and q['id']=='phq-9'"; then
  echo "ok 3 questionnaire show --json prints the Questionnaire"
else
  echo "not ok 3 questionnaire show --json"
fi

# 4: a wrong answer is refused, naming the item, on stderr.
if ! "$cli" questionnaire answer "$id" task:adult-phq9 --set 44250-9=LA6569-3 --set 44255-8=sometimes \
     > "$home/bad.out" 2> "$home/bad.err" &&
   grep -q "Item “44255-8”: Choose one of the answers offered." "$home/bad.err"; then
  echo "ok 4 a wrong answer is refused, naming its linkId"
else
  echo "not ok 4 wrong answer"; sed 's/^/# /' "$home/bad.out" "$home/bad.err"
fi

# 5: the answers kept so far are a draft: the question shows its answer.
"$cli" questionnaire show "$id" task:adult-phq9 > "$home/draft.out" 2>&1
if grep -q "^44250-9"$'\t'"0"$'\t'"choice"$'\t'"required"$'\t'"[^"$'\t'"]*"$'\t'"Several days" "$home/draft.out" &&
   grep -q "^task:adult-phq9"$'\t'"started" <("$cli" questionnaires "$id"); then
  echo "ok 5 answers are kept as a draft"
else
  echo "not ok 5 draft"; sed 's/^/# /' "$home/draft.out"
fi

# 6: submitting with an answer missing names it.
if ! "$cli" questionnaire answer "$id" task:adult-phq9 --submit > "$home/missing.out" 2> "$home/missing.err" &&
   grep -q "Item “44255-8”: This question needs an answer." "$home/missing.err"; then
  echo "ok 6 submit refuses a missing required answer, naming it"
else
  echo "not ok 6 missing"; sed 's/^/# /' "$home/missing.out" "$home/missing.err"
fi

# 7: all answered: queued, sent, and the portal completes the Task.
if "$cli" questionnaire answer "$id" task:adult-phq9 --set 44255-8=LA6569-3 --set 44259-0=LA6570-1 \
     --set 44254-1=LA6568-5 --set 44251-7=LA6568-5 --set 44258-2=LA6568-5 --set 44252-5=LA6568-5 \
     --set 44253-3=LA6568-5 --set 44260-8=LA6568-5 --set difficulty=LA6572-7 --submit > "$home/submit.out" 2> "$home/submit.err" &&
   grep -q "Answers to “Depression screening (PHQ-9)”" "$home/submit.out" &&
   "$cli" sync "$id" > /dev/null 2>&1 &&
   grep -q "^task:adult-phq9"$'\t'"done" <("$cli" questionnaires "$id"); then
  echo "ok 7 submit queues and sends the response; the Task is done"
else
  echo "not ok 7 submit"; sed 's/^/# /' "$home/submit.out" "$home/submit.err"
fi

# 8: the portal kept the sum it worked out.
"$cli" questionnaire show "$id" task:adult-phq9 > "$home/sent.out" 2>&1
if grep -q "^44261-6"$'\t'"0"$'\t'"integer"$'\t'"read-only"$'\t'"Total score"$'\t'"4"$'\t' "$home/sent.out"; then
  echo "ok 8 the sent response shows its score"
else
  echo "not ok 8 score"; sed 's/^/# /' "$home/sent.out"
fi

# 9: a response file checked locally: an answer to a hidden question is refused.
cat > "$home/history.json" <<'JSON'
{"resourceType":"QuestionnaireResponse","status":"completed",
 "questionnaire":"https://sandbox.carebook.example/fhir/Questionnaire/pre-visit-history|2",
 "item":[{"linkId":"habits","item":[{"linkId":"smoker","answer":[{"valueBoolean":false}]},
                                    {"linkId":"packs","answer":[{"valueDecimal":1}]}]}]}
JSON
if ! "$cli" questionnaire submit "$id" task:adult-history "$home/history.json" > "$home/file.out" 2> "$home/file.err" &&
   grep -q "Item “packs”" "$home/file.err" && [ ! -s "$home/file.out" ]; then
  echo "ok 9 submit FILE checks the response first, naming the item"
else
  echo "not ok 9 submit FILE"; sed 's/^/# /' "$home/file.out" "$home/file.err"
fi

# 10: an unknown questionnaire or connection fails on stderr.
if ! "$cli" questionnaire show "$id" task:nothing > "$home/none.out" 2> "$home/none.err" &&
   [ ! -s "$home/none.out" ] && [ -s "$home/none.err" ] &&
   ! "$cli" questionnaires nobody > /dev/null 2>&1; then
  echo "ok 10 unknown questionnaires and connections fail on standard error"
else
  echo "not ok 10 unknown"
fi

# 11: answers named by a canonical answerValueSet, expanded by the portal in
# the sync: listed, and only they are taken.
"$cli" questionnaire show "$id" task:adult-history > "$home/langs.out" 2> "$home/langs.err"
if grep -q "^visit-language"$'\t'"1"$'\t'"choice"$'\t\t'"1a. Which language would you like to speak at your visit?"$'\t\t'"en=English | es=Spanish | zh=Chinese" "$home/langs.out" &&
   [ ! -s "$home/langs.err" ] &&
   ! "$cli" questionnaire answer "$id" task:adult-history --set visit-language=xx > /dev/null 2> "$home/lang-bad.err" &&
   grep -q "Item “visit-language”: Choose one of the answers offered." "$home/lang-bad.err" &&
   "$cli" questionnaire answer "$id" task:adult-history --set visit-language=es > /dev/null 2>&1 &&
   grep -q "^visit-language"$'\t'"1"$'\t'"choice"$'\t\t[^\t]*\t'"Spanish" <("$cli" questionnaire show "$id" task:adult-history); then
  echo "ok 11 a canonical answerValueSet's answers are offered and checked"
else
  echo "not ok 11 answerValueSet"; sed 's/^/# /' "$home/langs.out" "$home/langs.err"
fi

# 12: past its due date a questionnaire says it is overdue, started or not
# (the offline copy's Tasks moved back to a day long gone).
cache=$(find "$home/data" -name cache.sqlite | head -1)
python3 - "$cache" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (rid, text) in db.execute("SELECT rid, json FROM resources WHERE type = 'Task' AND id IN ('adult-history', 'adult-gad7')").fetchall():
    task = json.loads(text)
    task["restriction"]["period"]["end"] = "2000-01-15"
    db.execute("UPDATE resources SET json = ? WHERE rid = ?", (json.dumps(task), rid))
db.commit()
PY
"$cli" questionnaires "$id" > "$home/late.out" 2> "$home/late.err"
if grep -q "^task:adult-history"$'\t'"started-overdue"$'\t'"2000-01-15"$'\t' "$home/late.out" &&
   grep -q "^task:adult-gad7"$'\t'"overdue"$'\t'"2000-01-15"$'\t' "$home/late.out" &&
   grep -q "^task:adult-assistance"$'\t'"due"$'\t' "$home/late.out" && [ ! -s "$home/late.err" ]; then
  echo "ok 12 past its due date a questionnaire is overdue, started or not"
else
  echo "not ok 12 overdue"; sed 's/^/# /' "$home/late.out" "$home/late.err"
fi
