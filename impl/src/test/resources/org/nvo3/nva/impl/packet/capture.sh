#!/usr/bin/env bash
# Recreates the captures the packet codec's golden tests read (run as root; needs iproute2, tcpdump,
# iputils-ping, arping). Two network namespaces joined by a veth pair, documentation addresses only.
# A fresh run gives the same frames, though router solicitations and timers may change their order:
# the tests look frames up by index and check what they are.
set -euo pipefail
A=wtpacket-a B=wtpacket-b OUT=${1:-.}
cleanup() { ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add $A && ip netns add $B
ip link add pkta type veth peer name pktb
ip link set pkta netns $A address 02:00:5e:10:00:0a
ip link set pktb netns $B address 02:00:5e:10:00:0b
ip -n $A link set pkta up && ip -n $B link set pktb up
ip -n $A addr add 198.51.100.10/24 dev pkta && ip -n $B addr add 198.51.100.11/24 dev pktb
ip -n $A addr add 2001:db8:7::10/64 dev pkta nodad && ip -n $B addr add 2001:db8:7::11/64 dev pktb nodad
sleep 2

# arp-nd-capture.pcap: ARP request/reply, NS/NA, ICMPv6 echo, gratuitous ARP request, RFC 5227 probe
ip netns exec $B timeout 12 tcpdump -i pktb -U -w "$OUT/arp-nd-capture.pcap" 'arp or icmp6 or rarp' &
sleep 1.5
ip netns exec $A ping -c1 -W2 198.51.100.11
ip netns exec $A ping -6 -c1 -W2 2001:db8:7::11
ip netns exec $A arping -c1 -U -I pkta 198.51.100.10 || true
ip netns exec $A arping -c1 -w 1 -I pkta -S 0.0.0.0 198.51.100.11 || true
wait

# garp-reply-capture.pcap: gratuitous ARP in reply form
ip netns exec $B timeout 4 tcpdump -i pktb -U -w "$OUT/garp-reply-capture.pcap" 'arp' &
sleep 1.5
ip netns exec $A arping -c1 -U -P -i pkta -S 198.51.100.10 198.51.100.10 || true
wait
