"""Driving an NVA Mininet fabric (mn_topo.NvaTopo) from Python: start it, write it to NVA, move VMs, announce.

    with nva_network(3, 2, controller="127.0.0.1:6653", restconf="http://127.0.0.1:8181") as net:
        migrate(net, "b1", 2)                        # kernel GARP/NA on link-up at nve2
        migrate(net, "r1", 2, announce="rarp")       # a RARP only, as QEMU announces a migrated guest
        announce(net, "b1", "garp")                  # GARP / unsolicited NA / RARP on demand

nva_network tears down every namespace, daemon and link on any exit (also Ctrl-C, a failed start) and then
removes whatever of <prefix> is still there (netns_cleanup.cleanup). MininetFabric shows a started net the way
fabric.Fabric is seen (nves, vms, migrate, vm_run, ofctl), so mobility_demo and reachability run on either.
"""
import contextlib
import threading
import time
from types import SimpleNamespace

from mininet.net import Mininet
from mininet.node import RemoteController

from nva_fabric.announce import send_announcement
from nva_fabric.mn_nodes import BASE, PREFIX, VM_IFNAME, NveSwitch, VmHost
from nva_fabric.mn_topo import NETWORKS, NvaTopo
from nva_fabric.netns_cleanup import cleanup
from nva_fabric.ovs_daemons import run
from nva_fabric.restconf import Restconf, fabric_intent, nve_id
from nva_fabric.signals import shielded
from nva_fabric.vm_link import attach_vm_port, configure_vm_side, restore_ipv6

ANNOUNCEMENTS = ("kernel", "garp", "na", "rarp")


def nve_switches(net):
    return sorted((node for node in net.switches if isinstance(node, NveSwitch)), key=lambda s: s.index)


def vm_hosts(switches):
    """The VmHosts linked to the given NVE switches."""
    hosts = []
    for switch in switches:
        for intf in switch.intfList():
            link = intf.link
            if link:
                other = link.intf1 if link.intf2 is intf else link.intf2
                if isinstance(other.node, VmHost):
                    hosts.append(other.node)
    return hosts


def fabric_view(switches):
    """NVEs and VMs in the shape restconf.fabric_intent reads (that of a fabric.Fabric)."""
    return SimpleNamespace(family=switches[0].family, nves={s.index: s.nve for s in switches},
                           vms={h.name: h.vm for h in vm_hosts(switches)})


def register_fabric(net_or_switches, url, redirect_seconds=30, timeout=60.0, quiet=0.5):
    """PUTs nva:fabric (settings, the NVEs with datapath ids and underlay addresses, VNIs blue/red, every VM
    with its NVE and port) to NVA at <url> and waits until every NVE is connected and synced, and no NVE has
    been synced again for <quiet> seconds (NVA re-syncs an NVE when, e.g., the ports it learns change its
    flows)."""
    switches = nve_switches(net_or_switches) if isinstance(net_or_switches, Mininet) else list(net_or_switches)
    rc = Restconf(url)
    rc.put_fabric(fabric_intent(fabric_view(switches), NETWORKS, redirect_seconds=redirect_seconds))
    wanted = sorted(nve_id(s.index) for s in switches)
    deadline = time.monotonic() + timeout
    last, since = None, None
    while True:
        nves = {n["id"]: n for n in rc.state().get("nve", [])}
        syncs = [nves.get(i, {}).get("last-sync") if nves.get(i, {}).get("connected") else None for i in wanted]
        if all(syncs):
            if syncs != last:
                last, since = syncs, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return rc
        if time.monotonic() > deadline:
            raise TimeoutError(f"NVEs {wanted} not all connected and synced after {timeout} s: {nves}")
        time.sleep(0.1)


def link_of(net, host):
    links = [link for link in net.links if host in (link.intf1.node, link.intf2.node)]
    if len(links) != 1:
        raise RuntimeError(f"{host.name} has {len(links)} links, expected 1")
    return links[0]


def nve_switch(net, nve):
    return net[nve if isinstance(nve, str) else f"nve{nve}"]


