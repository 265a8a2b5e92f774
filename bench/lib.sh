# bench/lib.sh — sourced by the benchmarks that time the app against the
# sandbox (first-frame.sh, useful-window.sh, sync-full.sh, sync-pairs.sh,
# sync-again.sh): a private D-Bus
# session with a throwaway unlocked keyring, temporary XDG folders, the
# demo family's portal, the app's account at it and a private Xvfb. The
# sourcing script sets build (the build folder, absolute) first.

# bench_in_session VAR ARGS…: runs the calling script again with ARGS in a
# private D-Bus session, once (VAR, exported, says it is the inner run).
bench_in_session () {
  local var=$1
  shift
  if [ -z "${!var:-}" ]; then
    export "$var=1"
    exec dbus-run-session -- bash "$0" "$@"
  fi
}

bench_cleanup () {
  [ -n "$sandbox" ] && kill "$sandbox" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$data"
}

# bench_data: $data, a temporary folder removed at exit (the sandbox and
# Xvfb, when started, stopped).
bench_data () {
  data=$(mktemp -d)
  sandbox= xvfb=
  trap bench_cleanup EXIT
}

# bench_prepare: bench_data; every XDG folder in $data, and a second set
# under $data/empty for a baseline with no account; an unlocked keyring.
bench_prepare () {
  bench_data
  export XDG_CONFIG_HOME=$data/config XDG_DATA_HOME=$data/data XDG_CACHE_HOME=$data/cache LANG=C.UTF-8
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$data/empty/config" "$data/empty/data" \
    "$data/empty/cache"
  eval "$(printf '\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
}

# bench_sandbox SCALE [--token-for adult]: the demo family's portal at
# --scale SCALE; sets base, and token when asked for one.
bench_sandbox () {
  local scale=$1 lines=1
  shift
  [ $# -eq 0 ] || lines=2
  "$build/src/sandbox/carebook-sandbox" --data "$data/portal" --seed demo --scale "$scale" --demo "$@" \
    > "$data/sandbox.out" 2>/dev/null &
  sandbox=$!
  for _ in $(seq 1200); do [ "$(wc -l < "$data/sandbox.out")" -ge "$lines" ] && break; sleep 0.1; done
  base=$(sed -n 1p "$data/sandbox.out")
  token=$(sed -n 2p "$data/sandbox.out")
  [ -n "$(sed -n "${lines}p" "$data/sandbox.out")" ] || { echo "the sandbox did not start" >&2; exit 1; }
}

# bench_account: the app's account at the portal, signed in as Maria for
# the adult; sets app_cache, the file the app opens as its cache.
bench_account () {
  local cli back id
  "$build/src/cli/carebook-cli" account add "$base" --no-browser --login-hint demo:maria:adult \
    > "$data/cli.out" 2>&1 &
  cli=$!
  for _ in $(seq 100); do grep -q "^http" "$data/cli.out" && break; sleep 0.1; done
  back=$(curl -s -o /dev/null -w '%{redirect_url}' "$(grep "^http" "$data/cli.out" | head -1)")
  curl -s -o /dev/null "$back"
  wait $cli
  id=$("$build/src/cli/carebook-cli" account list | cut -f1 | head -1)
  app_cache=$("$build/bench/sync-full" --app-cache-path "$id")
}

# bench_use_cache FILE: the app's cache is a copy of FILE.
bench_use_cache () {
  mkdir -p "$(dirname "$app_cache")"
  cp "$1" "$app_cache"
}

# bench_xvfb: a private Xvfb on the first free display, and the app's
# environment for it exported.
bench_xvfb () {
  local d display=
  for d in $(seq 50 99); do
    [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || { display=$d; break; }
  done
  Xvfb ":$display" -screen 0 1200x800x24 -noreset > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  export DISPLAY=":$display" GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="$build/po" \
    CAREBOOK_DATADIR="$(dirname "$build")/data"
}

median () { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
