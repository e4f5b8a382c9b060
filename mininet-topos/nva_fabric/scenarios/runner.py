"""Runs scenarios against a private NVA: preflight, Karaf up, each scenario with its own teardown,
Karaf down, summary table. Exit status: 0 all passed, 1 a scenario failed, 2 cannot run here."""
import argparse
import fcntl
import os
import shutil
import signal
import time
import traceback

import nva_fabric.scenarios.southbound  # noqa: F401  (registers the scenarios)
import nva_fabric.scenarios.mobility  # noqa: F401,I100  (registers the scenarios, after the southbound ones)
import nva_fabric.scenarios.l3  # noqa: F401,I100  (registers the routed scenarios, after the mobility ones)
import nva_fabric.scenarios.mininet_topo  # noqa: F401,I100  (registers the scenario, last)
from nva_fabric.ovs_daemons import SCHEMA
from nva_fabric.required_tools import USES, problem as missing_tools
from nva_fabric.signals import Stop, shielded, stop
from nva_fabric.scenarios.context import Environment, ScenarioContext, leftovers
from nva_fabric.scenarios.karaf import Karaf, KarafPorts
from nva_fabric.scenarios.registry import SCENARIOS, CheckFailed
from nva_fabric.scenarios.vm_fabric import close_shared_fabric, fabric_leftovers

TOOLS = USES["scenarios"]  # the commands the scenarios run (required_tools.py; mininet-topo checks for mn itself)
CANNOT_RUN = 2


def preflight():
    """Why this machine cannot run the scenarios, or None."""
    problems = []
    if os.geteuid() != 0:
        problems.append("needs root (network namespaces, Open vSwitch)")
    tools = missing_tools(["scenarios"])
    if tools:
        problems.append(tools)
    if not os.path.exists(SCHEMA):
        problems.append(f"no OVS schema at {SCHEMA}")
    if not os.path.exists("/dev/net/tun"):
        problems.append("no /dev/net/tun (the userspace datapath needs it)")
    return "; ".join(problems) or None


def run_one(env, entry, number):
    """Runs a scenario and its teardown; returns (passed, numbers, seconds, failure text)."""
    ctx = ScenarioContext(env, f"{number:02d}-{entry.name}")
    mark = env.karaf.log.mark()
    start = time.monotonic()
    failure = None
    print(f"--- {entry.name}: {entry.summary}", flush=True)
    try:
        if not entry.shares_vm_fabric:
            close_shared_fabric(env)  # a scenario writing its own intent would pull the VMs' NVEs away
        numbers = entry.run(ctx) or {}
        ctx.numbers.update(numbers)
    except CheckFailed as error:
        failure = str(error)
    except Exception as error:  # a broken scenario is a failed scenario, not a crashed run
        failure = f"{type(error).__name__}: {error}"
        traceback.print_exc()
    finally:
        # NVA's lines of the scenario itself, before the teardown's
        nva_lines = [line for line in env.karaf.log.lines_since(mark) if "org.nvo3.nva" in line] if failure else []
        with shielded():
            try:
                ctx.close()
                if failure and entry.shares_vm_fabric:
                    close_shared_fabric(env)  # the next scenario starts from a new VM fabric, not this one's mess
            except CheckFailed as error:
                failure = failure or str(error)
    seconds = time.monotonic() - start
    if failure:
        print(f"    FAILED: {failure}", flush=True)
        if nva_lines:
            print(f"    NVA's karaf.log lines during {entry.name} (last 25):", flush=True)
            for line in nva_lines[-25:]:
                print("      " + line.split(" | ", 1)[0] + " | " + line.split(" | ")[-1], flush=True)
    print(f"    {'PASS' if not failure else 'FAIL'} in {seconds:.1f} s {format_numbers(ctx.numbers)}", flush=True)
    return not failure, ctx.numbers, seconds, failure


def format_numbers(numbers):
    return " ".join(f"{name}={value}" for name, value in numbers.items())


# the numbers a move scenario records, shown in columns of their own
MOVE_COLUMNS = (("sent", "sent", 6), ("lost", "lost", 5), ("convergence_us", "conv-us", 9))


def summary(results, karaf_seconds, total_seconds):
    width = max([len("scenario")] + [len(name) for name, *_ in results])
    moves = "".join(f"  {title:>{w}}" for _, title, w in MOVE_COLUMNS)
    lines = ["", "=" * 100, f"{'scenario':<{width}}  result  seconds{moves}  numbers", "-" * 100]
    for name, passed, numbers, seconds, _ in results:
        columns = "".join(f"  {str(numbers.get(key, '-')):>{w}}" for key, _, w in MOVE_COLUMNS)
        others = {key: value for key, value in numbers.items() if key not in {k for k, *_ in MOVE_COLUMNS}}
        lines.append(f"{name:<{width}}  {'PASS' if passed else 'FAIL':<6}  {seconds:7.1f}{columns}  "
                     f"{format_numbers(others)}")
    lines.append("-" * 100)
    failed = [(name, failure) for name, passed, _, _, failure in results if not passed]
    lines.append(f"{len(results)} scenarios, {len(results) - len(failed)} passed, {len(failed)} failed; "
                 f"Karaf ready in {karaf_seconds:.1f} s; total {total_seconds:.1f} s")
    for name, failure in failed:
        lines.append(f"FAIL {name}: {failure}")
    lines.append("=" * 100)
    return "\n".join(lines)


