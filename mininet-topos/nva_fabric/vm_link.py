"""A VM's link to its NVE, configured the way a hypervisor would: the VM side (MAC, addresses, MTU 1450,
transmit checksum offload off, announce-on-link-up or not) while it is still down, then the NVE side on
br-int. Used by fabric.py and mn_fabric.py; the sysctls and the offload ioctl run in-process (netns.py),
the addresses with one `ip -batch`, to keep a VM move near 100 ms.
"""
import ipaddress
import subprocess

from nva_fabric.netns import conf, in_netns
from nva_fabric.offload import tx_off
from nva_fabric.ovs_daemons import CommandFailed, run

VM_MTU = 1450  # VXLAN adds 50 bytes to the underlay's 1500


def ip_batch(netns, commands):
    """Runs ip commands (one per line, without the leading `ip`) in <netns> with one process."""
    done = subprocess.run(["ip", "-n", netns, "-batch", "-"], input="\n".join(commands) + "\n",
                          capture_output=True, text=True)
    if done.returncode:
        raise CommandFailed(done.returncode, ["ip", "-n", netns, "-batch"] + commands, done.stdout, done.stderr)


def configure_vm_side(netns, ifname, mac, ips, announce_on_up, with_ipv6=True):
    """Configures the VM's (still down) interface: the kernel announces it on link-up (one GARP, unsolicited
    NAs) only when <announce_on_up>; never router solicitations (they would announce it too); without
    <with_ipv6>, IPv6 stays off (a RARP- or GARP-only move)."""
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
            batch.append(f"addr add {ip}/24 dev {ifname}")
        elif with_ipv6:
            batch.append(f"addr add {ip}/64 dev {ifname} nodad")
    ip_batch(netns, batch)


def attach_vm_port(nve, port):
    """Puts the NVE side <port> of a VM link on br-int of <nve> (an ovs_nve.OvsNve): no IPv6, MTU 1450, up."""
    in_netns(nve.name, conf, "ipv6", port, "disable_ipv6", 1)
    run("ip", "-n", nve.name, "link", "set", port, "mtu", str(VM_MTU), "up")
    nve.vsctl("add-port", "br-int", port)


def restore_ipv6(netns, ifname, ips):
    """Re-enables IPv6 on a VM moved with a RARP or GARP only, and re-adds its IPv6 addresses."""
    in_netns(netns, conf, "ipv6", ifname, "disable_ipv6", 0)
    for ip in ips:
        if ipaddress.ip_address(ip).version == 6:
            run("ip", "-6", "addr", "replace", ip + "/64", "dev", ifname, "nodad", netns=netns)
