#!/usr/bin/env bash
# The punt meter benchmark (docs/benchmarks.md): one real userspace Open vSwitch NVE, an ARP flood into
# a VM port, packet-ins counted with and without the punt meter. Builds nothing: run
# `./mvnw -B -o verify -pl yang,api,impl` first (it compiles the test classes the benchmark lives in).
# Needs root (network namespaces), openvswitch-switch and socat.
#
#   mininet-topos/nva_fabric/bench_punt.sh [frames=20000] [paced-pps=5000] [rates="1000 0"]
#
# Environment: BENCH_PORT (16654; never 6653, where a controller may run), JAVA_HOME.
set -euo pipefail

FRAMES=${1:-20000}
PACED=${2:-5000}
RATES=${3:-"1000 0"}
PORT=${BENCH_PORT:-16654}
NVE_BASE=/tmp/nva-punt
NVE_PREFIX=nvp

if [ "$PORT" = 6653 ]; then
  echo "refusing port 6653: a controller may be listening there" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/nva-punt-run.XXXXXX)
BENCH_PID=
NVES_PID=

stop_nve() {
  if [ -n "$NVES_PID" ]; then
    (cd "$ROOT/mininet-topos" && python3 -m nva_fabric.nves down --base "$NVE_BASE" --prefix "$NVE_PREFIX")
    kill "$NVES_PID" 2>/dev/null || true
    wait "$NVES_PID" 2>/dev/null || true
    NVES_PID=
  fi
}

cleanup() {
  set +e
  stop_nve
  rm -f "$NVE_BASE/nves.pid"
  rmdir "$NVE_BASE" 2>/dev/null
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

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(ovs-vswitchd --version | head -1)"
for RATE in $RATES; do
  echo "# punt meter rate $RATE pps (0: no meter), $FRAMES ARP frames, unpaced then paced at $PACED pps"
  (cd "$ROOT" && exec "$JAVA" -cp "$CLASSPATH" org.nvo3.nva.impl.southbound.PuntFloodBenchmark "$PORT" "$RATE" \
    "$FRAMES" "$PACED" "$NVE_BASE" "$NVE_PREFIX") >"$WORK/bench.out" 2>"$WORK/bench.log" &
  BENCH_PID=$!
  if ! bench_await_listening "$WORK/bench.out" "$BENCH_PID"; then
    cat "$WORK/bench.out" "$WORK/bench.log" >&2
    echo "the benchmark did not start listening on port $PORT" >&2
    exit 1
  fi
  (cd "$ROOT/mininet-topos" && exec python3 -m nva_fabric.nves up 1 --controller "127.0.0.1:$PORT" \
    --base "$NVE_BASE" --prefix "$NVE_PREFIX") >"$WORK/nves.out" 2>&1 &
  NVES_PID=$!
  status=0
  wait "$BENCH_PID" || status=$?
  BENCH_PID=
  grep -v '^listening' "$WORK/bench.out" || true
  stop_nve
  if [ "$status" != 0 ]; then
    cat "$WORK/bench.log" "$WORK/nves.out" >&2
    exit "$status"
  fi
done
