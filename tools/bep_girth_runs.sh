#!/usr/bin/env bash
# Reproduces the measurements of papers/bep_girth.md (BEP-d, `bep-girth`).
#
#   tools/bep_girth_runs.sh [MIN_N [MAX_N [KS [FAMILIES]]]]
#     defaults: 1000 10000000 "2 4 10" "planar ktree tree"
#
# Runs `fcsim run --algo bep-girth --audit-samples 8` (checker, rounds
# against the declared bound, locality audit) on
#   planar  subdivide:s=S,of=[planar:n=NB,seed=1,delete=0.3]
#   ktree   subdivide:s=S,of=[ktree:n=NB,w=3,seed=1]
#   tree    tree:n=N,seed=1                      (girth infinite)
# for eps = 1/2, 1/4, 1/10 (k = 2, 4, 10) and n = 10^3 .. MAX_N, one run at
# a time, with nice, at 2 threads. S = ceil(22(2k-1)/3) - 1, so that the
# subdivided graph has girth 3(S+1) >= 22(2k-1), the girth the phase bound
# assumes; NB is chosen so that n is close to the target. Each run appends
# one record to papers/figures/bep_girth_runs.csv (FCSIM and OUT override the
# binary and the file).
set -euo pipefail
MINN=${1:-1000}
MAXN=${2:-10000000}
KS=${3:-2 4 10}
FAMILIES=${4:-planar ktree tree}
FCSIM=${FCSIM:-build/experiments/fcsim}
OUT=${OUT:-papers/figures/bep_girth_runs.csv}

run() {  # family spec k
  case " $FAMILIES " in *" $1 "*) ;; *) return 0 ;; esac
  echo "== $1 $2 eps=1/$3" >&2
  nice -n 10 "$FCSIM" -t 2 run --graph "$2" --algo bep-girth --eps "1/$3" \
    --audit-samples 8 --csv "$OUT" --family "$1" > /dev/null
}

for n in 1000 10000 100000 1000000 10000000; do
  [ "$n" -ge "$MINN" ] && [ "$n" -le "$MAXN" ] || continue
  for k in $KS; do
    s=$(( (22 * (2 * k - 1) + 2) / 3 - 1 ))
    # planar, delete=0.3: about 2.4 edges per base vertex.
    nb=$(( n * 10 / (10 + 24 * s) )); [ "$nb" -ge 4 ] || nb=4
    run planar "subdivide:s=$s,of=[planar:n=$nb,seed=1,delete=0.3]" "$k"
    # partial 3-trees, delete=0.5: about 2 edges per base vertex.
    nb=$(( n / (1 + 2 * s) )); [ "$nb" -ge 5 ] || nb=5
    run ktree "subdivide:s=$s,of=[ktree:n=$nb,w=3,seed=1]" "$k"
    run tree "tree:n=$n,seed=1" "$k"
  done
done
