"""Transient states while a flow table changes under traffic, on real Open vSwitch (userspace datapath):
ordered batches against bundles. A benchmark that prints numbers, not a test.

  cd mininet-topos && sudo /usr/bin/python3 -m nva_fabric.bench_transients [--flows 1000,10000] [--reps 9]
        [--pps 5000] [--fifo 10 | --nice -10] [--active K] [--cases batch-modify,bundle14-modify,...]

For each flow count N: one bridge (transient_lab.py) with N destination flows to port "a", a steady probe
stream (probe_traffic.py) cycling through the N destination MACs, and then, repeatedly and in turn, every
case re-points all N flows to the other port (a -> b, then b -> a, ...). Each update is analysed from what
the probe saw (transient_stats.py). Everything started is stopped again, also on failure, Ctrl-C or
SIGTERM; after a SIGKILL the probes stop with their parent, and the next run (or --cleanup) removes the
namespaces and daemons left behind.
"""
import argparse
import datetime
import os
import signal
import subprocess
import sys
import time

from nva_fabric import openflow_messages as of
from nva_fabric import transient_stats
from nva_fabric.openflow_client import OpenFlowClient, OpenFlowError
from nva_fabric.probe_traffic import read_received, read_sent
from nva_fabric.transient_lab import (
    TransientLab, destination_flows, ofctl_flow_lines, ofctl_pipeline_lines, pipeline_flows)

TOPOS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECEIVERS = ["a", "b", "sink"]  # endpoint index = position


def _modify(version, client, count, role):
    return destination_flows(version, client, count, of.MODIFY_STRICT, role)


def _delete_then_add(version, client, count, role):
    return (destination_flows(version, client, count, of.DELETE_STRICT)
            + destination_flows(version, client, count, of.ADD, role))


def _ours(version, flow_mods, bundle):
    """An update sent by our client: connected (and flow-mods encoded) before the clock starts."""
    def apply(lab, count, role, _files):
        client = OpenFlowClient(lab.mgmt_path, version)
        try:
            messages = flow_mods(version, client, count, role)
            return client.bundle(messages) if bundle else client.batch(messages)
        finally:
            client.close()
    return apply


def _ofctl(version, options, command, file_kind):
    """An update by ovs-ofctl from a file: timed from its start to its exit (parsing and connecting included)."""
    def apply(lab, _count, role, files):
        with open(files[file_kind, role]) as flows:
            started = time.monotonic_ns()
            lab.ofctl(version, command, "-", options=options, stdin=flows)
            return started, time.monotonic_ns()
    return apply


CASES = {
    "batch-delete-add": ("OF1.3 ordered batch: N DELETE_STRICT, then N ADD to the new port, one barrier "
                         "(a naive reconciler)", _ours(of.OF13, _delete_then_add, bundle=False)),
    "batch-modify": ("OF1.3 ordered batch: N MODIFY_STRICT to the new port, one barrier (what NVA sends)",
                     _ours(of.OF13, _modify, bundle=False)),
    "bundle14-modify": ("OF1.4 bundle (atomic, ordered): OPEN, N ADD_MESSAGE(MODIFY_STRICT), COMMIT",
                        _ours(of.OF14, _modify, bundle=True)),
    "bundle13-modify": ("OF1.3 bundle, ONF extension 230 (experimenter 2300/2301): the same as bundle14-modify",
                        _ours(of.OF13, _modify, bundle=True)),
    "bundle14-delete-add": ("OF1.4 bundle of the naive N DELETE_STRICT + N ADD",
                            _ours(of.OF14, _delete_then_add, bundle=True)),
    "ofctl-mod-flows": ("ovs-ofctl -O OpenFlow13 --strict mod-flows FILE (one flow-mod + barrier at a time)",
                        _ofctl("OpenFlow13", ("--strict",), "mod-flows", "modify")),
    "ofctl-bundle-replace": ("ovs-ofctl -O OpenFlow14 --bundle replace-flows FILE (dump, diff, bundle of ADDs)",
                             _ofctl("OpenFlow14", ("--bundle",), "replace-flows", "table")),
}


