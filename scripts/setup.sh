#!/usr/bin/env bash
# Installs, only when missing, every Debian 12 package fcsim's build, tests,
# fuzzing and plots need. Idempotent: on a machine that has them all it prints
# nothing, touches nothing and exits 0. Runs as root (CI); as a normal user it
# uses sudo, and only when something has to be installed.
set -euo pipefail

# One list for everything; later issues append here.
PACKAGES=(
  g++
  cmake
  make
  git
  clang-format
  libboost-graph-dev
  libtbb-dev
  libcli11-dev
  libfmt-dev
  libgtest-dev
  libgmock-dev
  libbenchmark-dev
  libglpk-dev
  libgmp-dev
  nlohmann-json3-dev
  libtomlplusplus-dev
  gnuplot-nox
  python3
  # Fuzzing (scripts/fuzz.sh): clang 14 with -fsanitize=fuzzer; on Debian 12
  # libFuzzer's runtime (libclang_rt.fuzzer) ships in libclang-rt-14-dev, which
  # clang-14 only recommends, so it is listed explicitly.
  clang
  libclang-rt-14-dev
  # Schedule export checks (tests/experiments/schedule): parse what
  # `fcsim schedule` writes with real iCalendar, cron, YAML and JSON Schema
  # libraries.
  python3-icalendar
  python3-croniter
  python3-jsonschema
  python3-yaml
  # Distributed runs (docs/mpi.md): Open MPI for the -DFCSIM_MPI=ON build
  # that CI's Release stage uses, and mpirun for its tests.
  openmpi-bin
  libopenmpi-dev
)

die() {
  echo "setup.sh: error: $*" >&2
  exit 1
}

command -v dpkg >/dev/null 2>&1 ||
  die "dpkg not found: this script expects Debian 12 (bookworm)"

missing=()
for pkg in "${PACKAGES[@]}"; do
  # dpkg -s also succeeds for removed-but-configured packages; require the
  # "install ok installed" status.
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  die "missing packages (${missing[*]}) and not root; re-run as root"
fi

echo "setup.sh: installing ${missing[*]}" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "${as_root[@]}" apt-get update -q >"$log" 2>&1; then
  cat "$log" >&2
  die "apt-get update failed"
fi
if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  die "apt-get install failed for: ${missing[*]}"
fi
echo "setup.sh: installed ${#missing[@]} package(s)" >&2
