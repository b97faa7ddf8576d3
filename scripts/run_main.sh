#!/usr/bin/env bash
# The main job: sets up, builds the fcsim program (Release) and regenerates
# every papers/ page's measured tables and plots from scratch:
# `fcsim papers --fresh` runs the sweep of each papers/specs/*.toml (every run
# verified by the independent checker, rounds against the declared bound,
# locality audit), writes the records to papers/records/, the tables into the
# pages between their markers and the plots to papers/figures/ (SVG + PNG).
# The small default takes a few minutes on 2 cores; FCSIM_PAPERS_SCALE=full
# runs the large grids. Exit code: fcsim's (0 all pages written, 2 usage or
# input error); a claim that FAILs is shown as FAIL on its page.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
jobs=${FCSIM_JOBS:-2}
scale=${FCSIM_PAPERS_SCALE:-small}

bash scripts/setup.sh
echo "=== build (Release, build/) ==="
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" -j"$jobs" --target fcsim
echo "=== fcsim papers --fresh --scale $scale ==="
"$root/build/experiments/fcsim" papers --dir "$root/papers" --fresh \
  --scale "$scale"
echo "=== done: papers/*.md (tables), papers/figures/*.svg|png (plots), papers/records/*.jsonl (records) ==="
