"""Two tenants of routed (L3) virtual networks with the same subnets, for the l3-* scenarios: tenant a has
a-front (VNI 6001: 198.51.100.0/25, 2001:db8:61::/64) and a-back (6002: 198.51.100.128/25, 2001:db8:62::/64) in
routing domain tenant-a (VNI 9001); tenant b has the same two subnets in b-front (6101) and b-back (6102),
routing domain tenant-b (9002). Gateway addresses: .1 and .129, 2001:db8:6x::1. VMs: a1 (a-front, nve1),
a2 (a-back, nve2), a3 (a-front, nve3), a4 (a-front, nve2), b1 (b-front, nve1), b2 (b-back, nve3); b2 also has 198.51.100.141 and
b1 has none of a3's addresses, so a tenant-a VM reaching them would be a leak between routing domains.
"""
from nva_fabric.fabric import VmSpec
from nva_fabric.restconf import nve_id
from nva_fabric.underlay import underlay_ip

DOMAINS = {"tenant-a": 9001, "tenant-b": 9002}
# vni: (name, routing domain, [(prefix, gateway), ...])
NETWORKS = {
    6001: ("a-front", "tenant-a", [("198.51.100.0/25", "198.51.100.1"), ("2001:db8:61::/64", "2001:db8:61::1")]),
    6002: ("a-back", "tenant-a", [("198.51.100.128/25", "198.51.100.129"), ("2001:db8:62::/64", "2001:db8:62::1")]),
    6101: ("b-front", "tenant-b", [("198.51.100.0/25", "198.51.100.1"), ("2001:db8:61::/64", "2001:db8:61::1")]),
    6102: ("b-back", "tenant-b", [("198.51.100.128/25", "198.51.100.129"), ("2001:db8:62::/64", "2001:db8:62::1")]),
}
GATEWAY_MAC = "02:4e:56:47:57:01"   # the routing domains' default anycast gateway MAC
# the outside, behind tenant a's gateway NVE (nve3): an external host on the gateway's external port
EXTERNAL_PORT = "ext0"
EXTERNAL_MAC = "02:00:00:00:ee:01"
EXTERNAL_IPS = {"203.0.113.9": "203.0.113.0/24", "2001:db8:ffff::9": "2001:db8:ffff::/48"}
EXTERNAL_GATEWAY_NVE = 3
# what the external host routes on its link (NVA answers its ARP/ND for the VMs with the gateway MAC)
INSIDE_PREFIXES = ("198.51.100.0/24", "2001:db8:60::/44")
ONLY_B_IP = "198.51.100.141"        # b2's; no tenant-a VM has it


def _spec(vm_id, vni, n, ips, nve):
    prefixes = {ip: (25 if ":" not in ip else 64) for ip in ips}
    gateways = tuple(gateway for _, gateway in NETWORKS[vni][2])
    return VmSpec(vm_id, vni, f"02:00:00:00:{vni % 256:02x}:{n:02x}", ips, nve, vm_id, prefixes, gateways)


def routed_vm_specs():
    return [
        _spec("a1", 6001, 1, ["198.51.100.10", "2001:db8:61::10"], 1),
        _spec("a2", 6002, 2, ["198.51.100.140", "2001:db8:62::140"], 2),
        _spec("a3", 6001, 3, ["198.51.100.11", "2001:db8:61::11"], 3),
        _spec("a4", 6001, 4, ["198.51.100.12", "2001:db8:61::12"], 2),
        _spec("b1", 6101, 1, ["198.51.100.10", "2001:db8:61::10"], 1),
        _spec("b2", 6102, 2, ["198.51.100.140", ONLY_B_IP, "2001:db8:62::140"], 3),
    ]


def gateway_of(vm_spec, family):
    """The VM's gateway address of a family (4 or 6)."""
    return next(gateway for gateway in vm_spec.gateways if (":" in gateway) == (family == 6))


def routed_intent(fabric, redirect_seconds, policies=None, external=False):
    """The nva:fabric document of a Fabric holding routed_vm_specs(): routing domains, l3 networks with
    subnets (old-location-policy per VNI from <policies>, default redirect), NVEs and placed VMs; with
    <external>, nve3 is tenant a's gateway NVE towards the external host."""
    policies = policies or {}
    nves = [{"id": nve_id(i), "datapath-id": str(nve.dpid), "underlay-ip": underlay_ip(i, fabric.family)}
            for i, nve in fabric.nves.items()]
    if external:
        nves[EXTERNAL_GATEWAY_NVE - 1]["gateway"] = [{
            "routing-domain": "tenant-a", "external-port": EXTERNAL_PORT, "next-hop-mac": EXTERNAL_MAC,
            "external-prefix": list(EXTERNAL_IPS.values())}]
    networks = []
    for vni, (name, domain, subnets) in NETWORKS.items():
        networks.append({"vni": vni, "name": name, "tenant": domain, "mode": "l3", "routing-domain": domain,
                         "old-location-policy": policies.get(vni, "redirect"),
                         "subnet": [{"prefix": prefix, "gateway-ip": gateway} for prefix, gateway in subnets]})
    return {"nva:fabric": {
        "settings": {"redirect-seconds": redirect_seconds, "unknown-destination": "pull"},
        "routing-domain": [{"name": name, "vni": vni, "tenant": name} for name, vni in DOMAINS.items()],
        "nve": nves,
        "virtual-network": networks,
        "vm": [{"id": vm.spec.id, "vni": vm.spec.vni, "mac": vm.spec.mac, "ip": list(vm.spec.ips),
                "nve": nve_id(vm.nve), "port": vm.port} for vm in fabric.vms.values()],
    }}
