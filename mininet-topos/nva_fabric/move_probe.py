"""A constant-rate UDP echo probe for VM moves: a prober that sends on a fixed schedule whatever comes back,
and an echo responder inside the moving VM's namespace. Unlike iputils ping (which below 10 ms paces itself by
the replies and stops sending while they are missing) the prober keeps its rate through an outage; unlike a
prober that writes a line per packet into a pipe, it never blocks on its reader: it keeps everything in memory
and writes one file when it stops.

  python3 -m nva_fabric.move_probe echo NETNS [--port P] [--max-seconds S]
  python3 -m nva_fabric.move_probe probe NETNS DST_IP OUT_FILE [--port P] [--pps 1000] [--drain 0.3] [--max-seconds S]

echo: a UDP socket bound to 0.0.0.0:P inside NETNS returns every datagram to its sender. It is bound to no
interface, so it survives the move (the VM's interface is deleted and created again).
probe: a UDP socket inside NETNS, connected to DST_IP:P, sends datagram number n (carrying n and its send time)
at start + n / pps on CLOCK_MONOTONIC (time.monotonic_ns, the same clock in every namespace and process) and
stamps every reply as it arrives. A datagram whose time has passed is sent at once (the sender catches up); a
sender more than 10 ms behind (descheduled) resumes the schedule from then on rather than sending a longer
burst (counted: sender_lag_shifts). Both run with SCHED_FIFO priority --rt-priority (default 10; 0: normal) so
that a busy machine delays the probes' sending and stamping less than it delays Karaf and OVS.
It prints one line, "first-reply",
when the first reply has arrived (so the caller knows the path works), stops sending on SIGTERM/SIGINT, when its
parent dies or after --max-seconds, keeps receiving for --drain seconds, and writes OUT_FILE (read_result()).
The sender needs the destination's MAC in its neighbour table (pin it): no address resolution in the way.
"""
import argparse
import ctypes
import os
import select
import socket
import struct
import sys
import time
from array import array
from dataclasses import dataclass

from nva_fabric.probe_traffic import _Stop, enter_netns

PORT = 9100
_PAYLOAD = struct.Struct("!QQ")  # sequence number, send time (ns)
_SIZE = 64
_MAX_LAG_NS = 10_000_000
_PR_SET_TIMERSLACK = 29
_MAGIC = b"NVAMOVE1"


def _fine_timers():
    """1 us timer slack (default 50 us): a sleep until the next send time ends close to it."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_TIMERSLACK, 1000, 0, 0, 0)


def _realtime(priority):
    """SCHED_FIFO at <priority> (root); says so on stderr when it cannot."""
    if priority:
        try:
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(priority))
        except OSError as error:
            print(f"move_probe: no SCHED_FIFO ({error}): normal scheduling", file=sys.stderr, flush=True)


def echo(netns, port, max_seconds, priority=0):
    enter_netns(netns)
    _realtime(priority)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("0.0.0.0", port))
    sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 1 << 21)
    sock.settimeout(0.1)
    stop = _Stop()
    deadline = time.monotonic() + max_seconds
    while not stop.requested and time.monotonic() < deadline:
        try:
            data, peer = sock.recvfrom(2048)
        except (socket.timeout, InterruptedError):
            continue
        try:
            sock.sendto(data, peer)
        except OSError:  # e.g. no interface while the VM's link is being moved
            pass


def probe(netns, dst_ip, out_file, port, pps, drain, max_seconds, priority=0):
    enter_netns(netns)
    _fine_timers()
    _realtime(priority)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 1 << 21)
    sock.connect((dst_ip, port))
    sock.setblocking(False)
    stop = _Stop()
    sent, reply_seq, reply_ns = array("q"), array("q"), array("q")
    padding = bytes(_SIZE - _PAYLOAD.size)
    interval = 1_000_000_000 // pps
    started = time.monotonic_ns()
    deadline = started + int(max_seconds * 1e9)
    lags = [0, 0]  # times the schedule was shifted, total ns shifted
    send_errors = [0]
    announced = [False]

    def receive():
        while True:
            try:
                data = sock.recv(2048)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # an ICMP error queued on the socket: nothing to read
                continue
            now = time.monotonic_ns()
            if len(data) >= _PAYLOAD.size:
                reply_seq.append(_PAYLOAD.unpack_from(data)[0])
                reply_ns.append(now)
                if not announced[0]:
                    announced[0] = True
                    print("first-reply", flush=True)

    seq = 0
    while not stop.requested:
        now = time.monotonic_ns()
        if now >= deadline:
            break
        due = started + seq * interval
        if now < due:
            try:
                select.select([sock], [], [], (due - now) / 1e9)
            except InterruptedError:
                pass
            receive()
            continue
        if now - due > _MAX_LAG_NS:
            started += now - due
            lags[0] += 1
            lags[1] += now - due
        now = time.monotonic_ns()
        try:
            sock.send(_PAYLOAD.pack(seq, now) + padding)
        except OSError:
            send_errors[0] += 1
        sent.append(now)
        seq += 1
        receive()
    end = time.monotonic_ns() + int(drain * 1e9)
    while time.monotonic_ns() < end:
        try:
            select.select([sock], [], [], max(0.0, (end - time.monotonic_ns()) / 1e9))
        except InterruptedError:
            pass
        receive()
    with open(out_file, "wb") as f:
        f.write(_MAGIC + struct.pack("!QQQQQQ", pps, len(sent), len(reply_seq), lags[0], lags[1], send_errors[0]))
        sent.tofile(f)
        reply_seq.tofile(f)
        reply_ns.tofile(f)


@dataclass
class ProbeResult:
    pps: int
    sent_ns: array        # send time of datagram n at index n
    reply_seq: array      # sequence numbers of the replies, in arrival order (a duplicate reply repeats one)
    reply_ns: array       # their arrival times
    lag_shifts: int       # times the sender resumed late instead of bursting
    lag_ns: int           # total time it lost that way
    send_errors: int


def read_result(path):
    with open(path, "rb") as f:
        if f.read(len(_MAGIC)) != _MAGIC:
            raise ValueError(f"{path} is not a move_probe result")
        pps, n_sent, n_replies, lag_shifts, lag_ns, errors = struct.unpack("!QQQQQQ", f.read(48))
        sent, seqs, times = array("q"), array("q"), array("q")
        sent.fromfile(f, n_sent)
        seqs.fromfile(f, n_replies)
        times.fromfile(f, n_replies)
    return ProbeResult(pps, sent, seqs, times, lag_shifts, lag_ns, errors)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    responder = sub.add_parser("echo")
    responder.add_argument("netns")
    prober = sub.add_parser("probe")
    prober.add_argument("netns")
    prober.add_argument("dst_ip")
    prober.add_argument("out_file")
    prober.add_argument("--pps", type=int, default=1000)
    prober.add_argument("--drain", type=float, default=0.3, help="seconds to keep receiving after the last send")
    for p in (responder, prober):
        p.add_argument("--port", type=int, default=PORT)
        p.add_argument("--max-seconds", type=float, default=600)
        p.add_argument("--rt-priority", type=int, default=10, help="SCHED_FIFO priority, 0: normal scheduling")
    args = parser.parse_args(argv)
    if args.command == "echo":
        echo(args.netns, args.port, args.max_seconds, args.rt_priority)
    else:
        probe(args.netns, args.dst_ip, args.out_file, args.port, args.pps, args.drain, args.max_seconds,
              args.rt_priority)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
