"""Runs a Python function inside a network namespace without starting a process: a worker thread joins
the namespace (setns(2) applies to the calling thread only), so sockets, ioctls and /proc/sys/net it
opens are the namespace's. Used to configure a VM's interface during a move, where every forked
`ip netns exec` costs tens of milliseconds.
"""
import ctypes
import os
import threading

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def in_netns(netns, function, *args):
    """Calls function(*args) in a thread inside network namespace <netns>; returns its result or raises."""
    outcome = {}

    def worker():
        fd = os.open(f"/var/run/netns/{netns}", os.O_RDONLY)
        try:
            if _libc.setns(fd, CLONE_NEWNET) != 0:
                err = ctypes.get_errno()
                raise OSError(err, f"setns {netns}: {os.strerror(err)}")
        finally:
            os.close(fd)
        try:
            outcome["result"] = function(*args)
        except BaseException as e:  # handed to the caller
            outcome["error"] = e

    thread = threading.Thread(target=worker, name=f"netns-{netns}")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def conf(family, ifname, key, value):
    """Writes net.<family>.conf.<ifname>.<key> in the calling thread's network namespace (ifname may
    contain dots, which a dotted sysctl name cannot say)."""
    with open(f"/proc/sys/net/{family}/conf/{ifname}/{key}", "w") as f:
        f.write(str(value))
