#!/usr/bin/env bash
# On-policy MDPO against the PPO-clip baseline of the MDPO spec on CartPole-v1 (CPU setting:
# batch 512, learning rate 1e-3), 5 seeds, 200k steps each. Prints one line per run and the means.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-runs/mdpo-vs-ppo}"
mkdir -p "$OUT"
mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(round(sum(v)/len(v), 2))" "$@"; }
declare -a M P
for s in 1 2 3 4 5; do
  m=$("$ROOT/proxima" train --algo mdpo --env CartPole-v1 --steps 200000 --seed "$s" --out "$OUT/mdpo-s$s" --json 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["eval_return_mean"])')
  p=$("$ROOT/proxima" train --algo ppo --env CartPole-v1 --steps 200000 --seed "$s" --out "$OUT/ppo-s$s" \
      --set numMinibatches=8 --set updateEpochs=10 --set learningRate=1e-3 --json 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["eval_return_mean"])')
  echo "seed $s: mdpo $m  ppo $p"
  M+=("$m"); P+=("$p")
done
echo "mean: mdpo $(mean "${M[@]}")  ppo $(mean "${P[@]}")"
