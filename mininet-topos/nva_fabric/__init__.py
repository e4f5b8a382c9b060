"""NVA test fabrics: Open vSwitch NVEs in userspace, one ovsdb-server + ovs-vswitchd per network namespace."""
