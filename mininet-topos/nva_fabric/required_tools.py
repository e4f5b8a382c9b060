"""The external commands the fabric code runs, by what runs them, and a check that stops with the missing ones
named (and the Debian package that has each) before anything starts: a demo without `ping` must not print
"0/0 answered", nor a benchmark without Open vSwitch half a fabric.

  python3 -m nva_fabric.required_tools <demo|scenarios|bench> ...   exit 0, or 2 with the missing tools named

Used by mininet-topos/try-it (before the demo), mobility_demo.py, the scenario runner's preflight and
bench_moves.py. .ci/prerequisites installs every package named here.
"""
import importlib.util
import shutil
import sys

# command -> Debian package
PACKAGES = {
    "ip": "iproute2", "ss": "iproute2", "sysctl": "procps", "tar": "tar",
    "ping": "iputils-ping", "socat": "socat",
    "ovsdb-tool": "openvswitch-common", "ovs-ofctl": "openvswitch-common", "ovs-appctl": "openvswitch-common",
    "ovsdb-server": "openvswitch-switch", "ovs-vswitchd": "openvswitch-switch", "ovs-vsctl": "openvswitch-switch",
    "mn": "mininet", "mnexec": "mininet", "ifconfig": "net-tools",
}
# Python modules of /usr/bin/python3 -> Debian package
MODULES = {"matplotlib": "python3-matplotlib", "mininet": "mininet"}

# what each entry point runs: the OVS NVEs (ovs_daemons, ovs_nve, underlay), their relay to NVA (socat),
# namespaces and links (ip, sysctl), reachability probes (ping), ...
OVS_FABRIC = ("ip", "sysctl", "ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-ofctl", "ovs-appctl",
              "socat")
USES = {
    # the scenario runner: fabrics, reachability (ping), the malformed-client check (ss), a tarball (tar)
    "scenarios": OVS_FABRIC + ("ping", "ss", "tar"),
    # try-it / mobility_demo.py: Mininet nodes (mnexec, ifconfig) and its pings
    "demo": OVS_FABRIC + ("ping", "tar", "mn", "mnexec", "ifconfig"),
    "demo-modules": ("mininet",),
    # bench_moves.py: its own prober (no ping), reachability check before the run (ping), the plot
    "bench": OVS_FABRIC + ("ping", "tar"),
    "bench-modules": ("matplotlib",),
}


def missing(uses):
    """[(command or module, package)] of what <uses> (keys of USES) need and this machine lacks."""
    lacking = []
    for use in uses:
        for name in USES[use]:
            if use.endswith("-modules"):
                if importlib.util.find_spec(name) is None:
                    lacking.append((f"Python module {name}", MODULES[name]))
            elif not shutil.which(name):
                lacking.append((name, PACKAGES[name]))
    return lacking


def problem(uses):
    """A sentence naming what is missing and how to install it, or None."""
    lacking = missing(uses)
    if not lacking:
        return None
    packages = sorted({package for _, package in lacking})
    return (f"missing {', '.join(name for name, _ in lacking)} (apt-get install {' '.join(packages)}; "
            f".ci/prerequisites installs them)")


def require(uses, what):
    """Exits with status 2 and a message naming the missing tools if <what> cannot run here."""
    text = problem(uses)
    if text:
        print(f"{what} cannot run on this machine: {text}", file=sys.stderr, flush=True)
        sys.exit(2)


def main(argv):
    unknown = [use for use in argv if use not in USES]
    if not argv or unknown:
        print(__doc__, file=sys.stderr)
        return 2
    text = problem(argv)
    if text:
        print(f"Cannot run {'/'.join(argv)} here: {text}", file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
