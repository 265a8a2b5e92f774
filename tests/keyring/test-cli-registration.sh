#!/usr/bin/env bash
# test-cli-registration.sh BUILDDIR — carebook-cli against a portal that gives
# no refresh tokens (as Epic does for public apps): `account add` registers a
# per-connection key, and a later `sync`, in a new process with no access
# token, gets one with that key's JWT-bearer grant. Prints TAP.
set -u
build=$1
home=$(mktemp -d)
export XDG_CONFIG_HOME="$home/config"
sandbox=
trap '[ -n "$sandbox" ] && kill $sandbox 2>/dev/null; rm -rf "$home"' EXIT

echo "1..4"
"$build/src/sandbox/carebook-sandbox" --seed demo --demo --no-refresh-tokens > "$home/sandbox.out" 2>&1 &
sandbox=$!
for _ in $(seq 50); do [ -s "$home/sandbox.out" ] && break; sleep 0.1; done
base=$(head -1 "$home/sandbox.out")

"$build/src/cli/carebook-cli" account add "$base" --no-browser --login-hint demo:maria \
  > "$home/cli.out" 2>&1 &
cli=$!
for _ in $(seq 50); do grep -q "^http" "$home/cli.out" && break; sleep 0.1; done
url=$(grep "^http" "$home/cli.out" | head -1)
# The "browser": load the portal page, then the redirect back to the CLI.
back=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
curl -s -o /dev/null "$back"
wait $cli
status=$?

if [ $status -eq 0 ] && grep -q "Connected: Maria Elena Reyes" "$home/cli.out"; then
  echo "ok 1 account add signs in where the portal gives no refresh token"
else
  echo "not ok 1 account add"; sed 's/^/# /' "$home/cli.out"
fi

id=$("$build/src/cli/carebook-cli" account list | cut -f1 | head -1)

# A new process: no access token in memory, no refresh token in the
# keyring; only the registered key can get the record.
if "$build/src/cli/carebook-cli" sync "$id" > "$home/sync.out" 2>&1 &&
   grep -q "Immunization" "$home/sync.out"; then
  echo "ok 2 sync in a new process gets a token with the registered key"
else
  echo "not ok 2 sync with the registered key"; sed 's/^/# /' "$home/sync.out"
fi

# The key is in the keyring only: nothing Carebook wrote holds it.
if ! grep -rqs "PRIVATE KEY" "$XDG_CONFIG_HOME" "${XDG_DATA_HOME:-$HOME/.local/share}/carebook"; then
  echo "ok 3 the private key is in no file"
else
  echo "not ok 3 a file holds the private key"
fi

if "$build/src/cli/carebook-cli" account remove "$id" > /dev/null &&
   ! "$build/src/cli/carebook-cli" sync "$id" > /dev/null 2>&1; then
  echo "ok 4 after removal there is nothing to sync with"
else
  echo "not ok 4 removal"
fi
