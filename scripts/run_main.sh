#!/usr/bin/env bash
# The main job on an embedded default: sets up, builds the fcsim program
# (Release) and runs one LOCAL algorithm on a generated graph, printing its
# rounds and the verification verdict. Exit code: fcsim's (0 verified,
# 1 verification FAIL, 2 usage/input error).
# Override the defaults with FCSIM_MAIN_GRAPH / FCSIM_MAIN_ALGO.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
jobs=${FCSIM_JOBS:-2}
graph=${FCSIM_MAIN_GRAPH:-regular:n=100000,d=4,seed=1}
algo=${FCSIM_MAIN_ALGO:-linial-delta1}

bash scripts/setup.sh
echo "=== build (Release, build/) ==="
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" -j"$jobs" --target fcsim
echo "=== fcsim run --graph $graph --algo $algo ==="
"$root/build/experiments/fcsim" run --graph "$graph" --algo "$algo" \
  --audit-samples 8
