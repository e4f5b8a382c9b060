"""Raw Ethernet frames on an interface (AF_PACKET), for tests and benchmarks of NVA's data plane.

  python3 -m nva_fabric.rawframes receive <ifname> <ethertype-hex> <timeout-s>
      prints "ready", then the hex of the first frame of that ethertype (exit 1 on timeout)
  python3 -m nva_fabric.rawframes send <ifname> <frame-hex>
  python3 -m nva_fabric.rawframes arp-flood <ifname> <count> [<pps>]
      sends <count> broadcast ARP requests (250 distinct targets in 198.51.100.0/24, repeated),
      as fast as possible or paced at <pps>; prints "sent <count> in <seconds> s"

Run it inside the NVE's namespace (ip netns exec <ns> ...). Nothing here parses frames.
"""
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003


def receive(ifname, ethertype, timeout):
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ethertype)) as s:
        s.bind((ifname, 0))
        s.settimeout(timeout)
        print("ready", flush=True)
        try:
            frame = s.recv(65535)
        except socket.timeout:
            print("timeout", flush=True)
            return 1
        print(frame.hex(), flush=True)
        return 0


def send(ifname, frame):
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((ifname, 0))
        s.send(frame)


def arp_request(source_mac, index):
    sender_ip = bytes([198, 51, 100, 1])
    target_ip = bytes([198, 51, 100, 2 + index % 250])
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + source_mac + sender_ip + b"\0" * 6 + target_ip
    frame = b"\xff" * 6 + source_mac + struct.pack("!H", 0x0806) + body
    return frame + b"\0" * (60 - len(frame))


def arp_flood(ifname, count, pps=0):
    source_mac = bytes([0x02, 0, 0, 0, 0x0e, 0x01])
    frames = [arp_request(source_mac, i) for i in range(250)]
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((ifname, 0))
        started = time.monotonic()
        for i in range(count):
            if pps:
                delay = started + i / pps - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            while True:
                try:
                    s.send(frames[i % 250])
                    break
                except BlockingIOError:
                    time.sleep(0.0001)
        took = time.monotonic() - started
    print(f"sent {count} in {took:.3f} s", flush=True)


def main(argv):
    command = argv[0]
    if command == "receive":
        return receive(argv[1], int(argv[2], 16), float(argv[3]))
    if command == "send":
        send(argv[1], bytes.fromhex(argv[2]))
        return 0
    if command == "arp-flood":
        arp_flood(argv[1], int(argv[2]), int(argv[3]) if len(argv) > 3 else 0)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
