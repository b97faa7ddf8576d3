#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. setup.sh (installs missing Debian packages; silent when none)
#   2. Release build with -Werror and -DFCSIM_MPI=ON into build/, ctest
#      (including the mpirun tests)
#   3. ASan+UBSan build into build-asan/, ctest with halting sanitizers
#   4. clang-format check of every tracked *.h / *.cc
#   5. scripts/fuzz.sh, when it exists, with a time bound
# Exits non-zero when any stage fails; ends with one line per stage.
# Environment: FCSIM_JOBS (parallel jobs, default 2), FCSIM_FUZZ_SECONDS
# (fuzzing time per target, default 15), FCSIM_FUZZ_TIMEOUT (hard limit on
# the whole of stage 5, compiles included, default 600 seconds).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
jobs=${FCSIM_JOBS:-2}
fuzz_seconds=${FCSIM_FUZZ_SECONDS:-15}
fuzz_timeout=${FCSIM_FUZZ_TIMEOUT:-600}

declare -a summary=()
failed=0
start_all=$SECONDS

stage() {  # stage NAME STATUS SECONDS
  summary+=("$(printf '%-18s %-7s %4ds' "$1" "$2" "$3")")
  if [[ "$2" == FAIL ]]; then failed=1; fi
}

banner() { printf '\n=== %s ===\n' "$*"; }

# Stage 1: packages. Without them nothing else can run.
banner "setup"
t=$SECONDS
if ! bash scripts/setup.sh; then
  echo "run_tests.sh: setup failed" >&2
  exit 1
fi
stage setup PASS $((SECONDS - t))

# build_and_test NAME DIR TARGETS ENV... -- CMAKE_ARGS...
# TARGETS: "all", or a comma-separated list of build targets.
build_and_test() {
  local name=$1 dir=$2 targets=$3
  shift 3
  local -a target_args=()
  if [[ "$targets" != all ]]; then
    target_args=(--target ${targets//,/ })
  fi
  local -a env_vars=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    env_vars+=("$1")
    shift
  done
  shift
  banner "$name: configure and build ($dir)"
  local t=$SECONDS
  if ! cmake -S "$root" -B "$root/$dir" -DFCSIM_WERROR=ON "$@" >/dev/null ||
    ! cmake --build "$root/$dir" -j"$jobs" "${target_args[@]}"; then
    echo "run_tests.sh: $name build failed" >&2
    stage "$name build" FAIL $((SECONDS - t))
    return 1
  fi
  stage "$name build" PASS $((SECONDS - t))
  banner "$name: ctest"
  t=$SECONDS
  if (cd "$root/$dir" && env "${env_vars[@]}" ctest --output-on-failure -j"$jobs"); then
    stage "$name ctest" PASS $((SECONDS - t))
  else
    stage "$name ctest" FAIL $((SECONDS - t))
    return 1
  fi
}

# Stage 2: the Release build, benchmarks included so that they keep compiling.
release_ok=1
# With the MPI communicator and the mpirun tests (docs/mpi.md); the
# sanitizer build below stays without MPI, as the default build is.
build_and_test release build all -- -DCMAKE_BUILD_TYPE=Release -DFCSIM_MPI=ON ||
  release_ok=0

# Stage 3: sanitizers. Skipped when the plain build is already broken: the
# same errors would only cost another long build.
if ((release_ok)); then
  # Only what ctest runs (the test binary and the fcsim binary its golden
  # tests call), at -O1 -g1: the sanitizer build is CI's longest stage.
  build_and_test asan build-asan fcsim_tests,fcsim \
    FCSIM_SANITIZER_BUILD=1 \
    ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    -- -DFCSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
    -DFCSIM_BENCHMARKS=OFF || true
else
  stage "asan" SKIPPED 0
  failed=1
fi

# Stage 4: formatting, against the repository's .clang-format.
banner "clang-format"
t=$SECONDS
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t sources < <(git -C "$root" ls-files '*.h' '*.cc')
else
  mapfile -t sources < <(find . -path './build*' -prune -o \
    \( -name '*.h' -o -name '*.cc' \) -print | sed 's|^\./||')
fi
unformatted=()
for f in "${sources[@]}"; do
  [[ -f "$f" ]] || continue
  if ! clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
    unformatted+=("$f")
  fi
done
if ((${#unformatted[@]} == 0)); then
  echo "${#sources[@]} files formatted"
  stage clang-format PASS $((SECONDS - t))
else
  echo "not clang-formatted (fix: clang-format -i --style=file FILE):"
  printf '  %s\n' "${unformatted[@]}"
  stage clang-format FAIL $((SECONDS - t))
fi

# Stage 5: fuzzing, bounded in time.
if [[ -f scripts/fuzz.sh ]]; then
  banner "fuzz (${fuzz_seconds}s per target, at most ${fuzz_timeout}s)"
  t=$SECONDS
  rc=0
  timeout --kill-after=30 "$fuzz_timeout" \
    bash scripts/fuzz.sh "$fuzz_seconds" || rc=$?
  if ((rc == 0)); then
    stage fuzz PASS $((SECONDS - t))
  else
    if ((rc == 124)); then
      echo "run_tests.sh: fuzzing exceeded ${fuzz_timeout}s" >&2
    fi
    stage fuzz FAIL $((SECONDS - t))
  fi
fi

banner "summary"
printf '%s\n' "${summary[@]}"
n_pass=0
n_fail=0
for line in "${summary[@]}"; do
  case "$line" in
    *" PASS "*) n_pass=$((n_pass + 1)) ;;
    *) n_fail=$((n_fail + 1)) ;;
  esac
done
echo "run_tests.sh: $n_pass stages passed, $n_fail failed or skipped" \
  "in $((SECONDS - start_all))s"
exit "$failed"
