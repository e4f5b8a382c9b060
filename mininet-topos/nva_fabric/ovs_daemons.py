"""An ovsdb-server and an ovs-vswitchd (userspace datapath) in their own network namespace and run directory.

Every NVE runs one such pair (ovs_nve.py), and so does the switch of the transient benchmark
(transient_lab.py). Two netdev vswitchds cannot share a namespace, so the namespace is the pair's own.
"""
import os
import shutil
import signal
import subprocess
import time

SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"


class CommandFailed(subprocess.CalledProcessError):
    """A failed command; unlike CalledProcessError, its message shows what the command wrote to stderr."""

    def __str__(self):
        return f"{' '.join(self.cmd)}: exit {self.returncode}: {self.stderr.strip()}"


def run(*args, netns=None, env=None, check=True, stdin=None):
    cmd = list(args)
    if netns:
        cmd = ["ip", "netns", "exec", netns] + cmd
    full_env = dict(os.environ, **(env or {}))
    done = subprocess.run(cmd, env=full_env, capture_output=True, text=True, stdin=stdin)
    if check and done.returncode:
        raise CommandFailed(done.returncode, cmd, done.stdout, done.stderr)
    return done


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


def terminate(pid, sig=signal.SIGTERM):
    """<sig> (SIGTERM unless told), then SIGKILL if pid still runs after 5 s."""
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


class OvsDaemons:
    """ovsdb-server and ovs-vswitchd in netns <netns>, with pid files, sockets and logs in <run_dir>. With
    <own_netns> (the default) start() creates the namespace and stop() deletes it; without, the namespace
    belongs to the caller (a Mininet node's) and must exist before start()."""

    def __init__(self, netns, run_dir, own_netns=True):
        self.netns = netns
        self.dir = run_dir
        self.own_netns = own_netns

    def path(self, name):
        return os.path.join(self.dir, name)

    @property
    def db(self):
        return "unix:" + self.path("db.sock")

    def mgmt(self, bridge):
        """The bridge's management socket (what ovs-ofctl connects to)."""
        return "unix:" + self.path(bridge + ".mgmt")

    def vsctl(self, *args):
        return run("ovs-vsctl", "--db=" + self.db, "--timeout=10", *args).stdout

    def pid(self, name):
        """The pid in <name>.pid, if that process still runs for this run directory (a stale pid file's pid
        may have been reused by another process: its command line must name the run directory)."""
        try:
            with open(self.path(name + ".pid")) as f:
                pid = int(f.read().strip())
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return pid if self.dir.encode() + b"/" in f.read() else None
        except (OSError, ValueError):
            return None

    def start(self):
        """Creates the namespace (loopback up) and the database, starts both daemons. Daemons of this run
        directory still running (a crashed run) are stopped first, by their pid files."""
        self.stop()
        os.makedirs(self.dir)
        if self.own_netns:
            run("ip", "netns", "add", self.netns)
            run("ip", "link", "set", "lo", "up", netns=self.netns)
        run("ovsdb-tool", "create", self.path("conf.db"), SCHEMA)
        run("ovsdb-server", self.path("conf.db"), "--remote=punix:" + self.path("db.sock"),
            "--pidfile=" + self.path("ovsdb-server.pid"), "--unixctl=" + self.path("ovsdb-server.ctl"),
            "--detach", "--log-file=" + self.path("ovsdb-server.log"), netns=self.netns)
        self.start_vswitchd()
        self.vsctl("--no-wait", "init")
        return self

    def start_vswitchd(self):
        run("ovs-vswitchd", self.db, "--pidfile=" + self.path("ovs-vswitchd.pid"),
            "--unixctl=" + self.path("ovs-vswitchd.ctl"), "--detach",
            "--log-file=" + self.path("ovs-vswitchd.log"), netns=self.netns, env={"OVS_RUNDIR": self.dir})

    def kill_vswitchd(self, sig=signal.SIGTERM):
        terminate(self.pid("ovs-vswitchd"), sig)

    def stop(self):
        """Stops both daemons, deletes the namespace (if its own) and the run directory (also after a crashed
        run)."""
        for daemon in ("ovs-vswitchd", "ovsdb-server"):
            terminate(self.pid(daemon))
        if self.own_netns:
            run("ip", "netns", "del", self.netns, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
