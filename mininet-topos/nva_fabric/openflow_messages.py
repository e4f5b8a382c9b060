"""The few OpenFlow 1.3 / 1.4 messages the transient benchmark sends, encoded by hand.

Flow-mods as NVA sends them (FlowModTranslator): a cookie per flow, MODIFY_STRICT and DELETE_STRICT
with a full cookie mask, no buffer, out_port/out_group ANY. Bundles in two encodings: OpenFlow 1.4
OFPT_BUNDLE_CONTROL / OFPT_BUNDLE_ADD_MESSAGE (types 33, 34), and the same bodies in OpenFlow 1.3 as
ONF extension 230 experimenter messages (ONF vendor id, subtypes 2300 and 2301), which Open vSwitch
accepts on 1.3 connections.
"""
import struct

OF13 = 4
OF14 = 5

HELLO = 0
ERROR = 1
EXPERIMENTER = 4
FLOW_MOD = 14
BARRIER_REQUEST = 20
BARRIER_REPLY = 21
BUNDLE_CONTROL = 33
BUNDLE_ADD_MESSAGE = 34

ONF_VENDOR_ID = 0x4F4E4600
ONFT_BUNDLE_CONTROL = 2300
ONFT_BUNDLE_ADD_MESSAGE = 2301

ADD = 0
MODIFY_STRICT = 2
DELETE_STRICT = 4

BUNDLE_OPEN_REQUEST = 0
BUNDLE_OPEN_REPLY = 1
BUNDLE_COMMIT_REQUEST = 4
BUNDLE_COMMIT_REPLY = 5
BUNDLE_ATOMIC = 1
BUNDLE_ORDERED = 2

ANY = 0xFFFFFFFF
NO_BUFFER = 0xFFFFFFFF
ALL_ONES = 0xFFFFFFFFFFFFFFFF

_HEADER = struct.Struct("!BBHI")
_OXM_IN_PORT = 0x80000004
_OXM_ETH_DST = 0x80000606


def header(version, msg_type, length, xid):
    return _HEADER.pack(version, msg_type, length, xid)


def parse_header(data):
    """(version, type, length, xid) of the message at the start of data."""
    return _HEADER.unpack_from(data)


def hello(version):
    """A HELLO with a version bitmap holding only <version>, so that negotiation picks it or fails."""
    return header(version, HELLO, 16, 1) + struct.pack("!HHI", 1, 8, 1 << version)


def hello_versions(data):
    """The versions a HELLO offers: its version bitmap, or every version up to its header's."""
    version, _, length, _ = parse_header(data)
    offset = 8
    while offset + 4 <= length:
        element_type, element_length = struct.unpack_from("!HH", data, offset)
        if element_type == 1:
            words = struct.unpack_from(f"!{(element_length - 4) // 4}I", data, offset + 4)
            return {32 * i + bit for i, word in enumerate(words) for bit in range(32) if word >> bit & 1}
        offset += max(8, (element_length + 7) // 8 * 8)
    return set(range(1, version + 1))


def barrier(version, xid):
    return header(version, BARRIER_REQUEST, 8, xid)


def _match(oxms):
    body = b"".join(oxms)
    length = 4 + len(body)
    return struct.pack("!HH", 1, length) + body + bytes(-length % 8)


def match_all():
    return _match([])


def eth_dst_match(mac):
    return _match([struct.pack("!I", _OXM_ETH_DST) + mac])


def in_port_match(port):
    return _match([struct.pack("!II", _OXM_IN_PORT, port)])


def apply_output(port):
    """Instruction APPLY_ACTIONS with one OUTPUT action."""
    return struct.pack("!HH4x", 4, 24) + struct.pack("!HHIH6x", 0, 16, port, 0xFFFF)


def goto_table(table):
    return struct.pack("!HHB3x", 1, 8, table)


def flow_mod(version, xid, command, table, priority, match, instructions=b"", cookie=0):
    """An OFPT_FLOW_MOD (the same layout in 1.3 and 1.4; 1.4's importance stays 0)."""
    cookie_mask = ALL_ONES if command in (MODIFY_STRICT, DELETE_STRICT) else 0
    body = struct.pack("!QQBBHHHIIIH2x", cookie, cookie_mask, table, command, 0, 0, priority,
                       NO_BUFFER, ANY, ANY, 0) + match + instructions
    return header(version, FLOW_MOD, 8 + len(body), xid) + body


def _bundle_message(version, onf_subtype, of14_type, xid, body):
    if version == OF13:
        body = struct.pack("!II", ONF_VENDOR_ID, onf_subtype) + body
        return header(version, EXPERIMENTER, 8 + len(body), xid) + body
    return header(version, of14_type, 8 + len(body), xid) + body


def bundle_control(version, xid, bundle_id, ctrl_type, flags=BUNDLE_ATOMIC | BUNDLE_ORDERED):
    return _bundle_message(version, ONFT_BUNDLE_CONTROL, BUNDLE_CONTROL, xid,
                           struct.pack("!IHH", bundle_id, ctrl_type, flags))


def bundle_add(version, bundle_id, inner, flags=BUNDLE_ATOMIC | BUNDLE_ORDERED):
    """Wraps an encoded message; the wrapper takes the inner message's xid, as the specification requires."""
    xid = parse_header(inner)[3]
    return _bundle_message(version, ONFT_BUNDLE_ADD_MESSAGE, BUNDLE_ADD_MESSAGE, xid,
                           struct.pack("!IHH", bundle_id, 0, flags) + inner)


def bundle_reply(data):
    """(bundle_id, ctrl_type) if data is a bundle control message in either encoding, else None."""
    version, msg_type, _, _ = parse_header(data)
    if msg_type == BUNDLE_CONTROL and version >= OF14:
        return struct.unpack_from("!IH", data, 8)
    if msg_type == EXPERIMENTER and struct.unpack_from("!II", data, 8) == (ONF_VENDOR_ID, ONFT_BUNDLE_CONTROL):
        return struct.unpack_from("!IH", data, 16)
    return None


def error(data):
    """(type, code) of an OFPT_ERROR message."""
    return struct.unpack_from("!HH", data, 8)
