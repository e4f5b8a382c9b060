"""Traffic between the VMs of a Fabric, as tests measure it: reachability probes (many pings at once),
a UDP stream whose losses and gaps are counted per sequence number, the MAC a VM resolved for an
address, and a UDP sink inside a VM's namespace.

Shared by the end-to-end scenarios (scenarios/mobility.py); the same kind of helpers still live in
mobility_demo.py, which another change owns.
"""
import re
import socket
import struct
import subprocess
import threading
import time
from dataclasses import dataclass

from nva_fabric.netns import in_netns

PING_SUMMARY = re.compile(r"(\d+) packets transmitted, (\d+) received")


def family_flag(ip):
    return "-6" if ":" in ip else "-4"


def ping_counts(text):
    """(transmitted, received) from ping's summary line; (0, 0) when it has none."""
    m = PING_SUMMARY.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def probe_all(fabric, probes, count=3, interval=0.2, timeout=1):
    """Pings every (vm id, target ip) of probes at once; returns {(vm id, ip): (sent, received)}."""
    running = {}
    for vm_id, ip in probes:
        running[(vm_id, ip)] = subprocess.Popen(
            ["ip", "netns", "exec", fabric.vms[vm_id].netns, "ping", family_flag(ip), "-n", "-c", str(count),
             "-i", str(interval), "-W", str(timeout), ip], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
    return {key: ping_counts(proc.communicate(timeout=count * interval + timeout + 10)[0])
            for key, proc in running.items()}


def neighbour_mac(fabric, vm_id, ip):
    """The link-layer address VM <vm_id> resolved <ip> to, or None."""
    m = re.search(r"lladdr (\S+)", fabric.vm_run(vm_id, "ip", "neigh", "show", ip).stdout)
    return m.group(1) if m else None


def pin_neighbour(fabric, vm_id, ip, mac):
    """A permanent neighbour entry: the VM never re-resolves <ip> (no ARP/ND needs the controller)."""
    fabric.vm_run(vm_id, "ip", "neigh", "replace", ip, "lladdr", mac, "dev", fabric.vms[vm_id].ifname,
                  "nud", "permanent", check=True)


@dataclass(frozen=True)
class StreamResult:
    sent: int
    received: int
    lost: int
    longest_gap_ms: float      # the longest run of sequence numbers that never arrived, times the interval
    seconds: float             # how long the sender sent
    arrivals: tuple            # (time.monotonic() at arrival, sequence number) of every datagram received

    @property
    def pps(self):
        return round(self.sent / self.seconds, 1) if self.seconds else 0.0

    def received_after(self, moment):
        return sum(1 for when, _ in self.arrivals if when >= moment)


class UdpStream:
    """Numbered UDP datagrams at <pps> from one VM to an address of another, counted by a receiver
    socket inside the other VM's namespace: losses by sequence number, and the longest outage. The
    sender keeps an absolute schedule (a late datagram is sent at once, not skipped), so the rate
    holds on a loaded machine. One-way: the answers' way back is what a ping checks."""

    def __init__(self, fabric, sender_vm, receiver_vm, ip, port=9000, pps=100):
        self.interval = 1.0 / pps
        self.family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        self.target = (ip, port)
        self.sent = 0
        self.arrivals = []
        self.stopping = threading.Event()    # the sender stops
        self.drained = threading.Event()     # the receiver stops (after the datagrams in flight arrived)
        self.receiver = in_netns(fabric.vms[receiver_vm].netns, bound_udp_socket, self.family, port)
        self.receiver.settimeout(0.05)
        self.sender_netns = fabric.vms[sender_vm].netns
        self.threads = [threading.Thread(target=self._receive, daemon=True),
                        threading.Thread(target=in_netns, args=(self.sender_netns, self._send), daemon=True)]
        self.started = self.ended = time.monotonic()
        for thread in self.threads:
            thread.start()

    def _send(self):
        with socket.socket(self.family, socket.SOCK_DGRAM) as s:
            s.connect(self.target)
            self.started = time.monotonic()
            while not self.stopping.is_set():
                self.sent += 1
                try:
                    s.send(struct.pack("!Q", self.sent) + b"\0" * 56)
                except OSError:  # e.g. no route while the sender itself moves: counted as lost
                    pass
                delay = self.started + self.sent * self.interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            self.ended = time.monotonic()

    def _receive(self):
        while not self.drained.is_set():
            try:
                data = self.receiver.recv(2048)
            except socket.timeout:
                continue
            if len(data) >= 8:
                self.arrivals.append((time.monotonic(), struct.unpack("!Q", data[:8])[0]))

    def stop(self, drain=0.3):
        """Stops sending, waits <drain> seconds for the last datagrams, returns a StreamResult."""
        self.stopping.set()
        self.threads[1].join()
        time.sleep(drain)
        self.drained.set()
        self.threads[0].join()
        self.receiver.close()
        seqs = sorted({seq for _, seq in self.arrivals})
        gap, previous = 0, 0
        for seq in seqs + [self.sent + 1]:
            gap = max(gap, seq - previous - 1)
            previous = seq
        return StreamResult(self.sent, len(seqs), self.sent - len(seqs), round(gap * self.interval * 1000, 1),
                            self.ended - self.started, tuple(self.arrivals))


def bound_udp_socket(family, port):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", port))
    return s


class UdpSink:
    """A UDP socket bound inside a VM's network namespace (opened by a thread that joined it), counting
    the datagrams that reach the VM."""

    def __init__(self, fabric, vm_id, port, family=socket.AF_INET):
        self.socket = in_netns(fabric.vms[vm_id].netns, bound_udp_socket, family, port)
        self.socket.setblocking(False)
        self.received = []

    def drain(self):
        """Every payload received so far (reads what is queued, without waiting)."""
        while True:
            try:
                self.received.append(self.socket.recv(65535))
            except BlockingIOError:
                return list(self.received)

    def close(self):
        self.socket.close()
