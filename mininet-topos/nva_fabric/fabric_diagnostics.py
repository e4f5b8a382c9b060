"""What the NVEs of a fabric hold at one moment, written to a text file: for a benchmark move that lost its
traffic, so that the outage can be told apart (NVA's flows, Open vSwitch's datapath flows, its tunnel neighbour
and route caches, the namespaces' own neighbours).

  capture(fabric, "/tmp/out/outage-083.txt", "move 83: r2 got no reply from r3")

Per NVE (fabric.Fabric's nves, ovs_nve.OvsNve): ovs-appctl tnl/neigh/show, ovs/route/show, dpctl/dump-flows;
ovs-ofctl dump-flows of br-int; ip neigh and ip route of its namespace. A command that fails is recorded with
its error, never raised: a capture is evidence, not a check.
"""
import time

from nva_fabric.ovs_daemons import run


def _commands(nve):
    ctl = nve.path("ovs-vswitchd.ctl")
    return (
        ("tunnel neighbours", ("ovs-appctl", "-t", ctl, "tnl/neigh/show"), None),
        ("OVS routes", ("ovs-appctl", "-t", ctl, "ovs/route/show"), None),
        ("datapath flows", ("ovs-appctl", "-t", ctl, "dpctl/dump-flows"), None),
        ("br-int flows", ("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", nve.mgmt), None),
        ("namespace neighbours", ("ip", "neigh"), nve.name),
        ("namespace routes", ("ip", "route"), nve.name),
    )


def capture(fabric, path, why):
    """Writes what every NVE of <fabric> holds now to <path>, headed by <why>; returns <path>."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# {why}\n# captured {time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime())} UTC\n")
        for index, nve in sorted(fabric.nves.items()):
            for title, command, netns in _commands(nve):
                done = run(*command, netns=netns, check=False)
                out.write(f"\n## nve{index} {title}: {' '.join(command)} (exit {done.returncode})\n")
                out.write(done.stdout)
                if done.stderr.strip():
                    out.write(f"[stderr] {done.stderr}")
    return path
