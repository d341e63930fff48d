#!/bin/bash
# One-node Slurm vs one process for the same work (the README's table). Needs a running cluster
# (.ci/slurm-start.sh, as root) and a built engine (mvn -B -ntp -DskipTests package). Usage:
#   docs/cluster-timing.sh [WORKDIR]      (default /tmp/nuisance-cluster-timing)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/nuisance-cluster-timing}
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.djl.ai}
# a stable copy of the jar, so a rebuild cannot change what running shards execute
rm -rf "$work" && mkdir -p "$work/dist" && cp -r "$repo/engine/target/nuisance-engine.jar" "$repo/engine/target/lib" "$work/dist/"
N="java -jar $work/dist/nuisance-engine.jar"
cd "$work"
COV="coverage --input demo --events 200000 --toys 200 --seed 3 --column DER_mass_vis --bins 30 --range 0,150"
TRAIN="train --input demo --events 20000 --features DER_mass_vis,PRI_had_pt,PRI_lep_pt,DER_deltar_had_lep --epochs 5 --seed 5 --device cpu --ensemble 4"
wait_merge() { while ! grep -q "$2" "$1/logs/merge.log" 2>/dev/null; do sleep 0.5; done; }
secs() { echo "$2 - $1" | bc; }
for round in 1 2; do
  t0=$(date +%s.%N); $N $COV --json > one-$round.json; t1=$(date +%s.%N)
  echo "coverage one process: $(secs "$t0" "$t1") s"
  t0=$(date +%s.%N); $N submit slurm --shards 4 --workdir cov$round -- $COV --output cov$round.json >/dev/null
  wait_merge cov$round "pseudo-experiments: 200"; t1=$(date +%s.%N)
  echo "coverage 4 shards on slurm incl. merge: $(secs "$t0" "$t1") s"
  t0=$(date +%s.%N); $N $TRAIN --output model-one$round >/dev/null 2>&1; t1=$(date +%s.%N)
  echo "ensemble one process: $(secs "$t0" "$t1") s"
  t0=$(date +%s.%N); $N submit slurm --shards 4 --workdir ens$round -- $TRAIN --output model$round >/dev/null
  wait_merge ens$round "saved:"; t1=$(date +%s.%N)
  echo "ensemble 4 shards on slurm incl. merge: $(secs "$t0" "$t1") s"
  uptime
done
# per task: scontrol -o show job <array id> (RunTime, StartTime, EndTime); ids in */submission.json
