"""A fabric with VMs, shared by the mobility scenarios of a run (building it and syncing NVA costs
seconds; the scenarios only move VMs around in it): 3 real OVS NVEs on an IPv4 or IPv6 underlay, the
overlapping tenants of tenants.py (blue and red, one VM of each per NVE), declared in NVA's fabric
intent with a short redirect-seconds.

The Environment keeps at most one such fabric (shared_fabric); the runner closes it at the end of
the run, also after a failure.
"""
import glob
import os

from nva_fabric.fabric import Fabric
from nva_fabric.ovs_daemons import run
from nva_fabric.ovs_nve import OvsNve
from nva_fabric.restconf import fabric_intent
from nva_fabric.scenarios.context import FABRIC, STATE, fabric_id, keep_logs, synced
from nva_fabric.scenarios.polling import wait_until
from nva_fabric.scenarios.registry import CheckFailed
from nva_fabric.tenants import NETWORKS, vm_specs

REDIRECT_SECONDS = 4
DPID_OFFSET = 0x100  # the shared fabric's datapath ids, apart from the southbound scenarios' NVEs


def fabric_prefix(env):
    return fabric_prefix_of(env.prefix)


def fabric_prefix_of(prefix):
    return prefix + "-"


def fabric_base(env):
    return os.path.join(env.base, "fabric")


class VmFabric:
    """The Fabric (fabric.Fabric: NVEs, VMs, moves) declared to the running NVA."""

    def __init__(self, env, family, colors, settings=None):
        """<settings>: fabric/settings leaves besides the defaults (redirect-seconds REDIRECT_SECONDS), e.g.
        {"dad-max-moves": 1000} for a benchmark that moves VMs many times."""
        self.env = env
        self.family = family
        self.colors = colors
        self.settings = dict(settings or {})
        self.fabric = Fabric(3, f"127.0.0.1:{env.karaf.ports.openflow}", family, fabric_prefix(env),
                             fabric_base(env), env.first_dpid + DPID_OFFSET)
        self.intent_written = False

    def open(self):
        self.fabric.start()
        for spec in vm_specs(self.colors):
            self.fabric.add_vm(spec)
        intent = fabric_intent(self.fabric, {vni: name for vni, name in NETWORKS.items()
                                             if name[0] in self.colors}, redirect_seconds=REDIRECT_SECONDS)
        intent["nva:fabric"]["settings"].update(self.settings)
        self.intent_written = True
        status, body = self.env.karaf.restconf.put(FABRIC, intent)
        if status not in (200, 201, 204):
            raise CheckFailed(f"PUT {FABRIC} (VM fabric): {status} {body}")
        ids = [fabric_id(nve) for nve in self.fabric.nves.values()]
        wait_until("the VM fabric's NVEs connected and synced", self.state,
                   lambda s: all(synced(entry) for entry in s.get("nve", []) if entry["id"] in ids)
                   and {e["id"] for e in s.get("nve", [])} >= set(ids), timeout=30)
        # every VM admitted at its port (table 0 matches its MAC) before any scenario sends
        wait_until("every VM's classifier flow on its NVE", self.missing_classifiers, lambda missing: not missing,
                   timeout=15)
        return self

    def missing_classifiers(self):
        tables = {i: nve.ofctl("dump-flows", "table=0") for i, nve in self.fabric.nves.items()}
        return [vm.spec.id for vm in self.fabric.vms.values() if f"dl_src={vm.spec.mac}" not in tables[vm.nve]]

    def state(self):
        """The whole nva:state ({} while NVA has none)."""
        status, body = self.env.karaf.restconf.get(STATE)
        if status == 200 and isinstance(body, dict):
            return body.get("nva:state", {})
        return {}

    def close(self, log_dir):
        problems = []
        try:
            for nve in self.fabric.nves.values():
                keep_logs(nve, log_dir)
        except OSError as error:
            problems.append(f"keeping the OVS logs: {error}")
        self.fabric.stop()
        if self.intent_written:
            status, body = self.env.karaf.restconf.delete(FABRIC)
            if status not in (204, 404, 409):
                problems.append(f"DELETE {FABRIC}: {status} {body}")
            try:
                wait_until("state/nve empty after the VM fabric's teardown", self.state,
                           lambda s: not s.get("nve"), timeout=15)
            except CheckFailed as error:
                problems.append(str(error))
        if problems:
            raise CheckFailed("VM fabric teardown: " + "; ".join(problems))


def shared_fabric(ctx, family=4, colors=("b", "r")):
    """The run's VM fabric with this underlay family and these VNIs: the one already up, or a new one
    (an existing fabric of another shape is torn down first)."""
    env = ctx.env
    current = getattr(env, "vm_fabric", None)
    if current and (current.family, current.colors) == (family, colors):
        return current.fabric, current
    close_shared_fabric(env)
    fabric = VmFabric(env, family, colors)
    env.vm_fabric = fabric
    try:
        fabric.open()
    except BaseException:
        close_shared_fabric(env)  # the next scenario builds a new one rather than use a half-built one
        raise
    return fabric.fabric, fabric


def close_shared_fabric(env):
    current = getattr(env, "vm_fabric", None)
    env.vm_fabric = None
    if current:
        env.vm_fabrics_closed = getattr(env, "vm_fabrics_closed", 0) + 1
        current.close(os.path.join(env.logs, f"vm-fabric-{env.vm_fabrics_closed}"))


def fabric_leftovers(env_base, prefix):
    """Removes what a crashed run's VM fabric left: its NVE daemons (by their pid files) and exactly its
    namespaces (<prefix>-ul, <prefix>-nve<i>, <prefix>-<vm>), not others that merely share the prefix."""
    base = os.path.join(env_base, "fabric")
    fabric_ns = fabric_prefix_of(prefix)
    for d in sorted(glob.glob(os.path.join(base, fabric_ns + "nve*"))):
        index = os.path.basename(d)[len(fabric_ns + "nve"):]
        if index.isdigit():
            OvsNve(int(index), 0, base=base, prefix=fabric_ns + "nve").stop()
    names = {"ul"} | {spec.id for spec in vm_specs()}
    for line in run("ip", "netns", "list").stdout.splitlines():
        netns = line.split(" ")[0]
        rest = netns[len(fabric_ns):] if netns.startswith(fabric_ns) else None
        if rest in names or (rest or "").startswith("nve") and rest[3:].isdigit():
            run("ip", "netns", "del", netns, check=False)
