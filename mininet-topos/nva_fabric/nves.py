"""Start or stop N NVEs for a controller:  python3 -m nva_fabric.nves up 3 [--controller 127.0.0.1:6653]

`up` leaves the NVEs running and prints one line per NVE; `down` stops every NVE under the base
directory (also after a crash: it reads the pid files and namespaces left behind). `--base` and
`--first` let a second set (e.g. the benchmark's) run beside the default one without touching it:
NVE i is named nve<i> (also its network namespace) with datapath id 0xA000 + i.
"""
import argparse
import glob
import os
import sys

from nva_fabric.ovs_nve import OvsNve

BASE = "/tmp/nva-fabric"


def dpid_of(index):
    return 0xA000 + index


def up(count, controller, base=BASE, first=1):
    nves = []
    try:
        for i in range(first, first + count):
            nves.append(OvsNve(i, dpid_of(i), controller, base).start())
            print(f"nve{i} dpid={dpid_of(i):016x} ({dpid_of(i)}) mgmt={nves[-1].mgmt}", flush=True)
    except Exception:
        for nve in nves:
            nve.stop()
        raise
    # relays are children of this process: keep it alive until told to stop
    with open(os.path.join(base, "nves.pid"), "w") as f:
        f.write(str(os.getpid()))
    try:
        import signal
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        for nve in nves:
            nve.stop()


def down(base=BASE):
    try:
        with open(os.path.join(base, "nves.pid")) as f:
            os.kill(int(f.read().strip()), 15)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        pass
    for d in sorted(glob.glob(os.path.join(base, "nve*"))):
        name = os.path.basename(d)
        if name.startswith("nve") and name[3:].isdigit():
            OvsNve(int(name[3:]), 0, base=base).stop()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["up", "down"])
    parser.add_argument("count", nargs="?", type=int, default=3)
    parser.add_argument("--controller", default="127.0.0.1:6653")
    parser.add_argument("--base", default=BASE, help="run directory of this set of NVEs")
    parser.add_argument("--first", type=int, default=1, help="index of the first NVE")
    args = parser.parse_args(argv)
    if args.command == "up":
        up(args.count, args.controller, args.base, args.first)
    else:
        down(args.base)


if __name__ == "__main__":
    main(sys.argv[1:])