def write_ofctl_files(directory, count):
    files = {}
    for role in ("a", "b"):
        files["modify", role] = os.path.join(directory, f"modify-{role}.flows")
        files["table", role] = os.path.join(directory, f"table-{role}.flows")
        with open(files["modify", role], "w") as f:
            f.write("\n".join(ofctl_flow_lines(count, role, with_cookie=False)) + "\n")
        with open(files["table", role], "w") as f:
            f.write("\n".join(ofctl_pipeline_lines() + ofctl_flow_lines(count, role, with_cookie=True)) + "\n")
    return files


def probe_protocols(lab):
    """What a bridge set to protocols=OpenFlow13 (as NVA's NVEs are) accepts; printed as found."""
    lab.set_protocols("OpenFlow13")
    print("# bridge protocols=OpenFlow13 (as NVA's NVEs):")
    for version in ("OpenFlow14", "OpenFlow13"):
        done = lab.ofctl(version, "add-flow", "table=1,priority=1,actions=drop", options=("--bundle",), check=False)
        print(f"#   ovs-ofctl -O {version} --bundle add-flow: exit {done.returncode} "
              f"{' '.join(done.stderr.split())[:160]}")
    try:
        OpenFlowClient(lab.mgmt_path, of.OF14).close()
        print("#   OF1.4 hello: accepted")
    except OpenFlowError as refused:
        print(f"#   OF1.4 hello: {refused}")
    client = OpenFlowClient(lab.mgmt_path, of.OF13)
    try:
        client.bundle([of.flow_mod(of.OF13, client.xid(), of.ADD, 1, 2, of.match_all(), b"")])
        print("#   OF1.3 ONF-extension bundle (OPEN, ADD_MESSAGE, COMMIT): committed")
    except OpenFlowError as refused:
        print(f"#   OF1.3 ONF-extension bundle: {refused}")
    finally:
        client.close()
    lab.ofctl("OpenFlow13", "del-flows", "table=1")
    lab.set_protocols("OpenFlow13,OpenFlow14")


def _spawn(*args):
    return subprocess.Popen([sys.executable, "-m", "nva_fabric.probe_traffic", *args], cwd=TOPOS)


def _stop(process):
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _prioritise(pids, nice, fifo):
    """Sets the nice value, or with fifo > 0 the SCHED_FIFO priority, of every thread of <pids> (threads keep
    their own on Linux)."""
    for pid in pids:
        for tid in os.listdir(f"/proc/{pid}/task"):
            if fifo > 0:
                os.sched_setscheduler(int(tid), os.SCHED_FIFO, os.sched_param(fifo))
            else:
                os.setpriority(os.PRIO_PROCESS, int(tid), nice)


def _sleep_until(monotonic_ns):
    remaining = (monotonic_ns - time.monotonic_ns()) / 1e9
    if remaining > 0:
        time.sleep(remaining)


