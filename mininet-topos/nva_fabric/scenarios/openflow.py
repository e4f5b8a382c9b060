"""Raw OpenFlow 1.3 bytes for a misbehaving client: a HELLO, then something NVA must refuse."""
import struct

OF13 = 4
HELLO = 0
ECHO_REQUEST = 2


def header(version, message_type, length, xid):
    return struct.pack("!BBHI", version, message_type, length, xid)


def hello(xid=1):
    return header(OF13, HELLO, 8, xid)


# name -> (bytes sent after the HELLO, whether NVA must close the connection and log it as malformed)
MALFORMED = {
    # a header whose length field undercuts the 8-byte header itself
    "short-length": (header(OF13, ECHO_REQUEST, 4, 2), True),
    # a version no OpenFlow has
    "unknown-version": (header(0x7F, ECHO_REQUEST, 8, 3), True),
    # a valid header of a message type OpenFlow 1.3 does not define, with garbage behind it
    "unknown-type": (header(OF13, 0xC8, 16, 4) + b"\xde\xad\xbe\xef" * 2, True),
    # a header promising 64 bytes, 16 sent, then the client closes: not malformed, just gone
    "truncated-then-close": (header(OF13, ECHO_REQUEST, 64, 5) + b"\x00" * 8, False),
}
