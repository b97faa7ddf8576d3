#!/usr/bin/env bash
# Reproduces the measurements of papers/bep_grid.md, one run at a time.
# Usage (from the repository root): bash papers/data/bep_grid_sweep.sh [small|large|3d]
# Records: papers/data/bep_grid.jsonl; full summaries: papers/data/bep_grid_runs.txt.
set -u
FCSIM=${FCSIM:-build/experiments/fcsim}
OUT=${OUT:-papers/data/bep_grid.jsonl}
LOG=${LOG:-papers/data/bep_grid_runs.txt}
run() {  # graph eps audit-samples
  echo "=== fcsim -t 2 run --graph $1 --algo bep-grid --eps $2 --audit-samples $3" >>"$LOG"
  /usr/bin/time -f "time_s %e maxrss_kb %M" nice -n 10 "$FCSIM" -t 2 run --graph "$1" \
    --algo bep-grid --eps "$2" --audit-samples "$3" --record "$OUT" >>"$LOG" 2>&1
}
part=${1:-all}
if [[ $part == small || $part == all ]]; then
  for e in 1 1/2 1/4; do
    run grid:dims=100x100 "$e" 8
    run torus:dims=100x100 "$e" 8
    run grid:dims=316x316 "$e" 8
  done
fi
if [[ $part == large || $part == all ]]; then
  # The 10^6, ε = 1/2 box is the benchmark: build/bench/bep_grid_bench
  # (output in papers/data/bep_grid_bench.txt).
  run grid:dims=1000x1000 1 1
  run grid:dims=1000x1000 1/4 1
  run torus:dims=1000x1000 1/2 1
  # 9·10^6 and 10^7 vertices: the radius-(T+1) balls exceed the audit's max_ball
  # (2^20 vertices) and the audit reports the samples as skipped.
  run grid:dims=3162x3162 1/2 8
  run torus:dims=3000x3000 1/2 8
  run grid:dims=3162x3162 1 8
  run grid:dims=3000x3000 1/4 8
fi
if [[ $part == 3d || $part == all ]]; then
  run grid:dims=20x20x20 1 8
  run grid:dims=50x50x50 1 2
  # Not run (time): run grid:dims=200x200x200 1 8
fi
