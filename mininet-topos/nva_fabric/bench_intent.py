"""Intent at scale: N VMs in ONE RESTCONF PUT of nva:fabric, on a real 3-NVE Open vSwitch fabric.

    cd mininet-topos && sudo /usr/bin/python3 -m nva_fabric.bench_intent --assembly ../karaf/target/assembly \
        --vms 10000,100000 [--vnis 4] [--json out.json]

A private NVA (scenarios/karaf.py: a copy of the distribution or tarball on free ports) and 3 userspace OVS NVEs
(fabric.Fabric: namespaces <prefix>nve1..3 and <prefix>ul, run directories under <base>, IPv4 underlay,
controller relays) are started; a first PUT declares settings, NVEs and VNIs without VMs and every NVE is
waited for (connected, synced, its table-miss flows only). Then per size, on the same NVA and NVEs:

- the intent with the N VMs (intent_scale.py: spread over the NVEs and VNIs, IPv6 tenant addresses in
  2001:db8::/32, placed with nve and port) is encoded before the clock starts and sent in one PUT;
- put_answer_s: from sending the PUT to its HTTP answer;
- every <poll> s each NVE's br-int is counted (`ovs-ofctl -O OpenFlow13 dump-aggregate` on the bridge's
  management socket in the NVE's run directory) until it holds the expected number of flows
  (intent_scale.Placement.expected_flows); programmed_s: from sending the PUT until the last NVE got there;
- NVA's own view: state/nve flow-count over RESTCONF (polled every 0.5 s; nva_s when it equals the
  expected number with a last-sync after the PUT) and karaf.log's `Synced nve<i>` lines since the PUT;
- afterwards (untimed) table 30 of every NVE is dumped and its dl_dst set compared with the MACs of the remote
  VMs it must forward to;
- Karaf's RSS (the JVM: bin/karaf execs java) before the PUT, its peak while polling, and after; the JVM's CPU
  seconds in the window; the load average before and at the end; the NVEs' ovs-vswitchd RSS;
- then the VMs are removed again (a PUT without VMs, waited for) so the next size starts from the same state.

Everything (NVEs, namespaces, relays, Karaf) is stopped on any exit, also on a failure, Ctrl-C or SIGTERM;
what a killed run left is removed at the next start (pid files, namespaces with the prefix).
Exit 0: every size programmed and verified; 1: a size failed (timeout, wrong flows, HTTP error); 2: this
machine cannot run it (not root, OVS or socat missing) or another run holds the lock.
"""
import argparse
import base64
import datetime
import fcntl
import http.client
import json
import os
import re
import signal
import sys
import threading
import time
import traceback

from nva_fabric.fabric import Fabric, down as fabric_down
from nva_fabric.intent_scale import Placement, encoded, intent
from nva_fabric.ovs_daemons import run
from nva_fabric.scenarios.karaf import Karaf, KarafPorts
from nva_fabric.scenarios.polling import wait_until
from nva_fabric.scenarios.registry import CheckFailed
from nva_fabric.scenarios.runner import preflight
from nva_fabric.signals import Stop, shielded, stop

FABRIC = "/rests/data/nva:fabric"
STATE = "/rests/data/nva:state?content=nonconfig"
PREFIX = "nvib-"
ROOT = "/tmp/nva-intent-bench"
FIRST_DPID = 0xD001
NVES = 3
FLOW_COUNT = re.compile(r"flow_count=(\d+)")
DL_DST = re.compile(r"dl_dst=([0-9a-f:]{17})")
SYNCED = re.compile(r"^(\S+) .*Synced (\S+) \(switch [0-9a-f]+\) (\S+) after '([^']*)': (\d+) flow-mods .*?, "
                    r"(\d+) flows, barrier after (\d+) us")
CANNOT_RUN = 2


