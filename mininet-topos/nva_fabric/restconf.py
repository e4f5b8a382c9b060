"""NVA's RESTCONF northbound, as a fabric script uses it: write the fabric intent from a Fabric's NVEs and
VMs, read the operational state, call migrate-vm.
"""
import base64
import json
import time
import urllib.error
import urllib.request

from nva_fabric.underlay import underlay_ip


class Restconf:
    def __init__(self, url="http://127.0.0.1:8181", user="admin", password="admin"):
        self.url = url.rstrip("/")
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None, timeout=10):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", self.auth)
        req.add_header("Accept", "application/yang-data+json")
        if data is not None:
            req.add_header("Content-Type", "application/yang-data+json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                text = resp.read().decode()
                return resp.status, (json.loads(text) if text.strip() else None)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def wait_ready(self, timeout=300):
        """Waits until RESTCONF answers a read of nva:state (the NVA bundle is up)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                status, _ = self.request("GET", "/rests/data/nva:state?content=nonconfig", timeout=5)
                if status in (200, 204, 404, 409):  # ODL answers data-missing with 409
                    return
                last = status
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                last = e
            time.sleep(1)
        raise TimeoutError(f"RESTCONF at {self.url} did not answer within {timeout} s (last: {last})")

    def put_fabric(self, fabric_json, timeout=180):
        """PUTs the intent; retries while RESTCONF answers 401/404/503 (AAA or NVA still starting)."""
        deadline = time.monotonic() + timeout
        while True:
            status, body = self.request("PUT", "/rests/data/nva:fabric", fabric_json)
            if status in (200, 201, 204):
                return
            if status not in (401, 404, 503) or time.monotonic() > deadline:
                raise RuntimeError(f"PUT nva:fabric: HTTP {status}: {body}")
            time.sleep(1)

    def state(self):
        status, body = self.request("GET", "/rests/data/nva:state?content=nonconfig")
        if status == 200:
            return body.get("nva:state", {})
        return {}

    def migrations(self, vm_id):
        """The state/migration records of VM <vm_id>, oldest first (by sequence: ids are <vm>@<sequence>; NVA
        lists them in no particular order)."""
        records = [m for m in self.state().get("migration", []) if m.get("vm") == vm_id]
        return sorted(records, key=lambda m: int(str(m.get("id", "@0")).rsplit("@", 1)[1]))

    def await_migration(self, vm_id, known, timeout=10.0):
        """Waits for a record of <vm_id> beyond the first <known> that is no longer converging; returns it (or
        the last one seen, or None, at the timeout)."""
        deadline = time.monotonic() + timeout
        while True:
            records = self.migrations(vm_id)[known:]
            if records and records[-1].get("state") != "converging" or time.monotonic() > deadline:
                return records[-1] if records else None
            time.sleep(0.1)

    def migrate_vm(self, vm, target_nve, port=None):
        body = {"input": {"vm": vm, "target-nve": target_nve}}
        if port:
            body["input"]["port"] = port
        return self.request("POST", "/rests/operations/nva:migrate-vm", body)

    def wait_connected(self, nve_ids, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            connected = {n["id"] for n in self.state().get("nve", []) if n.get("connected")}
            if set(nve_ids) <= connected:
                return
            time.sleep(0.5)
        raise TimeoutError(f"NVEs {sorted(nve_ids)} not all connected after {timeout} s: {self.state().get('nve')}")


def nve_id(index):
    return f"nve{index}"


def fabric_intent(fabric, networks, redirect_seconds=30, place_vms=True):
    """The nva:fabric document for a Fabric: its NVEs (datapath id, underlay IP), the virtual networks
    {vni: name} and its VMs (nve and port when place_vms, else learned)."""
    vms = []
    for vm in fabric.vms.values():
        entry = {"id": vm.spec.id, "vni": vm.spec.vni, "mac": vm.spec.mac, "ip": list(vm.spec.ips)}
        if place_vms:
            entry.update({"nve": nve_id(vm.nve), "port": vm.port})
        vms.append(entry)
    return {"nva:fabric": {
        "settings": {"redirect-seconds": redirect_seconds, "unknown-destination": "pull"},
        "nve": [{"id": nve_id(i), "datapath-id": str(nve.dpid), "underlay-ip": underlay_ip(i, fabric.family)}
                for i, nve in fabric.nves.items()],
        "virtual-network": [{"vni": vni, "name": name, "tenant": name} for vni, name in networks.items()],
        "vm": vms,
    }}
