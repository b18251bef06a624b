#!/usr/bin/env bash
# Runs a command inside what the tests need and a desktop session would give: a virtual X display (Xvfb),
# a private D-Bus session bus, and an unlocked throwaway gnome-keyring for the Secret Service. Nothing of
# the user's own display, keyring or data folders is touched.
set -euo pipefail

scratch=$(mktemp -d -t bucketdesk-headless.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data"     # the throwaway keyring and app data live here
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"

inner='set -euo pipefail
# The unlock password must be exactly one newline: empty input creates no login keyring.
set -a; eval "$(printf "\n" | gnome-keyring-daemon --unlock --components=secrets)"; set +a
exec "$@"'

# -noreset: an X server resets (forgetting its atoms and selections) each time its last client goes,
# and a client connecting during that reset is refused. A desktop's display never does that (it always
# has clients); tests that close their only connection and open another right away (the clipboard
# released and taken again) would otherwise fail now and then.
xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" dbus-run-session -- bash -c "$inner" bash "$@"
