"""The NVA distribution under test: a private copy of the built Karaf assembly (or its tarball) with
ports of its own, so it neither collides with another Karaf on this machine (a developer's, Pax
Exam's on 8181/6653) nor inherits a previous run's datastore."""
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass

from nva_fabric.scenarios.polling import wait_until
from nva_fabric.scenarios.registry import CheckFailed
from nva_fabric.scenarios.restconf import Restconf

# left behind by a distribution that ran: never copied, so every run starts from a clean datastore
RUNTIME_STATE = {"data", "journal", "snapshots", "segmented-journal", "instances", "lock", "karaf.pid"}
LISTENING = "NVA OpenFlow southbound listening on"
STEADY_SECONDS = 2.0
READY_PATHS = ["/rests/data/nva:fabric?content=config", "/rests/data/nva:state?content=nonconfig"]

PEKKO_CONF = """odl-cluster-data {{
  pekko {{
    remote {{
      artery {{
        enabled = on
        transport = tcp
        canonical.hostname = "127.0.0.1"
        canonical.port = {port}
      }}
    }}
    cluster {{
      seed-nodes = ["pekko://opendaylight-cluster-data@127.0.0.1:{port}"]
      roles = ["member-1"]
    }}
  }}
}}
"""


@dataclass(frozen=True)
class KarafPorts:
    restconf: int
    openflow: int
    ssh: int
    rmi_registry: int
    rmi_server: int
    pekko: int

    @staticmethod
    def free(restconf=0, openflow=0):
        """Ports nobody listens on now (the given ones where not 0)."""
        sockets = []
        try:
            def pick(wanted):
                if wanted:
                    return wanted
                s = socket.socket()
                s.bind(("127.0.0.1", 0))
                sockets.append(s)
                return s.getsockname()[1]
            return KarafPorts(pick(restconf), pick(openflow), pick(0), pick(0), pick(0), pick(0))
        finally:
            for s in sockets:
                s.close()


