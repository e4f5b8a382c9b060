"""Routed (L3) overlays end to end on real OVS NVEs: two tenants with the same subnets (routed_tenants.py),
each routing between its two networks through the distributed anycast gateway, on an IPv4 or an IPv6
underlay; a routed VM moving under a stream from the other subnet; the old NVE's old-location-policy.

Each scenario builds its own 3-NVE fabric of routed networks and tears it down at the end (the mobility
scenarios' shared fabric is L2 and stays as it is).
"""
import os
import re
import socket
import struct
import threading
import time

from nva_fabric.fabric import Fabric
from nva_fabric.netns import in_netns
from nva_fabric.ovs_daemons import run
from nva_fabric.restconf import nve_id
from nva_fabric.routed_tenants import (DOMAINS, EXTERNAL_GATEWAY_NVE, EXTERNAL_IPS, EXTERNAL_MAC, EXTERNAL_PORT,
                                      GATEWAY_MAC, INSIDE_PREFIXES, NETWORKS, ONLY_B_IP, gateway_of, routed_intent,
                                      routed_vm_specs)
from nva_fabric.scenarios.context import FABRIC, STATE, fabric_id, keep_logs, synced
from nva_fabric.scenarios.polling import wait_until
from nva_fabric.scenarios.registry import CheckFailed, check, scenario
from nva_fabric.traffic import UdpStream, neighbour_mac, ping_counts, probe_all
from nva_fabric.underlay import phy_mac, underlay_ip
from nva_fabric.vm_link import VM_MTU, attach_vm_port, configure_vm_side
from nva_fabric.vxlan_frames import VXLAN_PORT, inner_udp_frame, send_to_vtep, vxlan_payload

REDIRECT_SECONDS = 4
DPID_OFFSET = 0x200   # apart from the southbound scenarios' NVEs and the shared VM fabric's
PPS = 100
LOSS_MARGIN = 10
TTL_AFTER_ONE_HOP = 63  # a Linux VM sends with 64; the ingress NVE routes once


