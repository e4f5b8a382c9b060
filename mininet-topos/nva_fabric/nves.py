"""Start or stop N NVEs for a controller:  python3 -m nva_fabric.nves up 3 [--controller 127.0.0.1:6653]

Options --base (run directory), --prefix (namespace names) and --first-dpid let several fabrics
(e.g. a test's and a demo's) run side by side.

`up` leaves the NVEs running and prints one line per NVE; `down` stops every NVE under the base
directory (also after a crash: it reads the pid files and namespaces left behind).
"""
import argparse
import glob
import os
import sys

from nva_fabric.ovs_nve import OvsNve

BASE = "/tmp/nva-fabric"
FIRST_DPID = 0xA001


def up(count, controller, base=BASE, prefix="nve", first_dpid=FIRST_DPID):
    nves = []
    try:
        for i in range(1, count + 1):
            dpid = first_dpid + i - 1
            nves.append(OvsNve(i, dpid, controller, base, prefix).start())
            print(f"{nves[-1].name} dpid={dpid:016x} ({dpid}) mgmt={nves[-1].mgmt}", flush=True)
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


def down(base=BASE, prefix="nve"):
    try:
        with open(os.path.join(base, "nves.pid")) as f:
            os.kill(int(f.read().strip()), 15)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        pass
    for d in sorted(glob.glob(os.path.join(base, prefix + "*"))):
        name = os.path.basename(d)
        if name[len(prefix):].isdigit():
            OvsNve(int(name[len(prefix):]), 0, base=base, prefix=prefix).stop()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["up", "down"])
    parser.add_argument("count", nargs="?", type=int, default=3)
    parser.add_argument("--controller", default="127.0.0.1:6653")
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--prefix", default="nve")
    parser.add_argument("--first-dpid", type=lambda text: int(text, 0), default=FIRST_DPID)
    args = parser.parse_args(argv)
    if args.command == "up":
        os.makedirs(args.base, exist_ok=True)
        up(args.count, args.controller, args.base, args.prefix, args.first_dpid)
    else:
        down(args.base, args.prefix)


if __name__ == "__main__":
    main(sys.argv[1:])
