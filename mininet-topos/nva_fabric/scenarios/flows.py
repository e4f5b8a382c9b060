"""Flow tables as `ovs-ofctl -O OpenFlow13 dump-flows` shows them: identity apart from counters."""
import re
from dataclasses import dataclass

# what changes while a flow lives; everything else on the line identifies the flow
COUNTERS = re.compile(r"\b(duration|n_packets|n_bytes|idle_age|hard_age)=([0-9.]+)s?,?\s*")


@dataclass(frozen=True)
class Flow:
    key: str          # cookie, table, priority, match, timeouts, flags and actions
    table: int
    cookie: int
    duration: float   # seconds since the flow was added
    n_packets: int
    n_bytes: int


def parse_flows(text):
    """{key: Flow} of a dump-flows output (the reply header line is skipped)."""
    flows = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("cookie="):
            continue
        counters = {name: value for name, value in COUNTERS.findall(line)}
        key = COUNTERS.sub("", line).replace(", ,", ",").strip()
        flows[key] = Flow(key, int(re.search(r"\btable=(\d+)", line).group(1)),
                          int(re.search(r"cookie=(0x[0-9a-f]+)", line).group(1), 16),
                          float(counters.get("duration", 0)), int(counters.get("n_packets", 0)),
                          int(counters.get("n_bytes", 0)))
    return flows


def dump_flows(nve):
    return parse_flows(nve.ofctl("dump-flows"))
