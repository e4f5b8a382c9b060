"""Default routes added in-process with the SIOCADDRT ioctl (no fork of ip), for the moment a moved VM's link
comes up: a live-migrated guest keeps its routes, while the test harness's new veth has none, and forking `ip`
there would delay the VM's first answer by milliseconds that belong to the harness, not to NVA.

Call inside the VM's network namespace (netns.in_netns), with the interface up (the kernel refuses a gateway
route on a link that is down).
"""
import ctypes
import fcntl
import ipaddress
import socket
import struct

_SIOCADDRT = 0x890B
_RTF_UP, _RTF_GATEWAY = 0x1, 0x2
_IPV6_METRIC = 1024


def _sockaddr_in(address):
    return struct.pack("=H2s4s8x", socket.AF_INET, b"\0\0", ipaddress.IPv4Address(address).packed)


def add_ipv4_default(gateway, ifname):
    """route add default gw <gateway> dev <ifname> (struct rtentry, x86_64/aarch64 LP64 layout)."""
    device = ctypes.create_string_buffer(ifname.encode())
    rtentry = struct.pack("=Q16s16s16sHh4xQQh6xQQQH6x", 0, _sockaddr_in("0.0.0.0"), _sockaddr_in(gateway),
                          _sockaddr_in("0.0.0.0"), _RTF_UP | _RTF_GATEWAY, 0, 0, 0, 0,
                          ctypes.addressof(device), 0, 0, 0)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), _SIOCADDRT, rtentry)


def add_ipv6_default(gateway, ifname):
    """ip -6 route add default via <gateway> dev <ifname> (struct in6_rtmsg)."""
    rtmsg = struct.pack("=16s16s16sIHHI4xQIi", b"\0" * 16, b"\0" * 16, ipaddress.IPv6Address(gateway).packed, 0,
                        0, 0, _IPV6_METRIC, 0, _RTF_UP | _RTF_GATEWAY, socket.if_nametoindex(ifname))
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), _SIOCADDRT, rtmsg)


def add_defaults(gateways, ifname):
    """A default route via each gateway (one per family) on <ifname>; an existing one is kept."""
    for gateway in gateways:
        try:
            if ":" in gateway:
                add_ipv6_default(gateway, ifname)
            else:
                add_ipv4_default(gateway, ifname)
        except FileExistsError:
            pass
