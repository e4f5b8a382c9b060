"""VM mobility on a real Open vSwitch fabric, against NVA: what `mininet-topos/try-it` runs.

  sudo /usr/bin/python3 -m nva_fabric.mobility_demo --karaf <assembly dir or tarball> [--underlay 4|6]
  sudo /usr/bin/python3 -m nva_fabric.mobility_demo --restconf http://127.0.0.1:8181 --controller 127.0.0.1:6653

With --karaf, starts a private copy of the distribution (scenarios/karaf.py: its own free ports, a clean
datastore) and stops it at the end; without, uses an NVA already running. Builds the Mininet topology nva,3,2
(mn_topo.py: 3 NVEs, VNIs blue 5001 and red 5002, bn and rn on NVE n, 198.51.100.(100+n) and 2001:db8:1::n in
both VNIs) and writes it to NVA; checks that every VM reaches every address of its VNI at the right MAC and
nothing of the other VNI; moves blue b1 nve1->nve2 (the kernel's GARP/NA on link-up) while b3 pings
198.51.100.101 every 10 ms, then red r1 nve1->nve2 announcing with a RARP only while r3 pings the same address
in VNI red; prints the loss, NVA's migration record (trigger, convergence-micros) and every NVE's flows for the
moved VM; rechecks reachability; waits for the redirects to expire (redirected-packets). Everything is torn
down at the end, also on failure, Ctrl-C or SIGTERM, and the demo then checks that no namespace, OVS daemon,
relay or Karaf of it is left and says so.
"""
import argparse
import json
import signal
import subprocess
import sys
import time

from nva_fabric import reachability
from nva_fabric.mn_fabric import MininetFabric, nva_network
from nva_fabric.netns_cleanup import cleanup, netns_names, processes_under
from nva_fabric.required_tools import require
from nva_fabric.restconf import Restconf, nve_id
from nva_fabric.scenarios.karaf import Karaf, KarafPorts, group_members
from nva_fabric.signals import Stop, shielded, stop

PREFIX = "mnt-demo-"
BASE = "/tmp/mnt-demo/nves"
KARAF_HOME = "/tmp/mnt-demo/karaf"
MOVES = (("b1", "b3", "kernel"), ("r1", "r3", "rarp"))  # (mover, pinger, announcement); both to nve2
PING_TARGET = "198.51.100.101"  # b1's in VNI blue, r1's in VNI red


def say(*parts):
    print(*parts, flush=True)


def flows_for(fabric, vm):
    """{nve index: the flow lines of that NVE that name the VM's MAC}."""
    return {i: [line.strip() for line in fabric.ofctl(i, "dump-flows").splitlines() if vm.spec.mac in line]
            for i in fabric.nves}


