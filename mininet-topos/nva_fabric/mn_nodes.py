"""Mininet node classes for an NVA fabric on real Open vSwitch (userspace datapath), usable from `mn --custom`
(mininet-topos/nva_topo.py) and from Python (mn_fabric.py):

- NveSwitch: one NVE = one ovsdb-server + ovs-vswitchd in the node's own network namespace (ovs_nve.OvsNve):
  br-int (VM ports, vxlan0 with remote_ip=flow,key=flow, the controller set in the same transaction as the
  bridge, reached through a socat relay) and br-phy owning the uplink with the underlay address (IPv4 or
  IPv6, underlay.py); batchStartup pre-fills the tunnel neighbours of all NVEs and, given a RESTCONF URL,
  writes the fabric to NVA (mn_fabric.register_fabric).
- UnderlaySwitch: a Linux bridge (ul0) in its own namespace joining the NVEs' uplinks.
- VmHost: a VM: its own namespace, eth0 with the VM's MAC, IPv4/IPv6 addresses, MTU 1450, transmit checksum
  offload off, configured while the link is down (vm_link.py); the NVE side is a br-int port named after it.

Every node's namespace is Mininet's, given a name (`ip netns attach <prefix><node>`), so `ip netns exec`,
`ip -n` and netns.in_netns reach it; terminate() ends whatever still runs in it and removes the name.
Mininet's stock OVSSwitch refuses namespaces, and one vswitchd cannot host several VTEPs
(/work/shared/notes/ovs-fabric.md): hence these classes.
"""
import re

from mininet.log import info, warn
from mininet.node import Host, Switch

from nva_fabric.fabric import Vm, VmSpec
from nva_fabric.netns_cleanup import remove_netns
from nva_fabric.ovs_daemons import run
from nva_fabric.ovs_nve import OvsNve
from nva_fabric.underlay import attach_uplink, prefill_neighbours
from nva_fabric.vm_link import VM_MTU, attach_vm_port, configure_vm_side

PREFIX = "mnt-"
BASE = "/tmp/mnt-fabric"
UPLINK = "uplink"
USED = set()  # (prefix, base) of every node made in this process: what mn_checks.safe_cleanup removes
VM_IFNAME = "eth0"


class NamedNetns:
    """Mixin for a Mininet node: its namespace is named <prefix><node name> (the attribute `netns`, set before
    the node's shell starts)."""

    def startShell(self, mnopts=None):  # noqa: N802 (Mininet's name)
        remove_netns(self.netns)  # a crashed run's
        super().startShell(mnopts)
        run("ip", "netns", "attach", self.netns, str(self.pid))

    def terminate(self):
        super().terminate()
        remove_netns(self.netns)

    def netns_run(self, *args, check=True):
        return run(*args, netns=self.netns, check=check)


class NveSwitch(NamedNetns, Switch):
    """NVE <name> = nve<index>: datapath id <dpid> (16 hex digits), underlay <family> 4 or 6, run directory
    <base>/<prefix>nve<index>. <restconf> (a URL) makes batchStartup write the fabric to NVA."""

    def __init__(self, name, family=4, prefix=PREFIX, base=BASE, restconf=None, redirect_seconds=30, **params):
        match = re.fullmatch(r"nve(\d+)", name)
        if not match:
            raise ValueError(f"an NVE is named nve<index>, not {name!r}")
        self.index = int(match.group(1))
        self.family = int(family)
        self.restconf = restconf
        self.redirect_seconds = int(redirect_seconds)
        self.netns = prefix + name
        self.nve = OvsNve(self.index, 0, base=base, prefix=prefix + "nve", own_netns=False)
        USED.add((prefix, base))
        self.nve.stop()  # daemons and relay a crashed run left under this name (by their pid files)
        params["inNamespace"] = True  # Mininet's addSwitch passes the net-wide False
        params.pop("batch", None)
        super().__init__(name, **params)
        self.nve.dpid = int(self.dpid, 16)

    def start(self, controllers):
        if not controllers:
            raise ValueError(f"{self.name}: an NVE needs a controller (--controller remote,ip=...,port=...)")
        controller = controllers[0]
        self.nve.controller = f"{controller.IP()}:{controller.port}"
        self.nve.start()
        for intf in self.intfList():
            if intf.name == UPLINK:
                attach_uplink(self.nve, self.index, self.family, UPLINK)
            elif intf.name != "lo":
                attach_vm_port(self.nve, intf.name)

    @classmethod
    def batchStartup(cls, switches, **_kwargs):  # noqa: N802 (Mininet's name)
        """After all NVEs started: tunnel neighbours pre-filled; the fabric written to NVA if a URL was given."""
        from nva_fabric.mn_fabric import register_fabric  # mn_fabric imports this module
        families = {switch.family for switch in switches}
        if len(families) != 1:
            raise ValueError(f"NVEs with different underlay families {families}")
        prefill_neighbours({switch.index: switch.nve for switch in switches}, families.pop())
        urls = {switch.restconf for switch in switches if switch.restconf}
        if urls:
            url = urls.pop()
            info(f"\n*** Writing the fabric to NVA at {url} and waiting for the NVEs to be synced\n")
            register_fabric(switches, url, redirect_seconds=switches[0].redirect_seconds)
        else:
            warn("\n*** No restconf=<NVA's RESTCONF URL> in --topo: the fabric is not written to NVA, which "
                 "leaves NVEs it does not know unprogrammed\n")
        return switches

    def connected(self):
        """True while the relay to the controller has an open connection."""
        return bool(self.nve.relay_connections())

    def dpctl(self, *args):
        """ovs-ofctl -O OpenFlow13 <command> br-int <args> (the CLI's `dpctl`)."""
        return self.nve.ofctl(*args)

    def stop(self, deleteIntfs=True):  # noqa: N803 (Mininet's name)
        self.nve.stop()
        super().stop(deleteIntfs)