def migrate(net, vm, target_nve, announce="kernel", port=None):
    """Moves VM <vm> (name) to NVE <target_nve> (index or name) the way a live migration looks to the network:
    its port leaves the old NVE's br-int and the link goes; the new link's VM side stays down until the port
    is on the target's br-int, then comes up. announce: "kernel" (the kernel's GARP and unsolicited NAs on
    link-up), "garp" / "na" (explicit frames, kernel quiet) or "rarp" (a RARP only; IPv6 stays off until
    restore_ipv6). Returns the seconds from deleting the old port to the announcement."""
    if announce not in ANNOUNCEMENTS:
        raise ValueError(f"announce is one of {ANNOUNCEMENTS}, not {announce!r}")
    host, target = net[vm], nve_switch(net, target_nve)
    state = host.vm
    port = port or state.port
    if target.index == state.nve and port == state.port:
        raise ValueError(f"{vm} is on {target.name} port {port} already")
    started = time.monotonic()
    old = nve_switch(net, state.nve)
    old.nve.vsctl("--if-exists", "del-port", "br-int", state.port)
    net.delLink(link_of(net, host))
    net.addLink(host, target, intfName1=VM_IFNAME, intfName2=port, params1={"up": False}, params2={"up": False})
    configure_vm_side(host.netns, VM_IFNAME, state.spec.mac, state.spec.ips, announce_on_up=announce == "kernel",
                      with_ipv6=announce not in ("rarp", "garp", "na"))
    attach_vm_port(target.nve, port)
    host.netns_run("ip", "link", "set", VM_IFNAME, "up")
    if announce != "kernel":
        send_announcement(host.netns, VM_IFNAME, state.spec.mac, state.spec.ips, announce)
    took = time.monotonic() - started
    state.nve, state.port = target.index, port
    state.history.append((target.index, announce, took))
    host.describe_intf(host.defaultIntf())
    return took


def send(net, vm, kind):
    """Makes VM <vm> send a GARP per IPv4 address ("garp"), an unsolicited NA per IPv6 address ("na") or a
    RARP ("rarp") now."""
    host = net[vm]
    send_announcement(host.netns, VM_IFNAME, host.vm.spec.mac, host.vm.spec.ips, kind)


class MininetFabric:
    """A started NVA Mininet net seen as a fabric.Fabric: nves {index: OvsNve}, vms {id: fabric.Vm}, family,
    migrate, restore_ipv6, announce, vm_run, ofctl."""

    def __init__(self, net):
        self.net = net

    @property
    def switches(self):
        return nve_switches(self.net)

    @property
    def family(self):
        return self.switches[0].family

    @property
    def nves(self):
        return {s.index: s.nve for s in self.switches}

    @property
    def vms(self):
        return {h.name: h.vm for h in sorted(vm_hosts(self.switches), key=lambda h: h.name)}

    def migrate(self, vm_id, target_nve, announce="kernel", port=None):
        return migrate(self.net, vm_id, target_nve, announce, port)

    def restore_ipv6(self, vm_id):
        vm = self.vms[vm_id]
        restore_ipv6(vm.netns, vm.ifname, vm.spec.ips)

    def announce(self, vm_id, kind):
        send(self.net, vm_id, kind)

    def vm_run(self, vm_id, *args, check=False):
        return run(*args, netns=self.vms[vm_id].netns, check=check)

    def ofctl(self, nve_index, *args):
        return self.nves[nve_index].ofctl(*args)


@contextlib.contextmanager
def nva_network(nves=3, vms_per_nve=2, controller="127.0.0.1:6653", restconf=None, family=4, prefix=PREFIX,
                base=BASE, redirect_seconds=30, specs=None):
    """A started Mininet net of NvaTopo for the controller at <controller> ("ip:port"), written to NVA at
    <restconf> (a URL; None: not written), torn down on any exit."""
    topo = NvaTopo(nves, vms_per_nve, family, restconf=restconf, prefix=prefix, base=base,
                   redirect_seconds=redirect_seconds, specs=specs)
    ip, port = controller.rsplit(":", 1)
    net = Mininet(topo=topo, build=False, controller=None, autoSetMacs=False, waitConnected=False)
    try:
        net.addController("c0", controller=RemoteController, ip=ip, port=int(port))
        net.build()
        net.start()
        yield net
    finally:
        # signal handlers can only be set from the main thread; elsewhere no signal reaches the teardown anyway
        main_thread = threading.current_thread() is threading.main_thread()
        with shielded() if main_thread else contextlib.nullcontext():
            try:
                net.stop()
            finally:
                cleanup(prefix, base)
