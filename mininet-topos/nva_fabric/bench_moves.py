"""Move benchmark: how long a moving VM is unreachable, per kind of move, on real OVS NVEs at 1,000 probes/s.

  cd mininet-topos
  sudo /usr/bin/python3 -m nva_fabric.bench_moves --assembly ../karaf/target/assembly --moves 20 --out /tmp/moves

Starts a private NVA (scenarios/karaf.py: a copy of the assembly or tarball on free ports, clean datastore) and
the scenarios' VM fabric (scenarios/vm_fabric.py: 3 OVS NVEs in namespaces, VNIs blue and red, b1..b3 and r1..r3
one per NVE) with fabric/settings dad-max-moves raised for the run (a VM moves more often than the default 5
moves per 180 s allows) and a short redirect-seconds; then makes --moves moves of each kind, interleaved
(round r does one of every kind), each of a VM of one VNI from its NVE to another while a VM of the same VNI on
the third NVE probes it:

  port-named      the new br-int port has the VM's declared port name, no RPC (NVA: trigger port-added);
                  the kernel announces on link-up as well, as a guest's does
  announced       migrate-vm {vm, target-nve, port} first, then the link move (trigger orchestrator)
  announced-ofport  as announced, with migrate-vm's ofport: the new port is added with that ofport_request, so
                  NVA programs the target's flows for it before the port exists
  learned-kernel  a port naming no VM (tp<n>), the kernel's GARP + unsolicited NA on link-up
  learned-garp    a port naming no VM, one gratuitous ARP only (IPv6 off until the measurement is over)
  learned-na      a port naming no VM, unsolicited NAs only
  learned-rarp    a port naming no VM, one RARP only (as QEMU sends)

The link move is the fabric's (fabric.Fabric.migrate): delete the old port, create the new veth with the VM side
down (the VM's neighbour entry for the prober is kept, as a live-migrated guest keeps its ARP cache), add the port
to the target br-int, bring the VM side up. The probe is move_probe.py: UDP datagrams at a constant 1,000/s from
the prober's namespace to an echo responder in the mover's namespace, sent on a fixed schedule whatever comes back,
every send and reply stamped with CLOCK_MONOTONIC, one file per move; prober and responder run SCHED_FIFO.

Per move (all times CLOCK_MONOTONIC; Fabric.migrate stamps the move):
  link_up_to_first_reply_ms  from the moment the VM side of the new link is up (stamped right after the
                             in-process SIOCSIFFLAGS) to the arrival of the first reply whose probe was SENT after
                             the old port was gone (ovs-vsctl del-port returned): the first answer that can only
                             have come through the new port. It includes the probe's round trip (~1 ms) and up to
                             one probe interval (1 ms) of sampling.
  lost                       probes never answered (of all sent during the ~2 s around the move)
  longest_gap_ms             the longest time between two consecutive reply arrivals
  detach_ms                  old port gone -> link-up (the VM has no port; the link move's own time)
  link_up_to_detection_ms    link-up -> NVA's detected-at (NVA's wall clock mapped onto CLOCK_MONOTONIC: approximate,
                             negative when NVA detected the move before link-up, e.g. from the RPC or the port ADD)
  convergence_us, timeline   from NVA's state/migration record: trigger, convergence-micros and, where the build
                             has it, the timeline's stages (microseconds from detection) and per-NVE flow-mods and
                             barrier times
Per kind: p50, p90 and max (nearest rank) of each. Written to --out: results.json (everything, also per move),
results.md (tables), moves.png (matplotlib), probes/ (the prober's raw files) and, for the first 4 moves that
lost their traffic (more than 500 probes, or no reply before the move), outage-<index>.txt: what every NVE held
then (fabric_diagnostics.py: tunnel neighbours, routes, datapath and br-int flows). Everything it started (Karaf,
NVEs, namespaces, probe processes) is stopped at the end, also on failure, Ctrl-C or SIGTERM.
"""
import argparse
import fcntl
import json
import math
import os
import platform
import select
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from types import SimpleNamespace

