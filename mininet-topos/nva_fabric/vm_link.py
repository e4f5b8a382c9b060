"""A VM's link to its NVE, configured the way a hypervisor would: the VM side (MAC, addresses, MTU 1450,
transmit checksum offload off, announce-on-link-up or not) while it is still down, then the NVE side on
br-int. Used by fabric.py and mn_fabric.py; the sysctls and the offload ioctl run in-process (netns.py),
the addresses with one `ip -batch`, to keep a VM move near 100 ms.
"""
import fcntl
import ipaddress
import socket
import struct
import subprocess
import time

from nva_fabric.kernel_routes import add_defaults
from nva_fabric.netns import conf, in_netns
from nva_fabric.offload import tx_off
from nva_fabric.ovs_daemons import CommandFailed, run

VM_MTU = 1450  # VXLAN adds 50 bytes to the underlay's 1500
_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1


def ip_batch(netns, commands):
    """Runs ip commands (one per line, without the leading `ip`) in <netns> with one process."""
    done = subprocess.run(["ip", "-n", netns, "-batch", "-"], input="\n".join(commands) + "\n",
                          capture_output=True, text=True)
    if done.returncode:
        raise CommandFailed(done.returncode, ["ip", "-n", netns, "-batch"] + commands, done.stdout, done.stderr)


def configure_vm_side(netns, ifname, mac, ips, announce_on_up, with_ipv6=True, neighbours=(), prefixes=None):
    """Configures the VM's (still down) interface: the kernel announces it on link-up (one GARP, unsolicited
    NAs) only when <announce_on_up>; never router solicitations (they would announce it too); without
    <with_ipv6>, IPv6 stays off (a RARP- or GARP-only move). <neighbours> ((ip, mac) pairs) become permanent
    neighbour entries, as a live-migrated guest keeps its ARP cache (the new veth starts with an empty one).
    <prefixes>: {ip: prefix length} where not /24 or /64 (the default routes come once the link is up:
    add_default_routes)."""
    prefixes = prefixes or {}
    flag = 1 if announce_on_up else 0

    def configure():
        conf("ipv4", ifname, "arp_notify", flag)
        conf("ipv6", ifname, "ndisc_notify", flag)
        conf("ipv6", ifname, "router_solicitations", 0)
        conf("ipv6", ifname, "disable_ipv6", 0 if with_ipv6 else 1)
        tx_off(ifname)

    in_netns(netns, configure)
    batch = [f"link set {ifname} address {mac} mtu {VM_MTU}"]
    for ip in ips:
        if ipaddress.ip_address(ip).version == 4:
            batch.append(f"addr add {ip}/{prefixes.get(ip, 24)} dev {ifname}")
        elif with_ipv6:
            batch.append(f"addr add {ip}/{prefixes.get(ip, 64)} dev {ifname} nodad")
    for ip, neighbour_mac in neighbours:
        batch.append(f"neigh replace {ip} lladdr {neighbour_mac} dev {ifname} nud permanent")
    ip_batch(netns, batch)


def add_default_routes(netns, ifname, gateways, with_ipv6=True):
    """Default routes via <gateways> (one per family) on the VM's interface, which must be up already (a
    routed network's VM; a live-migrated guest keeps its routes, the new veth needs them again)."""
    # ip infers the family from the gateway's address (a batch line takes no -6)
    commands = [f"route replace default via {gateway} dev {ifname}"
                for gateway in gateways if with_ipv6 or ":" not in gateway]
    if commands:
        ip_batch(netns, commands)


def link_up(netns, ifname, gateways=()):
    """Sets <ifname> in <netns> up in-process (SIOCSIFFLAGS, what `ip link set up` does, without a fork);
    returns time.monotonic_ns() (CLOCK_MONOTONIC) right after the kernel brought it up. Default routes via
    <gateways> follow at once, in-process too (kernel_routes: a migrated guest keeps its routes)."""
    def up():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            request = struct.pack("16sH22x", ifname.encode(), 0)
            flags = struct.unpack("16sH22x", fcntl.ioctl(s.fileno(), _SIOCGIFFLAGS, request))[1]
            fcntl.ioctl(s.fileno(), _SIOCSIFFLAGS, struct.pack("16sH22x", ifname.encode(), flags | _IFF_UP))
            stamp = time.monotonic_ns()
        add_defaults(gateways, ifname)
        return stamp
    return in_netns(netns, up)


def attach_vm_port(nve, port, ofport=None):
    """Puts the NVE side <port> of a VM link on br-int of <nve> (an ovs_nve.OvsNve): no IPv6, MTU 1450, up;
    with <ofport>, asks Open vSwitch for that OpenFlow port number (Interface ofport_request), as a hypervisor
    that tells NVA the number with migrate-vm does."""
    in_netns(nve.name, conf, "ipv6", port, "disable_ipv6", 1)
    run("ip", "-n", nve.name, "link", "set", port, "mtu", str(VM_MTU), "up")
    if ofport is None:
        nve.vsctl("add-port", "br-int", port)
    else:
        nve.vsctl("add-port", "br-int", port, "--", "set", "Interface", port, f"ofport_request={ofport}")


def restore_ipv6(netns, ifname, ips, prefixes=None, gateways=()):
    """Re-enables IPv6 on a VM moved with a RARP or GARP only, and re-adds its IPv6 addresses and routes."""
    prefixes = prefixes or {}
    in_netns(netns, conf, "ipv6", ifname, "disable_ipv6", 0)
    for ip in ips:
        if ipaddress.ip_address(ip).version == 6:
            run("ip", "-6", "addr", "replace", f"{ip}/{prefixes.get(ip, 64)}", "dev", ifname, "nodad", netns=netns)
    add_default_routes(netns, ifname, [gateway for gateway in gateways if ":" in gateway])
