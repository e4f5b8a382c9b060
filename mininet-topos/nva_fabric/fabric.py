"""A real Open vSwitch VXLAN fabric with VMs, for NVA: underlay, NVEs, VMs, and VM moves.

- Underlay: a Linux bridge `ul0` in its own namespace <prefix>ul; every NVE joins it by a veth.
- NVE i (ovs_nve.OvsNve, namespace <prefix>nve<i>): br-int (VM ports, vxlan0 on ofport 100, controller)
  and br-phy (netdev, fail_mode=standalone, fixed hwaddr) owning the uplink veth and the underlay
  address, 192.0.2.<i>/24 or 2001:db8:ff::<i>/64; the tunnel neighbours of every peer are pre-filled,
  or the first packet to a new peer is dropped while OVS resolves its MAC.
- VM (namespace <prefix><vm id>): eth0 with the VM's MAC, IPv4 /24 and IPv6 /64 addresses, MTU 1450
  (VXLAN adds 50 bytes), transmit checksum offload off; the NVE side is a br-int port named as the VM
  says (<= 15 characters).
- migrate(): moves a VM's link the way a live migration looks to the network (see
  /work/shared/notes/ovs-fabric.md): delete the old port, create the new veth with the VM side down,
  add the port to the target br-int, bring the VM side up; the kernel announces (arp_notify,
  ndisc_notify) or the VM sends an explicit GARP, unsolicited NA or RARP (announce.py).

Everything started is stopped by stop() (by pid and by name), also after a failure: use the Fabric as a
context manager. `python3 -m nva_fabric.fabric down` removes what a crashed run left behind.
"""
import glob
import os
import sys
import time
from dataclasses import dataclass, field

from nva_fabric.announce import send_announcement
from nva_fabric.ovs_daemons import run
from nva_fabric.ovs_nve import OvsNve
from nva_fabric.underlay import attach_uplink, prefill_neighbours, underlay_ip  # noqa: F401 (underlay_ip: API)
from nva_fabric.vm_link import VM_MTU, add_default_routes, attach_vm_port, configure_vm_side, link_up, restore_ipv6

PREFIX = "wtmob-"
BASE = "/tmp/wtmob-fabric"
FIRST_DPID = 0xB001


@dataclass
class VmSpec:
    """A VM: id, VNI, MAC, addresses (IPv4 and/or IPv6, without prefix length), its NVE (index) and port;
    <prefixes> the prefix length of an address where it is not /24 (IPv4) or /64 (IPv6), <gateways> the
    default routers (a VM of a routed network: its subnets' gateway addresses)."""
    id: str
    vni: int
    mac: str
    ips: list
    nve: int
    port: str
    prefixes: dict = field(default_factory=dict)
    gateways: tuple = ()

    def __post_init__(self):
        if len(self.port) > 15:
            raise ValueError(f"port name {self.port!r} is longer than 15 characters")


@dataclass
class Vm:
    spec: VmSpec
    netns: str
    nve: int
    port: str
    ifname: str = "eth0"
    history: list = field(default_factory=list)


