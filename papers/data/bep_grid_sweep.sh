#!/usr/bin/env bash
# Reproduces the measurements of papers/bep_grid.md, one run at a time.
# Usage (from the repository root): bash papers/data/bep_grid_sweep.sh [small|3d|large|all]
# Records: papers/data/bep_grid.jsonl; full summaries: papers/data/bep_grid_runs.txt.
# (papers/data/bep_grid_session4.jsonl: the records of the previous version,
# 256 colours and no skipping of empty rounds, kept for the history table.)
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
  for e in 1 1/2 1/4 1/10; do
    run grid:dims=100x100 "$e" 8
    run torus:dims=100x100 "$e" 8
    run grid:dims=316x316 "$e" 8
  done
fi
if [[ $part == 3d || $part == all ]]; then
  for e in 1 1/2 1/4; do
    run grid:dims=20x20x20 "$e" 8
    run grid:dims=50x50x50 "$e" 2
  done
  for e in 1 1/2 1/4; do run grid:dims=100x100x100 "$e" 1; done
  # 8·10^6 vertices: above the audit's max_ball, every sample's ball is the
  # whole box, and the samples share one re-run on the renumbered box.
  for e in 1 1/2 1/4; do run grid:dims=200x200x200 "$e" 8; done
fi
if [[ $part == large || $part == all ]]; then
  # 9·10^6 and 10^7 vertices: every sample's ball is the whole graph (one
  # shared re-run). New plans first (ε = 1/4 changed, ε = 1/10 is new).
  run grid:dims=3000x3000 1/4 8
  run torus:dims=3000x3000 1/4 8
  run torus:dims=3000x3000 1 8
  run grid:dims=3000x3000 1/10 8
  # The 10^6, ε = 1/2 box is also the benchmark: build/bench/bep_grid_bench
  # (output in papers/data/bep_grid_bench.txt).
  for e in 1 1/2 1/4 1/10; do run grid:dims=1000x1000 "$e" 1; done
  run torus:dims=1000x1000 1/2 1
  run grid:dims=3162x3162 1/2 8
  run torus:dims=3000x3000 1/2 8
  run grid:dims=3162x3162 1 8
fi
