#!/usr/bin/env bash
# The off-policy MuJoCo benchmark: SAC, off-policy MDPO, TD3 and MEX-MF on Hopper-v4 and
# HalfCheetah-v4 with their paper presets, several seeds, two runs at a time (one per core).
# Every run is an ordinary `proxima train` run folder under OUT (eval.csv: 10 deterministic
# episodes every 10k steps); a run whose summary.json exists is skipped, so the script can be
# re-run to finish an interrupted benchmark. Afterwards `proxima report` draws the curves and
# prints the table:
#   ./proxima report --runs runs/mujoco --out docs/img/mujoco
# Usage: scripts/mujoco-benchmark.sh [OUT] [STEPS] [SEEDS] [ALGOS] [ENVS] [PARALLEL]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-runs/mujoco}"
STEPS="${2:-100000}"
SEEDS="${3:-1 2 3}"
ALGOS="${4:-sac mdpo-off td3 mex}"
ENVS="${5:-Hopper-v4 HalfCheetah-v4}"
PARALLEL="${6:-2}"
mkdir -p "$OUT"
"$ROOT/proxima" --version >/dev/null  # builds once, before the parallel runs start
jobs_file="$(mktemp)"
trap 'rm -f "$jobs_file"' EXIT
# Seed-major order, so that an interrupted benchmark has every algorithm on the same seeds.
for s in $SEEDS; do
  for a in $ALGOS; do
    for e in $ENVS; do
      dir="$OUT/$a-$(echo "$e" | tr '[:upper:]' '[:lower:]')-seed$s"
      [ -f "$dir/summary.json" ] && continue
      rm -rf "$dir"
      echo "$a $e $s $dir" >> "$jobs_file"
    done
  done
done
run_one() {
  local a="$1" e="$2" s="$3" dir="$4"
  "$ROOT/proxima" train --algo "$a" --env "$e" --seed "$s" --steps "$STEPS" --eval-every 10000 \
    --eval-episodes 10 --out "$dir" --json 2>"$dir.log" > "$dir.json" \
    && echo "$a $e seed $s: $(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["eval_return_mean"], 1))' "$dir.json")" \
    || echo "$a $e seed $s: FAILED (see $dir.log)"
}
export -f run_one
export ROOT STEPS
xargs -P "$PARALLEL" -L 1 bash -c 'run_one "$@"' _ < "$jobs_file"
