"""End-to-end scenarios: the built NVA distribution against real Open vSwitch NVEs.

    python3 -m nva_fabric.scenarios --karaf karaf/target/assembly [scenario ...]

starts Karaf from a private copy of the distribution (its own ports, clean state), runs the chosen
scenarios (all by default) one after another, each with its own NVEs torn down afterwards, prints a
summary table and exits non-zero when any scenario failed. See mininet-topos/README.md.
"""
