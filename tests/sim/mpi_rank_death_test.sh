#!/usr/bin/env bash
# A rank killed (SIGKILL, mode "kill") or frozen (SIGSTOP, mode "hang") in
# the middle of a distributed run: the whole run must fail with a non-zero
# exit status and a clear message (mpirun naming the dead rank; the other
# ranks' watchdog naming the collective that timed out), write no result
# record and no colouring file, and end within the stated timeout
# (FCSIM_MPI_TIMEOUT, 5 s here) plus slack instead of hanging.
# Usage: mpi_rank_death_test.sh FCSIM kill|hang
set -uo pipefail
# No CMA single-copy (ptrace is often restricted in containers).
export OMPI_MCA_btl_vader_single_copy_mechanism=none
fcsim=$1
mode=${2:-kill}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; kill -9 "${job:-0}" 2>/dev/null' EXIT
export FCSIM_MPI_TIMEOUT=5

# A run of tens of seconds on 3 ranks (thousands of rounds of bep-grid).
start=$SECONDS
mpirun --allow-run-as-root --oversubscribe -np 3 "$fcsim" -t 1 run \
  --graph grid:dims=300x300 --algo bep-grid --eps 1 --audit-samples 2 \
  --record "$tmp/records.jsonl" -o "$tmp/out.col" \
  >"$tmp/out.txt" 2>"$tmp/err.txt" &
job=$!

# Wait until all three ranks run, then a little longer (mid-run).
victim=""
for _ in $(seq 1 100); do
  mapfile -t ranks < <(pgrep -f -- "$fcsim -t 1 run --graph grid:dims=300x300" |
    while read -r pid; do
      [[ "$(ps -o comm= -p "$pid")" == fcsim ]] && echo "$pid"
    done)
  if ((${#ranks[@]} == 3)); then
    victim=${ranks[1]}
    break
  fi
  sleep 0.1
done
if [[ -z "$victim" ]]; then
  echo "FAIL: the three ranks never appeared"
  exit 1
fi
sleep 2
if ! kill -0 "$job" 2>/dev/null; then
  echo "FAIL: the run ended before a rank could be killed (make it longer)"
  cat "$tmp/err.txt"
  exit 1
fi
if [[ "$mode" == hang ]]; then
  kill -STOP "$victim"
  pattern="did not complete within 5 s"
else
  kill -9 "$victim"
  pattern="signal 9|killed|exited on signal"
fi
killed_at=$SECONDS

# The job must end on its own, well before the timeout plus slack.
for _ in $(seq 1 300); do
  kill -0 "$job" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$job" 2>/dev/null; then
  echo "FAIL: still running 30 s after a rank was stopped ($mode)"
  exit 1
fi
wait "$job"
rc=$?
elapsed=$((SECONDS - killed_at))
failed=0
if ((rc == 0)); then
  echo "FAIL: exit status 0 after a rank died"
  failed=1
fi
if ! grep -qiE "$pattern" "$tmp/err.txt"; then
  echo "FAIL: no message matching '$pattern':"
  cat "$tmp/err.txt"
  failed=1
fi
for f in records.jsonl out.col; do
  if [[ -e "$tmp/$f" ]]; then
    echo "FAIL: $f was written by a failed run"
    failed=1
  fi
done
if compgen -G "$tmp/.*tmp*" >/dev/null; then
  echo "FAIL: a temporary file was left behind"
  failed=1
fi
kill -9 "$victim" 2>/dev/null
echo "$mode: rank $victim hit after $((killed_at - start)) s; job ended $elapsed s later with status $rc"
head -c 600 "$tmp/err.txt"
exit $failed