class KarafLog:
    """data/log/karaf.log, read from a mark on."""

    def __init__(self, path):
        self.path = path

    def mark(self):
        try:
            return os.path.getsize(self.path)
        except FileNotFoundError:
            return 0

    def lines_since(self, mark):
        try:
            with open(self.path, "rb") as f:
                f.seek(mark)
                return f.read().decode(errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def find(self, pattern, mark=0):
        """The regex matches (re.Match) on lines written since mark."""
        regex = re.compile(pattern)
        return [m for m in map(regex.search, self.lines_since(mark)) if m]

    def wait_for(self, what, pattern, mark=0, count=1, timeout=10.0):
        """Waits until `count` lines since mark match; returns the matches."""
        matches, _ = wait_until(what, lambda: self.find(pattern, mark), lambda found: len(found) >= count,
                                timeout=timeout, interval=0.1)
        return matches


class Karaf:
    """bin/karaf server of a copy of the distribution in `home`; `source` is the built assembly
    directory or the distribution tarball."""

    def __init__(self, source, home, ports):
        self.source = os.path.abspath(source)
        self.home = os.path.abspath(home)
        self.ports = ports
        self.process = None
        self.log = KarafLog(os.path.join(self.home, "data", "log", "karaf.log"))
        self.restconf = Restconf(f"http://127.0.0.1:{ports.restconf}")
        self.pid_file = self.home.rstrip("/") + ".pid"

    # --- the copy
    def prepare(self):
        self.stop_leftover()
        shutil.rmtree(self.home, ignore_errors=True)
        if os.path.isdir(self.source):
            if not os.access(os.path.join(self.source, "bin", "karaf"), os.X_OK):
                raise CheckFailed(f"{self.source} is not a Karaf distribution (no bin/karaf)")
            shutil.copytree(self.source, self.home, symlinks=True,
                            ignore=lambda d, names: RUNTIME_STATE & set(names) if d == self.source else ())
        elif os.path.isfile(self.source):
            os.makedirs(self.home)
            subprocess.run(["tar", "-xzf", self.source, "-C", self.home, "--strip-components=1"], check=True)
        else:
            raise CheckFailed(f"no Karaf distribution at {self.source}: build it first "
                              "(./mvnw -B -o verify -DskipTests -pl yang,api,impl,features/odl-nva,"
                              "features/features-nva,features,karaf)")
        self._configure()

    def _configure(self):
        p = self.ports
        etc = os.path.join(self.home, "etc")
        set_properties(os.path.join(etc, "org.ops4j.pax.web.cfg"), {"org.osgi.service.http.port": p.restconf})
        jetty = os.path.join(etc, "jetty.xml")
        if os.path.exists(jetty):
            with open(jetty) as f:
                text = f.read()
            with open(jetty, "w") as f:
                f.write(re.sub(r'(<Property name="jetty.port" default=")\d+(")', rf"\g<1>{p.restconf}\g<2>", text))
        set_properties(os.path.join(etc, "org.apache.karaf.shell.cfg"), {"sshPort": p.ssh, "sshHost": "127.0.0.1"})
        set_properties(os.path.join(etc, "org.apache.karaf.management.cfg"),
                       {"rmiRegistryPort": p.rmi_registry, "rmiServerPort": p.rmi_server})
        set_properties(os.path.join(etc, "org.nvo3.nva.southbound.cfg"),
                       {"bindAddress": "127.0.0.1", "port": p.openflow})
        initial = os.path.join(self.home, "configuration", "initial")
        os.makedirs(initial, exist_ok=True)
        # the feature installs its own pekko.conf (port 2550) only where none exists
        with open(os.path.join(initial, "pekko.conf"), "w") as f:
            f.write(PEKKO_CONF.format(port=p.pekko))

    # --- the process
    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KARAF_")}
        env["KARAF_EXEC"] = "exec"  # bin/karaf execs java: the process started here is the JVM
        out = open(os.path.join(self.home, "karaf.out"), "ab")
        try:
            self.process = subprocess.Popen([os.path.join(self.home, "bin", "karaf"), "server"], cwd=self.home,
                                            env=env, stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            out.close()
        with open(self.pid_file, "w") as f:
            f.write(str(self.process.pid))

    def wait_ready(self, timeout=240.0):
        """Waits until RESTCONF answers in JSON and the OpenFlow listener is up; returns the seconds."""
        start = time.monotonic()

        def ready():
            if self.process.poll() is not None:
                raise CheckFailed(f"Karaf exited with {self.process.returncode} while starting; "
                                  f"see {self.home}/karaf.out and {self.log.path}")
            # RESTCONF answers in JSON (before: nothing, 401 until AAA is up, Jetty's 404 until the servlet is)
            answers = [self.restconf.get(path) for path in READY_PATHS]
            return all(status not in (0, 401, 404) and isinstance(body, dict) for status, body in answers) \
                and bool(self.log.find(LISTENING))
        # ready, and still ready 2 s later: RESTCONF may answer 404 for a moment after its first answers
        since = []

        def steadily_ready():
            if not ready():
                since.clear()
                return False
            since[:] = since or [time.monotonic()]
            return time.monotonic() - since[0] >= STEADY_SECONDS
        wait_until(f"RESTCONF on {self.ports.restconf} and OpenFlow on {self.ports.openflow}", steadily_ready,
                   timeout=timeout, interval=0.5)
        return since[0] - start

    def stop(self, timeout=60.0):
        """SIGTERM to Karaf's process group (a clean shutdown), SIGKILL after `timeout`; returns the seconds."""
        if not self.process:
            return 0.0
        start = time.monotonic()
        pgid = self.process.pid
        signal_group(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
            while group_members(pgid) and time.monotonic() - start < timeout:
                time.sleep(0.1)
        except subprocess.TimeoutExpired:
            pass
        if self.process.poll() is None or group_members(pgid):
            print(f"Karaf did not stop within {timeout:g} s of SIGTERM: SIGKILL", flush=True)
            signal_group(pgid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        try:
            os.unlink(self.pid_file)
        except FileNotFoundError:
            pass
        return time.monotonic() - start

    def stop_leftover(self):
        """Stops a Karaf a crashed run left in this home (found by its pid file, checked by its command line)."""
        try:
            with open(self.pid_file) as f:
                pid = int(f.read().strip())
        except (FileNotFoundError, ValueError):
            return
        group = []
        for member in group_members(pid):
            try:
                with open(f"/proc/{member}/cmdline", "rb") as f:
                    if self.home.encode() in f.read():
                        group.append(member)
            except OSError:
                pass
        if group:
            print(f"stopping Karaf left by an earlier run (process group {pid})", flush=True)
            signal_group(pid, signal.SIGKILL)
        os.unlink(self.pid_file)


def group_members(pgid):
    """Pids of the live (not zombie) processes in process group pgid."""
    members = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):  # gone, or exiting while read (ESRCH)
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry))
    return members


def signal_group(pgid, sig):
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def set_properties(path, values):
    """Sets `key = value` lines in a Karaf .cfg file, replacing existing ones."""
    lines = []
    if os.path.exists(path):
        with open(path) as f:
            lines = f.read().splitlines()
    remaining = dict(values)
    for i, line in enumerate(lines):
        key = line.split("=", 1)[0].strip()
        if "=" in line and not line.lstrip().startswith("#") and key in remaining:
            lines[i] = f"{key} = {remaining.pop(key)}"
    lines += [f"{key} = {value}" for key, value in remaining.items()]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
