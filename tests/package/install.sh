#!/usr/bin/env bash
# Installs the Copydesk .deb into this machine with dpkg, uses the installed
# CLI and app as an editor would, then purges the package and checks that
# none of its files remain. Needs root (or sudo), Xvfb and ImageMagick.
#
#   tests/package/install.sh path/to/copydesk.deb
#
# scripts/test runs it on the .deb that scripts/package makes. A copydesk
# package already installed is removed first: run this on a test machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEB="$(realpath "${1:?usage: $0 path/to/copydesk.deb}")"
PKG=copydesk
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)"
SHOTS="$ROOT/target/e2e-screenshots"
START=$SECONDS

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }
installed() { dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q "install ok installed"; }

SCRATCH="$(mktemp -d)"
cleanup() {
  # Leave the machine as we found it, even when a check failed.
  if installed; then as_root dpkg --purge "$PKG" >/dev/null || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

if installed; then
  echo "note: $PKG is already installed; removing it before the test"
  as_root dpkg --purge "$PKG" >/dev/null
fi

# --- install -----------------------------------------------------------
[ "$(dpkg-deb -f "$DEB" Package)" = "$PKG" ] || fail "$DEB is not the $PKG package"
[ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ] || fail "package version is not $VERSION"
[ -n "$(dpkg-deb -f "$DEB" Depends)" ] || fail "the package declares no dependencies"
[ -n "$(dpkg-deb -f "$DEB" Maintainer)" ] || fail "the package names no maintainer"
if ! as_root dpkg -i "$DEB"; then
  # dpkg leaves the package unconfigured when a dependency is missing;
  # apt fetches what it needs and finishes the install.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q
fi
installed || fail "dpkg did not install $PKG"
ok "installed $(basename "$DEB")"
mapfile -t FILES < <(dpkg -L "$PKG")

# --- what the package puts on the machine -------------------------------
for f in /usr/bin/copydesk /usr/bin/copydesk-app; do
  [ -x "$f" ] || fail "$f is not an installed executable"
done
[ "$(command -v copydesk)" = /usr/bin/copydesk ] || fail "copydesk is not the one on the PATH"
DESKTOP=/usr/share/applications/Copydesk.desktop
[ -f "$DESKTOP" ] || fail "no desktop entry at $DESKTOP"
grep -qx 'Categories=Office;News;' "$DESKTOP" || fail "desktop entry categories: $(grep Categories "$DESKTOP")"
grep -qx 'Exec=copydesk-app' "$DESKTOP" || fail "desktop entry Exec: $(grep Exec "$DESKTOP")"
grep -q '^Comment=.' "$DESKTOP" || fail "desktop entry has no comment"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$DESKTOP"; fi
for size in 16 24 32 48 64 128 256 512; do
  icon="/usr/share/icons/hicolor/${size}x${size}/apps/copydesk-app.png"
  [ -f "$icon" ] || fail "no ${size}px icon ($icon)"
  [ "$(identify -format '%wx%h' "$icon")" = "${size}x${size}" ] || fail "$icon is not ${size}x${size}"
done
ok "app, CLI, desktop entry and icons in 8 sizes"

# --- the installed CLI --------------------------------------------------
# An editor's scratch home: settings, data and caches all land in here.
export HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/home/.config" \
  XDG_DATA_HOME="$SCRATCH/home/.local/share" XDG_CACHE_HOME="$SCRATCH/home/.cache"
mkdir -p "$HOME"
unset COPYDESK_DB COPYDESK_SETTINGS
DB="$SCRATCH/desk.db"
[ "$(copydesk --version)" = "copydesk $VERSION" ] || fail "copydesk --version said: $(copydesk --version)"
ok "copydesk --version: $(copydesk --version)"
out="$(copydesk --db "$DB" import "$ROOT/tests/fixtures/wire-raw.txt" --author "Ana Ruiz" --json)"
echo "$out" | grep -q '"headline": "Nordic ministers back a joint Arctic rescue fleet' || fail "import: $out"
copydesk --db "$DB" sample >/dev/null
[ "$(copydesk --db "$DB" list --json | grep -c '"id":')" = 2 ] || fail "list: $(copydesk --db "$DB" list)"
ok "copydesk import and sample into a scratch database"

# --- the installed app under Xvfb ---------------------------------------
mkdir -p "$SHOTS"
SHOT="$SHOTS/installed-app.png"
rm -f "$SHOT"
export SCRATCH SHOT DB
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  copydesk-app --db "$DB" >"$SCRATCH/app.log" 2>&1 &
  app=$!
  # Wait for the window, then for the webview to paint the desk.
  for i in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q "\"Copydesk\""; then break; fi
    kill -0 $app 2>/dev/null || { echo "the app exited"; cat "$SCRATCH/app.log"; exit 1; }
    sleep 0.5
  done
  # The desk has painted when two screenshots a second apart are the same
  # and not blank.
  prev=""
  for i in $(seq 1 30); do
    sleep 1
    import -window root "$SHOT"
    now="$(convert "$SHOT" rgb:- | md5sum)"
    [ "$(convert "$SHOT" -format %k info:)" -gt 64 ] && [ "$now" = "$prev" ] && break
    prev="$now"
  done
  kill $app; wait $app 2>/dev/null || true
' || fail "the installed app did not start: $(cat "$SCRATCH/app.log" 2>/dev/null)"
[ -f "$SHOT" ] || fail "no screenshot"
colours="$(convert "$SHOT" -format %k info:)"
[ "$colours" -gt 64 ] || fail "the screenshot is blank ($colours colours): $SHOT"
ok "the installed app ran under Xvfb; screenshot $SHOT ($colours colours)"
# The app keeps what it writes (settings, window state, webview data) in the
# editor's own directories.
stray="$(find "$HOME" -mindepth 1 -maxdepth 1 ! -name .config ! -name .local ! -name .cache)"
[ -z "$stray" ] || fail "the app wrote outside the XDG directories: $stray"
[ -f "$DB" ] && [ "$(copydesk --db "$DB" list --json | grep -c '"id":')" = 2 ] || fail "the app changed the desk"

# --- remove --------------------------------------------------------------
as_root dpkg --purge "$PKG"
! installed || fail "$PKG is still installed after dpkg --purge"
left=()
for f in "${FILES[@]}"; do
  # Shared directories (/usr/bin, the icon theme) stay; our files must not.
  [ -d "$f" ] && [ ! -L "$f" ] && continue
  [ -e "$f" ] || [ -L "$f" ] && left+=("$f")
done
[ ${#left[@]} = 0 ] || fail "files left after purge: ${left[*]}"
hash -r
[ "$(command -v copydesk || true)" != /usr/bin/copydesk ] || fail "copydesk is still on the PATH"
# What the editor made lives in their own directories, untouched by dpkg.
[ -f "$DB" ] || fail "the editor's database went with the package"
ok "purged: none of the ${#FILES[@]} paths of the package remain (shared directories aside)"
echo "install test passed in $((SECONDS - START)) s"
