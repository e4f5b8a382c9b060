"""Probe traffic for the transient benchmark: a paced raw-Ethernet sender and a counting receiver.

  python3 -m nva_fabric.probe_traffic send NETNS IFACE MACS PPS OUT_FILE [--stride K] [--max-seconds S]
  python3 -m nva_fabric.probe_traffic receive OUT_FILE NETNS:IFACE ... [--max-seconds S]

Each frame goes to one of MACS destination MACs (mac_for(i * K)), visited in a fixed pseudo-random
order that repeats every MACS frames, and carries a sequence number and its send time (CLOCK_MONOTONIC,
the same clock in every namespace and process). A sender that falls behind its pace by more than 2 ms
(descheduled) resumes from there rather than sending the missed frames in a burst. The sender writes
the send time of every sequence number; the receiver, one process with one AF_PACKET socket per
interface (opened inside that interface's namespace), writes what arrived where. Both stop on
SIGTERM/SIGINT, when their parent dies, or after --max-seconds, and then write their files.
"""
import argparse
import ctypes
import os
import random
import select
import signal
import socket
import struct
import sys
import time
from array import array

ETHERTYPE = 0x88B5  # IEEE 802 local experimental
MAGIC = 0x4E564154
SOURCE_MAC = bytes.fromhex("020000fe0001")
_PAYLOAD = struct.Struct("!IQQ")  # magic, sequence number, send time (ns)
_CLONE_NEWNET = 0x40000000
_MAX_LAG_NS = 2_000_000
_PR_SET_PDEATHSIG = 1


def mac_for(index):
    """The destination MAC of VM number <index> (locally administered, unicast)."""
    return bytes([0x02, 0x00]) + struct.pack("!I", index)


def mac_order(macs, seed=1):
    """The order in which the sender visits the MACs: random, so that which flows the probe samples does not
    follow the order in which an update changes them."""
    order = list(range(macs))
    random.Random(seed).shuffle(order)
    return order


def enter_netns(name):
    """Moves this (single-threaded) process into network namespace <name>; sockets keep their namespace."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(fd, _CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {name}")
    finally:
        os.close(fd)


class _Stop:
    """Set by SIGTERM/SIGINT, and by SIGTERM when the parent (the harness) dies, even by SIGKILL."""

    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGTERM, self._set)
        signal.signal(signal.SIGINT, self._set)
        parent = os.getppid()
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # it died before prctl
            self.requested = True

    def _set(self, *_):
        self.requested = True


def send(netns, iface, macs, pps, out_file, max_seconds, stride=1):
    enter_netns(netns)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    stop = _Stop()
    frames = [mac_for(i * stride) + SOURCE_MAC + struct.pack("!H", ETHERTYPE) for i in mac_order(macs)]
    sent = array("q")
    padding = bytes(64 - 14 - _PAYLOAD.size)
    started = time.monotonic_ns()
    deadline = started + int(max_seconds * 1e9)
    interval = 1_000_000_000 // pps
    seq = 0
    while not stop.requested and time.monotonic_ns() < deadline:
        due = started + seq * interval
        now = time.monotonic_ns()
        if now < due:
            time.sleep(min(due - now, 1_000_000) / 1e9)
            continue
        now = time.monotonic_ns()
        if now - due > _MAX_LAG_NS:
            # descheduled (a busy machine): resume the pace from now instead of catching up in a burst that
            # would overflow queues and look like loss at the switch
            started += now - due
        sock.send(frames[seq % macs] + _PAYLOAD.pack(MAGIC, seq, now) + padding)
        sent.append(now)
        seq += 1
    with open(out_file, "wb") as f:
        sent.tofile(f)


def receive(out_file, endpoints, max_seconds):
    socks = []
    for index, endpoint in enumerate(endpoints):
        netns, iface = endpoint.split(":")
        enter_netns(netns)
        sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETHERTYPE))
        sock.bind((iface, ETHERTYPE))
        # root may exceed rmem_max: a receiver that falls behind must not lose frames the switch delivered
        sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 1 << 22)
        socks.append((sock, index))
    stop = _Stop()
    ports, seqs, received = array("b"), array("q"), array("q")
    by_fd = {sock.fileno(): (sock, index) for sock, index in socks}
    poller = select.poll()
    for fd in by_fd:
        poller.register(fd, select.POLLIN)
    deadline = time.monotonic() + max_seconds
    while not stop.requested and time.monotonic() < deadline:
        try:
            events = poller.poll(100)
        except InterruptedError:
            continue
        for fd, _ in events:
            sock, index = by_fd[fd]
            while True:
                try:
                    frame = sock.recv(128, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    break
                now = time.monotonic_ns()
                magic, seq, _ = _PAYLOAD.unpack_from(frame, 14)
                if magic == MAGIC:
                    ports.append(index)
                    seqs.append(seq)
                    received.append(now)
    with open(out_file, "wb") as f:
        f.write(struct.pack("!Q", len(seqs)))
        ports.tofile(f)
        seqs.tofile(f)
        received.tofile(f)


def read_received(path):
    """(ports, seqs, receive times) as written by receive()."""
    with open(path, "rb") as f:
        count = struct.unpack("!Q", f.read(8))[0]
        ports, seqs, received = array("b"), array("q"), array("q")
        ports.fromfile(f, count)
        seqs.fromfile(f, count)
        received.fromfile(f, count)
    return ports, seqs, received


def read_sent(path):
    """Send time (ns) of every sequence number, as written by send()."""
    sent = array("q")
    with open(path, "rb") as f:
        sent.frombytes(f.read())
    return sent


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sender = sub.add_parser("send")
    sender.add_argument("netns")
    sender.add_argument("iface")
    sender.add_argument("macs", type=int)
    sender.add_argument("pps", type=int)
    sender.add_argument("out_file")
    sender.add_argument("--stride", type=int, default=1, help="send to every K-th MAC")
    receiver = sub.add_parser("receive")
    receiver.add_argument("out_file")
    receiver.add_argument("endpoints", nargs="+", help="NETNS:IFACE, numbered 0.. in this order")
    for p in (sender, receiver):
        p.add_argument("--max-seconds", type=float, default=3600)
    args = parser.parse_args(argv)
    if args.command == "send":
        send(args.netns, args.iface, args.macs, args.pps, args.out_file, args.max_seconds, args.stride)
    else:
        receive(args.out_file, args.endpoints, args.max_seconds)


if __name__ == "__main__":
    main(sys.argv[1:])