# --- what is observed
def flow_count(nve):
    """Flows on the NVE's br-int, counted by the switch (dump-aggregate on its management socket)."""
    done = run("ovs-ofctl", "-O", "OpenFlow13", "dump-aggregate", nve.mgmt, check=False)
    match = FLOW_COUNT.search(done.stdout)
    return int(match.group(1)) if match else None


def destination_macs(nve):
    """dl_dst of every flow in table 30 (L2 destination) of the NVE's br-int."""
    out = run("ovs-ofctl", "-O", "OpenFlow13", "--no-stats", "dump-flows", nve.mgmt, "table=30").stdout
    return set(DL_DST.findall(out))


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, TypeError):
        pass
    return None


def cpu_seconds(pid):
    """User + system CPU seconds of process pid (all its threads)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


class Put:
    """One PUT of a pre-encoded body with its own HTTP connection: timed from the first byte sent to the answer
    (the body is not re-encoded as the scenarios' client would)."""

    def __init__(self, port, user="admin", password="admin"):
        self.port = port
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def __call__(self, path, body, timeout=600):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            started = time.monotonic()
            connection.request("PUT", path, body=body, headers={
                "Authorization": self.auth, "Content-Type": "application/json", "Accept": "application/json"})
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            return started, time.monotonic(), response.status, text
        finally:
            connection.close()


class Watch:
    """Polls every NVE's flow count (and Karaf's RSS) from t0 until each holds its expected flows, and, on a
    thread of its own, NVA's state/nve; records when each got there."""

    def __init__(self, fabric, expected, karaf, interval):
        self.fabric = fabric
        self.expected = expected            # {nve index: flows}
        self.karaf = karaf
        self.interval = interval
        self.t0 = None
        self.ovs_done = {}                  # nve index -> seconds after t0
        self.first_flow = {}                # nve index -> seconds after t0 until the count first changed
        self.last_count = {}
        self.nva_done = {}                  # nve id -> seconds after t0
        self.nva_last = {}
        self.rss_peak = 0.0
        self.samples = 0
        self.stopping = threading.Event()
        self.errors = []

    def start(self, t0, baseline):
        self.t0 = t0
        self.last_count = dict(baseline)
        self.threads = [threading.Thread(target=self._guard, args=(self._ovs,), daemon=True),
                        threading.Thread(target=self._guard, args=(self._nva,), daemon=True)]
        for thread in self.threads:
            thread.start()

    def _guard(self, loop):
        try:
            loop()
        except Exception as error:  # reported by the caller; the wait then times out
            self.errors.append(f"{type(error).__name__}: {error}")

    def _ovs(self):
        while not self.stopping.is_set() and len(self.ovs_done) < len(self.expected):
            for i, nve in self.fabric.nves.items():
                if i in self.ovs_done:
                    continue
                count = flow_count(nve)
                now = time.monotonic() - self.t0
                if count is not None and count != self.last_count.get(i) and i not in self.first_flow:
                    self.first_flow[i] = now
                self.last_count[i] = count
                if count == self.expected[i]:
                    self.ovs_done[i] = now
            rss = rss_mb(self.karaf.process.pid)
            self.rss_peak = max(self.rss_peak, rss or 0.0)
            self.samples += 1
            self.stopping.wait(self.interval)

    def _nva(self, interval=0.5):
        wanted = {f"nve{i}": flows for i, flows in self.expected.items()}
        started_at = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(
            seconds=time.monotonic() - self.t0)
        while not self.stopping.is_set() and len(self.nva_done) < len(wanted):
            status, body = self.karaf.restconf.get(STATE)
            now = time.monotonic() - self.t0
            if status == 200 and isinstance(body, dict):
                for entry in body.get("nva:state", {}).get("nve", []):
                    nve = entry.get("id")
                    self.nva_last[nve] = entry.get("flow-count")
                    sync = entry.get("last-sync")
                    fresh = sync and datetime.datetime.fromisoformat(sync.replace("Z", "+00:00")) >= started_at
                    if nve in wanted and nve not in self.nva_done and fresh \
                            and entry.get("flow-count") == wanted[nve]:
                        self.nva_done[nve] = now
            self.stopping.wait(interval)

    def all_done(self):
        return len(self.ovs_done) == len(self.expected) and len(self.nva_done) == len(self.expected)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(30)


# --- the benchmark
class IntentBench:
    def __init__(self, args):
        self.args = args
        self.root = args.root
        self.karaf = Karaf(args.assembly, os.path.join(self.root, "karaf"), KarafPorts.free())
        self.fabric = None
        self.put = Put(self.karaf.ports.restconf)
        self.results = []

    def setup(self):
        fabric_down(PREFIX, os.path.join(self.root, "nves"))  # what a killed run left
        print(f"NVA from {self.karaf.source} in {self.karaf.home}: RESTCONF on 127.0.0.1:{self.karaf.ports.restconf},"
              f" OpenFlow on 127.0.0.1:{self.karaf.ports.openflow}", flush=True)
        self.karaf.prepare()
        self.karaf.start()
        ready = self.karaf.wait_ready()
        print(f"NVA ready after {ready:.1f} s (Karaf RSS {rss_mb(self.karaf.process.pid):.0f} MB)", flush=True)
        started = time.monotonic()
        self.fabric = Fabric(NVES, f"127.0.0.1:{self.karaf.ports.openflow}", 4, PREFIX,
                             os.path.join(self.root, "nves"), FIRST_DPID)
        self.fabric.start()
        print(f"{NVES} OVS NVEs up in {time.monotonic() - started:.1f} s", flush=True)
        self.empty(what="the fabric without VMs")

    def empty(self, what):
        """PUTs the intent without VMs and waits until every NVE is connected, synced and holds the table-miss
        flows only (also what NVA reports)."""
        placement = Placement(0, NVES, self.args.vnis)
        expected = {i: placement.expected_flows(i) for i in self.fabric.nves}
        started, answered, status, text = self.put(FABRIC, encoded(intent(placement, self.fabric.nves)))
        if status not in (200, 201, 204):
            raise CheckFailed(f"PUT {what}: HTTP {status}: {text[:500]}")

        def settled():
            status, body = self.karaf.restconf.get(STATE)
            nva = {e["id"]: e for e in (body.get("nva:state", {}).get("nve", []) if status == 200 else [])}
            return {i: (flow_count(nve), nva.get(f"nve{i}", {}).get("connected"),
                        nva.get(f"nve{i}", {}).get("flow-count")) for i, nve in self.fabric.nves.items()}
        _, took = wait_until(f"every NVE connected with only its table-miss flows after the PUT of {what}", settled,
                             lambda s: all(v == (expected[i], True, expected[i]) for i, v in s.items()),
                             timeout=self.args.timeout, interval=0.2)
        print(f"{what}: PUT answered in {answered - started:.2f} s, every NVE at {expected[1]} flows "
              f"{took:.1f} s later", flush=True)

    def measure(self, vm_count):
        args = self.args
        placement = Placement(vm_count, NVES, args.vnis)
        prepared = time.monotonic()
        body = encoded(intent(placement, self.fabric.nves))
        expected = {i: placement.expected_flows(i) for i in self.fabric.nves}
        print(f"--- vms={vm_count} vnis={args.vnis} nves={NVES}: body {len(body) / 1e6:.1f} MB, expected flows "
              f"{' '.join(f'nve{i}={n}' for i, n in expected.items())} (prepared in "
              f"{time.monotonic() - prepared:.1f} s, untimed)", flush=True)
        pid = self.karaf.process.pid
        baseline = {i: flow_count(nve) for i, nve in self.fabric.nves.items()}
        rss_before, load_before, cpu_before = rss_mb(pid), load(), cpu_seconds(pid)
        mark = self.karaf.log.mark()
        watch = Watch(self.fabric, expected, self.karaf, args.poll)
        t0, wall0 = time.monotonic(), time.time()
        watch.start(t0, baseline)
        try:
            started, answered, status, text = self.put(FABRIC, body)
            put_s = answered - started
            print(f"vms={vm_count} put_answer_s={put_s:.2f} http={status}", flush=True)
            if status not in (200, 201, 204):
                raise CheckFailed(f"PUT of {vm_count} VMs: HTTP {status}: {text[:500]}")
            deadline = t0 + args.timeout
            while not watch.all_done() and time.monotonic() < deadline and not watch.errors:
                time.sleep(0.05)
        finally:
            watch.stop()
        window = time.monotonic() - t0
        cpu = cpu_seconds(pid) - cpu_before
        rss_after, load_after = rss_mb(pid), load()
        syncs = [m.groups() for m in map(SYNCED.search, self.karaf.log.lines_since(mark)) if m]
        for stamp, nve, how, why, flow_mods, flows, barrier_us in syncs:
            # karaf.log's time stamps are local time, to the millisecond
            at = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S,%f").timestamp() - wall0
            print(f"vms={vm_count} karaf.log at {at:+.2f} s: Synced {nve} {how} after '{why}': {flow_mods} flow-mods,"
                  f" {flows} flows, barrier after {int(barrier_us) / 1e6:.2f} s", flush=True)
        result = {"vms": vm_count, "vnis": args.vnis, "nves": NVES, "body_bytes": len(body), "http": status,
                  "put_answer_s": round(put_s, 3), "expected_flows": expected,
                  "ovs_flows": dict(watch.last_count), "ovs_first_change_s": _rounded(watch.first_flow),
                  "ovs_programmed_s": _rounded(watch.ovs_done), "nva_flow_count": dict(watch.nva_last),
                  "nva_reported_s": _rounded(watch.nva_done), "syncs": len(syncs),
                  "karaf_rss_mb": {"before": _mb(rss_before), "peak": _mb(max(watch.rss_peak, rss_after or 0)),
                                   "after": _mb(rss_after)},
                  "karaf_cpu_s": round(cpu, 1), "window_s": round(window, 2), "load_before": load_before,
                  "load_after": load_after, "cores": os.cpu_count(), "polls": watch.samples,
                  "vswitchd_rss_mb": {f"nve{i}": _mb(rss_mb(nve.pid("ovs-vswitchd")))
                                      for i, nve in self.fabric.nves.items()}}
        for i in self.fabric.nves:
            print(f"vms={vm_count} nve{i} expected={expected[i]} ovs={watch.last_count.get(i)} "
                  f"nva_flow_count={watch.nva_last.get(f'nve{i}')} first_change_s={_s(watch.first_flow.get(i))} "
                  f"programmed_s={_s(watch.ovs_done.get(i))} nva_reported_s={_s(watch.nva_done.get(f'nve{i}'))}",
                  flush=True)
        problems = list(watch.errors)
        if not watch.all_done():
            problems.append(f"not every NVE programmed within {args.timeout:g} s of the PUT")
        else:
            result["programmed_s"] = round(max(watch.ovs_done.values()), 2)
            problems += self.verify(placement)
        result["ok"] = not problems
        result["problems"] = problems
        print(f"vms={vm_count} put_answer_s={put_s:.2f} programmed_s={_s(result.get('programmed_s'))} "
              f"karaf_rss_mb before={_mb(rss_before)} peak={result['karaf_rss_mb']['peak']} after={_mb(rss_after)} "
              f"karaf_cpu_s={cpu:.1f} load before={load_before} after={load_after} cores={os.cpu_count()}"
              + ("" if not problems else " FAILED: " + "; ".join(problems)), flush=True)
        self.results.append(result)
        return result

    def verify(self, placement):
        """Untimed: table 30 of every NVE forwards to exactly the remote VMs of the VNIs it hosts."""
        problems = []
        started = time.monotonic()
        for i, nve in self.fabric.nves.items():
            have, want = destination_macs(nve), placement.macs_remote_to(i)
            if have != want:
                problems.append(f"nve{i} table 30: {len(want - have)} MACs missing, {len(have - want)} extra")
        print(f"vms={placement.vm_count} table 30 checked on every NVE in {time.monotonic() - started:.1f} s: "
              + ("every remote VM's MAC, nothing else" if not problems else "; ".join(problems)), flush=True)
        return problems

    def teardown(self):
        if self.fabric:
            self.fabric.stop()
        fabric_down(PREFIX, os.path.join(self.root, "nves"))
        stopped = self.karaf.stop()
        print(f"NVEs stopped; Karaf stopped in {stopped:.1f} s; its log: {self.karaf.log.path}", flush=True)


def _rounded(times):
    return {f"nve{i}" if isinstance(i, int) else i: round(t, 2) for i, t in sorted(times.items())}


def _s(value):
    return "-" if value is None else f"{value:.2f}"


def _mb(value):
    return None if value is None else round(value)


def header(args):
    version = run("ovs-vswitchd", "--version", check=False).stdout.splitlines()[:1]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    label = f", {args.label}" if args.label else ""
    return (f"# {now} {os.cpu_count()} cores, load {load()}, {' '.join(version)}, NVA {args.assembly}{label}; "
            f"{NVES} NVEs, {args.vnis} VNIs, poll {args.poll:g} s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assembly", required=True, help="the built Karaf assembly directory or its .tar.gz")
    parser.add_argument("--vms", default="10000,100000", help="comma-separated sizes, one PUT each (in order)")
    parser.add_argument("--vnis", type=int, default=4, help="VNIs the VMs are spread over")
    parser.add_argument("--poll", type=float, default=0.2, help="seconds between two counts of the NVEs' flows")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds a size may take to be programmed")
    parser.add_argument("--root", default=ROOT, help="where Karaf's copy and the NVEs' run directories go")
    parser.add_argument("--label", default="", help="free text for the header line (e.g. the build's commit)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.vms.split(",") if size.strip()]
    problem = preflight()
    if problem:
        print(f"Cannot run the intent benchmark on this machine: {problem}", flush=True)
        return CANNOT_RUN
    os.makedirs(args.root, exist_ok=True)
    lock = open(args.root + ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Another intent benchmark is running ({args.root}.lock)", flush=True)
        return CANNOT_RUN
    signal.signal(signal.SIGTERM, stop)
    # Ctrl-C even when started in the background (a non-interactive shell starts it with SIGINT ignored)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print(header(args), flush=True)
    bench = IntentBench(args)
    failed = None
    try:
        bench.setup()
        for number, size in enumerate(sizes):
            if number:
                bench.empty(what="the fabric without VMs again")
            if not bench.measure(size)["ok"]:
                failed = f"{size} VMs"
    except CheckFailed as error:
        failed = str(error)
    except (KeyboardInterrupt, Stop) as signal_received:
        failed = ("Ctrl-C" if isinstance(signal_received, KeyboardInterrupt) else "SIGTERM") + "; teardown ran"
    except Exception as error:  # noqa: BLE001 (a crash still tears down, then reports)
        traceback.print_exc()
        failed = f"{type(error).__name__}: {error}"
    finally:
        with shielded(reraise=False):
            bench.teardown()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"header": header(args), "results": bench.results, "failed": failed}, f, indent=1)
    for r in bench.results:
        print(f"RESULT vms={r['vms']} put_answer_s={r['put_answer_s']} programmed_s={r.get('programmed_s', '-')} "
              f"karaf_rss_peak_mb={r['karaf_rss_mb']['peak']} load_after={r['load_after']} "
              f"{'ok' if r['ok'] else 'FAILED'}", flush=True)
    if failed:
        print(f"FAILED: {failed}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
