"""An NVE's side of the underlay: addresses, br-phy owning the uplink, and the tunnel neighbours of its peers.

Used by fabric.py (plain namespaces) and mn_nodes.py (Mininet nodes): the NVE's underlay address lives on
br-phy (netdev, fail_mode=standalone, fixed hwaddr), and every peer VTEP's MAC is pre-filled, or the first
packet to a new peer is dropped while OVS resolves it.
"""
from nva_fabric.ovs_daemons import run


def underlay_ip(index, family):
    return f"192.0.2.{index}" if family == 4 else f"2001:db8:ff::{index:x}"


def phy_mac(index):
    return f"02:00:c0:00:02:{index:02x}"


def attach_uplink(nve, index, family, uplink="uplink"):
    """Puts the existing interface <uplink> of NVE <nve> (an ovs_nve.OvsNve) on a new br-phy and gives br-phy
    the NVE's underlay address (IPv4 or IPv6 by <family>)."""
    run("sysctl", "-qw", f"net.ipv6.conf.{uplink}.disable_ipv6=1", netns=nve.name)
    # The userspace datapath leaves the uplink (and every VM port) to the namespace's kernel as well: with Linux's
    # default arp_ignore=0 that kernel answers a peer's ARP for the underlay address arriving on the uplink with
    # the uplink's own MAC, racing br-phy's answer. When it won, the peer's kernel and Open vSwitch's tunnel
    # neighbour cache (which snoops ARP replies) took that MAC, the peer's VXLAN frames went to this kernel
    # instead of br-phy's tunnel termination, and one tunnel direction was dead until the peer's next ARP (30-40 s
    # in the move benchmark). arp_ignore=1: the kernel answers only for addresses on the interface asked.
    run("sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1", netns=nve.name)
    run("sysctl", "-qw", f"net.ipv4.conf.{uplink}.arp_ignore=1", netns=nve.name)
    run("ip", "link", "set", uplink, "up", netns=nve.name)
    nve.vsctl("--", "add-br", "br-phy",
              "--", "set", "bridge", "br-phy", "datapath_type=netdev", "fail_mode=standalone",
              f"other_config:hwaddr={phy_mac(index)}",
              "--", "add-port", "br-phy", uplink)
    address = underlay_ip(index, family)
    if family == 4:
        run("ip", "addr", "add", address + "/24", "dev", "br-phy", netns=nve.name)
    else:
        run("ip", "-6", "addr", "add", address + "/64", "dev", "br-phy", "nodad", netns=nve.name)
    run("ip", "link", "set", "br-phy", "up", netns=nve.name)


def prefill_neighbours(nves, family):
    """Tells every NVE of {index: OvsNve} the underlay MAC of every other one (tnl/neigh/set, aging 3600 s)."""
    for i, nve in nves.items():
        ctl = nve.path("ovs-vswitchd.ctl")
        run("ovs-appctl", "-t", ctl, "tnl/neigh/aging", "3600")
        for j in nves:
            if j != i:
                run("ovs-appctl", "-t", ctl, "tnl/neigh/set", "br-phy", underlay_ip(j, family), phy_mac(j))