class RoutedFabric:
    """Three NVEs with routed_vm_specs() declared to the running NVA."""

    def __init__(self, ctx, family, policies=None, settings=None, external=False):
        """<ctx>: what it needs of a ScenarioContext (env, restconf, log_dir); <settings>: fabric/settings leaves
        besides the defaults, e.g. {"dad-max-moves": 1000} for a benchmark."""
        env = ctx.env
        self.ctx = ctx
        self.family = family
        self.policies = policies or {}
        self.settings = dict(settings or {})
        self.external = external
        self.external_netns = env.prefix + "l3-ext"
        self.fabric = Fabric(3, f"127.0.0.1:{env.karaf.ports.openflow}", family, env.prefix + "l3-",
                             os.path.join(env.base, "l3-fabric"), env.first_dpid + DPID_OFFSET)
        self.written = False

    def __enter__(self):
        try:
            self.open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def open(self):
        self.fabric.start()
        for spec in routed_vm_specs():
            self.fabric.add_vm(spec)
        if self.external:
            self.add_external_host()
        self.written = True
        self.put_intent()
        ids = [fabric_id(nve) for nve in self.fabric.nves.values()]
        wait_until("the routed fabric's NVEs connected and synced", self.state,
                   lambda s: {e["id"] for e in s.get("nve", [])} >= set(ids)
                   and all(synced(e) for e in s.get("nve", []) if e["id"] in ids), timeout=30)
        wait_until("every VM's host routes on every NVE of its routing domain", self.missing_routes,
                   lambda missing: not missing, timeout=15)

    def put_intent(self):
        intent = routed_intent(self.fabric, REDIRECT_SECONDS, self.policies, self.external)
        intent["nva:fabric"]["settings"].update(self.settings)
        status, body = self.ctx.restconf.put(FABRIC, intent)
        if status not in (200, 201, 204):
            raise CheckFailed(f"PUT {FABRIC} (routed fabric): {status} {body}")

    def add_external_host(self):
        """The outside: a namespace linked to the gateway NVE's external port, with documentation addresses and
        the routed tenants' prefixes on its link (so it ARPs for each VM, and NVA answers with the gateway MAC)."""
        nve = self.fabric.nves[EXTERNAL_GATEWAY_NVE]
        netns = self.external_netns
        run("ip", "netns", "add", netns)
        run("ip", "link", "set", "lo", "up", netns=netns)
        run("ip", "-n", nve.name, "link", "add", EXTERNAL_PORT, "mtu", str(VM_MTU), "type", "veth", "peer", "name",
            "eth0", "mtu", str(VM_MTU), "netns", netns)
        configure_vm_side(netns, "eth0", EXTERNAL_MAC, list(EXTERNAL_IPS),
                          announce_on_up=False,
                          prefixes={ip: int(prefix.split("/")[1]) for ip, prefix in EXTERNAL_IPS.items()})
        attach_vm_port(nve, EXTERNAL_PORT)
        run("ip", "link", "set", "eth0", "up", netns=netns)
        for prefix in INSIDE_PREFIXES:
            run("ip", "route", "replace", prefix, "dev", "eth0", netns=netns)

    def external_ping(self, ip, count=3):
        """(sent, received) of pings from the external host to <ip>."""
        flag = "-6" if ":" in ip else "-4"
        done = run("ip", "netns", "exec", self.external_netns, "ping", flag, "-n", "-c", str(count), "-i", "0.2",
                   "-W", "1", ip, check=False)
        return ping_counts(done.stdout)

    def missing_routes(self):
        """(NVE, address) of every VM address whose host route an NVE of its routing domain lacks."""
        tables = {i: nve.ofctl("dump-flows", "table=40") for i, nve in self.fabric.nves.items()}
        missing = []
        for vm in self.fabric.vms.values():
            domain = NETWORKS[vm.spec.vni][1]
            hosts = {other.nve for other in self.fabric.vms.values() if NETWORKS[other.spec.vni][1] == domain}
            for index in hosts:
                for ip in vm.spec.ips:
                    field = "ipv6_dst" if ":" in ip else "nw_dst"
                    if f"{field}={ip}," not in tables[index] and f"{field}={ip} " not in tables[index]:
                        missing.append((nve_id(index), ip))
        return missing

    def state(self):
        status, body = self.ctx.restconf.get(STATE)
        return body.get("nva:state", {}) if status == 200 and isinstance(body, dict) else {}

    def close(self, log_dir=None):
        problems = []
        try:
            for nve in self.fabric.nves.values():
                keep_logs(nve, os.path.join(log_dir or self.ctx.log_dir, "l3-fabric"))
        except OSError as error:
            problems.append(f"keeping the OVS logs: {error}")
        self.fabric.stop()
        if self.external:
            run("ip", "netns", "del", self.external_netns, check=False)
        if self.written:
            status, body = self.ctx.restconf.delete(FABRIC)
            if status not in (204, 404, 409):
                problems.append(f"DELETE {FABRIC}: {status} {body}")
            try:
                wait_until("state/nve empty after the routed fabric's teardown", self.state,
                           lambda s: not s.get("nve"), timeout=15)
            except CheckFailed as error:
                problems.append(str(error))
        if problems:
            raise CheckFailed("routed fabric teardown: " + "; ".join(problems))


class OverlaySniffer:
    """Counts, on the underlay bridge, VXLAN packets whose inner frame is ARP or an IPv6 neighbour solicitation
    or advertisement (address resolution crossing the overlay), with their inner target addresses."""

    def __init__(self, netns, interface="ul0"):
        self.found = []
        self.stopping = threading.Event()
        self.socket = in_netns(netns, _packet_socket, interface)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopping.is_set():
            try:
                frame = self.socket.recv(65535)
            except socket.timeout:
                continue
            inner = _vxlan_inner(frame)
            if inner is not None:
                resolution = _resolution_target(inner)
                if resolution:
                    self.found.append(resolution)

    def stop(self):
        self.stopping.set()
        self.thread.join()
        self.socket.close()
        return list(self.found)


