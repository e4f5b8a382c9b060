"""VXLAN-encapsulated test frames, sent from the underlay as if a remote NVE (a stale one) still sent
to a VTEP: an inner Ethernet/IPv4/UDP datagram for a VM, wrapped in a VXLAN header (RFC 7348), as the
payload of a UDP datagram to port 4789 that the underlay namespace's kernel sends.
"""
import ipaddress
import socket
import struct
import time

from nva_fabric.announce import mac_bytes
from nva_fabric.netns import in_netns

VXLAN_PORT = 4789
SO_NO_CHECK = 11  # Linux: send IPv4 UDP with checksum 0 (VXLAN allows it)


def ipv4_checksum(header):
    total = sum(struct.unpack(f"!{len(header) // 2}H", header))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def inner_udp_frame(src_mac, dst_mac, src_ip, dst_ip, dst_port, payload, src_port=40000):
    """An Ethernet frame carrying an IPv4 UDP datagram (UDP checksum 0: none, as IPv4 allows)."""
    udp = struct.pack("!HHHH", src_port, dst_port, 8 + len(payload), 0) + payload
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0,
                         ipaddress.IPv4Address(src_ip).packed, ipaddress.IPv4Address(dst_ip).packed)
    header = header[:10] + struct.pack("!H", ipv4_checksum(header)) + header[12:]
    return mac_bytes(dst_mac) + mac_bytes(src_mac) + struct.pack("!H", 0x0800) + header + udp


def vxlan_payload(vni, inner_frame):
    """The UDP payload of a VXLAN packet: flags (VNI valid), VNI, the inner frame."""
    return struct.pack("!II", 0x08000000, vni << 8) + inner_frame


def send_to_vtep(netns, vtep_ip, payloads, pps=100):
    """Sends each payload as one UDP datagram to <vtep_ip>:4789 from inside <netns>, paced at <pps>."""
    def send_all():
        family = socket.AF_INET6 if ":" in vtep_ip else socket.AF_INET
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            # a checksum the kernel leaves to a veth's offload is never completed on the way into the
            # userspace datapath, which then drops the datagram: send none
            if family == socket.AF_INET:
                s.setsockopt(socket.SOL_SOCKET, SO_NO_CHECK, 1)
            s.connect((vtep_ip, VXLAN_PORT))
            start = time.monotonic()
            for i, payload in enumerate(payloads):
                s.send(payload)
                delay = start + (i + 1) / pps - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
    in_netns(netns, send_all)