def parse(argv):
    parser = argparse.ArgumentParser(prog="python3 -m nva_fabric.scenarios", description=__doc__)
    parser.add_argument("names", nargs="*", help="scenarios to run (default: the default ones, in registry order)")
    parser.add_argument("--all", action="store_true", help="run every scenario, also the slow ones")
    parser.add_argument("--karaf", help="the built distribution: karaf/target/assembly or the .tar.gz")
    parser.add_argument("--prefix", default="nva-e2e-nve",
                        help="network namespace names <prefix><n>; also names the default directories")
    parser.add_argument("--work", help="where the Karaf copy runs (default /tmp/<prefix>/karaf)")
    parser.add_argument("--base", help="NVE run directories (default /tmp/<prefix>/nves)")
    parser.add_argument("--first-dpid", type=lambda text: int(text, 0), default=0xE2E001,
                        help="datapath id of NVE 1 (NVE i gets first-dpid + i - 1)")
    parser.add_argument("--restconf-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--openflow-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args(argv)
    if not args.list and not args.karaf:
        parser.error("--karaf is required")
    unknown = [name for name in args.names if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenarios {unknown}; known: {list(SCENARIOS)}")
    return args


def main(argv):
    args = parse(argv)
    if args.list:
        for entry in SCENARIOS.values():
            print(f"{entry.name:<37} {'' if entry.default else '(slow, not by default) '}{entry.summary}")
        return 0
    problem = preflight()
    if problem:
        print(f"Cannot run the NVA scenarios on this machine: {problem}", flush=True)
        return CANNOT_RUN
    root = os.path.join("/tmp", args.prefix)
    os.makedirs(root, exist_ok=True)
    lock = open(root + ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Another scenario run with prefix {args.prefix} is active ({root}.lock)", flush=True)
        return CANNOT_RUN
    signal.signal(signal.SIGTERM, stop)
    base = os.path.abspath(args.base or os.path.join(root, "nves"))
    os.makedirs(base, exist_ok=True)
    stale = leftovers(base, args.prefix)
    fabric_leftovers(base, args.prefix)
    if stale:
        print(f"stopped NVEs left by an earlier run: {stale}", flush=True)
    karaf = Karaf(args.karaf, args.work or os.path.join(root, "karaf"),
                  KarafPorts.free(args.restconf_port, args.openflow_port))
    names = args.names or [entry.name for entry in SCENARIOS.values() if entry.default or args.all]
    results = []
    begin = started = time.monotonic()
    current = "(Karaf start)"
    karaf_seconds = 0.0
    env = None
    try:
        print(f"NVA from {karaf.source} in {karaf.home}: RESTCONF on 127.0.0.1:{karaf.ports.restconf}, "
              f"OpenFlow on 127.0.0.1:{karaf.ports.openflow}", flush=True)
        karaf.prepare()
        karaf.start()
        karaf_seconds = karaf.wait_ready()
        print(f"NVA ready after {karaf_seconds:.1f} s", flush=True)
        logs = os.path.join(os.path.dirname(karaf.home), "scenario-logs")
        shutil.rmtree(logs, ignore_errors=True)
        env = Environment(karaf, base, args.prefix, args.first_dpid, logs)
        for number, name in enumerate(names, 1):
            current, started = name, time.monotonic()
            passed, numbers, seconds, failure = run_one(env, SCENARIOS[name], number)
            results.append((name, passed, numbers, seconds, failure))
    except CheckFailed as error:
        results.append(("(setup)", False, {}, time.monotonic() - begin, str(error)))
    except (KeyboardInterrupt, Stop) as signal_received:
        what = "Ctrl-C" if isinstance(signal_received, KeyboardInterrupt) else "SIGTERM"
        results.append((current, False, {}, time.monotonic() - started, f"interrupted by {what}; teardown ran"))
    finally:
        with shielded(reraise=False):
            if env:
                try:
                    close_shared_fabric(env)
                except Exception as error:  # the NVEs and namespaces are removed below anyway
                    traceback.print_exc()
                    results.append(("(VM fabric teardown)", False, {}, 0.0, str(error)))
            fabric_leftovers(base, args.prefix)
            leftovers(base, args.prefix)
            stopped = karaf.stop()
            print(f"Karaf stopped in {stopped:.1f} s; its log: {karaf.log.path}", flush=True)
    print(summary(results, karaf_seconds, time.monotonic() - begin), flush=True)
    return 0 if results and all(passed for _, passed, *_ in results) else 1
