"""The NVA demo topology for Mininet: `nva,<nves>,<vms-per-nve>[,<underlay family 4|6>][,restconf=<url>]`.

One underlay switch `ul`, NVEs nve1..nve<nves> (mn_nodes.NveSwitch, datapath ids first_dpid + i - 1), and on
each NVE <vms-per-nve> VMs alternating between two VNIs, blue 5001 (b1, b2, ...) and red 5002 (r1, r2, ...),
numbered per VNI in NVE order: with nva,3,2 NVE n hosts bn and rn.

Addresses: blue bn has 198.51.100.n, red rn 198.51.100.(50+n): unique, so Mininet's pingall (which pings each
host's first IPv4 address) shows every same-VNI pair reachable and no cross-VNI one. Both also have
198.51.100.(100+n) and 2001:db8:1::n: the same addresses in both VNIs, told apart only by the VNI.
MACs 02:00:00:00:0b:nn (blue) and 02:00:00:00:0c:nn (red); the NVE port of a VM is named as the VM.
"""
from mininet.topo import Topo

from nva_fabric.fabric import VmSpec
from nva_fabric.mn_nodes import BASE, PREFIX, NveSwitch, UnderlaySwitch, VmHost

NETWORKS = {5001: "blue", 5002: "red"}
FIRST_DPID = 0xC001
MAX_VMS_PER_VNI = 49


def vm_specs(nves, vms_per_nve):
    """The VMs of `nva,<nves>,<vms_per_nve>` (see the module's doc)."""
    colours = (("b", 5001, 0x0B, 0), ("r", 5002, 0x0C, 50))
    counts = {"b": 0, "r": 0}
    specs = []
    for nve in range(1, nves + 1):
        for slot in range(vms_per_nve):
            letter, vni, tag, offset = colours[slot % 2]
            counts[letter] += 1
            n = counts[letter]
            if n > MAX_VMS_PER_VNI:
                raise ValueError(f"at most {MAX_VMS_PER_VNI} VMs per VNI")
            ips = [f"198.51.100.{offset + n}", f"198.51.100.{100 + n}", f"2001:db8:1::{n:x}"]
            specs.append(VmSpec(f"{letter}{n}", vni, f"02:00:00:00:{tag:02x}:{n:02x}", ips, nve, f"{letter}{n}"))
    return specs


class NvaTopo(Topo):
    """nva,<nves>,<vms_per_nve>[,<family>]: see the module's doc. Keywords: restconf (NVA's RESTCONF URL: the
    NVEs write the fabric there once started), prefix (namespace names), base (NVE run directories),
    first_dpid, redirect_seconds; from Python also specs (a list of fabric.VmSpec instead of the layout)."""

    def build(self, nves=3, vms_per_nve=2, family=4, restconf=None, prefix=PREFIX, base=BASE,
              first_dpid=FIRST_DPID, redirect_seconds=30, specs=None):
        if int(family) not in (4, 6):
            raise ValueError(f"underlay family is 4 or 6, not {family!r}")
        if isinstance(restconf, int):
            restconf = f"http://127.0.0.1:{restconf}"
        ul = self.addSwitch("ul", cls=UnderlaySwitch, prefix=prefix)
        for i in range(1, nves + 1):
            nve = self.addSwitch(f"nve{i}", cls=NveSwitch, dpid=f"{int(first_dpid) + i - 1:016x}", family=int(family),
                                 prefix=prefix, base=base, restconf=restconf, redirect_seconds=redirect_seconds)
            self.addLink(nve, ul, intfName1="uplink", intfName2=f"nve{i}")
        for spec in specs or vm_specs(nves, vms_per_nve):
            ipv4 = [ip for ip in spec.ips if "." in ip]
            host = self.addHost(spec.id, cls=VmHost, vni=spec.vni, mac=spec.mac, ips=list(spec.ips), nve=spec.nve,
                                port=spec.port, prefix=prefix, ip=f"{ipv4[0]}/24" if ipv4 else None)
            self.addLink(host, f"nve{spec.nve}", intfName1="eth0", intfName2=spec.port,
                         params1={"up": False}, params2={"up": False})
