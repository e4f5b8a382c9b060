"""The `mn --custom nva_topo.py` extras: tests (--test nvacheck, --test nvamove,<vm>,<nve>[,<announce>[,<port>]])
and the cleanup that replaces mn's own (which kills every ping, Mininet shell and OVS bridge on the machine)."""
import atexit
import os
import sys
import time

from nva_fabric import mn_nodes, reachability
from nva_fabric.mn_fabric import MininetFabric, migrate, nve_switches
from nva_fabric.netns_cleanup import cleanup
from nva_fabric.restconf import Restconf


def fail_exit_status():
    """mn exits 0 whatever its tests saw: once it has stopped the network and exits, exit 1 instead."""
    def exit_one():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)
    atexit.register(exit_one)


def nvacheck(net):
    """Same-VNI addresses answer (at the right MAC), other-VNI ones do not (reachability.py)."""
    result = reachability.check(MininetFabric(net))
    ok = reachability.report(result, lambda line: print(line, flush=True))
    print(f"nvacheck: {'PASS' if ok else 'FAIL'}", flush=True)
    if not ok:
        fail_exit_status()
    return ok


def nvamove(net, vm, nve, announce="kernel", port=None):
    """Moves <vm> to NVE <nve> (index) announcing with <announce>, onto br-int port <port> (default: the VM's
    current port name; a name no VM declares, e.g. tp1, makes NVA learn the move from the VM's frames); prints
    the link-move time and, when the NVEs know NVA's RESTCONF URL, waits for NVA's migration record to leave
    `converging` and prints it. After a RARP- or GARP-only move the VM's IPv6 is switched back on 0.5 s later
    (migrate keeps it off so that nothing else announces the VM first)."""
    urls = {switch.restconf for switch in nve_switches(net) if switch.restconf}
    rc = Restconf(urls.pop()) if urls else None
    known = len(rc.migrations(vm)) if rc else 0
    took = migrate(net, vm, int(nve), announce, port=port)
    on_port = f", port {port}" if port else ""
    print(f"nvamove: {vm} -> nve{nve} ({announce}{on_port}): link move {took * 1000:.1f} ms", flush=True)
    if rc:
        record = rc.await_migration(vm, known) or {}
        print(f"nvamove: NVA: trigger={record.get('trigger')} state={record.get('state')} "
              f"convergence-micros={record.get('convergence-micros')}", flush=True)
    if announce in ("rarp", "garp"):
        time.sleep(0.5)
        MininetFabric(net).restore_ipv6(vm)
    return took


def safe_cleanup(*_args):
    """Removes the namespaces, NVE daemons and relays of every prefix this process used (and the default
    one), nothing else. Called by mn while handling an exception or Ctrl-C, it also makes mn exit 1."""
    if sys.exc_info()[0] is not None:
        fail_exit_status()
    for prefix, base in sorted(mn_nodes.USED | {(mn_nodes.PREFIX, mn_nodes.BASE)}):
        removed = cleanup(prefix, base)
        print(f"*** NVA cleanup ({prefix}*): removed {' '.join(removed) if removed else 'nothing'}", flush=True)
