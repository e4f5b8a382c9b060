"""Frames a VM sends to say where it is, after a move: gratuitous ARP, RARP (as QEMU sends after a live
migration) and unsolicited IPv6 neighbour advertisements (override flag, target link-layer address).

  python3 -m nva_fabric.announce garp|rarp|na <ifname> <mac> [<ip>]

Run it inside the VM's namespace (ip netns exec <vm> ...). Builds frames only; rawframes.send sends them.
"""
import ipaddress
import struct
import sys

from nva_fabric.netns import in_netns
from nva_fabric.rawframes import send

BROADCAST = b"\xff" * 6


def mac_bytes(mac):
    return bytes.fromhex(mac.replace(":", ""))


def pad(frame):
    return frame + b"\0" * max(0, 60 - len(frame))


def gratuitous_arp(mac, ip):
    """A gratuitous ARP request: sender and target IP both the VM's, to broadcast."""
    m, a = mac_bytes(mac), ipaddress.IPv4Address(ip).packed
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + m + a + b"\0" * 6 + a
    return pad(BROADCAST + m + struct.pack("!H", 0x0806) + body)


def rarp(mac):
    """A RARP request-reverse for the VM's own MAC, as QEMU announces a migrated guest."""
    m = mac_bytes(mac)
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 3) + m + b"\0" * 4 + m + b"\0" * 4
    return pad(BROADCAST + m + struct.pack("!H", 0x8035) + body)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def unsolicited_na(mac, ip):
    """An unsolicited neighbour advertisement (override flag) for <ip> from <ip> to ff02::1."""
    m = mac_bytes(mac)
    src = ipaddress.IPv6Address(ip).packed
    dst = ipaddress.IPv6Address("ff02::1").packed
    icmp = struct.pack("!BBHI", 136, 0, 0, 0x20000000) + src + struct.pack("!BB", 2, 1) + m
    pseudo = src + dst + struct.pack("!I3xB", len(icmp), 58)
    icmp = icmp[:2] + struct.pack("!H", checksum(pseudo + icmp)) + icmp[4:]
    ipv6 = struct.pack("!IHBB", 6 << 28, len(icmp), 58, 255) + src + dst
    return b"\x33\x33\x00\x00\x00\x01" + m + struct.pack("!H", 0x86DD) + ipv6 + icmp


def announcement_frames(mac, ips, kind):
    """The frames a VM with <mac> and <ips> sends to announce itself: "rarp" (one RARP), "garp" (a gratuitous
    ARP per IPv4 address) or "na" (an unsolicited NA per IPv6 address)."""
    if kind == "rarp":
        return [rarp(mac)]
    if kind not in ("garp", "na"):
        raise ValueError(f"unknown announcement {kind!r}: garp, na or rarp")
    version, build = (4, gratuitous_arp) if kind == "garp" else (6, unsolicited_na)
    return [build(mac, ip) for ip in ips if ipaddress.ip_address(ip).version == version]


def send_announcement(netns, ifname, mac, ips, kind):
    """Sends announcement_frames(mac, ips, kind) out of <ifname> in network namespace <netns>, without forking."""
    for frame in announcement_frames(mac, ips, kind):
        in_netns(netns, send, ifname, frame)


def main(argv):
    kind, ifname, mac = argv[0], argv[1], argv[2]
    if kind == "garp":
        frame = gratuitous_arp(mac, argv[3])
    elif kind == "rarp":
        frame = rarp(mac)
    elif kind == "na":
        frame = unsolicited_na(mac, argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    send(ifname, frame)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
