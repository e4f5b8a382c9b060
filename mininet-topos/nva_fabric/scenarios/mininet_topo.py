"""Issue 5: the Mininet topology as a user runs it, `mn --custom nva_topo.py --topo nva,3,2 --controller
remote,... --test pingall`, against the running distribution, and nothing left behind afterwards.

mn runs as its own process (/usr/bin/mn: the system Python that has Mininet, whatever Python runs the
scenarios), with namespaces <prefix>-mn-* of its own."""
import os
import re
import shutil
import subprocess
import time

from nva_fabric.netns_cleanup import cleanup, netns_names, processes_under
from nva_fabric.scenarios.registry import check, scenario

TOPOLOGY = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "nva_topo.py")
MN_LIMIT = 80.0
# pingall's matrix: "b1 -> b2 b3 X X X"
PINGALL_ROW = re.compile(r"^(\w+) -> (.*)$")
LINK_MOVE = re.compile(r"nvamove: b1 -> nve2 \(kernel(?:, port \S+)?\): link move ([0-9.]+) ms")
NVA_MOVE = re.compile(r"nvamove: NVA: trigger=(\S+) state=(\S+) convergence-micros=(\d+)")


def pingall_rows(output):
    """{source host: set of hosts it reached} from mn's pingall output."""
    rows = {}
    for line in output.splitlines():
        m = PINGALL_ROW.match(line.strip())
        if m:
            rows[m.group(1)] = {token for token in m.group(2).split() if token != "X"}
    return rows


@scenario("mininet-topo")
def mininet_topo(ctx):
    """mn --custom nva_topo.py --topo nva,3,2 --test pingall: same-VNI pairs reach, cross-VNI not; clean teardown"""
    mn = shutil.which("mn")
    check(mn is not None, "mn is not installed (apt-get install mininet; .ci/run does)")
    prefix = ctx.env.prefix + "-mn-"
    base = os.path.join(os.path.dirname(ctx.env.base), "mn")
    ports = ctx.karaf.ports
    ctx.fabric_written = True  # the NVEs register the fabric: close() deletes it
    command = [mn, "--custom", TOPOLOGY,
               "--topo", f"nva,3,2,restconf=http://127.0.0.1:{ports.restconf},prefix={prefix},base={base}",
               "--controller", f"remote,ip=127.0.0.1,port={ports.openflow}",
               "--test", "nvacheck", "--test", "pingall,timeout=1",
               # b1 moves onto a port that names no VM (tp1): NVA learns the move from its GARP, not the port's name
               "--test", "nvamove,b1,2,kernel,tp1", "--test", "nvacheck"]
    print("    " + " ".join(command), flush=True)
    start = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=MN_LIMIT,
                              stdin=subprocess.DEVNULL)
    finally:
        left = cleanup(prefix, base)  # whatever a failed or killed mn left
    ctx.record("mn_s", time.monotonic() - start)
    output = done.stdout + done.stderr
    log = os.path.join(ctx.log_dir, "mn.out")
    os.makedirs(ctx.log_dir, exist_ok=True)
    with open(log, "w") as f:
        f.write(output)
    tail = "\n".join(output.splitlines()[-15:])
    check(done.returncode == 0, f"mn exited {done.returncode}; its output: {log}\n{tail}")
    rows = pingall_rows(output)
    blue, red = {"b1", "b2", "b3"}, {"r1", "r2", "r3"}
    expected = {host: (blue if host in blue else red) - {host} for host in blue | red}
    check(rows == expected, f"pingall reached {rows}, expected {expected}")
    ctx.record("pingall_pairs", sum(len(reached) for reached in rows.values()))
    checks = re.findall(r"^nvacheck: (\w+)$", output, re.M)
    check(checks == ["PASS", "PASS"], f"nvacheck before and after moving b1 to nve2: {checks}; see {log}")
    same = re.search(r"reachability: (\d+)/(\d+) same-VNI address pairs OK; cross-VNI: (\d+)/(\d+)", output)
    ctx.record("same_vni_addresses", int(same.group(1)))
    ctx.record("cross_vni_probes", int(same.group(4)))
    move = LINK_MOVE.search(output)
    check(move is not None, f"no nvamove line for b1 in {log}")
    ctx.record("link_move_ms", float(move.group(1)))
    nva = NVA_MOVE.search(output)
    check(nva is not None and nva.group(1) == "gratuitous-arp" and nva.group(2) == "converged",
          f"NVA's migration record of b1: {nva.group(0) if nva else None}")
    ctx.record("convergence_us", int(nva.group(3)))
    check(not left, f"mn left {left} behind (removed now)")
    check(not netns_names(prefix) and not processes_under(base),
          f"after mn: namespaces {netns_names(prefix)}, processes {processes_under(base)}")
