"""One NVE: an ovsdb-server and an ovs-vswitchd (userspace datapath) in their own network namespace.

The bridge br-int carries the VXLAN port (remote_ip=flow, key=flow) and is controlled over a unix
socket inside the NVE's run directory; a socat in the root namespace relays that socket to the
controller's TCP address (so every NVE reaches the controller from 127.0.0.1, and the controller
must identify it by datapath id). The controller is set in the same transaction as the bridge:
adding the first controller later flushes the flow table.
"""
import os
import shutil
import signal
import subprocess
import time

SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"
TUNNEL_OFPORT = 100


def run(*args, netns=None, env=None, check=True):
    cmd = list(args)
    if netns:
        cmd = ["ip", "netns", "exec", netns] + cmd
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(cmd, check=check, env=full_env, capture_output=True, text=True)


def alive(pid):
    """True if pid runs and is not a zombie (killed daemons linger as zombies)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):  # gone, or exiting while read (ESRCH)
        return False


def children(pid):
    """Pids of the direct children of pid."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(") ", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):  # gone, or exiting while read (ESRCH)
                pass
    return found


class OvsNve:
    """An NVE named nve<index> with datapath id <dpid>, run from <base>/nve<index>."""

    def __init__(self, index, dpid, controller="127.0.0.1:6653", base="/tmp/nva-fabric", prefix="nve"):
        self.index = index
        self.name = f"{prefix}{index}"
        self.dpid = dpid
        self.controller = controller
        self.dir = os.path.join(base, self.name)
        self.relay = None

    # --- paths
    def path(self, name):
        return os.path.join(self.dir, name)

    @property
    def db(self):
        return "unix:" + self.path("db.sock")

    @property
    def mgmt(self):
        return "unix:" + self.path("br-int.mgmt")

    def vsctl(self, *args):
        return run("ovs-vsctl", "--db=" + self.db, "--timeout=10", *args).stdout

    def ofctl(self, *args):
        return run("ovs-ofctl", "-O", "OpenFlow13", *args[:1], self.mgmt, *args[1:]).stdout

    def pid(self, daemon):
        """The pid in <daemon>.pid, if that process still runs for this NVE (a stale pid file's pid may
        have been reused by another process: its command line must name this NVE's run directory)."""
        try:
            with open(self.path(daemon + ".pid")) as f:
                pid = int(f.read().strip())
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return pid if self.dir.encode() + b"/" in f.read() else None
        except (OSError, ValueError):
            return None

    # --- life cycle
    def start(self):
        # an NVE of this name still running (a crashed run) would keep its datapath id and, through the
        # same socket paths, reach the controller: stop it by its pid files before they are removed
        self.stop()
        os.makedirs(self.dir)
        run("ip", "netns", "add", self.name)
        run("ip", "link", "set", "lo", "up", netns=self.name)
        run("ovsdb-tool", "create", self.path("conf.db"), SCHEMA)
        run("ovsdb-server", self.path("conf.db"), "--remote=punix:" + self.path("db.sock"),
            "--pidfile=" + self.path("ovsdb-server.pid"), "--unixctl=" + self.path("ovsdb-server.ctl"),
            "--detach", "--log-file=" + self.path("ovsdb-server.log"), netns=self.name)
        self.start_vswitchd()
        self.vsctl("--no-wait", "init")
        self.start_relay()
        self.vsctl(
            "--", "add-br", "br-int",
            "--", "set", "bridge", "br-int", "datapath_type=netdev", "fail_mode=secure",
            "protocols=OpenFlow13", f"other_config:datapath-id={self.dpid:016x}",
            "other_config:disable-in-band=true",
            "--", "set-controller", "br-int", "unix:" + self.path("ctl.sock"),
            "--", "add-port", "br-int", "vxlan0",
            "--", "set", "interface", "vxlan0", "type=vxlan", "options:remote_ip=flow", "options:key=flow",
            f"ofport_request={TUNNEL_OFPORT}")
        # reconnect within a second, not after OVS's default backoff of up to 8 s
        self.vsctl("set", "controller", "br-int", "max_backoff=1000")
        return self

    def start_vswitchd(self):
        run("ovs-vswitchd", self.db, "--pidfile=" + self.path("ovs-vswitchd.pid"),
            "--unixctl=" + self.path("ovs-vswitchd.ctl"), "--detach",
            "--log-file=" + self.path("ovs-vswitchd.log"), netns=self.name, env={"OVS_RUNDIR": self.dir})

    def start_relay(self):
        host, port = self.controller.rsplit(":", 1)
        self.relay = subprocess.Popen(
            ["socat", "UNIX-LISTEN:" + self.path("ctl.sock") + ",fork", f"TCP:{host}:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(self.path("relay.pid"), "w") as f:
            f.write(str(self.relay.pid))

    def relay_pid(self):
        """The relay's pid: the one this object started, or the one a previous process left (pid file)."""
        return self.relay.pid if self.relay else self.pid("relay")

    def relay_connections(self):
        """Pids of the relay's forked children: one per open controller connection."""
        parent = self.relay_pid()
        return children(parent) if parent else []

    def drop_controller_connection(self):
        """Ends the relay's open connections (the TCP session to the controller closes; OVS reconnects
        through the relay, whose listener stays). Returns the pids ended."""
        ended = self.relay_connections()
        for pid in ended:
            self._kill(pid)
        return ended

    def kill_vswitchd(self, sig=signal.SIGTERM):
        self._kill(self.pid("ovs-vswitchd"), sig)

    def restart_vswitchd(self):
        self.kill_vswitchd()
        self.start_vswitchd()

    def stop(self):
        # the relay's children first: once it is gone they belong to init and are not found any more
        for pid in self.relay_connections():
            self._kill(pid)
        if self.relay:
            self.relay.terminate()
            try:
                self.relay.wait(5)
            except subprocess.TimeoutExpired:
                self.relay.kill()
                self.relay.wait()
            self.relay = None
        else:
            # a relay left by a crashed run, found by its pid file
            self._kill(self.relay_pid())
        for daemon in ("ovs-vswitchd", "ovsdb-server"):
            self._kill(self.pid(daemon))
        run("ip", "netns", "del", self.name, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
        return self

    @staticmethod
    def _kill(pid, sig=signal.SIGTERM):
        if not pid:
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
