"""A small RESTCONF (RFC 8040) client on the standard library: JSON in, (status, JSON or text) out."""
import base64
import json
import urllib.error
import urllib.request


class Restconf:
    def __init__(self, base, user="admin", password="admin", timeout=30):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None):
        """Returns (status, parsed JSON or text); status 0 when nothing answered."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": self.auth, "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, _parse(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _parse(error.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return 0, str(error)

    def get(self, path):
        return self.request("GET", path)

    def put(self, path, body):
        return self.request("PUT", path, body)

    def delete(self, path):
        return self.request("DELETE", path)


def _parse(raw):
    text = raw.decode(errors="replace")
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return text
