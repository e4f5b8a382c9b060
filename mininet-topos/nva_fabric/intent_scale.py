"""A large fabric intent for the intent-at-scale benchmark (bench_intent.py): <vm_count> VMs spread evenly over
the NVEs and a handful of VNIs, and the number of flows NVA's pipeline (docs/pipeline.md) gives each NVE for it.

VM n (0-based) is `vm<n>` on NVE `nve<n % nves + 1>`, port `tap<n>`, in VNI `first_vni + (n // nves) % vnis`
(so every NVE hosts every VNI), MAC 02:10:<n as 4 octets>, one address 2001:db8:<vni in hex>::<n + 1> (tenant
addresses: unique per VNI, never routed on this machine). The intent places every VM (nve and port), as an
orchestrator would; the benchmark's NVEs have none of those ports.

Flows of NVE i, destination-distribution push, with H the VNIs it hosts (has a placed VM of):
- table 0 (classify): one admission from the VXLAN port per hosted VNI, plus the miss flow; a VM's own
  admission (in_port + dl_src) exists only once its port is on the switch: none here;
- table 10 (ARP/ND responder): 4 punts per hosted VNI (ARP, RARP, NS, NA), plus the miss flow;
- table 20 (redirect): the miss flow (no moves);
- table 30 (L2 destination): one flow per VM of a hosted VNI placed on ANOTHER NVE (set tun_id, tun_dst,
  output to the VXLAN port); a local VM's flow (output to its port) only once its port exists: none here;
  plus the miss flow;
- table 40 (L3 host routes): the miss flow.
So 5 + 5 * |H| + (remote VMs of hosted VNIs).
"""
import ipaddress
import json
from dataclasses import dataclass

from nva_fabric.restconf import nve_id
from nva_fabric.underlay import underlay_ip

FIRST_VNI = 7001
MISS_FLOWS = 5          # one table-miss flow in each of the 5 tables
FLOWS_PER_VNI = 5       # tunnel admission (table 0) + ARP, RARP, NS, NA punts (table 10)


@dataclass(frozen=True)
class Placement:
    """Where the VMs of a benchmark intent are: <vm_count> VMs over <nve_count> NVEs and <vnis> VNIs."""
    vm_count: int
    nve_count: int
    vnis: int
    first_vni: int = FIRST_VNI

    def nve_of(self, n):
        return n % self.nve_count + 1

    def vni_of(self, n):
        return self.first_vni + (n // self.nve_count) % self.vnis

    def vm(self, n):
        vni = self.vni_of(n)
        mac = "02:10:" + ":".join(f"{(n >> shift) & 0xFF:02x}" for shift in (24, 16, 8, 0))
        address = ipaddress.IPv6Address(f"2001:db8:{vni:x}::") + n + 1
        return {"id": f"vm{n:06d}", "vni": vni, "mac": mac, "ip": [str(address)],
                "nve": nve_id(self.nve_of(n)), "port": f"tap{n:06d}"}

    def macs_remote_to(self, nve_index):
        """The MACs of the VMs whose destination flow NVE <nve_index> gets (remote VMs of VNIs it hosts)."""
        hosted = self.hosted_vnis(nve_index)
        return {self.vm(n)["mac"] for n in range(self.vm_count)
                if self.nve_of(n) != nve_index and self.vni_of(n) in hosted}

    def hosted_vnis(self, nve_index):
        return {self.vni_of(n) for n in range(nve_index - 1, self.vm_count, self.nve_count)}

    def expected_flows(self, nve_index):
        """The flows NVE <nve_index> holds once NVA has programmed it (see the module's docstring)."""
        hosted = self.hosted_vnis(nve_index)
        per_vni = {}
        for n in range(self.vm_count):
            if self.nve_of(n) != nve_index:
                per_vni[self.vni_of(n)] = per_vni.get(self.vni_of(n), 0) + 1
        remote = sum(count for vni, count in per_vni.items() if vni in hosted)
        return MISS_FLOWS + FLOWS_PER_VNI * len(hosted) + remote


def intent(placement, nves, family=4, redirect_seconds=30):
    """The nva:fabric document: settings (push, pull on a miss), the NVEs {index: OvsNve} with their datapath
    ids and underlay addresses, the VNIs and the placement's VMs."""
    vnis = range(placement.first_vni, placement.first_vni + placement.vnis)
    return {"nva:fabric": {
        "settings": {"redirect-seconds": redirect_seconds, "unknown-destination": "pull",
                     "destination-distribution": "push"},
        "nve": [{"id": nve_id(i), "datapath-id": str(nve.dpid), "underlay-ip": underlay_ip(i, family)}
                for i, nve in sorted(nves.items())],
        "virtual-network": [{"vni": vni, "name": f"bench-{vni}", "tenant": f"bench-{vni}"} for vni in vnis],
        "vm": [placement.vm(n) for n in range(placement.vm_count)],
    }}


def encoded(document):
    """The document as the PUT's body (bytes), compact: encoding 100 000 VMs takes Python ~0.3 s, which
    must not count as NVA's time."""
    return json.dumps(document, separators=(",", ":")).encode()
