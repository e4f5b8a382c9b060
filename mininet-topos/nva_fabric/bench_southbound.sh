#!/usr/bin/env bash
# The southbound benchmark (docs/benchmarks.md): 100 emulated switches, then one real userspace
# Open vSwitch NVE. Builds nothing: run `./mvnw -B -o install -pl yang,api,impl` first (it compiles the
# test classes the benchmark lives in). Needs root (network namespaces), openvswitch-switch and socat.
#
#   mininet-topos/nva_fabric/bench_southbound.sh [emulated-switches=100] [flows-per-switch=1000]
#
# Environment: BENCH_PORT (16653; never 6653, where a controller may run), BENCH_BATCHES (10),
# BENCH_BATCH_SIZE (1000), BENCH_BARRIERS (1000), BENCH_ROUNDS (3), JAVA_HOME.
set -euo pipefail

SWITCHES=${1:-100}
FLOWS_PER_SWITCH=${2:-1000}
PORT=${BENCH_PORT:-16653}
BATCHES=${BENCH_BATCHES:-10}
BATCH_SIZE=${BENCH_BATCH_SIZE:-1000}
BARRIERS=${BENCH_BARRIERS:-1000}
ROUNDS=${BENCH_ROUNDS:-3}
# the benchmark's NVE lives apart from `nves up`'s default set (/tmp/nva-fabric, nve1..)
NVE_BASE=/tmp/nva-bench
NVE_PREFIX=nvb

if [ "$PORT" = 6653 ]; then
  echo "refusing port 6653: a controller may be listening there" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/nva-bench-run.XXXXXX)
BENCH_PID=
NVES_PID=

cleanup() {
  set +e
  if [ -n "$NVES_PID" ]; then
    (cd "$ROOT/mininet-topos" && python3 -m nva_fabric.nves down --base "$NVE_BASE" --prefix "$NVE_PREFIX")
    kill "$NVES_PID" 2>/dev/null
    wait "$NVES_PID" 2>/dev/null
    rm -f "$NVE_BASE/nves.pid"
    rmdir "$NVE_BASE" 2>/dev/null
  fi
  if [ -n "$BENCH_PID" ]; then
    kill "$BENCH_PID" 2>/dev/null
    wait "$BENCH_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$ROOT/mininet-topos/nva_fabric/bench_lib.sh"
bench_classpath "$ROOT" "$WORK"
MAIN=org.nvo3.nva.impl.southbound.SouthboundBenchmark
run_benchmark() {
  "$JAVA" -cp "$CLASSPATH" "$MAIN" "$@"
}

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(ovs-vswitchd --version | head -1)"

echo "# emulated: $SWITCHES switches x $FLOWS_PER_SWITCH flow-mods"
run_benchmark emulated "$SWITCHES" "$FLOWS_PER_SWITCH" 100 0 "$ROUNDS" 2>"$WORK/emulated.log" \
  || { cat "$WORK/emulated.log" >&2; exit 1; }

echo "# real: one userspace Open vSwitch NVE on 127.0.0.1:$PORT"
run_benchmark wait-real "$PORT" "$BATCHES" "$BATCH_SIZE" "$BARRIERS" 60 "$ROUNDS" >"$WORK/real.out" 2>"$WORK/real.log" &
BENCH_PID=$!
if ! bench_await_listening "$WORK/real.out" "$BENCH_PID"; then
  cat "$WORK/real.out" "$WORK/real.log" >&2
  echo "the benchmark did not start listening on port $PORT" >&2
  exit 1
fi
(cd "$ROOT/mininet-topos" && exec python3 -m nva_fabric.nves up 1 --controller "127.0.0.1:$PORT" \
  --base "$NVE_BASE" --prefix "$NVE_PREFIX") >"$WORK/nves.out" 2>&1 &
NVES_PID=$!
status=0
wait "$BENCH_PID" || status=$?
BENCH_PID=
cat "$WORK/real.out"
if [ "$status" != 0 ]; then
  cat "$WORK/real.log" "$WORK/nves.out" >&2
  exit "$status"
fi
