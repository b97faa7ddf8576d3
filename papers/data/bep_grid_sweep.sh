#!/usr/bin/env bash
# Reproduces the measurements of papers/bep_grid.md, one run at a time.
# Usage (from the repository root): bash papers/data/bep_grid_sweep.sh
set -u
FCSIM=${FCSIM:-build/experiments/fcsim}
OUT=${OUT:-papers/data/bep_grid.jsonl}
LOG=${LOG:-papers/data/bep_grid_runs.txt}
run() {  # graph eps audit-samples
  echo "=== fcsim -t 2 run --graph $1 --algo bep-grid --eps $2 --audit-samples $3" >>"$LOG"
  /usr/bin/time -f "time_s %e maxrss_kb %M" nice -n 10 "$FCSIM" -t 2 run --graph "$1" \
    --algo bep-grid --eps "$2" --audit-samples "$3" --record "$OUT" >>"$LOG" 2>&1
}
for e in 1 1/2 1/4; do
  run grid:dims=100x100 "$e" 8
  run torus:dims=100x100 "$e" 8
done
run grid:dims=316x316 1 8
run grid:dims=316x316 1/2 8
run grid:dims=20x20x20 1 2
run grid:dims=1000x1000 1/2 1     # the benchmark (10^6 vertices, ε = 1/2)
run grid:dims=1000x1000 1 1
# Not run for time on the shared machine (see papers/bep_grid.md, "Not done"):
# run grid:dims=3000x3000 1 8     # 9·10^6 vertices: balls exceed the audit's max_ball
# run torus:dims=3000x3000 1/2 8
# run grid:dims=316x316 1/4 1
# run grid:dims=200x200x200 1 8
