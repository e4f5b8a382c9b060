"""What the probe traffic saw during one flow-table update, and the summary over repetitions.

The switch forwards the probe frames of its one input port in order (one receive queue, one thread), so
a frame's sequence number orders it against the update as well as its send time does. An update that
re-points every destination from the old port to the new one looks atomic to the traffic if there is a
cut: every frame before it reached the old port, every frame from it on the new one. "stray" counts the
delivered frames that no cut explains (the fewest frames on the wrong side of any cut): 0 for an atomic
update, and otherwise the frames that met a mixed table (old after new) or no flow (table miss). Frames
that arrived nowhere ("vanished": dropped in a queue while the switch did not forward) say nothing about
the table the switch used; they are counted apart.
"""
import statistics
from array import array
from bisect import bisect_left

NOT_RECEIVED = -1

# key, header, meaning (documented in docs/benchmarks.md)
COLUMNS = [
    ("wall_ms", "wall ms", "first byte of the update written until the reply (barrier or commit)"),
    ("stray", "stray", "delivered frames that no single switch-over instant explains (see above)"),
    ("transient_ms", "transient ms", "send time of the last delivered frame that missed the new port minus that "
                                     "of the first delivered frame that missed the old port (0 if in that order)"),
    ("inverted", "old after new", "frames to the old port sent after a frame that reached the new port"),
    ("miss", "miss", "frames sent in the window that hit the table-miss flow (sink port)"),
    ("vanished", "vanished", "frames sent in the window that arrived at no port"),
    ("old_after_start", "old>start", "frames to the old port sent after the update began"),
    ("old_after_ack", "old>reply", "frames to the old port sent after the switch's reply"),
    ("max_delay_ms", "max delay ms", "largest receive minus send time of a frame sent in the window"),
]


class Deliveries:
    """Per sequence number: where the frame arrived (receiver endpoint index, or NOT_RECEIVED) and when."""

    def __init__(self, sent, ports, seqs, received):
        self.sent = sent
        self.port = array("b", [NOT_RECEIVED]) * len(sent)
        self.received = array("q", [0]) * len(sent)
        self.duplicates = 0
        for port, seq, at in zip(ports, seqs, received):
            if seq >= len(sent):
                continue  # sent while the sender was stopping, after it wrote its file
            if self.port[seq] != NOT_RECEIVED:
                self.duplicates += 1
            self.port[seq] = port
            self.received[seq] = at

    def seq_at(self, ns):
        """The first sequence number sent at or after monotonic time ns."""
        return bisect_left(self.sent, ns)


def fewest_strays(ports, old, new):
    """min over cuts c of: delivered frames before c not at <old> + delivered frames from c on not at <new>."""
    ports = [port for port in ports if port != NOT_RECEIVED]
    strays = best = sum(1 for port in ports if port != new)  # cut before the first frame
    for port in ports:  # move the cut past this frame
        strays += (port != old) - (port != new)
        best = min(best, strays)
    return best


def analyse(deliveries, started, replied, old, new, sink, window_ns, pre_ns):
    """Metrics of one update begun at <started> and acknowledged at <replied> (monotonic ns). Frames sent in
    [started - pre_ns, replied + window_ns) are examined; the counts of miss, vanished and old>start cover
    [started, replied + window_ns), baseline_lost the pre_ns before the start."""
    d = deliveries
    lo, hi = d.seq_at(started), d.seq_at(replied + window_ns)
    first, ack = d.seq_at(started - pre_ns), d.seq_at(replied)
    if hi >= len(d.sent):
        raise ValueError("the probe traffic stopped before the end of the analysis window")
    examined = range(first, hi)
    window = range(lo, hi)
    first_not_old = next((s for s in examined if d.port[s] not in (old, NOT_RECEIVED)), None)
    last_not_new = next((s for s in reversed(examined) if d.port[s] not in (new, NOT_RECEIVED)), None)
    first_new = next((s for s in examined if d.port[s] == new), hi)
    return {
        "wall_ms": (replied - started) / 1e6,
        "stray": fewest_strays(d.port[first:hi], old, new),
        "transient_ms": max(0, d.sent[last_not_new] - d.sent[first_not_old]) / 1e6
        if first_not_old is not None and last_not_new is not None else 0.0,
        "inverted": sum(1 for s in range(first_new, hi) if d.port[s] == old),
        "miss": sum(1 for s in window if d.port[s] == sink),
        "vanished": sum(1 for s in window if d.port[s] == NOT_RECEIVED),
        "old_after_start": sum(1 for s in window if d.port[s] == old),
        "old_after_ack": sum(1 for s in range(ack, hi) if d.port[s] == old),
        "max_delay_ms": max((d.received[s] - d.sent[s] for s in window if d.port[s] != NOT_RECEIVED),
                            default=0) / 1e6,
        "to_new": sum(1 for s in window if d.port[s] == new),
        "baseline_lost": sum(1 for s in range(first, lo) if d.port[s] in (NOT_RECEIVED, sink)),
        "unfinished": d.port[hi - 1] != new,
    }


def between_updates(deliveries, spans, skip_first_ns, destinations):
    """The noise floor: frames sent outside every [start, end) of <spans> (and after the first skip_first_ns):
    (frames, frames not at one of the <destinations> ports, p99 delay ms, max delay ms)."""
    d = deliveries
    inside = array("b", [0]) * len(d.sent)
    for start, end in spans:
        for s in range(d.seq_at(start), d.seq_at(end)):
            inside[s] = 1
    outside = [s for s in range(d.seq_at(d.sent[0] + skip_first_ns), len(d.sent)) if not inside[s]]
    strays = sum(1 for s in outside if d.port[s] not in destinations)
    delays = sorted(d.received[s] - d.sent[s] for s in outside if d.port[s] != NOT_RECEIVED)
    if not delays:
        return len(outside), strays, 0.0, 0.0
    return len(outside), strays, delays[int(0.99 * (len(delays) - 1))] / 1e6, delays[-1] / 1e6


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def summary(rows, key):
    """'median [min..max]' of column <key> over rows."""
    values = [row[key] for row in rows]
    return f"{_fmt(statistics.median(values))} [{_fmt(min(values))}..{_fmt(max(values))}]"


def table(runs_by_case):
    """A Markdown table, one row per case: median [min..max] of every column."""
    headers = ["case", "runs"] + [header for _, header, _ in COLUMNS]
    rows = [[case, str(len(runs))] + [summary(runs, key) for key, _, _ in COLUMNS]
            for case, runs in runs_by_case.items()]
    lines = [headers, ["---"] * len(headers)] + rows
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)
