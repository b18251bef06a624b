#!/usr/bin/env bash
# The package test: builds the .deb and .rpm (scripts/bundle.sh), checks what they declare and hold,
# installs the .deb with apt as a user would, starts the Exec line of its installed desktop entry in
# a fresh home under a virtual display and drives that window (e2e/tests/package.rs), then removes
# the package and checks that nothing of it is left under /usr. Needs root or sudo, for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

package=bucketdesk
metainfo=/usr/share/metainfo/app.bucketdesk.desktop.metainfo.xml
test_name=the_installed_desktop_entry_opens_the_demo_buckets_in_a_fresh_home

fail() {
  echo "test-package: FAILED: $*" >&2
  exit 1
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "installing a package needs root (or sudo)"
  sudo="sudo"
fi

# The test session's tools (Xvfb, D-Bus, keyring, tauri-driver), then the package checkers.
scripts/install-deps.sh test
need=()
command -v appstreamcli >/dev/null || need+=(appstream)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v rpm >/dev/null || need+=(rpm)
if [ ${#need[@]} -gt 0 ]; then
  echo "test-package: installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# What bundle.sh prints goes to the log as it comes, and is read back for the two paths.
bundle_out=$(mktemp)
trap 'rm -f "$bundle_out"' EXIT
scripts/bundle.sh | tee "$bundle_out"
built=$(sed -n 's/^bucketdesk: built \(.*\) ([0-9]* bytes)$/\1/p' "$bundle_out")
rm -f "$bundle_out"
trap - EXIT
deb=$(grep '\.deb$' <<<"$built" || true)
rpm=$(grep '\.rpm$' <<<"$built" || true)
[ -f "$deb" ] && [ -f "$rpm" ] || fail "scripts/bundle.sh named no .deb and .rpm"

echo "test-package: what the .deb declares"
dpkg-deb --info "$deb"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = "$package" ] || fail "the .deb is named $(field Package), not $package"
grep -Eq '(^|, )libwebkit2gtk-4\.1-0(,|$)' <<<"$(field Depends)" || fail "Depends lacks libwebkit2gtk-4.1-0"
grep -Eq '(^|, )libgtk-3-0(,|$)' <<<"$(field Depends)" || fail "Depends lacks libgtk-3-0"
grep -Eq '(^|, )gnome-keyring( |,|$)' <<<"$(field Recommends)" || fail "Recommends lacks gnome-keyring"
grep -Eq '^[^<]+ <[^@ ]+@[^> ]+>$' <<<"$(field Maintainer)" || fail "Maintainer is not 'Name <address>'"
# The description wraps: compare its words.
grep -q 'No keychain service is running' <<<"$(field Description | tr -s ' \n' '  ')" ||
  fail "the long description does not say what the app shows without a keychain"
controls=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||; /^$/d' | sort | tr '\n' ' ')
[ "$controls" = "control md5sums " ] || fail "the .deb has maintainer scripts or other control files: $controls"
outside=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -Ev '^\./(usr/.*)?$' || true)
[ -z "$outside" ] || fail "the .deb holds files outside /usr: $outside"

echo "test-package: what the .rpm declares"
rpm -qip "$rpm"
requires=$(rpm -qp --requires "$rpm")
grep -q '^libwebkit2gtk-4\.1\.so\.0' <<<"$requires" || fail "the .rpm does not require WebKitGTK 4.1"
grep -q '^libgtk-3\.so\.0' <<<"$requires" || fail "the .rpm does not require GTK 3"
rpm -qp --recommends "$rpm" | grep -qx gnome-keyring || fail "the .rpm does not recommend gnome-keyring"
rpm_files=$(rpm -qlp "$rpm")
grep -qx "$metainfo" <<<"$rpm_files" || fail "the .rpm lacks $metainfo"
outside=$(grep -v '^/usr/' <<<"$rpm_files" || true)
[ -z "$outside" ] || fail "the .rpm holds files outside /usr: $outside"

# A package left by an interrupted run would hide what this install does.
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'installed'; then
  echo "test-package: removing the $package left installed by an earlier run"
  $sudo apt-get remove --purge -y -qq "$package" >/dev/null
fi

installed=""
cleanup() {
  if [ -n "$installed" ]; then
    $sudo apt-get remove --purge -y -qq "$package" >/dev/null || true
  fi
}
trap cleanup EXIT

echo "test-package: apt-get install $deb"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
installed=1
files=$(dpkg -L "$package")
echo "test-package: installed files:"
echo "$files"
outside=$(grep -Ev '^/(\.|usr(/.*)?)$' <<<"$files" || true)
[ -z "$outside" ] || fail "the package installed paths outside /usr: $outside"

desktop=$(grep '^/usr/share/applications/.*\.desktop$' <<<"$files" || true)
[ "$(wc -l <<<"$desktop")" = 1 ] && [ -f "$desktop" ] || fail "expected one desktop entry, found: $desktop"
desktop-file-validate "$desktop" || fail "$desktop is not a valid desktop entry"
grep -q '^Comment=.' "$desktop" || fail "$desktop has no Comment"
grep -q '^Categories=.*Network;' "$desktop" || fail "$desktop has no Network category"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -n "$icon" ] && ls /usr/share/icons/hicolor/*/apps/"$icon".png >/dev/null ||
  fail "$desktop names icon '$icon', which the package does not install"
grep -qx "$metainfo" <<<"$files" || fail "the package does not install $metainfo"
appstreamcli validate --no-net "$metainfo" || fail "$metainfo is not valid AppStream"

exec_line=$(sed -n 's/^Exec=//p' "$desktop")
[ "$(wc -l <<<"$exec_line")" = 1 ] && [ -n "$exec_line" ] || fail "$desktop needs exactly one Exec line"
echo "test-package: starting Exec=$exec_line from $desktop in a fresh home"
BUCKETDESK_PACKAGE_EXEC="$exec_line" scripts/headless.sh \
  "${CARGO:-cargo}" test -p bucketdesk-e2e --test package --locked -- --ignored --exact "$test_name"

echo "test-package: apt-get remove --purge $package"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq "$package" >/dev/null
installed=""
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'installed'; then
  fail "dpkg still lists $package after the purge"
fi
# Every file is gone; a folder may stay only if another package owns it, or it holds files that
# are not this package's.
left=()
while IFS= read -r path; do
  [ "$path" = /. ] && continue
  if [ -d "$path" ] && [ ! -L "$path" ]; then
    if dpkg -S "$path" >/dev/null 2>&1 || [ -n "$(ls -A "$path")" ]; then continue; fi
    left+=("$path/")
  elif [ -e "$path" ] || [ -L "$path" ]; then
    left+=("$path")
  fi
done <<<"$files"
while IFS= read -r path; do left+=("$path"); done < <(find /usr -iname "*$package*" 2>/dev/null)
[ ${#left[@]} -eq 0 ] || fail "left under /usr after the purge: ${left[*]}"
echo "test-package: passed: installed, opened from its desktop entry, driven and removed without a trace"
