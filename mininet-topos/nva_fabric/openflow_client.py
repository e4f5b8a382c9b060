"""A blocking OpenFlow client on a bridge's management socket that sends a batch the way NVA does.

NVA writes a whole batch of flow-mods and then one barrier, without waiting in between
(SwitchConnection.sendAll, then barrier()). ovs-ofctl does not: without --bundle it sends every
flow-mod with its own barrier and waits for that barrier's reply before the next flow-mod
(vconn_transact_multiple_noreply in OVS's lib/vconn.c). So the benchmark speaks OpenFlow itself.
"""
import select
import socket
import time

from nva_fabric import openflow_messages as of


class OpenFlowError(Exception):
    """The switch answered with OFPT_ERROR, or version negotiation failed."""


class OpenFlowClient:
    """One connection, negotiated to exactly one version (OF13 or OF14)."""

    def __init__(self, mgmt_path, version):
        self.version = version
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(mgmt_path)
        self.buffer = b""
        self.next_xid = 100
        reply = self.send_until(of.hello(version), lambda m: of.parse_header(m)[1] == of.HELLO, timeout=5)[2]
        self.peer_versions = of.hello_versions(reply)
        if version not in self.peer_versions:
            raise OpenFlowError(f"version negotiation failed: we offered only 0x{version:02x}, the bridge offers "
                                + ", ".join(f"0x{v:02x}" for v in sorted(self.peer_versions)))
        self.batch([])  # a barrier round trip: the connection works in this version

    def close(self):
        self.sock.close()

    def xid(self):
        self.next_xid += 1
        return self.next_xid

    def _messages_in_buffer(self):
        while len(self.buffer) >= 8 and len(self.buffer) >= of.parse_header(self.buffer)[2]:
            length = of.parse_header(self.buffer)[2]
            message, self.buffer = self.buffer[:length], self.buffer[length:]
            yield message

    def send_until(self, payload, done, timeout=60):
        """Writes payload (many messages, back to back) while reading; returns once done(message) is true for a
        received message. Raises OpenFlowError on the first OFPT_ERROR. Returns monotonic_ns at the first byte
        written and at the reply, and the reply."""
        view = memoryview(payload)
        deadline = time.monotonic() + timeout
        started = time.monotonic_ns()
        while True:
            for message in self._messages_in_buffer():
                msg_type, xid = of.parse_header(message)[1], of.parse_header(message)[3]
                if msg_type == of.ERROR:
                    raise OpenFlowError(f"OFPT_ERROR type/code {of.error(message)} for xid {xid}")
                if done(message):
                    return started, time.monotonic_ns(), message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the switch did not finish the batch")
            writers = [self.sock] if view else []
            readable, writable, _ = select.select([self.sock], writers, [], remaining)
            if writable:
                view = view[self.sock.send(view[:1 << 16]):]
            if readable:
                chunk = self.sock.recv(1 << 16)
                if not chunk:
                    raise OpenFlowError("switch closed the connection")
                self.buffer += chunk

    def batch(self, flow_mods):
        """Flow-mods back to back, then one barrier; returns (first byte written, barrier reply) in ns."""
        xid = self.xid()
        payload = b"".join(flow_mods) + of.barrier(self.version, xid)
        return self.send_until(payload, lambda m: of.parse_header(m)[1:4:2] == (of.BARRIER_REPLY, xid))[:2]

    def bundle(self, flow_mods):
        """OPEN, one ADD_MESSAGE per flow-mod, COMMIT (atomic, ordered), written back to back; returns
        (first byte written, commit reply) in ns. OVS answers OPEN before it reads the adds."""
        bundle_id = self.xid()
        payload = [of.bundle_control(self.version, self.xid(), bundle_id, of.BUNDLE_OPEN_REQUEST)]
        payload += [of.bundle_add(self.version, bundle_id, flow_mod) for flow_mod in flow_mods]
        payload.append(of.bundle_control(self.version, self.xid(), bundle_id, of.BUNDLE_COMMIT_REQUEST))
        return self.send_until(b"".join(payload),
                               lambda m: of.bundle_reply(m) == (bundle_id, of.BUNDLE_COMMIT_REPLY))[:2]