class UnderlaySwitch(NamedNetns, Switch):
    """The underlay: Linux bridge ul0 in namespace <prefix><name>, every interface of the node on it. L2 only
    (the NVEs' addresses decide IPv4 or IPv6)."""

    def __init__(self, name, prefix=PREFIX, **params):
        self.netns = prefix + name
        params["inNamespace"] = True
        params.setdefault("dpid", "1")  # not an OpenFlow switch; Mininet wants one
        params.pop("batch", None)
        super().__init__(name, **params)

    def start(self, _controllers):
        self.netns_run("ip", "link", "add", "ul0", "type", "bridge")
        self.netns_run("sysctl", "-qw", "net.ipv6.conf.ul0.disable_ipv6=1")
        self.netns_run("ip", "link", "set", "ul0", "up")
        for intf in self.intfList():
            if intf.name != "lo":
                self.netns_run("sysctl", "-qw", f"net.ipv6.conf.{intf.name}.disable_ipv6=1")
                self.netns_run("ip", "link", "set", intf.name, "master", "ul0", "up")

    def connected(self):
        return True

    def dpctl(self, *_args):
        return "(the underlay is a Linux bridge: no flow table)\n"

    def stop(self, deleteIntfs=True):  # noqa: N803 (Mininet's name)
        self.netns_run("ip", "link", "del", "ul0", check=False)
        super().stop(deleteIntfs)


class VmHost(NamedNetns, Host):
    """VM <name> in VNI <vni> with <mac> and addresses <ips> (IPv4 first: Mininet's IP()), attached to NVE
    <nve> (index) on br-int port <port>. `vm` is its fabric.Vm (where it is now)."""

    def __init__(self, name, vni, mac, ips, nve, port=None, prefix=PREFIX, **params):
        ips = list(ips.split("+") if isinstance(ips, str) else ips)
        self.netns = prefix + name
        self.vm = Vm(VmSpec(name, int(vni), mac, ips, int(nve), port or name), self.netns, int(nve), port or name,
                     VM_IFNAME)
        params["inNamespace"] = True
        super().__init__(name, **params)

    def config(self, **params):
        """Mininet's config would set MAC and IP with ifconfig, bringing the link up: here the VM side is
        configured while down (no announcement on this first link-up), then brought up."""
        params.pop("mac", None)
        params.pop("ip", None)
        result = super().config(**params)
        intf = self.defaultIntf()
        if intf:
            spec = self.vm.spec
            configure_vm_side(self.netns, intf.name, spec.mac, spec.ips, announce_on_up=False)
            self.netns_run("ip", "link", "set", intf.name, "up")
            self.describe_intf(intf)
        return result

    def describe_intf(self, intf):
        """Tells Mininet what the interface carries (for IP(), MAC(), `net`, `dump`, pingall)."""
        ipv4 = [ip for ip in self.vm.spec.ips if "." in ip]
        intf.mac = self.vm.spec.mac
        intf.ip, intf.prefixLen = (ipv4[0], 24) if ipv4 else (None, None)
        intf.params["mtu"] = VM_MTU
