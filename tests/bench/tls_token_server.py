#!/usr/bin/env python3
"""token_server.py for the TLS benchmark, where it sits behind nghttpx: the
same handler, except that it keeps its connections to nghttpx open when a
client's request said "Connection: close". nghttpx (1.52) passes that header
on to its backend and still pools the connection; the backend then closes
it, and a request nghttpx hands to it in that instant gets 502 (skopeo's
HTTP/1.1 token requests did, about one in a hundred).

  tls_token_server.py SIGNING_CERT SIGNING_KEY ISSUER

Prints "port N" on stdout when listening; exits on SIGTERM."""

import os
import signal
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import token_server  # noqa: E402


class KeepAliveHandler(token_server.CachedTokenHandler):
    def parse_request(self):
        ok = super().parse_request()
        self.close_connection = False
        return ok


def main():
    cert, key, issuer = sys.argv[1:4]
    owner = type("Owner", (), {"record": lambda self, handler: None})()
    handler = type("Handler", (KeepAliveHandler,),
                   dict(issuer=issuer, signing_cert=cert, signing_key=key, owner=owner))
    httpd = token_server.Server(("127.0.0.1", 0), handler)
    print("port", httpd.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    httpd.serve_forever()


if __name__ == "__main__":
    main()
