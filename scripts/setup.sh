# Sourced by scripts/run and scripts/test: installs what Aira needs to build, and skips
# whatever is already present at the right version. Works on a fresh Debian 12 / Ubuntu.
#   AIRA_SETUP_FOR=test   also installs the test tools (Xvfb, WebDriver, PulseAudio, sox).

set -euo pipefail

aira_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Build outputs live outside the clone so fresh clones (CI) reuse them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aira/target}"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_packages=(
  build-essential pkg-config file curl libssl-dev libxdo-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
  libayatana-appindicator3-dev libasound2-dev libasound2-plugins
  cmake clang libclang-dev          # whisper.cpp
  espeak-ng                         # the local voice
  fonts-lohit-deva fonts-lohit-taml fonts-lohit-telu fonts-lohit-beng-bengali # Hindi and Marathi, Tamil, Telugu, Bengali text
)
if [ "${AIRA_SETUP_FOR:-run}" = test ]; then
  apt_packages+=(python3 xvfb xauth webkit2gtk-driver dbus-x11 at-spi2-core pulseaudio pulseaudio-utils sox imagemagick ffmpeg poppler-utils)
  # npm installs axe-core below; NodeSource's nodejs already brings npm, Debian's does not.
  command -v npm >/dev/null || apt_packages+=(nodejs npm)
fi

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  log "installing Rust"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# cargo install CRATE VERSION: only when cargo has not installed that version already.
install_tool() {
  local crate=$1 version=$2
  if ! cargo install --list | grep -qx "$crate v$version:"; then
    log "installing $crate $version"
    cargo install "$crate" --version "$version" --locked --quiet || cargo install "$crate" --version "$version" --quiet
  fi
}

# trunk 0.22 needs a newer rustc than this workspace pins.
install_tool trunk 0.21.14
# trunk only uses a wasm-bindgen whose version equals the crate's in Cargo.lock.
wasm_bindgen_version=$(grep -A1 '^name = "wasm-bindgen"$' "$aira_root/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
install_tool wasm-bindgen-cli "$wasm_bindgen_version"
if [ "${AIRA_SETUP_FOR:-run}" = test ]; then
  install_tool tauri-driver 2.1.0
  # axe-core, injected into every screen by the accessibility end-to-end test.
  axe_version=4.10.3
  axe_dir="${XDG_CACHE_HOME:-$HOME/.cache}/aira/npm"
  if [ "$(node -p "require('$axe_dir/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$axe_version" ]; then
    log "installing axe-core $axe_version"
    npm install --prefix "$axe_dir" --no-audit --no-fund --silent "axe-core@$axe_version"
  fi
  export AIRA_AXE_SCRIPT="$axe_dir/node_modules/axe-core/axe.min.js"
fi

# Builds the UI into ui/dist, which the app embeds. TRUNK_OFFLINE keeps trunk from
# fetching tools at build time; crates come from `cargo fetch`.
build_ui() {
  cargo fetch --locked --quiet
  log "building the UI (trunk $*)"
  (cd "$aira_root/ui" && TRUNK_OFFLINE=true trunk build --locked "$@")
}
