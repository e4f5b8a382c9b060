"""One NVE: an ovsdb-server and an ovs-vswitchd (userspace datapath) in their own network namespace.

The bridge br-int carries the VXLAN port (remote_ip=flow, key=flow) and is controlled over a unix
socket inside the NVE's run directory; a socat in the root namespace relays that socket to the
controller's TCP address (so every NVE reaches the controller from 127.0.0.1, and the controller
must identify it by datapath id). The controller is set in the same transaction as the bridge:
adding the first controller later flushes the flow table.
"""
import os
import signal
import subprocess

from nva_fabric.ovs_daemons import OvsDaemons, children, run, terminate

TUNNEL_OFPORT = 100


class OvsNve:
    """An NVE named <prefix><index> with datapath id <dpid>, run from <base>/<prefix><index>, in a network
    namespace of that name (its own, or the caller's when not <own_netns>: see OvsDaemons)."""

    def __init__(self, index, dpid, controller="127.0.0.1:6653", base="/tmp/nva-fabric", prefix="nve",
                 own_netns=True):
        self.index = index
        self.name = f"{prefix}{index}"
        self.dpid = dpid
        self.controller = controller
        self.dir = os.path.join(base, self.name)
        self.daemons = OvsDaemons(self.name, self.dir, own_netns)
        self.relay = None

    # --- paths
    def path(self, name):
        return self.daemons.path(name)

    @property
    def db(self):
        return self.daemons.db

    @property
    def mgmt(self):
        return self.daemons.mgmt("br-int")

    def vsctl(self, *args):
        return self.daemons.vsctl(*args)

    def ofctl(self, *args):
        return run("ovs-ofctl", "-O", "OpenFlow13", *args[:1], self.mgmt, *args[1:]).stdout

    def pid(self, daemon):
        return self.daemons.pid(daemon)

    # --- life cycle
    def start(self):
        # an NVE of this name still running (a crashed run) would keep its datapath id and, through the
        # same socket paths, reach the controller: stop it (relay included) by its pid files, which
        # starting the daemons removes
        self.stop()
        self.daemons.start()
        self.start_relay()
        self.vsctl(
            "--", "add-br", "br-int",
            "--", "set", "bridge", "br-int", "datapath_type=netdev", "fail_mode=secure",
            "protocols=OpenFlow13", f"other_config:datapath-id={self.dpid:016x}",
            "other_config:disable-in-band=true",
            "--", "set-controller", "br-int", "unix:" + self.path("ctl.sock"),
            "--", "add-port", "br-int", "vxlan0",
            "--", "set", "interface", "vxlan0", "type=vxlan", "options:remote_ip=flow", "options:key=flow",
            f"ofport_request={TUNNEL_OFPORT}")
        # reconnect within a second, not after OVS's default backoff of up to 8 s
        self.vsctl("set", "controller", "br-int", "max_backoff=1000")
        return self

    def add_veth_port(self, port, ofport):
        """A veth pair inside the NVE's namespace: <port> on br-int as OpenFlow port <ofport>, and
        <port>-h, the host side a test sends and receives on. Both up, without IPv6 (no stray
        router solicitations). Returns the host side's name."""
        host = port + "-h"
        run("ip", "link", "add", port, "type", "veth", "peer", "name", host, netns=self.name)
        for ifname in (port, host):
            run("sysctl", "-qw", f"net.ipv6.conf.{ifname}.disable_ipv6=1", netns=self.name)
            run("ip", "link", "set", ifname, "up", netns=self.name)
        self.vsctl("add-port", "br-int", port, "--", "set", "interface", port, f"ofport_request={ofport}")
        return host

    def start_vswitchd(self):
        self.daemons.start_vswitchd()

    def start_relay(self):
        host, port = self.controller.rsplit(":", 1)
        # nodelay: Open vSwitch sets TCP_NODELAY on its own controller connections; without it the relay's TCP
        # side holds a small message (a barrier reply, a packet-in) until NVA acknowledges the previous one,
        # i.e. up to Linux's 40 ms delayed ACK: moves looked 40 ms slower than they were
        self.relay = subprocess.Popen(
            ["socat", "UNIX-LISTEN:" + self.path("ctl.sock") + ",fork", f"TCP:{host}:{port},nodelay"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(self.path("relay.pid"), "w") as f:
            f.write(str(self.relay.pid))

    def relay_pid(self):
        """The relay's pid: the one this object started, or the one a previous process left (pid file)."""
        return self.relay.pid if self.relay else self.pid("relay")

    def relay_connections(self):
        """Pids of the relay's forked children: one per open controller connection."""
        parent = self.relay_pid()
        return children(parent) if parent else []

    def drop_controller_connection(self):
        """Ends the relay's open connections (the TCP session to the controller closes; OVS reconnects
        through the relay, whose listener stays). Returns the pids ended."""
        ended = self.relay_connections()
        for pid in ended:
            terminate(pid)
        return ended

    def kill_vswitchd(self, sig=signal.SIGTERM):
        self.daemons.kill_vswitchd(sig)

    def restart_vswitchd(self):
        self.kill_vswitchd()
        self.start_vswitchd()

    def stop(self):
        # the relay's children first: once it is gone they belong to init and are not found any more
        for pid in self.relay_connections():
            terminate(pid)
        if self.relay:
            self.relay.terminate()
            try:
                self.relay.wait(5)
            except subprocess.TimeoutExpired:
                self.relay.kill()
                self.relay.wait()
            self.relay = None
        else:
            # a relay left by a crashed run, found by its pid file
            terminate(self.relay_pid())
        self.daemons.stop()
        return self
