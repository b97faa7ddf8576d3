#!/usr/bin/env bash
# Builds every libFuzzer target graphs/*_fuzz.cc with clang++ (outside the
# CMake build, which uses g++) and runs each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   SECONDS_PER_TARGET  default 20; TARGET names like "metis" or "dot"
#                       (default: all). Exit status 1 if any target found a
#                       crash, a leak, a timeout or a contract violation.
#
# Environment: FCSIM_FUZZ_DIR (build and corpus directory, default
# build-fuzz/ under the repository root), CXX_FUZZ (default clang++),
# FUZZ_JOBS (parallel compiles, default 2).
#
# Debian packages needed: clang (clang++-14) and libclang-rt-14-dev (the
# libFuzzer and sanitizer runtimes), plus the project's own libtbb-dev,
# libfmt-dev and libboost-graph-dev.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${FCSIM_FUZZ_DIR:-$root/build-fuzz}
seconds=${1:-20}
shift || true
cxx=${CXX_FUZZ:-clang++}
jobs=${FUZZ_JOBS:-2}

if ! [[ $seconds =~ ^[0-9]+$ ]]; then
  echo "fuzz.sh: SECONDS_PER_TARGET must be a number, got '$seconds'" >&2
  exit 2
fi
if ! command -v "$cxx" >/dev/null; then
  echo "fuzz.sh: $cxx not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

mkdir -p "$out/obj" "$out/bin" "$out/corpus" "$out/seeds" "$out/artifacts"
probe="$out/obj/probe.cc"
echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' >"$probe"
if ! "$cxx" -fsanitize=fuzzer,address "$probe" -o "$out/obj/probe" 2>"$out/obj/probe.log"; then
  echo "fuzz.sh: $cxx cannot link -fsanitize=fuzzer (install libclang-rt-14-dev):" >&2
  cat "$out/obj/probe.log" >&2
  exit 2
fi

flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer
       -fsanitize=address,undefined -fno-sanitize-recover=undefined
       -I"$root")
libs=(-ltbb -lfmt -lboost_graph)

# The reader sources and what they need from sim/, compiled once.
sources=("$root/sim/graph.cc" "$root"/graphs/io*.cc)
objects=()
pids=()
for src in "${sources[@]}"; do
  obj="$out/obj/$(basename "${src%.cc}").o"
  objects+=("$obj")
  if [[ ! -f $obj || $src -nt $obj || $root/graphs/io_internal.h -nt $obj ||
        $root/graphs/io.h -nt $obj || $root/sim/graph.h -nt $obj ]]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" &
    pids+=($!)
    if ((${#pids[@]} >= jobs)); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

# A few valid seeds per format; the fuzzer mutates from there.
seed() {  # seed FORMAT NAME CONTENT
  mkdir -p "$out/seeds/$1"
  printf '%b' "$3" >"$out/seeds/$1/$2"
}
seed edge_list snap '# Nodes: 5 Edges: 3\n0 1\n1 2 3.5\n2 3\n'
seed edge_list onebased '% c\n1 2\n2 3\n3 1\n3 3\n'
seed metis plain '% c\n4 3\n2 3\n1 3\n1 2\n\n'
seed metis weights '3 2 11 2\n1 1 2 5\n1 1 1 5 3 6\n1 1 2 6\n'
seed dimacs col 'c x\np edge 4 3\nn 1 2\ne 1 2\ne 2 3\ne 4 1\n'
seed matrix_market sym '%%MatrixMarket matrix coordinate pattern symmetric\n% c\n3 3 3\n2 1\n3 2\n3 1\n'
seed matrix_market gen '%%MatrixMarket matrix coordinate real general\n3 3 2\n1 2 1.5\n2 1 -1e3\n'
seed matrix_market cpx '%%MatrixMarket matrix coordinate complex hermitian\n2 2 1\n2 1 1 2\n'
seed graphml undirected '<?xml version="1.0"?>\n<graphml><graph edgedefault="undirected"><node id="n0"/><node id="n1"/><node id="n2"/><edge source="n0" target="n1"/><edge source="n2" target="n1"/></graph></graphml>\n'
seed graphml directed '<graphml><key id="w" for="edge" attr.name="w" attr.type="double"/><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"><data key="w">2.5</data></edge></graph></graphml>'
seed dot plain 'graph G {\n0;\n1;\n2;\n0--1 ;\n2--1 ;\n}\n'
seed dot named 'strict digraph { node [shape=box]; a -> b -> c; subgraph s { d; e -- f } "x y" -> a [w=1]; }'
seed graph6 petersen 'IheA@GUAo\n'
seed graph6 header '>>graph6<<DQc\n'
seed sparse6 spec ':Fa@x^\n'
seed sparse6 loops ':AG\n'
seed sparse6 big ':~?Ckqk?~\n'

if (($# > 0)); then
  targets=("$@")
else
  targets=()
  for f in "$root"/graphs/*_fuzz.cc; do
    name=$(basename "$f")
    targets+=("${name%_fuzz.cc}")
  done
fi

failed=()
for name in "${targets[@]}"; do
  src="$root/graphs/${name}_fuzz.cc"
  if [[ ! -f $src ]]; then
    echo "fuzz.sh: no target $src" >&2
    exit 2
  fi
  bin="$out/bin/${name}_fuzz"
  "$cxx" "${flags[@]}" -fsanitize=fuzzer "$src" "${objects[@]}" "${libs[@]}" -o "$bin"
  mkdir -p "$out/corpus/$name" "$out/seeds/$name"
  echo "== fuzzing $name for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=8192 -print_final_stats=1 \
      -artifact_prefix="$out/artifacts/${name}-" \
      "$out/corpus/$name" "$out/seeds/$name" >"$out/$name.log" 2>&1; then
    echo "!! $name: failure, see $out/$name.log and $out/artifacts/${name}-*" >&2
    grep -E 'ERROR|contract|SUMMARY' "$out/$name.log" | head -5 >&2 || true
    failed+=("$name")
  else
    grep -E '^stat::number_of_executed_units' "$out/$name.log" || true
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzz.sh: failures in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: no failures in ${#targets[@]} target(s)"
