"""Two tenants whose VMs overlap: VNIs blue (5001) and red (5002), VMs b1..b3 and r1..r3 with the same
IPv4 and IPv6 addresses (198.51.100.<n>, 2001:db8:1::<n>), VM <n> of each on NVE <n>; red's r3 also has
198.51.100.23, an address blue lacks (so a blue VM reaching it would be a leak between VNIs).

The end-to-end scenarios' VM fabric uses them (scenarios/vm_fabric.py); mobility_demo.py still has its
own copy of the same list.
"""
from nva_fabric.fabric import VmSpec

NETWORKS = {5001: "blue", 5002: "red"}
ONLY_RED_IP = "198.51.100.23"


def vm_specs(colors=("b", "r")):
    """The VmSpecs of the tenants whose first letter is in <colors>."""
    specs = []
    for color, vni, tag in (("b", 5001, 0xB), ("r", 5002, 0xC)):
        if color not in colors:
            continue
        for n in (1, 2, 3):
            ips = [f"198.51.100.{n}", f"2001:db8:1::{n}"]
            if color == "r" and n == 3:
                ips.insert(1, ONLY_RED_IP)
            specs.append(VmSpec(f"{color}{n}", vni, f"02:00:00:00:{tag:02x}:{n:02x}", ips, n, f"{color}{n}"))
    return specs