from nva_fabric.fabric_diagnostics import capture
from nva_fabric.move_probe import PORT as PROBE_PORT, read_result
from nva_fabric.ovs_daemons import run
from nva_fabric.required_tools import problem as missing_tools
from nva_fabric.restconf import nve_id
from nva_fabric.routed_tenants import GATEWAY_MAC, gateway_of
from nva_fabric.scenarios.context import Environment
from nva_fabric.scenarios.karaf import Karaf, KarafPorts
from nva_fabric.scenarios.mobility import DONE, MIGRATE_VM, address, migrations, new_migrations
from nva_fabric.scenarios.registry import CheckFailed
from nva_fabric.scenarios.l3 import RoutedFabric
from nva_fabric.scenarios.vm_fabric import VmFabric, fabric_leftovers
from nva_fabric.signals import Stop, shielded, stop
from nva_fabric.traffic import pin_neighbour

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("port-named", "announced", "announced-ofport", "learned-kernel", "learned-garp", "learned-na",
         "learned-rarp")
ANNOUNCED = ("announced", "announced-ofport")
ANNOUNCE = {"port-named": "kernel", "announced": "kernel", "announced-ofport": "kernel",
            "learned-kernel": "kernel", "learned-garp": "garp", "learned-na": "na", "learned-rarp": "rarp"}
FIRST_OFPORT = 1000  # announced-ofport moves request FIRST_OFPORT + the move's index
EXPECTED_TRIGGER = {"port-named": ("port-added",), "announced": ("orchestrator",),
                    "announced-ofport": ("orchestrator",),
                    "learned-kernel": ("gratuitous-arp", "unsolicited-na"), "learned-garp": ("gratuitous-arp",),
                    "learned-na": ("unsolicited-na",), "learned-rarp": ("rarp",)}
# a move that lost more probes than this (about a second at 1,000/s) lost its traffic: the NVEs' state is captured
OUTAGE_PROBES = 500
MAX_CAPTURES = 4
STAGES = ("handled", "decided", "compiled", "converged", "published", "notified")  # timeline <stage>-micros
METRICS = (("link_up_to_first_reply_ms", "link-up -> first reply (ms)"),
           ("convergence_us", "convergence-micros"),
           *((f"{stage}_us", f"timeline {stage}-micros") for stage in STAGES),
           ("nve_written_max_us", "timeline nve written-micros (max over NVEs)"),
           ("nve_barrier_max_us", "timeline nve barrier-micros (max over NVEs)"),
           ("flow_mods", "timeline flow-mods (sum over NVEs)"),
           ("link_up_to_detection_ms", "link-up -> detected-at (ms, approx.)"),
           ("lost", "probes lost"),
           ("longest_gap_ms", "longest gap between replies (ms)"),
           ("detach_ms", "detach: old port gone -> link-up (ms)"))


def say(*parts):
    print(*parts, flush=True)


# --- statistics
def nearest_rank(values, percent):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"n": len(values), "p50": nearest_rank(values, 50), "p90": nearest_rank(values, 90), "max": max(values)}


# --- which VM moves where, probed from where
class Planner:
    """Alternates VNIs and, within a VNI, moves the VM that moved least recently; the prober is another VM of its
    VNI on another NVE and the target the third NVE, so every move is a real move and the prober's NVE is
    neither end of it (three VMs per VNI on three NVEs never all end up on one NVE this way)."""

    def __init__(self, fabric):
        self.fabric = fabric
        self.last_moved = {vm_id: -1 for vm_id in fabric.vms}

    def next(self, index, round_index):
        vms = self.fabric.vms
        vnis = sorted({vm.spec.vni for vm in vms.values()})
        vni = vnis[(index + round_index) % len(vnis)]
        members = sorted((vm for vm in vms.values() if vm.spec.vni == vni),
                         key=lambda vm: (self.last_moved[vm.spec.id], vm.spec.id))
        for mover in members:
            others = sorted((vm for vm in members if vm is not mover and vm.nve != mover.nve),
                            key=lambda vm: (self.last_moved[vm.spec.id], vm.spec.id))
            if others:
                prober = others[0]
                target = next(i for i in self.fabric.nves if i not in (mover.nve, prober.nve))
                self.last_moved[mover.spec.id] = index
                return mover.spec.id, prober.spec.id, target
        raise RuntimeError(f"no VM of VNI {vni} can move with a prober on a third NVE: "
                           f"{[(vm.spec.id, vm.nve) for vm in members]}")


