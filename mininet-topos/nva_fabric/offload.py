"""Turns transmit checksum offload off on an interface, as `ethtool -K <if> tx off` does (ethtool is not
installed here): without it TCP through the userspace datapath times out (partial checksums are never
completed). The kernel drops the features that depend on it (scatter-gather, TSO) by itself.

  python3 -m nva_fabric.offload <ifname>      (run it inside the interface's namespace)
"""
import array
import fcntl
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
ETHTOOL_GTXCSUM = 0x16
ETHTOOL_STXCSUM = 0x17


def ethtool_value(ifname, cmd, data=0):
    value = array.array("I", [cmd, data])
    address, _ = value.buffer_info()
    ifreq = struct.pack("16sP", ifname.encode(), address)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifreq)
    return value[1]


def tx_off(ifname):
    ethtool_value(ifname, ETHTOOL_STXCSUM, 0)
    return ethtool_value(ifname, ETHTOOL_GTXCSUM)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(1 if tx_off(sys.argv[1]) else 0)
