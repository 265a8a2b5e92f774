#!/usr/bin/env bash
# test-cli-unknown-id.sh BUILDDIR — every carebook-cli command that takes a
# connection ID opens it the same way: an ID nobody has is one message on
# stderr, naming it, nothing on stdout, exit 1. Prints TAP.
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
export LC_ALL=C.UTF-8 LANGUAGE=en
trap 'rm -rf "$home"' EXIT
printf 'date,kind,value,unit\n2026-11-02T08:00:00Z,weight,81.4,kg\n' > "$home/one.csv"

commands=(
  "appointments nobody"
  "messages nobody"
  "questionnaires nobody"
  "readings nobody"
  "reading add nobody weight 81.4 kg"
  "import nobody $home/one.csv --dry-run"
  "directives nobody"
)
echo "1..${#commands[@]}"
want="No connection is called nobody; see carebook-cli account list."
n=0
for command in "${commands[@]}"; do
  n=$((n + 1))
  # shellcheck disable=SC2086
  "$cli" $command > "$home/out" 2> "$home/err"
  status=$?
  if [ $status = 1 ] && [ ! -s "$home/out" ] && [ "$(cat "$home/err")" = "$want" ]; then
    echo "ok $n ${command%% *}: an unknown ID says so"
  else
    echo "not ok $n ${command%% *} (exit $status)"; sed 's/^/# /' "$home/out" "$home/err"
  fi
done
