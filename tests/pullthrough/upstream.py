"""The proxy's side towards a vendor registry (proxy.py, step 5 of its
protocol): requests sent with the vendor's credentials, Basic or a Bearer
token fetched from the registry's token realm with them; redirects
followed without credentials to another host."""

import base64
import http.client
import json
import re
import ssl
import threading
import time
import urllib.parse

REDIRECTS = (301, 302, 303, 307, 308)


class Refusal(Exception):
    """An answer to the client instead of the object: status, code, why."""

    def __init__(self, status, code, why):
        super().__init__(why)
        self.status, self.code, self.why = status, code, why


def _challenge_params(header):
    scheme, _, rest = header.partition(" ")
    return scheme.lower(), dict(re.findall(r'(\w+)="([^"]*)"', rest))


class Upstream:
    """One vendor registry, spoken to with the vendor's credentials."""

    def __init__(self, spec):
        url = urllib.parse.urlsplit(spec["url"])
        self.host, self.port = url.hostname, url.port or 443
        self.basic = "Basic " + base64.b64encode(
            f"{spec['username']}:{spec['password']}".encode()).decode()
        self.context = ssl.create_default_context(cafile=spec["ca"])
        self.lock = threading.Lock()
        self.tokens = {}  # scope -> (authorization, expiry)
        self.scheme = None  # "basic" or "bearer", learnt from the first challenge

    def _authorization(self, scope):
        with self.lock:
            if self.scheme == "basic":
                return self.basic
            token = self.tokens.get(scope)
            return token[0] if token and token[1] > time.monotonic() else None

    def _learn(self, challenge, scope, calls):
        scheme, params = _challenge_params(challenge)
        if scheme == "basic":
            with self.lock:
                self.scheme = "basic"
            return
        if scheme != "bearer" or "realm" not in params:
            raise Refusal(502, "UNKNOWN", f"upstream challenge not understood: {scheme}")
        query = urllib.parse.urlencode({"service": params.get("service", ""), "scope": scope})
        realm = urllib.parse.urlsplit(params["realm"])
        conn_class = http.client.HTTPSConnection if realm.scheme == "https" else \
            http.client.HTTPConnection
        kwargs = {"context": self.context} if realm.scheme == "https" else {}
        conn = conn_class(realm.hostname, realm.port, timeout=30, **kwargs)
        try:
            conn.request("GET", f"{realm.path}?{query}", headers={"Authorization": self.basic})
            resp = conn.getresponse()
            body = resp.read(1 << 20)
        finally:
            conn.close()
        calls.append(f"GET {params['realm']} scope={scope} -> {resp.status}")
        if resp.status != 200:
            raise Refusal(502, "UNKNOWN", f"the upstream token realm answered {resp.status}")
        answer = json.loads(body)
        token = answer.get("token") or answer.get("access_token")
        expiry = time.monotonic() + max(int(answer.get("expires_in", 60)) - 10, 1)
        with self.lock:
            self.scheme = "bearer"
            self.tokens[scope] = ("Bearer " + token, expiry)

    def open(self, method, path, accept, scope, calls):
        """Sends the request; returns (connection, response) for a final
        answer (not a redirect, not a challenge that can still be met)."""
        host, port, tls = self.host, self.port, True
        for attempt in range(6):
            home = (host, port) == (self.host, self.port)
            # Credentials go to the upstream itself, never to a redirect target.
            authorization = self._authorization(scope) if home else None
            conn = (http.client.HTTPSConnection(host, port, context=self.context, timeout=30)
                    if tls else http.client.HTTPConnection(host, port, timeout=30))
            headers = {"Accept": accept} if accept else {}
            if authorization:
                headers["Authorization"] = authorization
            conn.request(method, path, headers=headers)
            resp = conn.getresponse()
            calls.append(f"{method} {host}:{port}{path} -> {resp.status}")
            if resp.status == 401 and attempt == 0 and home:
                challenge = resp.getheader("WWW-Authenticate", "")
                resp.read()
                conn.close()
                self._learn(challenge, scope, calls)
                continue
            if resp.status in REDIRECTS and resp.getheader("Location"):
                target = urllib.parse.urlsplit(
                    urllib.parse.urljoin(f"https://{host}:{port}{path}",
                                         resp.getheader("Location")))
                resp.read()
                conn.close()
                tls = target.scheme == "https"
                host, port = target.hostname, target.port or (443 if tls else 80)
                path = target.path + (f"?{target.query}" if target.query else "")
                continue
            return conn, resp
        raise Refusal(502, "UNKNOWN", "too many upstream redirects or challenges")
