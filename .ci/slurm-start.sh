#!/usr/bin/env bash
# Starts a real one-node Slurm cluster from Debian's packages on this machine (as root, no systemd), for
# the cluster integration test (ClusterSlurmIT). Follows shared/STACK.md's Slurm section. Writes the
# daemons' PIDs to /run/nuisance-slurm.pids; .ci/slurm-stop.sh stops exactly those.
# SLURM_INSTALL=1 installs the packages first (apt-get update; apt-get install -y ...).
set -euo pipefail
if [ "$(id -u)" != 0 ]; then echo "slurm-start: needs root" >&2; exit 1; fi
if [ "${SLURM_INSTALL:-1}" = 1 ] && ! command -v slurmctld >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi
host=$(hostname)
cpus=$(nproc)
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
# munge: a key of 1024 random bytes, owned by munge, mode 400
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
: > /run/nuisance-slurm.pids
if ! pgrep -x munged >/dev/null; then
  su -s /bin/sh munge -c /usr/sbin/munged
  sleep 0.5
  echo "$(pgrep -x -n munged)" >> /run/nuisance-slurm.pids
fi
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
# one-node test cluster written by .ci/slurm-start.sh
ClusterName=nuisance-ci
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
ReturnToService=2
MinJobAge=3600
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
/usr/sbin/slurmctld
/usr/sbin/slurmd
sleep 1
cat /run/slurmctld.pid /run/slurmd.pid >> /run/nuisance-slurm.pids
for i in $(seq 1 30); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    sinfo
    exit 0
  fi
  sleep 1
done
echo "slurm-start: the node did not become idle in 30 s:" >&2
sinfo >&2 || true
tail -20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