class Fabric:
    """<nve_count> NVEs on one underlay (IPv4 or IPv6, family 4 or 6) for the controller at <controller>."""

    def __init__(self, nve_count, controller="127.0.0.1:6653", family=4, prefix=PREFIX, base=BASE,
                 first_dpid=FIRST_DPID):
        self.family = family
        self.prefix = prefix
        self.base = base
        self.underlay = prefix + "ul"
        self.nves = {i: OvsNve(i, first_dpid + i - 1, controller, base, prefix + "nve")
                     for i in range(1, nve_count + 1)}
        self.vms = {}
        self.started = False

    # --- context manager: stop on every exit, also Ctrl-C
    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
        return False

    # --- fabric
    def start(self):
        self.started = True
        os.makedirs(self.base, exist_ok=True)
        run("ip", "netns", "add", self.underlay)
        ns = self.underlay
        run("ip", "link", "set", "lo", "up", netns=ns)
        run("ip", "link", "add", "ul0", "type", "bridge", netns=ns)
        run("sysctl", "-qw", "net.ipv6.conf.ul0.disable_ipv6=1", netns=ns)
        run("ip", "link", "set", "ul0", "up", netns=ns)
        for i, nve in self.nves.items():
            nve.start()
            self._uplink(i, nve)
        self._prefill_neighbours()
        return self

    def _uplink(self, i, nve):
        ul_side = f"nve{i}"
        run("ip", "link", "add", "uplink", "type", "veth", "peer", "name", ul_side, "netns", self.underlay,
            netns=nve.name)
        run("sysctl", "-qw", f"net.ipv6.conf.{ul_side}.disable_ipv6=1", netns=self.underlay)
        run("ip", "link", "set", ul_side, "master", "ul0", "up", netns=self.underlay)
        attach_uplink(nve, i, self.family)

    def _prefill_neighbours(self):
        prefill_neighbours(self.nves, self.family)

    def stop(self):
        """Stops every VM, NVE and the underlay (tolerates parts never started)."""
        for vm in list(self.vms.values()):
            run("ip", "netns", "del", vm.netns, check=False)
        self.vms.clear()
        for nve in self.nves.values():
            nve.stop()
        run("ip", "netns", "del", self.underlay, check=False)
        self.started = False

    # --- VMs
    def add_vm(self, spec):
        """Creates the VM's namespace and link on NVE <spec.nve>, port <spec.port>, announcing nothing
        (arp_notify and ndisc_notify are set only for moves)."""
        netns = self.prefix + spec.id
        vm = Vm(spec, netns, spec.nve, spec.port)
        self.vms[spec.id] = vm
        run("ip", "netns", "add", netns)
        run("ip", "link", "set", "lo", "up", netns=netns)
        self._link(vm, spec.nve, spec.port, announce_on_up=False)
        run("ip", "link", "set", vm.ifname, "up", netns=netns)
        add_default_routes(netns, vm.ifname, spec.gateways)
        return vm

    def _link(self, vm, nve_index, port, announce_on_up, with_ipv6=True, neighbours=(), ofport=None):
        """The veth between VM and NVE, VM side configured but down; the NVE side is on br-int. Forks
        only ip (twice) and ovs-vsctl: sysctls and the offload ioctl run in-process (netns.py)."""
        nve = self.nves[nve_index]
        ns, ifname = vm.netns, vm.ifname
        run("ip", "-n", nve.name, "link", "add", port, "mtu", str(VM_MTU), "type", "veth", "peer", "name", ifname,
            "mtu", str(VM_MTU), "netns", ns)
        configure_vm_side(ns, ifname, vm.spec.mac, vm.spec.ips, announce_on_up, with_ipv6, neighbours,
                          vm.spec.prefixes)
        attach_vm_port(nve, port, ofport)
        vm.nve, vm.port = nve_index, port

    def migrate(self, vm_id, target_nve, announce="kernel", port=None, neighbours=(), stamps=None, ofport=None,
                away_s=0.0):
        """Moves VM <vm_id> to NVE <target_nve> (on port <port>, default its current name) and returns the
        seconds from deleting the old port to the announcement. announce: "kernel" (link-up GARP and
        unsolicited NAs), "garp", "na" (explicit frames for every address of that family) or "rarp"
        (RARP only). With "garp", "na" and "rarp" IPv6 stays off (restore_ipv6 turns it on again), so
        no MLD report, DAD probe or kernel NA announces the VM before the chosen frames do.
        <neighbours>: (ip, mac) entries the VM keeps (configure_vm_side). <stamps>, a dict, gets
        time.monotonic_ns() (CLOCK_MONOTONIC) moments: "delete" (before the old port's del-port), "gone"
        (del-port returned: the old NVE's datapath no longer has the port), "link_up" (the VM side is up),
        "announced" (explicit frames sent, or the same as link_up for "kernel"). <ofport>: the OpenFlow port
        number requested for the new port (ofport_request). <away_s>: seconds the VM is gone before it starts at the
        target (a cold migration: stopped at one NVE, started at another)."""
        vm = self.vms[vm_id]
        port = port or vm.port
        stamps = {} if stamps is None else stamps
        started = time.monotonic()
        old = self.nves[vm.nve]
        stamps["delete"] = time.monotonic_ns()
        old.vsctl("--if-exists", "del-port", "br-int", vm.port)
        stamps["gone"] = time.monotonic_ns()
        run("ip", "link", "del", vm.port, netns=old.name, check=False)
        if away_s:
            time.sleep(away_s)
        quiet_v6 = announce in ("rarp", "garp", "na")
        self._link(vm, target_nve, port, announce_on_up=(announce == "kernel"), with_ipv6=not quiet_v6,
                   neighbours=neighbours, ofport=ofport)
        stamps["link_up"] = link_up(vm.netns, vm.ifname, [gateway for gateway in vm.spec.gateways
                                                           if not quiet_v6 or ":" not in gateway])
        if announce in ("garp", "rarp", "na"):
            self.announce(vm_id, announce)
        stamps["announced"] = time.monotonic_ns()
        took = time.monotonic() - started
        vm.history.append((target_nve, announce, took))
        return took

    def restore_ipv6(self, vm_id):
        """Re-enables IPv6 on a VM moved with a RARP or GARP only (and re-adds its IPv6 addresses)."""
        vm = self.vms[vm_id]
        restore_ipv6(vm.netns, vm.ifname, vm.spec.ips, vm.spec.prefixes, vm.spec.gateways)

    def announce(self, vm_id, kind):
        vm = self.vms[vm_id]
        send_announcement(vm.netns, vm.ifname, vm.spec.mac, vm.spec.ips, kind)

    def vm_run(self, vm_id, *args, check=False):
        return run(*args, netns=self.vms[vm_id].netns, check=check)

    def ofctl(self, nve_index, *args):
        return self.nves[nve_index].ofctl(*args)


def down(prefix=PREFIX, base=BASE):
    """Removes what a crashed run left behind: NVE daemons (pid files), namespaces with the prefix."""
    for d in sorted(glob.glob(os.path.join(base, prefix + "nve*"))):
        name = os.path.basename(d)
        index = name[len(prefix + "nve"):]
        if index.isdigit():
            OvsNve(int(index), 0, base=base, prefix=prefix + "nve").stop()
    for netns in run("ip", "netns", "list").stdout.split("\n"):
        netns = netns.split(" ")[0]
        if netns.startswith(prefix):
            run("ip", "netns", "del", netns, check=False)


if __name__ == "__main__":
    if sys.argv[1:] == ["down"]:
        down()
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