class RoutedPlanner:
    """For the routed fabric (routed_tenants.py): a2 (a-back) moves round the NVEs (2->3->1->2...), probed from
    a-front's VM on the NVE that is neither end (a1, a4 or a3 on nve1, nve2, nve3): every probe and reply is
    routed by the distributed gateway, and with three directions the kinds of move take turns in each."""

    def __init__(self, fabric):
        self.fabric = fabric

    def next(self, index, round_index):
        mover = self.fabric.vms["a2"]
        target = mover.nve % len(self.fabric.nves) + 1
        third = ({1, 2, 3} - {mover.nve, target}).pop()
        prober = next(vm.spec.id for vm in self.fabric.vms.values() if vm.spec.vni == 6001 and vm.nve == third)
        return "a2", prober, target


# --- one move
class Bench:
    def __init__(self, args, vf, karaf, out):
        self.args = args
        self.vf = vf
        self.fabric = vf.fabric
        self.karaf = karaf
        self.out = out
        self.probes_dir = os.path.join(out, "probes")
        os.makedirs(self.probes_dir, exist_ok=True)
        self.children = []
        self.fresh_ports = 0
        self.captures = 0

    def fresh_port(self):
        self.fresh_ports += 1
        return f"tp{self.fresh_ports}"

    def spawn(self, *args, stdout=None):
        proc = subprocess.Popen([sys.executable, "-m", "nva_fabric.move_probe", *args], cwd=PACKAGE_PARENT,
                                stdout=stdout, text=True, stdin=subprocess.DEVNULL)
        self.children.append(proc)
        return proc

    def stop_children(self):
        for proc in self.children:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.children:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.children = [proc for proc in self.children if proc.poll() is None]

    def start_responders(self):
        for vm in self.fabric.vms.values():
            self.spawn("echo", vm.netns, "--port", str(PROBE_PORT))

    def move(self, index, total, kind, mover_id, prober_id, target):
        fabric = self.fabric
        mover, prober = fabric.vms[mover_id], fabric.vms[prober_id]
        source = mover.nve
        announce = ANNOUNCE[kind]
        port = mover.spec.port if kind == "port-named" else self.fresh_port()
        ip, prober_ip = address(mover, 4), address(prober, 4)
        row = {"index": index, "kind": kind, "vm": mover_id, "from": nve_id(source), "to": nve_id(target),
               "prober": prober_id, "prober_nve": nve_id(prober.nve), "port": port, "announce": announce}
        if self.args.routed:
            # both ends reach each other through their gateways, resolved once before (a guest keeps its ARP cache)
            pin_neighbour(fabric, prober_id, gateway_of(prober.spec, 4), GATEWAY_MAC)
            kept = [(gateway_of(mover.spec, 4), GATEWAY_MAC)]
        else:
            pin_neighbour(fabric, prober_id, ip, mover.spec.mac)
            kept = [(prober_ip, prober.spec.mac)]
        probe_file = os.path.join(self.probes_dir, f"{index:03d}-{kind}-{mover_id}.bin")
        row["probe_file"] = os.path.relpath(probe_file, self.out)
        proc = self.spawn("probe", prober.netns, ip, probe_file, "--port", str(PROBE_PORT), "--pps",
                          str(self.args.pps), "--drain", str(self.args.drain), "--max-seconds", "120",
                          stdout=subprocess.PIPE)
        stamps = {}
        try:
            ready, _, _ = select.select([proc.stdout], [], [], 5.0)
            if not ready or proc.stdout.readline().strip() != "first-reply":
                row["error"] = f"{prober_id} got no reply from {mover_id} ({ip}) before the move"
                self.diagnose(index, row["error"], row)
                return row
            time.sleep(self.args.settle)
            known = set(migrations(self.vf))
            ofport = FIRST_OFPORT + index if kind == "announced-ofport" else None
            if kind in ANNOUNCED:
                request = {"vm": mover_id, "target-nve": nve_id(target), "port": port}
                if ofport is not None:
                    request["ofport"] = ofport
                status, body = self.karaf.restconf.request("POST", MIGRATE_VM, {"input": request})
                if status != 200:
                    row["error"] = f"migrate-vm answered {status} {body}"
                    return row
                new_migrations(self.vf, mover_id, known, states=("announced",), timeout=5)
            fabric.migrate(mover_id, target, announce=announce, port=port,
                           neighbours=kept, stamps=stamps, ofport=ofport)
            wall_minus_mono = time.time_ns() - time.monotonic_ns()
            time.sleep(self.args.after)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            proc.stdout.close()
            self.children.remove(proc)
            if announce in ("garp", "na", "rarp") and stamps:
                fabric.restore_ipv6(mover_id)
        try:
            record = new_migrations(self.vf, mover_id, known, states=DONE, timeout=10)[-1]
        except CheckFailed as error:
            record = None
            row["error"] = str(error)
        row.update(analyse_probe(read_result(probe_file), stamps))
        if record:
            row.update(from_record(record, stamps["link_up"], wall_minus_mono))
            row["expected_trigger"] = row["trigger"] in EXPECTED_TRIGGER[kind]
        if row.get("lost", 0) > OUTAGE_PROBES:
            self.diagnose(index, f"move {index} ({kind}, {mover_id} to {nve_id(target)}) lost {row['lost']} probes",
                          row)
        say(f"  [{index}/{total}] {format_row(row)}")
        return row

    def diagnose(self, index, why, row):
        """Captures what the NVEs hold (fabric_diagnostics) for the first MAX_CAPTURES moves that lost their traffic;
        the file is named in the row."""
        if self.captures >= MAX_CAPTURES:
            return
        self.captures += 1
        path = capture(self.fabric, os.path.join(self.out, f"outage-{index:03d}.txt"), why)
        row["diagnostics"] = os.path.relpath(path, self.out)
        say(f"  [{index}] {why}: the NVEs' state is in {path}")


