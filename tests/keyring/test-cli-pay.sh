#!/usr/bin/env bash
# test-cli-pay.sh BUILDDIR — carebook-cli bills and pay against the demo
# sandbox: the card on standard input, never printed or kept. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
build=$1
cli="$build/src/cli/carebook-cli"
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
export LC_ALL=C.UTF-8 LANGUAGE=en
sandbox=
trap '[ -n "$sandbox" ] && kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT
tab=$'\t'
card=$'4242 4242 4242 4242\n12/35\n737\nZyxwv Quillon'

echo "1..8"
# shellcheck source=cli-demo-sign-in.sh
. "$(dirname "$0")/cli-demo-sign-in.sh"
demo_sign_in demo:maria

# 1: the statements, one a line, id first, with what is still due.
"$cli" bills "$id" > "$home/bills.out" 2> "$home/bills.err"
if grep -q "^Invoice/adult-invoice-0${tab}[0-9-]*${tab}issued${tab}30.00${tab}30.00${tab}USD${tab}Patient statement$" \
     "$home/bills.out" &&
   grep -q "^Invoice/adult-invoice-1${tab}[0-9-]*${tab}balanced${tab}30.00${tab}0.00${tab}USD${tab}" "$home/bills.out" &&
   [ ! -s "$home/bills.err" ]; then
  echo "ok 1 bills lists the statements and what is due"
else
  echo "not ok 1 bills"; sed 's/^/# /' "$home/bills.out" "$home/bills.err"
fi

# 2: a wrong card number (Luhn) is refused before anything is sent.
printf '4242 4242 4242 4241\n12/35\n737\nZyxwv Quillon\n' |
  "$cli" pay "$id" Invoice/adult-invoice-0 10 > "$home/luhn.out" 2> "$home/luhn.err"
status=$?
if [ $status = 1 ] && grep -q "This card number is not right" "$home/luhn.err" && [ ! -s "$home/luhn.out" ] &&
   [ -z "$("$cli" outbox "$id")" ]; then
  echo "ok 2 pay refuses a card number whose check digit is wrong"
else
  echo "not ok 2 luhn ($status)"; sed 's/^/# /' "$home/luhn.out" "$home/luhn.err"
fi

# 3: the test bank's declined card: its reason on stderr, exit 1.
printf '4000 0000 0000 0002\n12/35\n737\nZyxwv Quillon\n' |
  "$cli" pay "$id" adult-invoice-0 10 > "$home/declined.out" 2> "$home/declined.err"
status=$?
if [ $status = 1 ] && grep -q "Your bank declined this card" "$home/declined.err" && [ ! -s "$home/declined.out" ]; then
  echo "ok 3 a declined card is refused with the bank's reason"
else
  echo "not ok 3 declined ($status)"; sed 's/^/# /' "$home/declined.out" "$home/declined.err"
fi

# 4: more than is due is refused, naming the balance.
printf '%s\n' "$card" | "$cli" pay "$id" adult-invoice-0 30.01 > "$home/over.out" 2> "$home/over.err"
status=$?
if [ $status = 1 ] && grep -q "That is more than the \$30.00 still due." "$home/over.err" && [ ! -s "$home/over.out" ]; then
  echo "ok 4 pay refuses more than is due"
else
  echo "not ok 4 over ($status)"; sed 's/^/# /' "$home/over.out" "$home/over.err"
fi

# 5: part of it: the receipt, tab-separated, id first; the balance goes down.
printf '%s\n' "$card" | "$cli" pay "$id" adult-invoice-0 10.50 > "$home/pay.out" 2> "$home/pay.err"
status=$?
"$cli" sync "$id" > /dev/null 2>&1
if [ $status = 0 ] && [ "$(wc -l < "$home/pay.out")" = 1 ] &&
   grep -q "^PaymentNotice/[^$tab]*${tab}[0-9-]*${tab}Invoice/adult-invoice-0${tab}10.50${tab}USD${tab}Visa ending 4242${tab}paid$" \
     "$home/pay.out" && [ ! -s "$home/pay.err" ] &&
   grep -q "^Invoice/adult-invoice-0${tab}[0-9-]*${tab}issued${tab}30.00${tab}19.50${tab}" <("$cli" bills "$id"); then
  echo "ok 5 pay prints the receipt and the balance goes down"
else
  echo "not ok 5 pay ($status)"; sed 's/^/# /' "$home/pay.out" "$home/pay.err"; "$cli" bills "$id" | sed 's/^/# /'
fi

# 6: more of it (the statement still owes 10.00); a paid statement is refused.
printf '%s\n' "$card" | "$cli" pay "$id" adult-invoice-0 9.5 > "$home/more.out" 2> "$home/more.err"
status=$?
"$cli" sync "$id" > /dev/null 2>&1
printf '%s\n' "$card" | "$cli" pay "$id" adult-invoice-1 1 > "$home/again.out" 2> "$home/again.err"
again=$?
if [ $status = 0 ] && grep -q "^Invoice/adult-invoice-0${tab}[0-9-]*${tab}issued${tab}30.00${tab}10.00${tab}" <("$cli" bills "$id") &&
   [ $again = 1 ] && grep -q "already paid" "$home/again.err" && [ ! -s "$home/again.out" ]; then
  echo "ok 6 paying more lowers the balance again; a paid statement is refused"
else
  echo "not ok 6 more ($status, $again)"; sed 's/^/# /' "$home/more.out" "$home/more.err" "$home/again.err"
fi

# 7: nothing of the card in any output, the cache or the config.
if ! grep -rqa -e "4242424242424242" -e "4242 4242 4242 4242" -e "Zyxwv" "$home/config" "$home/data" "$home/cache" \
     "$home"/*.out "$home"/*.err; then
  echo "ok 7 the card is in no output and no file"
else
  echo "not ok 7 card kept"; grep -rla -e "4242424242424242" -e "Zyxwv" "$home" | sed 's/^/# /'
fi

# 8: offline (the portal gone): a clear error, exit 1, nothing printed.
kill $sandbox; wait $sandbox 2>/dev/null; sandbox=
"$cli" sync "$id" > /dev/null 2>&1
printf '%s\n' "$card" | "$cli" pay "$id" adult-invoice-0 1 > "$home/off.out" 2> "$home/off.err"
status=$?
if [ $status = 1 ] && grep -q "offline" "$home/off.err" && [ ! -s "$home/off.out" ] &&
   [ "$("$cli" outbox "$id" | grep -vc "${tab}sent${tab}")" = 0 ]; then
  echo "ok 8 offline, pay fails in words and queues nothing"
else
  echo "not ok 8 offline ($status)"; sed 's/^/# /' "$home/off.out" "$home/off.err"
fi
