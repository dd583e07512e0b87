#!/usr/bin/env python3
"""The benchmark's token server: tests/registry/fixtures' TokenHandler (a
token with an empty access list for repositories under private/, a pull
token for the others), in a process of its own so that its CPU time can be
read from /proc, and with each signed token (valid for an hour) kept for 50
minutes, so that the benchmark measures the protocol, not the `openssl`
processes the fixture starts to sign each token (the benchmark asks for
every token once before it measures).

  token_server.py SIGNING_CERT SIGNING_KEY ISSUER

Prints "port N" on stdout when listening; exits on SIGTERM."""

import http.server
import json
import os
import signal
import sys
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "registry"))
from fixtures import pki, servers  # noqa: E402


class CachedTokenHandler(servers.TokenHandler):
    """Signs as the fixture does, valid for an hour, and hands out the same
    token for the same (service, access) for 50 minutes."""
    cache = {}
    cache_lock = threading.Lock()

    def sign(self, service, access):
        key = service + json.dumps(access, sort_keys=True)
        now = time.time()
        with self.cache_lock:
            hit = self.cache.get(key)
            if hit and now - hit[0] < 3000:
                return hit[1]
        header = {"typ": "JWT", "alg": "RS256",
                  "x5c": [self.x5c()]}
        claims = {"iss": self.issuer, "sub": "", "aud": service,
                  "exp": int(now) + 3600, "nbf": int(now) - 10, "iat": int(now),
                  "jti": os.urandom(8).hex(), "access": access}
        signing_input = (servers._b64url(json.dumps(header).encode()) + "." +
                         servers._b64url(json.dumps(claims).encode()))
        signature = pki.sign_rs256(self.signing_key, signing_input.encode())
        token = signing_input + "." + servers._b64url(signature)
        with self.cache_lock:
            self.cache[key] = (now, token)
        return token

    def x5c(self):
        cls = type(self)
        if not hasattr(cls, "_x5c"):
            cls._x5c = pki.der_base64(self.signing_cert)
        return cls._x5c


class Server(http.server.ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: with more clients than that
    # connecting at once, the kernel drops SYNs and each retry costs a second.
    request_queue_size = 1024
    daemon_threads = True


def main():
    cert, key, issuer = sys.argv[1:4]
    owner = type("Owner", (), {"record": lambda self, handler: None})()
    handler = type("Handler", (CachedTokenHandler,),
                   dict(issuer=issuer, signing_cert=cert, signing_key=key, owner=owner))
    httpd = Server(("127.0.0.1", 0), handler)
    print("port", httpd.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    httpd.serve_forever()


if __name__ == "__main__":
    main()
