"""Removing named network namespaces together with every process still in them, and a whole fabric's leftovers
(by prefix): what a crashed or interrupted run left, and nothing of anybody else's.

  /usr/bin/python3 -m nva_fabric.netns_cleanup [--prefix mnt-] [--base /tmp/mnt-fabric]
"""
import argparse
import glob
import os
import shutil
import signal
import sys
import time

from nva_fabric.ovs_daemons import alive, run
from nva_fabric.ovs_nve import OvsNve


def netns_names(prefix):
    return [line.split()[0] for line in run("ip", "netns", "list").stdout.splitlines()
            if line.strip() and line.split()[0].startswith(prefix)]


def netns_pids(name):
    done = run("ip", "netns", "pids", name, check=False)
    return [int(pid) for pid in done.stdout.split()] if done.returncode == 0 else []


def remove_netns(name, grace=2.0):
    """Ends every process in namespace <name> (SIGTERM, SIGKILL after <grace> s) and deletes the name."""
    if not os.path.exists(f"/var/run/netns/{name}"):
        return False
    pids = netns_pids(name)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        pids = [pid for pid in pids if alive(pid)]
        if not pids:
            break
    run("ip", "netns", "del", name, check=False)
    return True


def processes_under(directory):
    """Pids of processes whose command line names a path under <directory> (OVS daemons, relays, Karaf)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if directory.rstrip("/").encode() + b"/" in f.read():
                    found.append(int(entry))
        except OSError:  # gone meanwhile
            pass
    return found


def cleanup(prefix, base):
    """Stops the NVEs under <base> (daemons and relays by their pid files), removes every namespace named
    <prefix>* with its processes and the run directory; returns the names removed."""
    removed = []
    for directory in sorted(glob.glob(os.path.join(base, prefix + "nve*"))):
        index = os.path.basename(directory)[len(prefix + "nve"):]
        if index.isdigit():
            OvsNve(int(index), 0, base=base, prefix=prefix + "nve").stop()
            removed.append(os.path.basename(directory))
    for name in netns_names(prefix):
        if remove_netns(name) and name not in removed:
            removed.append(name)
    shutil.rmtree(base, ignore_errors=True)
    return removed


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", default="mnt-")
    parser.add_argument("--base", default="/tmp/mnt-fabric")
    args = parser.parse_args(argv)
    removed = cleanup(args.prefix, args.base)
    print(f"removed: {' '.join(removed) if removed else 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
