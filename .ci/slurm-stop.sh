#!/usr/bin/env bash
# Stops the daemons that .ci/slurm-start.sh started, by their recorded PIDs (slurmd, slurmctld, munged).
pids=/run/nuisance-slurm.pids
[ -f "$pids" ] || exit 0
tac "$pids" | while read -r pid; do
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
done
rm -f "$pids"