def _packet_socket(interface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    s.bind((interface, 0))
    s.settimeout(0.1)
    return s


def _vxlan_inner(frame):
    """The inner frame of a VXLAN packet (outer IPv4 or IPv6, UDP 4789), or None."""
    ethertype = struct.unpack("!H", frame[12:14])[0]
    if ethertype == 0x0800 and frame[23] == 17:
        udp = 14 + (frame[14] & 0x0F) * 4
    elif ethertype == 0x86DD and frame[20] == 17:
        udp = 14 + 40
    else:
        return None
    if struct.unpack("!H", frame[udp + 2:udp + 4])[0] != VXLAN_PORT:
        return None
    return frame[udp + 8 + 8:]


def _resolution_target(inner):
    """'arp <target ip>' or 'nd <target>' for an ARP or neighbour discovery frame, else None."""
    ethertype = struct.unpack("!H", inner[12:14])[0]
    if ethertype == 0x0806:
        return "arp " + socket.inet_ntop(socket.AF_INET, inner[14 + 24:14 + 28])
    if ethertype == 0x86DD and inner[14 + 6] == 58 and inner[14 + 40] in (135, 136):
        return "nd " + socket.inet_ntop(socket.AF_INET6, inner[14 + 40 + 8:14 + 40 + 24])
    return None


def ping_ttl(fabric, vm_id, ip):
    """The TTL (hop limit) of the first echo reply from <ip>, or None."""
    flag = "-6" if ":" in ip else "-4"
    out = fabric.vm_run(vm_id, "ping", flag, "-n", "-c", "1", "-W", "2", ip).stdout
    match = re.search(r"(?:ttl|hlim)=(\d+)", out)
    return int(match.group(1)) if match else None


def check_routing(ctx, family):
    with RoutedFabric(ctx, family) as routed:
        fabric = routed.fabric
        sniffer = OverlaySniffer(fabric.underlay)
        try:
            specs = {vm.spec.id: vm.spec for vm in fabric.vms.values()}
            pairs = [("a1", ip) for ip in specs["a2"].ips] + [("a2", ip) for ip in specs["a1"].ips] \
                + [("a3", ip) for ip in specs["a2"].ips] + [("b1", ip) for ip in specs["b2"].ips] \
                + [("a1", ip) for ip in specs["a3"].ips]
            leaks = [("a1", ONLY_B_IP), ("b1", specs["a3"].ips[0]), ("b1", specs["a3"].ips[1])]
            results = probe_all(fabric, pairs + leaks)
        finally:
            crossing = sniffer.stop()
        unreachable = [f"{vm} -> {ip}: {got}/{sent}" for (vm, ip), (sent, got) in results.items()
                       if (vm, ip) in pairs and got == 0]
        leaked = [f"{vm} reached {ip}" for (vm, ip), (sent, got) in results.items() if (vm, ip) in leaks and got]
        ttls = {ip: ping_ttl(fabric, "a1", ip) for ip in specs["a2"].ips}
        gateway_macs = {gateway_of(specs["a1"], version): neighbour_mac(fabric, "a1", gateway_of(specs["a1"],
                                                                                                   version))
                        for version in (4, 6)}
        ctx.record("routed_pairs", len(pairs))
        ctx.record("reachable", len(pairs) - len(unreachable))
        ctx.record("leaks", len(leaked))
        ctx.record("resolution_on_overlay", len(crossing))
        print(f"    routed pairs {len(pairs)}, unreachable {unreachable}, leaks {leaked}, reply TTLs {ttls}, "
              f"a1's gateway neighbours {gateway_macs}, address resolution seen on the underlay {crossing}",
              flush=True)
        check(not unreachable, f"routed pairs unreachable: {unreachable}")
        check(not leaked, f"traffic crossed routing domains: {leaked}")
        check(all(ttl == TTL_AFTER_ONE_HOP for ttl in ttls.values()),
              f"a routed reply arrives with TTL {TTL_AFTER_ONE_HOP} (routed once, at the ingress NVE): {ttls}")
        check(all(mac == GATEWAY_MAC for mac in gateway_macs.values()),
              f"a1 resolved its gateways to the anycast gateway MAC {GATEWAY_MAC}: {gateway_macs}")
        check(not crossing, f"no ARP or neighbour discovery crosses the overlay: {crossing}")


@scenario("l3-routing")
def l3_routing(ctx):
    """Two tenants, same subnets, IPv4 underlay: each routes between its subnets, never into the other; no ARP on VXLAN.

    Checked: every routed pair answers (IPv4 and IPv6), replies arrive with TTL 63, the VMs resolve their gateway to
    the anycast gateway MAC, addresses of the other tenant stay unreachable, and no ARP or neighbour discovery frame
    crosses the underlay."""
    check_routing(ctx, 4)


@scenario("l3-routing-ipv6-underlay")
def l3_routing_ipv6_underlay(ctx):
    """The same on an IPv6 underlay."""
    check_routing(ctx, 6)


def migrations_of(routed, vm_id):
    return [m for m in routed.state().get("migration", []) if m.get("vm") == vm_id]


def migration_ids(routed):
    """The ids of the migrations recorded so far (to tell the next one of a VM from these)."""
    return {m["id"] for m in routed.state().get("migration", [])}


def await_migration(routed, vm_id, known, states=("converged", "redirect-expired"), timeout=10):
    """The newest migration record of <vm_id> not in <known>, once it is in one of <states>."""
    found, _ = wait_until(f"{vm_id}'s migration in {states}",
                          lambda: [m for m in migrations_of(routed, vm_id) if m["id"] not in known],
                          lambda records: records and records[-1].get("state") in states, timeout=timeout)
    return found[-1]


@scenario("l3-move")
def l3_move(ctx):
    """A routed VM (a2) moves under a 100 pps stream from the other subnet (a1): loss within detach + convergence."""
    with RoutedFabric(ctx, 4) as routed:
        fabric = routed.fabric
        vm = fabric.vms["a2"]
        source, target = vm.nve, 1
        ip = vm.spec.ips[0]
        known = migration_ids(routed)
        stream = UdpStream(fabric, "a1", "a2", ip, pps=PPS)
        try:
            time.sleep(1.0)
            detach = fabric.migrate("a2", target, announce="kernel", port="a2")
            record = await_migration(routed, "a2", known)
            time.sleep(1.0)
        finally:
            result = stream.stop()
        convergence = int(record.get("convergence-micros", 0))
        bound = int((detach + convergence / 1e6) * PPS) + 1 + LOSS_MARGIN
        ctx.record("sent", result.sent)
        ctx.record("lost", result.lost)
        ctx.record("gap_ms", result.longest_gap_ms)
        ctx.record("convergence_us", convergence)
        ctx.record("detach_ms", round(detach * 1000, 1))
        ctx.record("trigger", record.get("trigger"))
        print(f"    a2 {nve_id(source)}->{nve_id(target)}: sent {result.sent}, lost {result.lost}, longest gap "
              f"{result.longest_gap_ms} ms; migration {record}", flush=True)
        check(record.get("to-nve") == nve_id(target), f"the migration goes to {nve_id(target)}: {record}")
        check(result.lost <= bound, f"lost {result.lost} datagrams, more than detach ({detach * 1000:.0f} ms) + "
              f"convergence ({convergence} us) + {LOSS_MARGIN} = {bound}")
        missing = routed.missing_routes()
        check(not missing, f"host routes missing after the move: {missing}")
        domain = f"tun_id={hex(DOMAINS[NETWORKS[vm.spec.vni][1]])},"
        route = [line for line in fabric.ofctl(3, "dump-flows", "table=40").splitlines()
                 if f"nw_dst={ip}" in line and domain in line]
        check(route and underlay_ip(target, 4) in route[0],
              f"nve3's host route for {ip} points to {nve_id(target)}'s VTEP {underlay_ip(target, 4)}: {route}")
        results = probe_all(fabric, [("a1", address) for address in vm.spec.ips]
                            + [("a3", address) for address in vm.spec.ips])
        dead = [key for key, (sent, got) in results.items() if got == 0]
        check(not dead, f"a2 unreachable after its move: {dead}")


STALE_FRAMES = 20
STALE_PORT = 9002


def stale_frames_to_old_nve(ctx, policy, before_send=None):
    """a2 moves; frames routed to it by a stale NVE (from a1's address) still reach its old NVE over the overlay.
    <before_send>(routed fabric) runs right before they are sent. Returns what a2 received, the old NVE's table
    20 flows for a2 and their packet counts."""
    with RoutedFabric(ctx, 4, policies={6002: policy}) as routed:
        fabric = routed.fabric
        vm = fabric.vms["a2"]
        old = vm.nve
        known = migration_ids(routed)
        fabric.migrate("a2", 1, announce="kernel", port="a2")
        await_migration(routed, "a2", known, states=("converged",))
        underlay = fabric.underlay
        sender_ip = "192.0.2.250"
        run("ip", "addr", "replace", f"{sender_ip}/24", "dev", "ul0", netns=underlay)
        run("ip", "neigh", "replace", underlay_ip(old, 4), "lladdr", phy_mac(old), "dev", "ul0", netns=underlay)
        # as the ingress NVE of a1 routes it: from the gateway MAC to a2's MAC, in a2's VNI
        inner = [inner_udp_frame(GATEWAY_MAC, vm.spec.mac, fabric.vms["a1"].spec.ips[0], vm.spec.ips[0],
                                 STALE_PORT, b"stale %d" % n) for n in range(STALE_FRAMES)]
        received = []
        sink = in_netns(vm.netns, _udp_socket, STALE_PORT)
        if before_send:
            before_send(routed)
        try:
            send_to_vtep(underlay, underlay_ip(old, 4), [vxlan_payload(vm.spec.vni, frame) for frame in inner])
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                try:
                    received.append(sink.recv(2048))
                except socket.timeout:
                    pass
        finally:
            sink.close()
        table20 = [line for line in fabric.ofctl(old, "dump-flows", "table=20").splitlines()
                   if f"dl_dst={vm.spec.mac}" in line]
        print(f"    policy {policy}: a2 received {len(received)} of {STALE_FRAMES} stale frames; {nve_id(old)} "
              f"table 20: {table20}", flush=True)
        ctx.record("stale_sent", STALE_FRAMES)
        ctx.record("stale_received", len(received))
        packets = [int(m.group(1)) for line in table20 for m in [re.search(r"n_packets=(\d+)", line)] if m]
        ctx.record("old_nve_counted", packets[0] if packets else 0)
        # the redirect flow's hard timeout ends it: the migration then carries what the old NVE counted
        record = await_migration(routed, "a2", known, states=("redirect-expired",), timeout=REDIRECT_SECONDS + 10)
        print(f"    migration after the redirect window: {record}", flush=True)
        ctx.record("redirected_packets", int(record.get("redirected-packets", 0)))
        return received, table20, packets, record


def _udp_socket(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    s.settimeout(0.1)
    return s


@scenario("l3-old-location-redirect")
def l3_old_location_redirect(ctx):
    """Policy redirect: frames routed to a moved VM's old NVE during the redirect window still reach it."""
    received, table20, _, record = stale_frames_to_old_nve(ctx, "redirect")
    check(len(received) == STALE_FRAMES, f"a2 received {len(received)} of {STALE_FRAMES}; table 20 {table20}")
    check(int(record.get("redirected-packets", 0)) >= STALE_FRAMES,
          f"the migration counts the {STALE_FRAMES} redirected frames: {record}")


@scenario("l3-old-location-drop")
def l3_old_location_drop(ctx):
    """Policy drop: frames routed to a moved VM's old NVE are dropped there and counted."""
    received, table20, packets, record = stale_frames_to_old_nve(ctx, "drop")
    check(not received, f"a2 received {len(received)} frames the old NVE should have dropped")
    check(packets and packets[0] >= STALE_FRAMES, f"the old NVE's drop flow counted the {STALE_FRAMES} "
          f"frames: {table20}")
    check(int(record.get("redirected-packets", 0)) >= STALE_FRAMES,
          f"the migration counts the {STALE_FRAMES} dropped frames: {record}")


def _icmp_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(0.1)
    return s


@scenario("l3-old-location-icmp")
def l3_old_location_icmp(ctx):
    """Policy icmp-unreachable: a sender routing to a moved VM's old NVE gets ICMP host unreachable from the gateway."""
    icmp = {}

    def listen_at_a1(routed):
        icmp["socket"] = in_netns(routed.fabric.vms["a1"].netns, _icmp_socket)

    received, table20, packets, record = stale_frames_to_old_nve(ctx, "icmp-unreachable", before_send=listen_at_a1)
    errors = []
    s = icmp.get("socket")
    if s:
        deadline = time.monotonic() + 2
        try:
            while time.monotonic() < deadline:
                try:
                    data, (source, _) = s.recvfrom(2048)
                except socket.timeout:
                    continue
                header = (data[0] & 0x0F) * 4
                errors.append((source, data[header], data[header + 1]))
        finally:
            s.close()
    unreachable = [e for e in errors if e[1] == 3 and e[2] == 1]
    ctx.record("icmp_unreachable_at_sender", len(unreachable))
    print(f"    a1 received ICMP {errors[:5]}{'...' if len(errors) > 5 else ''}", flush=True)
    check(not received, f"a2 received {len(received)} frames its old NVE should have answered with ICMP")
    check(unreachable, f"a1 received no ICMP host unreachable (type 3 code 1); ICMP seen: {errors}")
    gateway = NETWORKS[6002][2][0][1]
    check(all(source == gateway for source, _, _ in unreachable),
          f"the errors come from a2's subnet gateway {gateway}: {unreachable}")
    check(int(record.get("old-location-packets", 0)) >= STALE_FRAMES
          and int(record.get("icmp-unreachable-sent", 0)) >= len(unreachable),
          f"the migration counts the {STALE_FRAMES} packets and the {len(unreachable)} errors: {record}")


@scenario("l3-external")
def l3_external(ctx):
    """An external host reaches a routed VM through the gateway NVE before and after it moves, not via the old NVE."""
    with RoutedFabric(ctx, 4, external=True) as routed:
        fabric = routed.fabric
        vm = fabric.vms["a1"]
        outside = list(EXTERNAL_IPS)
        before = {ip: routed.external_ping(ip) for ip in vm.spec.ips}
        out_before = probe_all(fabric, [("a1", ip) for ip in outside])
        ttl_out = ping_ttl(fabric, "a1", outside[0])
        source, target = vm.nve, 2
        known = migration_ids(routed)
        fabric.migrate("a1", target, announce="kernel", port="a1")
        await_migration(routed, "a1", known, states=("converged",))
        old_counts = _redirect_packets(fabric, source, vm.spec.mac)
        after = {ip: routed.external_ping(ip, count=10) for ip in vm.spec.ips}
        out_after = probe_all(fabric, [("a1", ip) for ip in outside])
        through_old = _redirect_packets(fabric, source, vm.spec.mac) - old_counts
        location = next((row for row in routed.state().get("vm-location", []) if row.get("id") == "a1"), {})
        route = [line for line in fabric.ofctl(EXTERNAL_GATEWAY_NVE, "dump-flows", "table=40").splitlines()
                 if f"nw_dst={vm.spec.ips[0]}" in line and "tun_id=0x2329," in line]
        print(f"    external -> a1 before {before}, after {after}; a1 -> external before {out_before}, after "
              f"{out_after}; TTL of the outside's reply {ttl_out}; packets through {nve_id(source)}'s redirect after "
              f"convergence {through_old}; gateway route {route}", flush=True)
        ctx.record("through_old_nve", through_old)
        check(all(got for _, got in before.values()), f"the external host reached a1 before the move: {before}")
        check(all(got for _, got in out_before.values()), f"a1 reached the external host: {out_before}")
        check(ttl_out == TTL_AFTER_ONE_HOP, f"the external host's reply is routed once (TTL 63): {ttl_out}")
        check(all(got == sent for sent, got in after.values()),
              f"the external host reaches a1 at {nve_id(target)} after the move: {after}")
        check(all(got for _, got in out_after.values()), f"a1 reaches the external host after the move: {out_after}")
        check(route and underlay_ip(target, 4) in route[0],
              f"the gateway NVE's host route for a1 points to {nve_id(target)}: {route}")
        check(through_old == 0, f"{through_old} packets went through the old NVE {nve_id(source)} after convergence")
        check(location.get("gateway-nve") == [nve_id(EXTERNAL_GATEWAY_NVE)],
              f"state/vm-location records a1's gateway NVE {nve_id(EXTERNAL_GATEWAY_NVE)}: {location}")


def _redirect_packets(fabric, nve, mac):
    """The packets the redirect flows of an NVE for a MAC have counted."""
    total = 0
    for line in fabric.ofctl(nve, "dump-flows", "table=20").splitlines():
        match = re.search(r"n_packets=(\d+)", line)
        if f"dl_dst={mac}" in line and match:
            total += int(match.group(1))
    return total


COLD_AWAY_S = 2.0


@scenario("l3-cold")
def l3_cold(ctx):
    """Cold task migration: a routed VM stops at one NVE, starts 2 s later at another with its addresses: reachable."""
    with RoutedFabric(ctx, 4) as routed:
        fabric = routed.fabric
        vm = fabric.vms["a2"]
        source, target = vm.nve, 3
        known = migration_ids(routed)
        # a fresh port that names no VM: NVA learns the VM's new place from its own announcement (kernel GARP/NA)
        fabric.migrate("a2", target, announce="kernel", port="cold1", away_s=COLD_AWAY_S)
        record = await_migration(routed, "a2", known)
        results = probe_all(fabric, [(other, ip) for other in ("a1", "a3") for ip in vm.spec.ips])
        dead = [key for key, (sent, got) in results.items() if got == 0]
        missing = routed.missing_routes()
        ctx.record("trigger", record.get("trigger"))
        ctx.record("convergence_us", int(record.get("convergence-micros", 0)))
        print(f"    a2 stopped at {nve_id(source)}, started at {nve_id(target)} {COLD_AWAY_S} s later: migration "
              f"{record}; probes {results}", flush=True)
        check(record.get("to-nve") == nve_id(target) and record.get("trigger") in ("gratuitous-arp",
                                                                                     "unsolicited-na"),
              f"a2 learned at {nve_id(target)} from its own announcement: {record}")
        check(not missing, f"host routes missing after the cold migration: {missing}")
        check(not dead, f"a2 unreachable after its cold migration: {dead}")