def _report(count, deliveries, records, window_ns, pre_ns, warm_up_ns, cases):
    """Prints every update's metrics and the session's noise floor; returns {case: [metrics of each run]}."""
    runs = {name: [] for name in cases}
    for name, started, replied, old, new in records:
        metrics = transient_stats.analyse(deliveries, started, replied, RECEIVERS.index(old),
                                          RECEIVERS.index(new), RECEIVERS.index("sink"), window_ns, pre_ns)
        runs[name].append(metrics)
        print(f"run flows={count} case={name} " + " ".join(
            f"{key}={value:.2f}" if isinstance(value, float) else f"{key}={value}"
            for key, value in metrics.items()), flush=True)
    sent = deliveries.sent
    gap = max(b - a for a, b in zip(sent, sent[1:]))
    print(f"# flows={count}: probe frames sent={len(sent)} rate={len(sent) / ((sent[-1] - sent[0]) / 1e9):.0f}/s "
          f"largest sender gap={gap / 1e6:.1f} ms duplicates={deliveries.duplicates} "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    frames, strays, p99, worst = transient_stats.between_updates(
        deliveries, [(started - pre_ns, replied + window_ns) for _, started, replied, _, _ in records],
        warm_up_ns, (RECEIVERS.index("a"), RECEIVERS.index("b")))
    print(f"# flows={count}: between updates (noise floor): frames={frames} not at a/b={strays} "
          f"delay p99={p99:.1f} ms max={worst:.1f} ms")
    return runs


def session(count, args, first):
    """All repetitions of all cases for <count> flows; returns {case: [metrics of each run]}."""
    lab = TransientLab()
    sender = receiver = None
    window_ns = int(args.window * 1e9)
    active = min(args.active or count, count)
    pre_ns = int(0.5e9)
    # half a second between one window and the next one's pre-window: the noise floor
    settle_ns = int(max(args.window + 1.0, active / args.pps + 0.5) * 1e9)
    try:
        lab.start("OpenFlow13,OpenFlow14")
        if first:
            probe_protocols(lab)
        files = write_ofctl_files(lab.base, count)
        client = OpenFlowClient(lab.mgmt_path, of.OF14)
        client.bundle(pipeline_flows(of.OF14, client) + destination_flows(of.OF14, client, count, of.ADD, "a"))
        client.close()
        sent_file, received_file = os.path.join(lab.base, "sent.bin"), os.path.join(lab.base, "received.bin")
        receiver = _spawn("receive", received_file, *(f"{lab.netns[role]}:eth0" for role in RECEIVERS))
        time.sleep(0.5)
        sender = _spawn("send", lab.netns["src"], "eth0", str(active), str(args.pps), sent_file,
                        "--stride", str(count // active))  # probed destinations spread over the table
        _prioritise([lab.switch.pid("ovs-vswitchd"), sender.pid, receiver.pid, os.getpid()], args.nice, args.fifo)
        warm_up = active / args.pps + 1.5
        time.sleep(warm_up)  # every MAC seen at least once: a warm datapath flow per MAC
        upcalls = lab.appctl("upcall/show")
        print(f"# flows={count} probed destinations={active}: datapath after warm-up: "
              f"{' '.join(upcalls.split())[:200]}")
        records = []
        current = "a"
        for rep in range(args.reps):
            names = args.cases[rep % len(args.cases):] + args.cases[:rep % len(args.cases)]
            for name in names:
                new = "b" if current == "a" else "a"
                started, replied = CASES[name][1](lab, count, new, files)
                records.append((name, started, replied, current, new))
                _sleep_until(replied + window_ns)
                pointing = lab.destinations_to(new)
                if pointing != count:
                    raise RuntimeError(f"{name}: {pointing} of {count} flows point to {new} after the update")
                _sleep_until(replied + settle_ns)
                current = new
        _stop(sender)
        _stop(receiver)
        deliveries = transient_stats.Deliveries(read_sent(sent_file), *read_received(received_file))
        return _report(count, deliveries, records, window_ns, pre_ns, int(warm_up * 1e9), args.cases)
    finally:
        _stop(sender)
        _stop(receiver)
        lab.stop()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flows", default="1000,10000", help="flow counts, comma separated")
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--pps", type=int, default=5000, help="probe frames per second")
    parser.add_argument("--active", type=int, default=0,
                        help="destination MACs the probe cycles through (default: all); a control for how much "
                             "of the transient comes from revalidating the datapath's flow cache")
    parser.add_argument("--nice", type=int, default=-10,
                        help="nice value of ovs-vswitchd, the probes and this process while measuring: the "
                             "numbers are about Open vSwitch, not about other load on the machine")
    parser.add_argument("--fifo", type=int, default=0,
                        help="instead of --nice: SCHED_FIFO priority (1-99) of the same processes, against a "
                             "machine so busy that nice is not enough (the kernel keeps 5%% for the others)")
    parser.add_argument("--window", type=float, default=1.0, help="seconds after the reply that are analysed")
    parser.add_argument("--cases", default=",".join(CASES), help="comma separated, of: " + ", ".join(CASES))
    parser.add_argument("--cleanup", action="store_true",
                        help="only stop and remove what a killed run left (namespaces, daemons, files)")
    args = parser.parse_args(argv)
    if args.cleanup:
        TransientLab().stop()
        return
    args.cases = args.cases.split(",")
    unknown = [name for name in args.cases if name not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks
    version = subprocess.run(["ovs-vswitchd", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    print(f"# {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ} {os.cpu_count()} cores, "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {version}, probe {args.pps} frames/s, "
          f"{f'SCHED_FIFO {args.fifo}' if args.fifo > 0 else f'nice {args.nice}'}")
    for name in args.cases:
        print(f"# {name}: {CASES[name][0]}")
    for i, count in enumerate(int(text) for text in args.flows.split(",")):
        runs = session(count, args, first=(i == 0))
        probed = f", probe to {args.active} of them" if args.active and args.active < count else ""
        print(f"\n## flows={count}{probed}, {args.reps} runs per case, median [min..max]\n")
        print(transient_stats.table(runs), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
