# Shared set-up for scripts/run and scripts/test: install what is missing,
# and nothing that is already there, so a second run starts in seconds.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Builds live outside the clone so that later runs (and CI on this machine)
# reuse them; a fresh machine simply builds cold.
# A CI environment may come without HOME; the account's home is still known.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/copydesk/target}"
export PATH="$HOME/.cargo/bin:$PATH"

SYSTEM_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libsoup-3.0-dev libssl-dev libxdo-dev
  xvfb xauth x11-utils webkit2gtk-driver imagemagick
  nodejs npm git
  hunspell-en-us
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

step() { printf '\n==> %s\n' "$*"; }

ensure_system_packages() {
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # A machine may have node and npm from elsewhere than Debian's packages.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local filtered=()
    for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p"); done
    missing=("${filtered[@]}")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing system packages: ${missing[*]}"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  # scripts/test holds the tree to rustfmt and clippy; rustup's default
  # profile has both, a minimal one may not.
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    if command -v rustup >/dev/null; then
      step "Installing rustfmt and clippy"
      rustup component add rustfmt clippy
    else
      echo "cargo fmt and cargo clippy are missing: install the rustfmt and clippy components, then run this again." >&2
      exit 1
    fi
  fi
}

ensure_node() {
  # Vite 8 needs Node.js 20.19 or newer; Debian 12's own nodejs is 18.
  local v
  v="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
    echo "Node.js $v is too old for the UI build: install Node.js 20.19 or newer (e.g. from NodeSource), then run this again." >&2
    exit 1
  fi
}

ensure_node_modules() {
  ensure_node
  # npm ci only when the lock file changed since the last install.
  local stamp="ui/node_modules/.copydesk-lock"
  if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
    step "Installing UI packages (npm ci)"
    (cd ui && npm ci --no-audit --no-fund)
    cp ui/package-lock.json "$stamp"
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    step "Installing tauri-driver"
    cargo install tauri-driver --locked
  fi
}

build_ui() {
  step "Building the UI"
  (cd ui && npm run build --silent)
}

build_app() {
  step "Building the desktop app (a cold build takes about 11 minutes)"
  cargo build -p copydesk-app
}

APP_BIN() { echo "$CARGO_TARGET_DIR/debug/copydesk-app"; }

# What editors run: the app and the CLI built optimised. The UI must be built
# first (build_ui): the app embeds ui/dist when it compiles.
build_release() {
  step "Building the release app and CLI (a cold build takes about 6 minutes on 2 cores)"
  cargo build --release --locked -p copydesk-app -p copydesk --bins
}

RELEASE_APP() { echo "$CARGO_TARGET_DIR/release/copydesk-app"; }
RELEASE_CLI() { echo "$CARGO_TARGET_DIR/release/copydesk"; }
DEB_DIR() { echo "$CARGO_TARGET_DIR/release/bundle/deb"; }

# Bundles the release build (build_release) into a .deb with Tauri's
# bundler. `tauri bundle` only packages: the UI and the binaries are built
# once, above, not again. The CLI's path in the build directory differs per
# machine, so it is given here rather than in tauri.conf.json.
package_deb() {
  step "Bundling the .deb"
  local config
  config="$(printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/copydesk":"%s"}}}}}' "$(RELEASE_CLI)")"
  rm -rf "$(DEB_DIR)"
  ui/node_modules/.bin/tauri bundle --ci --bundles deb --config "$config"
}

# The .deb package_deb made (there is exactly one).
DEB_FILE() {
  local debs=("$(DEB_DIR)"/*.deb)
  [ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || { echo "no single .deb in $(DEB_DIR)" >&2; return 1; }
  echo "${debs[0]}"
}

# Every size the Linux icon theme uses; bundle.icon in tauri.conf.json lists
# the same files, 256x256 first: the app takes the first as its window icon.
ICON_SIZES=(16 24 32 48 64 128 256 512)

generate_icons() {
  step "Generating the icons from src-tauri/icons/copydesk.svg"
  local sizes
  sizes="$(IFS=,; echo "${ICON_SIZES[*]}")"
  (cd ui && npx --no-install tauri icon ../src-tauri/icons/copydesk.svg -o ../src-tauri/icons --png "$sizes" >/dev/null)
}
