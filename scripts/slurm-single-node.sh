#!/usr/bin/env bash
# Starts a single-node Slurm on this machine from Debian's packages (slurm-wlm, munge) and runs
# the 2 × 2 sweep (sessions/small-sweep.jumpy) through sbatch, then merges it.
#
#   sudo scripts/slurm-single-node.sh            # build jumpy first: swift build -c release
#   JUMPY=/path/to/jumpy OUT=/tmp/x scripts/slurm-single-node.sh
#   KEEP=1 ...                                   # leave slurmctld, slurmd and munged running
#
# Needs root (it writes /etc/munge, /etc/slurm and starts the daemons) and no systemd. What it
# printed here is in docs/sweeps.md. Never part of the tests: they need no Slurm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
JUMPY=${JUMPY:-$root/.build/release/jumpy}
OUT=${OUT:-/tmp/jumpy-slurm-sweep}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

[ -x "$JUMPY" ] || { echo "no jumpy at $JUMPY: swift build -c release first" >&2; exit 1; }

# 1. Packages, only what is missing.
missing=""
for p in slurm-wlm munge; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "== installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# 2. munge: a key, then the daemon as the munge user.
if [ ! -s /etc/munge/munge.key ]; then
  $SUDO dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
$SUDO chown munge:munge /etc/munge/munge.key
$SUDO chmod 400 /etc/munge/munge.key
$SUDO mkdir -p /run/munge /var/log/munge /var/lib/munge
$SUDO chown munge:munge /run/munge /var/log/munge /var/lib/munge
started=""
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  $SUDO runuser -u munge -- /usr/sbin/munged
  started="$started munged"
fi
echo "== munge: $(munge -n | unmunge | grep STATUS)"

# 3. slurm.conf for this one node; no cgroup.conf (slurmd refuses a plugin it cannot create).
host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 8 / 10 ))
$SUDO mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
$SUDO rm -f /etc/slurm/cgroup.conf
$SUDO tee /etc/slurm/slurm.conf >/dev/null <<CONF
# Written by jumpy's scripts/slurm-single-node.sh: one node, this machine.
ClusterName=jumpy
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

# 4. The daemons (they daemonise themselves), unless already up.
if ! scontrol ping 2>/dev/null | grep -q "is UP"; then
  $SUDO slurmctld
  started="$started slurmctld"
fi
if [ ! -s /run/slurmd.pid ] || ! kill -0 "$(cat /run/slurmd.pid)" 2>/dev/null; then
  $SUDO slurmd
  started="$started slurmd"
fi
stop() {
  [ -n "${KEEP:-}" ] && return
  # Only what this script started, by its pid file.
  for d in $started; do
    case $d in
      slurmctld|slurmd) pidfile=/run/$d.pid ;;
      munged) pidfile=/run/munge/munged.pid ;;
    esac
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    $SUDO kill "$pid" 2>/dev/null || continue
    # slurmctld saves its state before it exits: wait, so a rerun finds it gone.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
}
trap stop EXIT
for _ in $(seq 30); do
  sinfo -h -o %t 2>/dev/null | grep -qx idle && break
  sleep 1
done
echo "== sinfo"
sinfo

# 5. The 2 × 2 sweep as a job array, submitted and waited for, then merged.
rm -rf "$OUT"
echo "== jumpy sweep sessions/small-sweep.jumpy --out $OUT --slurm"
"$JUMPY" sweep sessions/small-sweep.jumpy --out "$OUT" --slurm --mem 500M --time 00:10:00
echo "== sbatch --wait $OUT/sweep.slurm"
sbatch --wait "$OUT/sweep.slurm"
echo "== the tasks' logs"
for f in "$OUT"/slurm/*.out; do echo "-- $(basename "$f")"; cat "$f"; done
echo "== jumpy merge $OUT"
"$JUMPY" merge "$OUT"