def analyse_probe(result, stamps):
    """The per-move numbers of the probe (see the module's docstring for their definitions)."""
    sent = result.sent_ns
    first = {}
    for seq, arrived in zip(result.reply_seq, result.reply_ns):
        if seq < len(sent) and seq not in first:
            first[seq] = arrived
    gone, up, delete = stamps["gone"], stamps["link_up"], stamps["delete"]
    after = [arrived for seq, arrived in first.items() if sent[seq] > gone]
    arrivals = sorted(first.values())
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
    span = (sent[-1] - sent[0]) / 1e9 if len(sent) > 1 else 0
    return {
        "sent": len(sent),
        "pps": round((len(sent) - 1) / span, 1) if span else 0.0,
        "lost": len(sent) - len(first),
        "lost_before_move": sum(1 for seq, t in enumerate(sent) if t < delete and seq not in first),
        "link_up_to_first_reply_ms": round((min(after) - up) / 1e6, 3) if after else None,
        "longest_gap_ms": round(max(gaps) / 1e6, 3) if gaps else None,
        "detach_ms": round((up - gone) / 1e6, 3),
        "link_move_ms": round((up - delete) / 1e6, 3),
        # the move's moments, ms after the first probe was sent
        "stamps_ms": {name: round((t - sent[0]) / 1e6, 3) for name, t in stamps.items()} if len(sent) else {},
        "first_lost_ms": next((round((t - sent[0]) / 1e6, 3) for seq, t in enumerate(sent) if seq not in first), None),
        "sender_lag_shifts": result.lag_shifts,
        "send_errors": result.send_errors,
    }


def iso_to_ns(text):
    """Nanoseconds since the epoch of a yang:date-and-time with up to 9 fractional digits."""
    text = text.replace("Z", "+00:00")
    main, _, rest = text.partition(".")
    fraction, zone = "", ""
    if rest:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        fraction, zone = rest[:digits], rest[digits:]
    else:
        main, zone = text[:19], text[19:]
    seconds = datetime.fromisoformat(main + (zone or "+00:00")).timestamp()
    return int(seconds) * 1_000_000_000 + int((fraction + "000000000")[:9])


def from_record(record, link_up_ns, wall_minus_mono):
    row = {"record": record.get("id"), "trigger": record.get("trigger"), "state": record.get("state"),
           "convergence_us": int(record["convergence-micros"]) if "convergence-micros" in record else None}
    if record.get("detected-at"):
        detected_mono = iso_to_ns(record["detected-at"]) - wall_minus_mono
        row["link_up_to_detection_ms"] = round((detected_mono - link_up_ns) / 1e6, 3)
    timeline = record.get("timeline")
    if timeline:
        row["timeline"] = timeline
        row["detected_by"] = timeline.get("detected-by")
        for stage in STAGES:
            if f"{stage}-micros" in timeline:
                row[f"{stage}_us"] = int(timeline[f"{stage}-micros"])
        nves = timeline.get("nve", [])
        if nves:
            row["flow_mods"] = sum(int(n.get("flow-mods", 0)) for n in nves)
            for key in ("written", "barrier"):
                values = [int(n[f"{key}-micros"]) for n in nves if f"{key}-micros" in n]
                if values:
                    row[f"nve_{key}_max_us"] = max(values)
    return row


