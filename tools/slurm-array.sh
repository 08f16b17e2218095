#!/usr/bin/env bash
# A wfsim batch on a Slurm cluster: an array of independent shards, then a
# merge into the files one process would have written (README: "On a
# cluster").
#
#   tools/slurm-array.sh SHARDS OUT COMMAND ARGS...
#
#   tools/slurm-array.sh 50 results/big run scenarios/default.yaml --reps 100000
#   tools/slurm-array.sh 20 results/options compare base.yaml uplift.yaml --reps 20000
#   tools/slurm-array.sh 40 results/grid sweep base.yaml --grid agency.price_cap=50000,60000 --reps 10000
#
# Run it on a login node, in the repository (build/wfsim must be on a file
# system the nodes share; or set WFSIM=/path/to/wfsim). It submits
#   an array of SHARDS tasks, task i running
#       wfsim COMMAND ARGS... --shard i/SHARDS --out OUT.shards/i
#   and a merge job that starts once every task has succeeded (afterok):
#       wfsim merge OUT.shards/* --out OUT
# Do not pass --out or --shard in ARGS. Each task uses the cores Slurm gives
# it (--cpus-per-task below). If a task fails the merge job never starts:
# run that shard again by hand (the same line with --shard i/SHARDS), then
# `build/wfsim merge OUT.shards/* --out OUT`. Merge refuses shards that are
# missing, given twice, or from another scenario, seed, command or version.
#
#SBATCH --job-name=wfsim
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=2G
#SBATCH --time=04:00:00
#SBATCH --output=slurm-wfsim-%A_%a.out
set -euo pipefail

if [ -z "${WFSIM_STEP:-}" ]; then
  # On the login node: submit the array, then the merge that waits for it.
  if [ $# -lt 4 ]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
  fi
  shards=$1 out=$2
  shift 2
  case "$1" in
    run|compare|sweep) ;;
    *) echo "slurm-array.sh: COMMAND must be run, compare or sweep, not '$1'" >&2; exit 2 ;;
  esac
  case " $* " in
    *" --out "*|*" --out="*|*" --shard "*|*" --shard="*) echo "slurm-array.sh: leave --out and --shard to the script" >&2; exit 2 ;;
  esac
  wfsim=$(realpath "${WFSIM:-build/wfsim}")
  [ -x "$wfsim" ] || { echo "slurm-array.sh: no wfsim at $wfsim (build it, or set WFSIM)" >&2; exit 2; }
  mkdir -p "$out.shards"
  env=ALL,WFSIM=$wfsim,WFSIM_SHARDS=$shards,WFSIM_OUT=$out
  array=$(sbatch --parsable --array=1-"$shards" --export="$env,WFSIM_STEP=shard" "$0" "$@")
  array=${array%%;*}
  merge=$(sbatch --parsable --dependency=afterok:"$array" --cpus-per-task=1 --export="$env,WFSIM_STEP=merge" "$0" "$@")
  echo "slurm-array.sh: submitted array job $array ($shards shards into $out.shards/) and merge job ${merge%%;*} (into $out/)"
  exit 0
fi

# In a job: Slurm starts it in the folder it was submitted from.
case "$WFSIM_STEP" in
  shard)
    exec "$WFSIM" "$@" --shard "$SLURM_ARRAY_TASK_ID/$WFSIM_SHARDS" --out "$WFSIM_OUT.shards/$SLURM_ARRAY_TASK_ID" \
      --threads "${SLURM_CPUS_PER_TASK:-0}" --quiet ;;
  merge)
    exec "$WFSIM" merge "$WFSIM_OUT".shards/* --out "$WFSIM_OUT" ;;
  *)
    echo "slurm-array.sh: unknown WFSIM_STEP '$WFSIM_STEP'" >&2; exit 2 ;;
esac
