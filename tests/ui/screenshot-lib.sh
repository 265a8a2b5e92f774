# screenshot-lib.sh — sourced by tests/ui/*-screenshots.sh (by hand): one
# window on a private Xvfb the size of the window, waited for and taken.
# The sourcing script sets build (the build folder) and out (where the
# PNGs go).

# shot_geometry SIZE: sets w and h, "wide" or "narrow" (360 px).
shot_geometry () {
  if [ "$1" = wide ]; then w=1100; h=760; else w=360; h=720; fi
}

# shot_name PREFIX LANGUAGE SCHEME SIZE: the PNG's name, without ".png".
shot_name () {
  local name=$1
  [ "$2" = es ] && name="$name-es"
  [ "$3" = dark ] && name="$name-dark"
  [ "$4" = narrow ] && name="$name-narrow"
  echo "$name"
}

# shot_take DISPLAY NAME LANGUAGE SCHEME SETTLE [VAR=VALUE…] PROGRAM ARGS…:
# starts Xvfb :DISPLAY at w×h and PROGRAM on it in LANGUAGE and the light
# or dark SCHEME, waits until the window is drawn (signing the family in
# takes a while), SETTLE seconds more (for a conversation, a dialog, a
# list), takes $out/NAME.png, stops both and prints the PNG's path.
shot_take () {
  local display=$1 name=$2 lang=$3 scheme=$4 settle=$5
  local xvfb app
  shift 5
  Xvfb ":$display" -screen 0 "${w}x${h}x24" -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  sleep 1
  env DISPLAY=":$display" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
      GSETTINGS_SCHEMA_DIR="$build/data" CAREBOOK_LOCALEDIR="${LOCALEDIR_OVERRIDE:-$build/po}" \
      LANG=C.UTF-8 LANGUAGE="$lang" \
      ADW_DEBUG_COLOR_SCHEME=$([ "$scheme" = dark ] && echo prefer-dark || echo prefer-light) \
      "$@" > /dev/null 2>&1 &
  app=$!
  for _ in $(seq 30); do
    sleep 3
    import -display ":$display" -window root "$out/$name.png"
    [ "$(stat -c %s "$out/$name.png")" -gt 8000 ] && break
  done
  sleep "$settle"
  import -display ":$display" -window root "$out/$name.png"
  kill "$app" 2> /dev/null || true
  wait "$app" 2> /dev/null || true
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  echo "$out/$name.png"
}
