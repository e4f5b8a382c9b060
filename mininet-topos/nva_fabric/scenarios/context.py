"""What a scenario works with: the running NVA (RESTCONF, karaf.log), a fabric of real OVS NVEs it
starts through the context, and the numbers it measures. close() tears down everything the scenario
started, whatever happened."""
import os
import shutil
import time
import traceback
from datetime import datetime

from nva_fabric.ovs_daemons import run
from nva_fabric.ovs_nve import OvsNve
from nva_fabric.scenarios.polling import wait_until
from nva_fabric.scenarios.registry import CheckFailed

FABRIC = "/rests/data/nva:fabric"
STATE = "/rests/data/nva:state?content=nonconfig"


class Environment:
    """Shared by all scenarios of a run: the Karaf, where NVEs run, their names and datapath ids."""

    def __init__(self, karaf, base, prefix, first_dpid, logs):
        self.karaf = karaf
        self.logs = logs
        self.base = base
        self.prefix = prefix
        self.first_dpid = first_dpid

    def dpid(self, index):
        return self.first_dpid + index - 1


class Unavailable(str):
    """What RESTCONF answered instead of state/nve (while it starts, or restarts its endpoints)."""


class ScenarioContext:
    def __init__(self, env, name):
        self.env = env
        self.log_dir = os.path.join(env.logs, name)
        self.karaf = env.karaf
        self.restconf = env.karaf.restconf
        self.log = env.karaf.log
        self.nves = []
        self.numbers = {}
        self.fabric_written = False

    def record(self, name, value):
        """Keeps a measured number for the summary (also when the scenario fails later) and returns it."""
        self.numbers[name] = round(value, 3) if isinstance(value, float) else value
        return value

    # --- intent
    def put_fabric(self, nve_count):
        """PUTs fabric/nve entries nve1..nve<count> with the datapath ids of the NVEs start_nve makes."""
        fabric = {"nva:fabric": {
            "nve": [{"id": f"nve{i}", "datapath-id": str(self.env.dpid(i)), "underlay-ip": f"192.0.2.{i}"}
                    for i in range(1, nve_count + 1)],
            "virtual-network": [{"vni": 5001, "name": "blue"}],
        }}
        self.fabric_written = True
        status, body = self.restconf.put(FABRIC, fabric)
        # Right after start-up RESTCONF has answered a PUT with 404 (and an empty body) once, between two
        # successful requests (seen in Pax Exam's NvaDistributionTest): say so and try again for a while.
        deadline = time.monotonic() + 5
        while status == 404 and time.monotonic() < deadline:
            print(f"    PUT {FABRIC} answered 404 {body!r}: retrying", flush=True)
            time.sleep(0.5)
            status, body = self.restconf.put(FABRIC, fabric)
        if status not in (200, 201, 204):
            raise CheckFailed(f"PUT {FABRIC}: {status} {body}")
        return fabric

    # --- NVEs
    def start_nve(self, index, dpid=None):
        nve = OvsNve(index, self.env.dpid(index) if dpid is None else dpid,
                     f"127.0.0.1:{self.karaf.ports.openflow}", self.env.base, self.env.prefix)
        self.nves.append(nve)  # before start: a half-started NVE is torn down too
        return nve.start()

    def start_nves(self, count):
        return [self.start_nve(i) for i in range(1, count + 1)]

    # --- state
    def state(self):
        """{id: state/nve entry}; {} when the state has no NVE."""
        state = self.state_or_unavailable()
        if isinstance(state, Unavailable):
            raise CheckFailed(f"GET {STATE}: {state}")
        return state

    def state_or_unavailable(self):
        status, body = self.restconf.get(STATE)
        if status == 409 or (status == 200 and not body):
            return {}
        if status != 200 or not isinstance(body, dict):
            return Unavailable(f"{status} {body}")
        return {entry["id"]: entry for entry in body.get("nva:state", {}).get("nve", [])}

    def await_state(self, what, done, timeout=5.0):
        """Polls state/nve until done(state) holds; returns (state, seconds)."""
        return wait_until(what, self.state_or_unavailable,
                          lambda state: not isinstance(state, Unavailable) and done(state), timeout=timeout)

    def fabric_with_nves(self, count, timeout=15.0):
        """The usual start: nve1..<count> in fabric/nve, their OVS NVEs up, connected and synced."""
        self.put_fabric(count)
        self.await_state(f"state/nve lists nve1..{count} from the fabric",
                         lambda s: all(f"nve{i}" in s for i in range(1, count + 1)))
        nves = self.start_nves(count)
        self.await_state(f"nve1..{count} connected and synced",
                         lambda s: all(synced(s.get(fabric_id(nve))) for nve in nves), timeout=timeout)
        return nves

    def close(self):
        """Stops the scenario's NVEs and deletes the fabric; raises CheckFailed if the state does not
        empty afterwards (the next scenario would start from a dirty NVA)."""
        problems = []
        for nve in self.nves:
            try:
                keep_logs(nve, self.log_dir)
                nve.stop()
            except Exception as error:  # keep tearing down the others
                traceback.print_exc()
                problems.append(f"stopping {nve.name}: {error}")
        self.nves = []
        if self.fabric_written:
            status, body = self.restconf.delete(FABRIC)
            if status not in (204, 404, 409):
                problems.append(f"DELETE {FABRIC}: {status} {body}")
            try:
                self.await_state("state/nve empty after the teardown", lambda s: not s, timeout=15)
            except CheckFailed as error:
                problems.append(str(error))
        if problems:
            raise CheckFailed("teardown: " + "; ".join(problems))


def keep_logs(nve, directory):
    """Copies the NVE's OVS logs (they go with its run directory) to directory/<nve>-<daemon>.log."""
    os.makedirs(directory, exist_ok=True)
    for daemon in ("ovs-vswitchd", "ovsdb-server"):
        if os.path.exists(nve.path(daemon + ".log")):
            shutil.copyfile(nve.path(daemon + ".log"), os.path.join(directory, f"{nve.name}-{daemon}.log"))


def fabric_id(nve):
    """The fabric/nve id put_fabric gives the NVE start_nve made with the same index."""
    return f"nve{nve.index}"


def synced(entry):
    """A state/nve entry of a connected NVE that has been synchronised at least once."""
    return bool(entry) and entry.get("connected") is True and bool(entry.get("last-sync"))


def sync_time(entry):
    return datetime.fromisoformat(entry["last-sync"].replace("Z", "+00:00"))


def leftovers(base, prefix):
    """Stops the NVEs a crashed run left: run directories under base (daemons and relay found by their
    pid files) and network namespaces named <prefix><n>."""
    names = set(os.listdir(base)) if os.path.isdir(base) else set()
    names |= set(line.split()[0] for line in run("ip", "netns", "list").stdout.splitlines() if line.strip())
    stopped = sorted(name for name in names if name.startswith(prefix) and name[len(prefix):].isdigit())
    for name in stopped:
        OvsNve(int(name[len(prefix):]), 0, base=base, prefix=prefix).stop()
    return stopped
