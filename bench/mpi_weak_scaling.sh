#!/usr/bin/env bash
# Weak scaling on one machine: P = 1 and P = 2 ranks with N vertices each
# (default 10^7), one thread per rank, REPS interleaved repetitions (default
# 5); prints every JSON line and the medians: seconds per round of P = 2 over
# P = 1 (1.0 = perfect weak scaling), P = 1 MPI over the single-process
# engine in the same run, and the share of a P = 2 round spent in
# collectives. Usage: bench/mpi_weak_scaling.sh [BUILD_DIR] [N] [ROUNDS] [REPS]
set -euo pipefail
build=${1:-build}
n=${2:-10000000}
rounds=${3:-20}
reps=${4:-5}
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --allow-run-as-root --oversubscribe --bind-to none)
lines=()
for _ in $(seq 1 "$reps"); do
  for p in 1 2; do
    lines+=("$("${mpirun[@]}" -np "$p" "$build/bench/mpi_weak_scaling" \
      --per-rank "$n" --rounds "$rounds")")
    echo "${lines[-1]}"
  done
done
python3 - "${lines[@]}" <<'PY'
import json, statistics, sys
runs = [json.loads(x) for x in sys.argv[1:]]
one = [r for r in runs if r["ranks"] == 1]
two = [r for r in runs if r["ranks"] == 2]
med = lambda rs, k: statistics.median(r[k] for r in rs)
ratios = [b["seconds_per_round"] / a["seconds_per_round"] for a, b in zip(one, two)]
print(f"medians of {len(one)}: P=1 {med(one, 'seconds_per_round') * 1e3:.2f} ms/round, "
      f"P=2 {med(two, 'seconds_per_round') * 1e3:.2f} ms/round; "
      f"P=2/P=1 = {statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f}); "
      f"P=1 MPI / shared memory = {med(one, 'mpi_over_shared_memory'):.3f}; "
      f"P=2 collectives = {statistics.median(b['collective_seconds_per_round_max_rank'] / b['seconds_per_round'] for b in two):.1%} of a round; "
      f"halo {med(two, 'halo_bytes_per_round_max_rank'):.0f} B/round/rank; "
      f"peak RSS {med(two, 'peak_rss_bytes_max_rank') / 2**30:.2f} GiB/rank")
PY
