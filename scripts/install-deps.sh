#!/usr/bin/env bash
# Installs what Bucketdesk needs on a Debian or Ubuntu machine: `build` for compiling and running the app,
# `test` for the headless test run (Xvfb, WebKitWebDriver, tauri-driver, gnome-keyring, D-Bus, xclip) and
# the benchmarks' reference tools (curl).
# A warm machine skips every step it already has.
set -euo pipefail

mode="${1:-build}"

build_pkgs=(build-essential pkg-config libwebkit2gtk-4.1-dev libdbus-1-dev)
test_pkgs=(xvfb xauth webkit2gtk-driver gnome-keyring dbus dbus-x11 dbus-user-session libsecret-tools
  xclip x11-utils imagemagick curl)

need=()
have_build() { pkg-config --exists webkit2gtk-4.1 && pkg-config --exists dbus-1 && command -v cc >/dev/null; }
have_test() {
  for c in Xvfb xvfb-run WebKitWebDriver gnome-keyring-daemon dbus-run-session dbus-send secret-tool xclip xwininfo import curl; do
    command -v "$c" >/dev/null || return 1
  done
}

have_build || need+=("${build_pkgs[@]}")
if [ "$mode" = test ]; then
  have_test || need+=("${test_pkgs[@]}")
  # The UI's unit tests and the SDK check run on Node.js (18 or later).
  command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
fi

if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "bucketdesk: this script installs packages with apt-get (Debian/Ubuntu). Install these yourself: ${need[*]}" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "bucketdesk: need root (or sudo) to install: ${need[*]}" >&2
      exit 1
    fi
  fi
  echo "bucketdesk: installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ "$mode" = test ]; then
  if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
    echo "bucketdesk: installing tauri-driver (compiles from source, about a minute)"
    cargo install tauri-driver --locked --version '^2'
  fi
fi