def moving_ping(fabric, rc, mover, pinger, announce, target_nve=2, seconds=4):
    """Moves <mover> to <target_nve> while <pinger> pings PING_TARGET every 10 ms; prints and returns the result."""
    before = len(rc.migrations(mover))
    pinger_vm = fabric.vms[pinger]
    proc = subprocess.Popen(["ip", "netns", "exec", pinger_vm.netns, "ping", "-4", "-i", "0.01", "-W", "1",
                             "-w", str(seconds), PING_TARGET], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    time.sleep(1.0)
    old = fabric.vms[mover].nve
    link_move = fabric.migrate(mover, target_nve, announce=announce)
    time.sleep(0.3)
    flows = flows_for(fabric, fabric.vms[mover])
    sent, got = reachability.ping_counts(proc.communicate(timeout=seconds + 10)[0])
    time.sleep(0.5)
    moves = rc.migrations(mover)[before:]
    result = {"vm": mover, "from": nve_id(old), "to": nve_id(target_nve), "announce": announce, "pinger": pinger,
              "link_move_ms": round(link_move * 1000, 1), "sent": sent, "received": got, "lost": sent - got,
              "migrations": moves, "flows": {nve_id(i): lines for i, lines in flows.items()}}
    say(f"\nmove {mover} {nve_id(old)}->{nve_id(target_nve)} announced by "
        f"{'the kernel (GARP + unsolicited NA on link-up)' if announce == 'kernel' else 'a RARP only'}, "
        f"while {pinger} pings {PING_TARGET} every 10 ms:")
    say(f"  link move {result['link_move_ms']} ms; pings sent {sent}, lost {sent - got} "
        f"(~{(sent - got) * 10} ms without answers)")
    for m in moves:
        say(f"  NVA migration: trigger={m.get('trigger')} state={m.get('state')} "
            f"convergence-micros={m.get('convergence-micros')} (record {m.get('id')})")
    if not moves:
        say(f"  NVA recorded no migration for {mover}")
    say(f"  flows naming {mover}'s MAC {fabric.vms[mover].spec.mac}, 0.3 s after the move:")
    for i, lines in flows.items():
        say(f"    {nve_id(i)}{' (old)' if i == old else ' (new)' if i == target_nve else ''}: {len(lines)} flows")
        for line in lines:
            say("      " + line)
    return result


def check_reachability(fabric, label):
    result = reachability.check(fabric)
    reachability.report(result, lambda line: say(f"{label} {line}"))
    return result


def wait_redirects_expired(rc, record_ids, seconds):
    """Waits until the migrations <record_ids> are redirect-expired (the old NVE's redirect flow is gone and
    NVA knows how many packets it redirected); returns their last records."""
    deadline = time.monotonic() + seconds + 10
    final = []
    while time.monotonic() < deadline:
        final = [m for m in rc.state().get("migration", []) if m.get("id") in record_ids]
        if len(final) == len(record_ids) and all(m.get("state") == "redirect-expired" for m in final):
            break
        time.sleep(1)
    for m in sorted(final, key=lambda m: m["id"]):
        say(f"{m['id']}: {m.get('state')}, redirected-packets {m.get('redirected-packets')}")
    return final


def scenario(fabric, rc, report, redirect_seconds):
    say(f"fabric: {len(fabric.nves)} NVEs ({'IPv4' if fabric.family == 4 else 'IPv6'} underlay), "
        f"VMs {' '.join(f'{vm.spec.id}@nve{vm.nve}' for vm in fabric.vms.values())}, written to NVA")
    before = check_reachability(fabric, "before the moves:")
    report["reachability_before"] = vars(before)
    report["moves"] = [moving_ping(fabric, rc, mover, pinger, announce) for mover, pinger, announce in MOVES]
    fabric.restore_ipv6("r1")
    time.sleep(0.5)
    after = check_reachability(fabric, "\nafter the moves:")
    report["reachability_after"] = vars(after)
    say(f"\nwaiting up to {redirect_seconds + 10} s for the old NVE's redirects to expire...")
    ids = {m["migrations"][-1]["id"] for m in report["moves"] if m["migrations"]}
    report["final_migrations"] = wait_redirects_expired(rc, ids, redirect_seconds)
    return before.ok and after.ok and all(m["migrations"] for m in report["moves"])


def summary(report):
    say("\n=== summary ===")
    for key in ("reachability_before", "reachability_after"):
        r = report.get(key)
        if r:
            say(f"{key.replace('_', ' ')}: {r['same_vni'] - len(r['failures'])}/{r['same_vni']} same-VNI address "
                f"pairs, {len(r['leaks'])}/{r['cross_vni']} cross-VNI answered")
    for m in report.get("moves", []):
        mig = m["migrations"][-1] if m["migrations"] else {}
        say(f"{m['vm']} {m['from']}->{m['to']} ({m['announce']}): pings sent {m['sent']} lost {m['lost']}, link move "
            f"{m['link_move_ms']} ms; NVA trigger={mig.get('trigger')} state={mig.get('state')} "
            f"convergence-micros={mig.get('convergence-micros')}")
    for m in sorted(report.get("final_migrations", []), key=lambda m: m["id"]):
        say(f"{m['id']}: {m.get('state')}, redirected-packets={m.get('redirected-packets')}")


def leftovers(karaf_group):
    """What of the demo still exists after its teardown (empty: nothing)."""
    left = [f"namespace {name}" for name in netns_names(PREFIX)]
    left += [f"process {pid} (under {BASE})" for pid in processes_under(BASE)]
    if karaf_group:
        left += [f"Karaf process {pid}" for pid in group_members(karaf_group)]
    return left


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--karaf", help="the built distribution (assembly directory or tarball) to start privately")
    parser.add_argument("--restconf", default="http://127.0.0.1:8181", help="a running NVA (without --karaf)")
    parser.add_argument("--controller", default="127.0.0.1:6653", help="a running NVA (without --karaf)")
    parser.add_argument("--underlay", type=int, choices=(4, 6), default=4)
    parser.add_argument("--redirect-seconds", type=int, default=5,
                        help="fabric redirect-seconds (the demo waits for the redirects to expire)")
    parser.add_argument("--hold", action="store_true", help="keep everything up until Ctrl-C (to look around)")
    parser.add_argument("--json", help="write the report here")
    parser.add_argument("--cleanup", action="store_true",
                        help="only remove what a killed run left (namespaces, OVS daemons, relays, Karaf)")
    return parser.parse_args(argv)


def cleanup_leftovers():
    """What a killed run (kill -9) left: its NVEs and namespaces, and its Karaf (by the copy's pid file)."""
    removed = cleanup(PREFIX, BASE)
    say(f"removed: {' '.join(removed) if removed else 'no namespace or NVE'}")
    Karaf(KARAF_HOME, KARAF_HOME, KarafPorts.free()).stop_leftover()
    left = leftovers(None)
    say(f"left behind: {', '.join(left) if left else 'nothing'}")
    return 0 if not left else 1


def main(argv):
    args = parse(argv)
    if args.cleanup:
        return cleanup_leftovers()
    require(["demo"], "The mobility demo")  # e.g. without ping every reachability check would read 0/0
    signal.signal(signal.SIGTERM, stop)
    karaf = Karaf(args.karaf, KARAF_HOME, KarafPorts.free()) if args.karaf else None
    karaf_group = None
    report = {}
    ok = False
    try:
        if karaf:
            say(f"starting NVA: a private copy of {karaf.source} in {karaf.home}, RESTCONF on 127.0.0.1:"
                f"{karaf.ports.restconf}, OpenFlow on 127.0.0.1:{karaf.ports.openflow}")
            karaf.prepare()
            karaf.start()
            karaf_group = karaf.process.pid
            say(f"NVA ready after {karaf.wait_ready():.1f} s (log: {karaf.log.path})")
            restconf, controller = karaf.restconf.base, f"127.0.0.1:{karaf.ports.openflow}"
        else:
            restconf, controller = args.restconf, args.controller
        rc = Restconf(restconf)
        rc.wait_ready()
        with nva_network(3, 2, controller, restconf, args.underlay, PREFIX, BASE,
                         redirect_seconds=args.redirect_seconds) as net:
            try:
                ok = scenario(MininetFabric(net), rc, report, args.redirect_seconds)
            finally:
                summary(report)
                if args.hold:
                    say("holding; Ctrl-C tears everything down")
                    try:
                        signal.pause()
                    except KeyboardInterrupt:
                        pass
    except (KeyboardInterrupt, Stop) as interrupted:
        say(f"\n{'Ctrl-C' if isinstance(interrupted, KeyboardInterrupt) else 'SIGTERM'}: tearing down")
    finally:
        with shielded(reraise=False):
            ok = teardown(karaf, karaf_group, args, report) and ok
    return 0 if ok else 1


def teardown(karaf, karaf_group, args, report):
    """Stops Karaf, writes the report, and checks that nothing of the demo is left; True when nothing is."""
    if karaf:
        problems = [m.string.rstrip() for m in karaf.log.find(r"\| (ERROR|WARN) +\|.*org\.nvo3\.nva")]
        for line in problems[-10:]:
            say("karaf.log:", line)
        say(f"stopping NVA: {karaf.stop():.1f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    left = leftovers(karaf_group)
    checked = f"namespaces {PREFIX}*, processes under {BASE}" + (", Karaf's process group" if karaf else "")
    say(f"left behind ({checked}): {', '.join(left) if left else 'nothing'}")
    return not left


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
