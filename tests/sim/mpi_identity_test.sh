#!/usr/bin/env bash
# mpirun -np P fcsim run ... for P = 1..4 against the single-process run, for
# every registered algorithm on grids, a torus, a random regular graph (read
# per rank from a .fcsr file), cycles/paths and a large-girth graph: the
# outputs digest, the colouring written with -o, and every deterministic
# RunStats row (rounds, messages, bits, per phase) must be identical.
# Usage: mpi_identity_test.sh FCSIM   (ctest runs it in -DFCSIM_MPI=ON builds)
set -euo pipefail
# No CMA single-copy (ptrace is often restricted in containers).
export OMPI_MCA_btl_vader_single_copy_mechanism=none
fcsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpirun=(mpirun --allow-run-as-root --oversubscribe)
export FCSIM_MPI_TIMEOUT=60

"$fcsim" -q gen 'regular:n=300,d=4,seed=3' -o "$tmp/regular.fcsr"
"$fcsim" -q gen 'subdivide:s=19,of=[planar:n=12,seed=1]' -o "$tmp/girth.fcsr"

# The deterministic rows of `run -v -v` (phase wall times dropped).
rows() {
  grep -E '^(n|m|Δ|rounds|messages|bits|a:b|weight|outputs digest|verdict|  phase) ' "$1" |
    sed -E 's/, [0-9.]+ s$//'
}

failures=0
runs=0
check() {  # check ALGO GRAPH [RUN ARGS...]
  local algo=$1 graph=$2 out=()
  shift 2
  local extra=("$@")
  local base=(-v -v run --graph "$graph" --algo "$algo" --audit-samples 2
    --ids permutation "${extra[@]}")
  local rc=0
  "$fcsim" -t 2 "${base[@]}" -o "$tmp/single.col" >"$tmp/single.txt" \
    2>"$tmp/single.err" || rc=$?
  if ((rc == 2)) && grep -q "produces no a:b-colouring" "$tmp/single.err"; then
    rc=0
    "$fcsim" -t 2 "${base[@]}" >"$tmp/single.txt" 2>"$tmp/single.err" || rc=$?
  fi
  if ((rc != 0)); then
    echo "FAIL: single-process $algo on $graph: exit status $rc"
    cat "$tmp/single.err" "$tmp/single.txt"
    failures=$((failures + 1))
    return
  fi
  local with_output=0
  [[ -s "$tmp/single.col" ]] && with_output=1
  for p in 1 2 3 4; do
    runs=$((runs + 1))
    out=()
    ((with_output)) && out=(-o "$tmp/mpi.col")
    rm -f "$tmp/mpi.col"
    if ! "${mpirun[@]}" -np "$p" "$fcsim" -t 1 "${base[@]}" "${out[@]}" \
      >"$tmp/mpi.txt" 2>"$tmp/mpi.err"; then
      echo "FAIL: $algo on $graph, $p ranks: exit status"
      cat "$tmp/mpi.err"
      failures=$((failures + 1))
      continue
    fi
    if ! diff <(rows "$tmp/single.txt") <(rows "$tmp/mpi.txt") >"$tmp/diff"; then
      echo "FAIL: $algo on $graph, $p ranks: rows differ"
      cat "$tmp/diff"
      failures=$((failures + 1))
    fi
    if ((with_output)) && ! cmp -s "$tmp/single.col" "$tmp/mpi.col"; then
      echo "FAIL: $algo on $graph, $p ranks: colouring files differ"
      failures=$((failures + 1))
    fi
    grep -q "MPI ranks" "$tmp/mpi.txt" || {
      echo "FAIL: $algo on $graph, $p ranks: not a distributed run"
      failures=$((failures + 1))
    }
  done
  # An a:b-colouring is also checked with no rank holding the graph.
  if grep -q '^a:b ' "$tmp/single.txt" && [[ "$algo" == bep-* ]]; then
    runs=$((runs + 1))
    if ! "${mpirun[@]}" -np 3 "$fcsim" -t 1 "${base[@]}" --mpi-check distributed \
      >"$tmp/mpi.txt" 2>"$tmp/mpi.err"; then
      echo "FAIL: $algo on $graph, 3 ranks, distributed check: exit status"
      cat "$tmp/mpi.err"
      failures=$((failures + 1))
    elif ! diff <(rows "$tmp/single.txt") <(rows "$tmp/mpi.txt") >"$tmp/diff"; then
      echo "FAIL: $algo on $graph, 3 ranks, distributed check: rows differ"
      cat "$tmp/diff"
      failures=$((failures + 1))
    fi
  fi
  rm -f "$tmp/single.col"
  echo "ok: $algo on $graph ($(rows "$tmp/single.txt" | grep '^rounds' | cut -c14-30))"
}

mapfile -t algos < <("$fcsim" run --list | awk '{print $1}')
((${#algos[@]} >= 9)) || { echo "FAIL: only ${#algos[@]} algorithms listed"; exit 1; }
for algo in "${algos[@]}"; do
  case "$algo" in
    cole-vishkin)
      check "$algo" cycle:n=101
      check "$algo" path:n=64 ;;
    bep-grid)
      check "$algo" grid:dims=17x13
      check "$algo" torus:dims=8x6
      check "$algo" grid:dims=6x5x4 --eps 1 ;;
    bep-girth)
      check "$algo" "$tmp/girth.fcsr" ;;
    *)
      check "$algo" grid:dims=17x13
      check "$algo" "$tmp/regular.fcsr" ;;
  esac
done
echo "$runs distributed runs, $failures failures"
((failures == 0))
