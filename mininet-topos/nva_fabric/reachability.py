"""Who reaches whom in an overlay with two VNIs and overlapping addresses, checked with ping from the VMs.

Works on anything shaped like fabric.Fabric (vms {id: fabric.Vm} with netns, spec.vni, spec.ips, spec.mac):
a fabric.Fabric or an mn_fabric.MininetFabric. Every VM pings every address of every other VM of its VNI
(expected: answered, and the neighbour entry holds that VM's MAC, not the MAC of the VM with the same address
in the other VNI) and every address of the other VNI's VMs that its own VNI does not have (expected: no
answer). All pings run at once, so the unanswered ones cost one wait (~3 s) in total.
"""
import re
import subprocess
from dataclasses import dataclass, field


@dataclass
class Reachability:
    same_vni: int = 0
    cross_vni: int = 0
    failures: list = field(default_factory=list)  # same-VNI addresses not reached, or reached at a wrong MAC
    leaks: list = field(default_factory=list)  # other-VNI addresses that answered

    @property
    def ok(self):
        return self.same_vni > 0 and not self.failures and not self.leaks

    def line(self):
        return (f"reachability: {self.same_vni - len(self.failures)}/{self.same_vni} same-VNI address pairs OK; "
                f"cross-VNI: {len(self.leaks)}/{self.cross_vni} answered (expected 0)")


def ping_counts(text):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def ping_command(netns, ip, count=3, timeout=2):
    """Three echo requests 0.5 s apart, each waited for up to 2 s: one answer is enough. Patient, because
    the first contact needs an ARP or NS answered by NVA, and the check starts ~90 of them at once (through
    the NVEs' punt meter, on a machine that may be busy)."""
    return ["ip", "netns", "exec", netns, "ping", "-6" if ":" in ip else "-4", "-n", "-q", "-c", str(count),
            "-i", "0.5", "-W", str(timeout), ip]


def neighbour_mac(netns, ip):
    out = subprocess.run(["ip", "-n", netns, "neigh", "show", ip], capture_output=True, text=True).stdout
    m = re.search(r"lladdr (\S+)", out)
    return m.group(1) if m else None


def check(fabric):
    """Pings as described in the module's doc; returns a Reachability."""
    vms = list(fabric.vms.values())
    probes = []  # (source vm, target vm, ip, same VNI?)
    for a in vms:
        own = {ip for vm in vms if vm.spec.vni == a.spec.vni for ip in vm.spec.ips}
        for b in vms:
            if a is b:
                continue
            same = a.spec.vni == b.spec.vni
            for ip in b.spec.ips:
                if same or ip not in own:
                    probes.append((a, b, ip, same))
    procs = [subprocess.Popen(ping_command(a.netns, ip), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for a, _, ip, _ in probes]
    result = Reachability()
    for (a, b, ip, same), proc in zip(probes, procs):
        sent, got = ping_counts(proc.communicate(timeout=30)[0])
        if same:
            result.same_vni += 1
            if not got:
                result.failures.append(f"{a.spec.id} -> {b.spec.id} {ip}: {got}/{sent} answered")
            else:
                mac = neighbour_mac(a.netns, ip)
                if mac != b.spec.mac:
                    result.failures.append(f"{a.spec.id} resolved {ip} to {mac}, expected {b.spec.mac} ({b.spec.id})")
        else:
            result.cross_vni += 1
            if got:
                result.leaks.append(f"{a.spec.id} (VNI {a.spec.vni}) reached {b.spec.id}'s {ip} (VNI {b.spec.vni})")
    return result


def report(result, out=print):
    out(result.line())
    for line in result.failures + result.leaks:
        out("  FAIL " + line)
    return result.ok
