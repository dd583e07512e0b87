#!/usr/bin/env python3
"""Starts the loopback registries the probe end-to-end tests talk to, writes
their addresses as shell assignments, and serves until SIGTERM/SIGINT or until
its standard input closes.

  registries.py WORKDIR ENV-FILE

Under WORKDIR (created by the caller, removed by the caller):
  storage/   the registries' shared storage (pushed to through "plain")
  pki/       test-ca.pem (caFile for the TLS registry) and the leaf keys
  *.yml, *.log  each registry's config and log

The registries listen on the default ports of loopback addresses of their
own, so their image names carry no port (a port cannot be part of a
proxied name, SPEC §11). The caller runs this inside a network namespace of
its own (lib.sh does), where those ports are free and nothing else sees them.

ENV-FILE (written last, atomically, when everything answers):
  PLAIN_HOST   127.0.0.2    no auth, plain HTTP on port 80 (push target; public)
  TOKEN_HOST   127.0.0.3    token auth, plain HTTP on port 80
  REALM_HOST   127.0.0.5:P  its JWT token server, plain HTTP
  BASIC_HOST   127.0.0.4    htpasswd auth over TLS on port 443 (certificate of test-ca)
  *_ADDR       the same as ip:port, for connect checks
  CA_FILE      WORKDIR/pki/test-ca.pem
  SERVER_PID   this process

Repositories (tags "v1", an OCI index, and "manifest", an OCI manifest):
  TOKEN_HOST/public/app    token server grants pull      -> public
  TOKEN_HOST/private/app   token server grants no access -> private
  BASIC_HOST/vendor/app    Basic challenge               -> private
  PLAIN_HOST/library/web   no auth                       -> public

Exits 77 when docker-registry, htpasswd or openssl is missing."""

import os
import shutil
import signal
import subprocess
import sys
import threading

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "registry"))
from fixtures import images, pki, registry, servers  # noqa: E402

SKIP_CODE = 77


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    work, env_file = (os.path.abspath(a) for a in sys.argv[1:])
    for tool in ("openssl", "htpasswd"):
        if not shutil.which(tool):
            print(f"SKIP: {tool} not found", flush=True)
            sys.exit(SKIP_CODE)
    if not registry.find_registry():
        print("SKIP: docker-registry not found", flush=True)
        sys.exit(SKIP_CODE)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    running = []
    try:
        storage = os.path.join(work, "storage")
        pki_dir = os.path.join(work, "pki")
        os.makedirs(pki_dir, exist_ok=True)

        plain = registry.Registry(work, "plain", storage, address=("127.0.0.2", 80))
        running.append(plain)
        for repo in ("public/app", "private/app", "vendor/app", "library/web"):
            images.push_image(plain.base, repo)

        # Token auth: the test's own JWT token server, as in world.py.
        root = pki.make_ca(pki_dir, "token-root")
        signer = pki.make_leaf(pki_dir, "token-signer", root, san="DNS:token-signer")
        token = servers.Server(servers.TokenHandler, host="127.0.0.5", issuer="probe-e2e-issuer",
                               signing_cert=signer[0], signing_key=signer[1])
        running.append(token)
        auth = {"token": {"realm": f"http://{token.host}/token",
                          "service": "probe-e2e", "issuer": "probe-e2e-issuer",
                          "rootcertbundle": root[0]}}
        token_registry = registry.Registry(work, "token", storage, auth=auth,
                                           address=("127.0.0.3", 80))
        running.append(token_registry)

        # htpasswd auth over TLS, certificate from the test CA.
        htpasswd = os.path.join(work, "htpasswd")
        entry = subprocess.run(["htpasswd", "-Bbn", "vendor", "secret"], check=True,
                               capture_output=True, text=True).stdout
        with open(htpasswd, "w") as f:
            f.write(entry)
        ca = pki.make_ca(pki_dir, "test-ca")
        leaf = pki.make_leaf(pki_dir, "registry-tls", ca, san="IP:127.0.0.4")
        basic = registry.Registry(
            work, "basic", storage, tls=leaf, address=("127.0.0.4", 443),
            auth={"htpasswd": {"realm": "basic-realm", "path": htpasswd}})
        running.append(basic)

        tmp = env_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"PLAIN_HOST={plain.host}\n"
                    f"TOKEN_HOST={token_registry.host}\n"
                    f"REALM_HOST={token.host}\n"
                    f"BASIC_HOST={basic.host}\n"
                    f"PLAIN_ADDR={plain.addr}\n"
                    f"TOKEN_ADDR={token_registry.addr}\n"
                    f"REALM_ADDR={token.host}\n"
                    f"BASIC_ADDR={basic.addr}\n"
                    f"CA_FILE={ca[0]}\n"
                    f"SERVER_PID={os.getpid()}\n")
        os.rename(tmp, env_file)
        print("registries up", flush=True)

        # Serve until told to stop: a signal, or the caller's end of stdin
        # closing (so an orphaned helper does not outlive its test).
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except (OSError, ValueError):
                pass
            stop.set()
        if not sys.stdin.isatty():
            threading.Thread(target=watch_stdin, daemon=True).start()
        while not stop.wait(0.5):
            pass
    finally:
        for thing in reversed(running):
            try:
                thing.stop()
            except Exception as e:  # keep stopping the others
                print(f"stopping {thing}: {e}", file=sys.stderr)
        print("registries stopped", flush=True)


if __name__ == "__main__":
    main()
