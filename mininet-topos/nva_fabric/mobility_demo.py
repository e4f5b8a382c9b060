"""First VM mobility scenario on a real OVS fabric, against NVA.

  sudo /usr/bin/python3 -m nva_fabric.mobility_demo [--karaf <assembly dir>] [--restconf URL]
       [--controller 127.0.0.1:6653] [--underlay 4|6] [--keep-going]

With --karaf, starts `<assembly>/bin/karaf server` and stops it at the end; without, uses an NVA already
running. Builds 3 NVEs, 2 VNIs (blue 5001, red 5002) with the same IPv4/IPv6 addresses in both, 3 VMs per
VNI (one per NVE); checks that every VM reaches every VM of its VNI and nothing of the other; moves blue
b1 nve1->nve2 (kernel GARP/NA on link-up) while b3 on nve3 pings it every 10 ms; then moves red r1
nve1->nve2 announcing with a RARP only while r3 on nve3 pings it; prints NVA's migration state and a
summary. Everything is torn down at the end, also on failure or Ctrl-C.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

from nva_fabric.fabric import Fabric, VmSpec
from nva_fabric.ovs_daemons import terminate
from nva_fabric.restconf import Restconf, fabric_intent, nve_id

NETWORKS = {5001: "blue", 5002: "red"}


def vm_specs():
    """Blue and red use the same addresses; red's r3 also has 198.51.100.23, an address blue lacks."""
    specs = []
    for color, vni, tag in (("b", 5001, 0xb), ("r", 5002, 0xc)):
        for n in (1, 2, 3):
            ips = [f"198.51.100.{n}", f"2001:db8:1::{n}"]
            if color == "r" and n == 3:
                ips.insert(1, "198.51.100.23")
            specs.append(VmSpec(f"{color}{n}", vni, f"02:00:00:00:{tag:02x}:{n:02x}", ips, n, f"{color}{n}"))
    return specs


