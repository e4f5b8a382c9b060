"""NVA's Mininet topology, for `mn --custom` (run as root with /usr/bin/python3's Mininet):

  mn --custom mininet-topos/nva_topo.py --topo nva,3,2,restconf=http://127.0.0.1:8181 \\
     --controller remote,ip=127.0.0.1,port=6653 --test pingall --test nvacheck

  --topo nva,<nves>,<vms-per-nve>[,<underlay family 4|6>][,restconf=<NVA's RESTCONF URL or port>]
         [,prefix=mnt-][,redirect_seconds=30]   (nva_fabric/mn_topo.py says what it builds)
  --test nvacheck   every same-VNI address answers (at the right MAC, also the overlapping ones), no other-VNI
                    address does; prints the result and makes mn exit 1 when it fails
  --test nvamove,b1,2[,rarp[,tp1]]   moves VM b1 to nve2 (announce kernel|garp|na|rarp; onto port tp1, default its
                    current port name) and prints the link-move time

Cleanup: this file replaces mn's `cleanup` (run on an exception, Ctrl-C and `mn -c`) with one that removes only
this topology's namespaces, OVS daemons and relays (prefix mnt-): Mininet's own kills every `ping`, every
Mininet shell and every OVS bridge on the machine. By hand: `python3 mininet-topos/nva_topo.py cleanup`.

From Python: nva_fabric.mn_fabric (nva_network, register_fabric, migrate, send).
"""
import sys as _sys
from os import path as _path

_sys.path.insert(0, _path.dirname(_path.abspath(_sys._getframe(0).f_code.co_filename)))

from nva_fabric.mn_checks import nvacheck as _nvacheck, nvamove as _nvamove, safe_cleanup as _safe_cleanup  # noqa
from nva_fabric.mn_nodes import NveSwitch as _NveSwitch, UnderlaySwitch as _UnderlaySwitch, VmHost as _VmHost  # noqa
from nva_fabric.mn_topo import NvaTopo as _NvaTopo  # noqa: E402

topos = {"nva": _NvaTopo}
switches = {"nve": _NveSwitch, "underlay": _UnderlaySwitch}
hosts = {"vm": _VmHost}
tests = {"nvacheck": _nvacheck, "nvamove": _nvamove}
cleanup = _safe_cleanup

if __name__ == "__main__":
    if _sys.argv[1:2] == ["cleanup"]:
        _safe_cleanup()
    else:
        print(__doc__, file=_sys.stderr)
        _sys.exit(2)
