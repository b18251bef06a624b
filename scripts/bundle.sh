#!/usr/bin/env bash
# Builds this platform's installers (Linux: a .deb and an .rpm) with the Tauri CLI at exactly the
# version of the `tauri` crate in Cargo.lock: the prebuilt npm package, installed once into
# <target>/tauri-cli/<version>. Bundling itself needs no network (AppImage would: it is left out).
#   scripts/bundle.sh              build target/release/bundle/{deb,rpm}/…, print their paths
#   scripts/bundle.sh cli ARGS…    run that same pinned CLI with other arguments (e.g. `icon`)
#   scripts/bundle.sh repack-deb F  repack the .deb F with xz (the release workflow's Linux build)
set -euo pipefail
cd "$(dirname "$0")/.."

# The bundler packs a .deb's files with gzip; repack them with xz, as Debian's own packages are
# (about a third smaller here). Contents, control file and checksums stay as the bundler wrote them.
repack_deb() {
  local deb=$1 unpacked
  unpacked=$(mktemp -d "$(dirname "$deb")/repack.XXXXXX")
  dpkg-deb --raw-extract "$deb" "$unpacked/root"
  dpkg-deb --root-owner-group -Zxz --build "$unpacked/root" "$unpacked/xz.deb" >/dev/null
  mv "$unpacked/xz.deb" "$deb"
  rm -rf "$unpacked"
}

if [ "${1:-}" = repack-deb ]; then
  [ $# -eq 2 ] && [ -f "$2" ] || { echo "usage: scripts/bundle.sh repack-deb FILE.deb" >&2; exit 2; }
  repack_deb "$2"
  exit 0
fi

version=$(awk '{ sub(/\r$/, "") } found { gsub(/^version = "|"$/, ""); print; exit } $0 == "name = \"tauri\"" { found = 1 }' Cargo.lock)
if [ -z "$version" ]; then
  echo "bucketdesk: Cargo.lock names no tauri crate, so the matching Tauri CLI is unknown" >&2
  exit 1
fi

if ! command -v npm >/dev/null; then
  if ! command -v apt-get >/dev/null; then
    echo "bucketdesk: the Tauri CLI comes from npm: install Node.js 18 or later with npm" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "bucketdesk: installing system packages: nodejs npm"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

target="${CARGO_TARGET_DIR:-$PWD/target}"
cli_dir="$target/tauri-cli/$version"
cli="$cli_dir/node_modules/.bin/tauri"
if [ "$("$cli" --version 2>/dev/null)" != "tauri-cli $version" ]; then
  echo "bucketdesk: installing the Tauri CLI $version (@tauri-apps/cli from npm)"
  rm -rf "$cli_dir"
  mkdir -p "$cli_dir"
  npm install --prefix "$cli_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "@tauri-apps/cli@$version"
  found=$("$cli" --version)
  if [ "$found" != "tauri-cli $version" ]; then
    echo "bucketdesk: npm installed $found, not tauri-cli $version" >&2
    exit 1
  fi
fi

# The app's Tauri folder; its tauri.conf.json links to the one at the top.
export TAURI_APP_PATH=src-tauri

if [ "${1:-}" = cli ]; then
  shift
  exec "$cli" "$@"
fi

case "$(uname -s)" in
  Linux) bundles=deb,rpm ;;
  *)
    echo "bucketdesk: this script bundles on Linux; other platforms are built by .github/workflows/release.yml" >&2
    exit 1
    ;;
esac

"$cli" build --ci --bundles "$bundles" -- --locked

# The names the bundler gives: <product>_<version>_<Debian arch>.deb, <product>-<version>-1.<arch>.rpm.
app_version=$(node -p 'require("./tauri.conf.json").version')
case "$(uname -m)" in
  x86_64) deb_arch=amd64 ;;
  aarch64) deb_arch=arm64 ;;
  *) deb_arch=$(uname -m) ;;
esac
deb="$target/release/bundle/deb/Bucketdesk_${app_version}_${deb_arch}.deb"
rpm="$target/release/bundle/rpm/Bucketdesk-${app_version}-1.$(uname -m).rpm"

if command -v dpkg-deb >/dev/null && [ -f "$deb" ]; then
  repack_deb "$deb"
fi

for file in "$deb" "$rpm"; do
  if [ ! -f "$file" ]; then
    echo "bucketdesk: the Tauri CLI finished but $file is missing" >&2
    exit 1
  fi
  echo "bucketdesk: built $file ($(stat -c %s "$file") bytes)"
done