class Karaf:
    """The NVA distribution in <assembly>, started as `bin/karaf server`, stopped with bin/stop."""

    def __init__(self, assembly):
        self.assembly = os.path.abspath(assembly)
        self.proc = None

    def start(self):
        busy = subprocess.run(["ss", "-Hltn", "( sport = :6653 or sport = :8181 or sport = :2550 )"], capture_output=True,
                              text=True).stdout.strip()
        if busy:
            raise RuntimeError("ports 6653/8181/2550 are taken (another NVA runs?):\n" + busy)
        log = open(os.path.join(self.assembly, "karaf-console.out"), "w")
        env = dict(os.environ, JAVA_HOME=os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"))
        self.proc = subprocess.Popen([os.path.join(self.assembly, "bin", "karaf"), "server"], cwd=self.assembly,
                                     stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                     start_new_session=True)
        return self

    def stop(self):
        if not self.proc:
            return
        subprocess.run([os.path.join(self.assembly, "bin", "stop")], cwd=self.assembly, capture_output=True)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            terminate(self.proc.pid)
        # the java child of the karaf script
        for line in subprocess.run(["pgrep", "-s", str(self.proc.pid)], capture_output=True,
                                   text=True).stdout.split():
            terminate(int(line))
        self.proc = None

    def log_tail(self, pattern, lines=20):
        path = os.path.join(self.assembly, "data", "log", "karaf.log")
        try:
            with open(path) as f:
                hits = [line.rstrip() for line in f if re.search(pattern, line)]
        except FileNotFoundError:
            return []
        return hits[-lines:]


def ping(fabric, vm_id, target, count=2, timeout=1):
    flag = "-6" if ":" in target else "-4"
    done = fabric.vm_run(vm_id, "ping", flag, "-c", str(count), "-W", str(timeout), "-i", "0.2", target)
    return ping_counts(done.stdout)


def ping_counts(text):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def neighbour_mac(fabric, vm_id, ip):
    out = fabric.vm_run(vm_id, "ip", "neigh", "show", ip).stdout
    m = re.search(r"lladdr (\S+)", out)
    return m.group(1) if m else None


def check_isolation(fabric, report):
    """Every pair of a VNI reaches each other (IPv4 and IPv6) and learns the right MAC; nothing crosses."""
    failures = []
    pairs = 0
    for a in fabric.vms.values():
        for b in fabric.vms.values():
            if a is b or a.spec.vni != b.spec.vni:
                continue
            for ip in b.spec.ips:
                pairs += 1
                sent, got = ping(fabric, a.spec.id, ip)
                if got == 0:
                    failures.append(f"{a.spec.id} -> {b.spec.id} {ip}: {got}/{sent}")
                    continue
                mac = neighbour_mac(fabric, a.spec.id, ip)
                if mac != b.spec.mac:
                    failures.append(f"{a.spec.id} resolved {ip} to {mac}, expected {b.spec.mac} ({b.spec.id})")
    crossing = []
    for vm_id in ("b1", "b2"):
        sent, got = ping(fabric, vm_id, "198.51.100.23")
        if got:
            crossing.append(f"{vm_id} reached red's 198.51.100.23 ({got}/{sent})")
    report["reachability"] = {"pairs": pairs, "failures": failures, "crossing": crossing}
    print(f"reachability: {pairs - len(failures)}/{pairs} same-VNI address pairs OK; "
          f"cross-VNI leaks: {len(crossing)}", flush=True)
    for line in failures + crossing:
        print("  FAIL", line, flush=True)
    return not failures and not crossing


def migration_of(state, vm_id, after_count):
    moves = [m for m in state.get("migration", []) if m.get("vm") == vm_id]
    return moves[after_count:] if len(moves) > after_count else []


def moving_ping(fabric, rc, pinger, mover, target_ip, target_nve, announce, seconds=4.0):
    """Moves <mover> to <target_nve> while <pinger> pings <target_ip> every 10 ms; returns the result."""
    before = len([m for m in rc.state().get("migration", []) if m.get("vm") == mover])
    proc = subprocess.Popen(["ip", "netns", "exec", fabric.vms[pinger].netns, "ping", "-4", "-i", "0.01", "-W", "1",
                             "-w", str(int(seconds)), target_ip], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    time.sleep(1.0)
    old = fabric.vms[mover].nve
    link_move = fabric.migrate(mover, target_nve, announce=announce)
    time.sleep(0.3)
    redirect_flows = [line.strip() for line in fabric.ofctl(old, "dump-flows", "table=20").splitlines()
                      if "priority=100" in line]
    out, _ = proc.communicate(timeout=seconds + 10)
    sent, got = ping_counts(out)
    time.sleep(0.5)
    moves = migration_of(rc.state(), mover, before)
    result = {"vm": mover, "from": nve_id(old), "to": nve_id(target_nve), "announce": announce,
              "pinger": pinger, "link_move_ms": round(link_move * 1000, 1), "sent": sent, "received": got,
              "lost": sent - got, "migrations": moves, "redirect_flows_at_old_nve": redirect_flows}
    print(f"move {mover} {nve_id(old)}->{nve_id(target_nve)} ({announce}): link move "
          f"{result['link_move_ms']} ms; ping every 10 ms from {pinger}: sent {sent}, lost {sent - got}",
          flush=True)
    for m in moves:
        print("  NVA migration:", json.dumps(m), flush=True)
    for flow in redirect_flows:
        print(f"  {nve_id(old)} table 20 (0.3 s after the move):", flow, flush=True)
    if not moves:
        print("  NVA recorded no migration for", mover, flush=True)
    return result


def scenario(fabric, rc, report, keep_going, redirect_seconds):
    for spec in vm_specs():
        fabric.add_vm(spec)
    rc.put_fabric(fabric_intent(fabric, NETWORKS, redirect_seconds=redirect_seconds))
    rc.wait_connected([nve_id(i) for i in fabric.nves])
    time.sleep(1.0)  # first reconciliation
    report["flows_before"] = {nve_id(i): fabric.ofctl(i, "dump-flows").count("\n") for i in fabric.nves}
    ok = check_isolation(fabric, report)
    if not ok and not keep_going:
        return False
    report["moves"] = []
    report["moves"].append(moving_ping(fabric, rc, "b3", "b1", "198.51.100.1", 2, "kernel"))
    report["moves"].append(moving_ping(fabric, rc, "r3", "r1", "198.51.100.1", 2, "rarp"))
    fabric.restore_ipv6("r1")
    time.sleep(0.5)
    report["after_moves_ok"] = check_isolation(fabric, report.setdefault("after", {}))
    # redirected-packets is reported once the redirect flow expired (flow-removed with its packet count)
    deadline = time.monotonic() + redirect_seconds + 10
    while time.monotonic() < deadline:
        final = [m for m in rc.state().get("migration", []) if m.get("vm") in ("b1", "r1")]
        if final and all(m.get("state") == "redirect-expired" for m in final):
            break
        time.sleep(1)
    report["final_migrations"] = final
    for m in final:
        print("final NVA migration:", json.dumps(m), flush=True)
    return ok and report["after_moves_ok"]


def summary(report):
    print("\n=== summary ===")
    r = report.get("reachability", {})
    print(f"initial reachability: {r.get('pairs', 0) - len(r.get('failures', []))}/{r.get('pairs', 0)} pairs, "
          f"cross-VNI leaks {len(r.get('crossing', []))}")
    for m in report.get("moves", []):
        mig = m["migrations"][-1] if m["migrations"] else {}
        print(f"{m['vm']} {m['from']}->{m['to']} via {m['announce']}: sent {m['sent']} lost {m['lost']} "
              f"(link move {m['link_move_ms']} ms); NVA trigger={mig.get('trigger')} state={mig.get('state')} "
              f"convergence-micros={mig.get('convergence-micros')} redirected={mig.get('redirected-packets')}")
    for m in report.get("final_migrations", []):
        print(f"{m.get('vm')} final: state={m.get('state')} redirected-packets={m.get('redirected-packets')}")
    a = report.get("after", {}).get("reachability")
    if a:
        print(f"after moves: {a['pairs'] - len(a['failures'])}/{a['pairs']} pairs, leaks {len(a['crossing'])}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--karaf", help="assembly directory to start (else use a running NVA)")
    parser.add_argument("--restconf", default="http://127.0.0.1:8181")
    parser.add_argument("--controller", default="127.0.0.1:6653")
    parser.add_argument("--underlay", type=int, choices=(4, 6), default=4)
    parser.add_argument("--redirect-seconds", type=int, default=5,
                        help="fabric redirect-seconds (the demo waits for the redirects to expire)")
    parser.add_argument("--keep-going", action="store_true", help="move VMs even if reachability failed")
    parser.add_argument("--hold", action="store_true", help="keep everything up until Ctrl-C (to diagnose)")
    parser.add_argument("--json", help="write the report here")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    karaf = Karaf(args.karaf) if args.karaf else None
    rc = Restconf(args.restconf)
    report = {}
    ok = False
    try:
        if karaf:
            karaf.start()
        rc.wait_ready()
        with Fabric(3, args.controller, args.underlay) as fabric:
            try:
                ok = scenario(fabric, rc, report, args.keep_going, args.redirect_seconds)
            finally:
                summary(report)
                if args.hold:
                    print("holding; Ctrl-C to tear down", flush=True)
                    try:
                        signal.pause()
                    except KeyboardInterrupt:
                        pass
    finally:
        if karaf:
            for line in karaf.log_tail(r"ERROR|WARN", 15):
                print("karaf.log:", line)
            karaf.stop()
        if args.json:
            with open(args.json, "w") as f:
                json.dump(report, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
