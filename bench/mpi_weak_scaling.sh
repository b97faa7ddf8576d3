#!/usr/bin/env bash
# Weak scaling on one machine: P = 1 and P = 2 ranks with N vertices each
# (default 10^7), one thread per rank; prints both JSON lines and the ratio
# of seconds per round (P = 2 over P = 1; 1.0 = perfect weak scaling).
# Usage: bench/mpi_weak_scaling.sh [BUILD_DIR] [N] [ROUNDS]
set -euo pipefail
build=${1:-build}
n=${2:-10000000}
rounds=${3:-20}
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --allow-run-as-root --oversubscribe --bind-to none)
one=$("${mpirun[@]}" -np 1 "$build/bench/mpi_weak_scaling" --per-rank "$n" --rounds "$rounds")
two=$("${mpirun[@]}" -np 2 "$build/bench/mpi_weak_scaling" --per-rank "$n" --rounds "$rounds")
echo "$one"
echo "$two"
python3 - "$one" "$two" <<'PY'
import json, sys
a, b = (json.loads(x) for x in sys.argv[1:3])
print(f"weak scaling: P=2/P=1 seconds per round = "
      f"{b['seconds_per_round'] / a['seconds_per_round']:.3f}; "
      f"P=1 MPI / shared memory = {a['mpi_over_shared_memory']:.3f}")
PY