def format_row(row):
    parts = [f"{row['kind']} {row['vm']} {row['from']}->{row['to']} port {row['port']} (prober {row['prober']}@"
             f"{row['prober_nve']})"]
    if "link_up_to_first_reply_ms" in row:
        parts.append(f"link-up->first reply {row['link_up_to_first_reply_ms']} ms, lost {row['lost']}, "
                     f"gap {row['longest_gap_ms']} ms, detach {row['detach_ms']} ms, {row['pps']} pps")
    if row.get("trigger"):
        parts.append(f"trigger {row['trigger']}{'' if row.get('expected_trigger') else ' (UNEXPECTED)'} "
                     f"{row['state']} {row['convergence_us']} us, detected {row.get('link_up_to_detection_ms')} ms "
                     f"after link-up")
    if row.get("timeline"):
        parts.append("timeline " + " ".join(f"{s}={row[s + '_us']}" for s in STAGES if s + "_us" in row))
    if row.get("error"):
        parts.append("ERROR " + row["error"])
    return "; ".join(parts)


# --- results
def summarise(rows, kinds):
    summary = {}
    for kind in kinds:
        mine = [r for r in rows if r["kind"] == kind]
        triggers = {}
        for r in mine:
            triggers[str(r.get("trigger"))] = triggers.get(str(r.get("trigger")), 0) + 1
        summary[kind] = {"moves": len(mine), "errors": sum(1 for r in mine if r.get("error")),
                         "triggers": triggers,
                         "metrics": {key: stats([r.get(key) for r in mine]) for key, _ in METRICS}}
    return summary


