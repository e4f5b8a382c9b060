"""The switch and "VMs" of the transient benchmark, and its flow table.

One userspace Open vSwitch bridge br0 (datapath_type=netdev, fail_mode=secure, no controller) in netns
<prefix>-sw, with four veth ports, each into a namespace of its own:

  role "src":  ofport 1, port "src"   -> <prefix>-vm0   the sender
  role "a":    ofport 2, port "dst-a" -> <prefix>-vma   receiver (old or new destination)
  role "b":    ofport 3, port "dst-b" -> <prefix>-vmb   receiver (old or new destination)
  role "sink": ofport 4, port "sink"  -> <prefix>-sink  receiver of the table-miss flow

Flow table, shaped like NVA's: table 0 sends what comes in on "src" to table 30 (NVA's L2
destination table); table 30 has one flow per destination MAC (priority 100, eth_dst, cookie
COOKIE_BASE + i, output to "a" or "b") and a table-miss flow (priority 0) to "sink".
"""
import os
import shutil

from nva_fabric import openflow_messages as of
from nva_fabric.ovs_daemons import OvsDaemons, run
from nva_fabric.probe_traffic import mac_for

BRIDGE = "br0"
PORTS = {"src": 1, "a": 2, "b": 3, "sink": 4}
PORT_NAMES = {"src": "src", "a": "dst-a", "b": "dst-b", "sink": "sink"}
VM_NETNS_SUFFIX = {"src": "vm0", "a": "vma", "b": "vmb", "sink": "sink"}
DESTINATION_TABLE = 30
DESTINATION_PRIORITY = 100
COOKIE_BASE = 0x4E56410000000000


class TransientLab:
    def __init__(self, prefix="wt-bundles", base="/tmp/wt-bundles-transients"):
        self.prefix = prefix
        self.base = base
        self.switch = OvsDaemons(f"{prefix}-sw", os.path.join(base, "sw"))
        self.netns = {role: f"{prefix}-{suffix}" for role, suffix in VM_NETNS_SUFFIX.items()}

    @property
    def mgmt_path(self):
        return self.switch.path(BRIDGE + ".mgmt")

    def start(self, protocols):
        self.stop()  # what a crashed run may have left
        os.makedirs(self.base, exist_ok=True)
        self.switch.start()
        run("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1", netns=self.switch.netns)
        for role, netns in self.netns.items():
            run("ip", "netns", "add", netns)
            # no IPv6: router solicitations and the like would be the only other frames on the wires
            run("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1", netns=netns)
            port = PORT_NAMES[role]
            run("ip", "-n", self.switch.netns, "link", "add", "name", port, "type", "veth", "peer", "name", "eth0",
                "netns", netns)
            run("ip", "-n", netns, "link", "set", "eth0", "up")
            run("ip", "-n", self.switch.netns, "link", "set", port, "up")
        ports = []
        for role, ofport in PORTS.items():
            port = PORT_NAMES[role]
            ports += ["--", "add-port", BRIDGE, port, "--", "set", "interface", port, f"ofport_request={ofport}"]
        self.switch.vsctl("--", "add-br", BRIDGE,
                          "--", "set", "bridge", BRIDGE, "datapath_type=netdev", "fail_mode=secure",
                          "protocols=" + protocols, "other_config:disable-in-band=true", *ports)
        return self

    def set_protocols(self, protocols):
        self.switch.vsctl("set", "bridge", BRIDGE, "protocols=" + protocols)

    def ofctl(self, version, command, *args, options=(), check=True, stdin=None):
        """ovs-ofctl -O <version> <options> <command> <bridge> <args>; the completed process."""
        return run("ovs-ofctl", "-O", version, *options, command, self.switch.mgmt(BRIDGE), *args, check=check,
                   stdin=stdin)

    def appctl(self, *args):
        return run("ovs-appctl", "-t", self.switch.path("ovs-vswitchd.ctl"), *args).stdout

    def destinations_to(self, role):
        """How many table-30 flows output to <role>'s port (ovs-ofctl dump-aggregate)."""
        out = self.ofctl("OpenFlow13", "dump-aggregate", f"table={DESTINATION_TABLE},out_port={PORTS[role]}")
        return int(out.stdout.split("flow_count=")[1].split()[0])

    def stop(self):
        """Stops the switch, deletes every namespace and the base directory (probe data included)."""
        self.switch.stop()
        for netns in self.netns.values():
            run("ip", "netns", "del", netns, check=False)
        shutil.rmtree(self.base, ignore_errors=True)


def pipeline_flows(version, client):
    """Table 0 (from src to table 30) and table 30's table-miss flow (to sink)."""
    return [
        of.flow_mod(version, client.xid(), of.ADD, 0, 10, of.in_port_match(PORTS["src"]),
                    of.goto_table(DESTINATION_TABLE), cookie=COOKIE_BASE - 1),
        of.flow_mod(version, client.xid(), of.ADD, DESTINATION_TABLE, 0, of.match_all(),
                    of.apply_output(PORTS["sink"]), cookie=COOKIE_BASE - 2),
    ]


def destination_flows(version, client, count, command, role=None):
    """<command> (ADD, MODIFY_STRICT, DELETE_STRICT) for each of the <count> destination flows; ADD and
    MODIFY_STRICT output to <role>'s port."""
    instructions = of.apply_output(PORTS[role]) if role else b""
    return [of.flow_mod(version, client.xid(), command, DESTINATION_TABLE, DESTINATION_PRIORITY,
                        of.eth_dst_match(mac_for(i)), instructions, cookie=COOKIE_BASE + i)
            for i in range(count)]


def ofctl_flow_lines(count, role, with_cookie):
    """The destination flows in ovs-ofctl syntax."""
    lines = []
    for i in range(count):
        mac = ":".join(f"{b:02x}" for b in mac_for(i))
        cookie = f"cookie=0x{COOKIE_BASE + i:x}," if with_cookie else ""
        lines.append(f"{cookie}table={DESTINATION_TABLE},priority={DESTINATION_PRIORITY},dl_dst={mac},"
                     f"actions=output:{PORTS[role]}")
    return lines


def ofctl_pipeline_lines():
    return [f"cookie=0x{COOKIE_BASE - 1:x},table=0,priority=10,in_port={PORTS['src']},"
            f"actions=goto_table:{DESTINATION_TABLE}",
            f"cookie=0x{COOKIE_BASE - 2:x},table={DESTINATION_TABLE},priority=0,actions=output:{PORTS['sink']}"]