def fmt(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def summary_lines(summary):
    lines = []
    for kind, entry in summary.items():
        lines.append(f"{kind}: {entry['moves']} moves, triggers {entry['triggers']}, errors {entry['errors']}")
        for key, title in METRICS:
            s = entry["metrics"][key]
            if s:
                lines.append(f"    {title:<46} p50 {fmt(s['p50']):>9}  p90 {fmt(s['p90']):>9}  max {fmt(s['max']):>9}"
                             f"  (n={s['n']})")
    return lines


def markdown(report):
    meta = report["run"]
    lines = [f"# Move benchmark, {meta['date']}", "",
             f"NVA: `{meta['assembly']}` ({meta['label'] or 'no label'}); {meta['moves_per_kind']} moves per kind, "
             f"probes {meta['pps']}/s; redirect-seconds {meta['settings']['redirect-seconds']}, dad-max-moves "
             f"{meta['settings']['dad-max-moves']}; load average {meta['loadavg_before']} before, "
             f"{meta['loadavg_after']} after; {meta['cpus']} CPUs; {meta['kernel']}; {meta['ovs']}.", "",
             "p50 / p90 / max per kind (nearest rank):", "",
             "| kind | moves | triggers | " + " | ".join(title for _, title in METRICS) + " |",
             "|---|---|---|" + "---|" * len(METRICS)]
    for kind, entry in report["summary"].items():
        cells = []
        for key, _ in METRICS:
            s = entry["metrics"][key]
            cells.append(f"{fmt(s['p50'])} / {fmt(s['p90'])} / {fmt(s['max'])}" if s else "-")
        triggers = ", ".join(f"{t} {n}" for t, n in entry["triggers"].items())
        lines.append(f"| {kind} | {entry['moves']} | {triggers} | " + " | ".join(cells) + " |")
    columns = ("index", "kind", "vm", "from", "to", "port", "trigger", "link_up_to_first_reply_ms", "lost",
               "longest_gap_ms", "detach_ms", "convergence_us", *(f"{s}_us" for s in STAGES),
               "link_up_to_detection_ms", "error")
    lines += ["", "Per move:", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in report["moves"]:
        lines.append("| " + " | ".join(fmt(row.get(c)).replace("|", "/") for c in columns) + " |")
    return "\n".join(lines) + "\n"


def plot(report, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    kinds = [k for k, e in report["summary"].items() if e["moves"]]
    rows = report["moves"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 5.5))
    data = [[r["link_up_to_first_reply_ms"] for r in rows if r["kind"] == k
             and r.get("link_up_to_first_reply_ms") is not None] for k in kinds]
    left.boxplot([d or [float("nan")] for d in data], labels=kinds, whis=(0, 100))
    for i, d in enumerate(data, 1):
        left.scatter([i] * len(d), d, s=10, alpha=0.5)
    left.set_ylabel("ms")
    left.set_title("link-up -> first reply through the new port (box: quartiles, whiskers: min/max)")
    left.tick_params(axis="x", rotation=20)
    # p50 of each stage, in ms from NVA's detection (the timeline's stages are cumulative), and the probe's view
    series = [("link_up_to_detection_ms", "link-up -> detection", 1)]
    series += [(f"{s}_us", f"{s} (from detection)", 1e-3) for s in STAGES]
    series += [("convergence_us", "convergence-micros", 1e-3),
               ("link_up_to_first_reply_ms", "link-up -> first reply", 1)]
    series = [(key, label, scale) for key, label, scale in series
              if any(report["summary"][k]["metrics"][key] for k in kinds)]
    width = 0.8 / max(1, len(series))
    for j, (key, label, scale) in enumerate(series):
        values = []
        for k in kinds:
            s = report["summary"][k]["metrics"][key]
            values.append(s["p50"] * scale if s else 0)
        right.bar([i + j * width for i in range(len(kinds))], values, width, label=label)
    right.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(kinds))])
    right.set_xticklabels(kinds, rotation=20)
    right.axhline(0, color="black", linewidth=0.5)
    right.set_ylabel("ms (p50)")
    right.set_title("per stage, p50 per kind")
    right.legend(fontsize=8)
    meta = report["run"]
    fig.suptitle(f"NVA move benchmark {meta['date']} ({meta['label'] or meta['assembly']}), "
                 f"{meta['moves_per_kind']} moves/kind, {meta['pps']} probes/s, load {meta['loadavg_before']}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def read_settings(karaf):
    status, body = karaf.restconf.get("/rests/data/nva:fabric/settings?content=config")
    return body.get("nva:settings", body) if status == 200 and isinstance(body, dict) else {"status": status}


def ovs_version():
    try:
        return run("ovs-vswitchd", "--version").stdout.splitlines()[0]
    except Exception:  # only for the report
        return "ovs-vswitchd ?"


# --- the run
def parse(argv):
    parser = argparse.ArgumentParser(prog="python3 -m nva_fabric.bench_moves", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assembly", required=True, help="karaf/target/assembly or the distribution's .tar.gz")
    parser.add_argument("--moves", type=int, default=20, help="moves of each kind")
    parser.add_argument("--out", required=True, help="directory for results.json, results.md, moves.png, probes/")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated subset of {','.join(KINDS)}")
    parser.add_argument("--pps", type=int, default=1000, help="probes per second")
    parser.add_argument("--settle", type=float, default=0.5, help="seconds of probing before a move")
    parser.add_argument("--after", type=float, default=1.0, help="seconds of probing after a move")
    parser.add_argument("--drain", type=float, default=0.3, help="seconds the prober waits for the last replies")
    parser.add_argument("--redirect-seconds", type=int, default=2, help="fabric/settings redirect-seconds")
    parser.add_argument("--dad-max-moves", type=int, default=0,
                        help="fabric/settings dad-max-moves (default: max(1000, 2 x all moves))")
    parser.add_argument("--label", default="", help="what is measured, e.g. 'main 8e26673' (goes into the results)")
    parser.add_argument("--routed", action="store_true",
                        help="the routed fabric (routed_tenants.py): a2 moves, probed from the other subnet")
    parser.add_argument("--prefix", default="nva-bmv", help="namespace prefix; also names /tmp/<prefix>")
    parser.add_argument("--first-dpid", type=lambda text: int(text, 0), default=0xB3E001)
    args = parser.parse_args(argv)
    args.kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in args.kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kinds {unknown}; known: {', '.join(KINDS)}")
    if args.moves < 1 or args.pps < 1:
        parser.error("--moves and --pps are at least 1")
    if not args.dad_max_moves:
        args.dad_max_moves = min(65535, max(1000, 2 * args.moves * len(args.kinds)))
    return args


def main(argv):
    args = parse(argv)
    if os.geteuid() != 0:
        say("bench_moves needs root (network namespaces, Open vSwitch)")
        return 2
    lacking = missing_tools(["bench", "bench-modules"])
    if lacking:
        say(f"bench_moves cannot run on this machine: {lacking}")
        return 2
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    root = os.path.join("/tmp", args.prefix)
    os.makedirs(root, exist_ok=True)
    lock = open(root + ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        say(f"another bench_moves run with prefix {args.prefix} is active ({root}.lock)")
        return 2
    signal.signal(signal.SIGTERM, stop)
    base = os.path.join(root, "nves")
    fabric_leftovers(base, args.prefix)
    karaf = Karaf(args.assembly, os.path.join(root, "karaf"), KarafPorts.free())
    settings = {"redirect-seconds": args.redirect_seconds, "dad-max-moves": args.dad_max_moves}
    rows, bench, vf = [], None, None
    report = {"run": {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "assembly": os.path.abspath(args.assembly),
        "label": args.label, "routed": args.routed, "moves_per_kind": args.moves, "kinds": args.kinds,
        "pps": args.pps,
        "settle_s": args.settle, "after_s": args.after, "settings": settings,
        "loadavg_before": " ".join(f"{v:.2f}" for v in os.getloadavg()), "cpus": os.cpu_count(),
        "kernel": platform.release(), "ovs": ovs_version(), "python": platform.python_version()}}
    status = 1
    try:
        say(f"NVA from {karaf.source}: RESTCONF 127.0.0.1:{karaf.ports.restconf}, OpenFlow "
            f"127.0.0.1:{karaf.ports.openflow}")
        karaf.prepare()
        karaf.start()
        say(f"NVA ready after {karaf.wait_ready():.1f} s (log {karaf.log.path})")
        env = Environment(karaf, base, args.prefix, args.first_dpid, os.path.join(root, "logs"))
        if args.routed:
            ctx = SimpleNamespace(env=env, restconf=karaf.restconf, log_dir=os.path.join(root, "logs"))
            vf = RoutedFabric(ctx, 4, settings=settings)
        else:
            vf = VmFabric(env, 4, ("b", "r"), settings=settings)
        vf.open()
        written = read_settings(karaf)
        report["run"]["settings_read_back"] = written
        say(f"fabric/settings for the run: dad-max-moves {settings['dad-max-moves']}, redirect-seconds "
            f"{settings['redirect-seconds']} (read back: {written})")
        bench = Bench(args, vf, karaf, out)
        bench.start_responders()
        planner = RoutedPlanner(vf.fabric) if args.routed else Planner(vf.fabric)
        total = args.moves * len(args.kinds)
        say(f"{total} moves: {args.moves} of each of {', '.join(args.kinds)}, probed at {args.pps}/s")
        index = 0
        for round_index in range(args.moves):
            for kind in args.kinds:
                index += 1
                mover, prober, target = planner.next(index, round_index)
                rows.append(bench.move(index, total, kind, mover, prober, target))
        status = 0
    except (KeyboardInterrupt, Stop) as interrupted:
        say(f"{'Ctrl-C' if isinstance(interrupted, KeyboardInterrupt) else 'SIGTERM'}: tearing down")
        report["run"]["interrupted"] = True
    except Exception as error:  # the results so far are still written
        say(f"bench_moves failed: {type(error).__name__}: {error}")
        report["run"]["failure"] = f"{type(error).__name__}: {error}"
    finally:
        with shielded(reraise=False):
            if bench:
                bench.stop_children()
            if vf:
                try:
                    vf.close(os.path.join(root, "logs"))
                except Exception as error:  # the namespaces go below anyway
                    say(f"VM fabric teardown: {error}")
            fabric_leftovers(base, args.prefix)
            say(f"Karaf stopped in {karaf.stop():.1f} s")
    report["run"]["loadavg_after"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    report["run"]["karaf_log"] = karaf.log.path
    report["moves"] = rows
    report["summary"] = summarise(rows, args.kinds)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(report, f, indent=1)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(markdown(report))
    if rows:
        plot(report, os.path.join(out, "moves.png"))
    say("")
    for line in summary_lines(report["summary"]):
        say(line)
    errors = [r for r in rows if r.get("error")]
    say(f"\n{len(rows)} moves, {len(errors)} with errors; results in {out} (results.json, results.md, moves.png, "
        f"probes/)")
    return status if not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
