"""Puts an Emulator on 127.0.0.1 over TLS (the lab's test CA).

- HTTP/1.1 only: a threading server of the registry tests' fixtures, TLS
  with ALPN "http/1.1" (what Docker Hub offers: "ALPN: server did not agree
  on a protocol", line/kubectl-kustomize#12).
- HTTP/2: the emulator listens on plain HTTP and nghttpx (Debian's
  nghttp2-proxy) terminates TLS in front of it, offering h2 and http/1.1 by
  ALPN, as GHCR, Artifact Registry, gcr.io, registry.k8s.io and ECR Public
  do (REGISTRIES.md §15). nghttpx is told to leave Via, Server and Location
  alone."""

import email.utils
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "registry"))
from fixtures import registry, servers  # noqa: E402

from .core import Request  # noqa: E402


def nghttpx():
    return shutil.which("nghttpx") or ("/usr/sbin/nghttpx"
                                       if os.path.exists("/usr/sbin/nghttpx") else None)


class EmulatorHandler(servers.Quiet):
    """Hands every request to `emulator` and writes its Reply."""

    def handle_any(self):
        request = Request(self.command, self.path, list(self.headers.items()))
        reply = self.emulator.handle(request)
        if reply.raw is not None:
            self.wfile.write(reply.raw)
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_response_only(reply.status)
        self.send_header("Date", email.utils.formatdate(usegmt=True))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = handle_any


class Endpoint:
    """An emulator being served; `base` is its https:// address."""

    def __init__(self, emulator, leaf, workdir):
        self.emulator = emulator
        self.front = None
        if emulator.http2:
            self.server = servers.Server(EmulatorHandler, emulator=emulator)
            port = registry.free_port()
            emulator.bind(f"https://127.0.0.1:{port}")
            self.front = start_nghttpx(port, self.server.host, leaf, workdir, emulator.name)
        else:
            self.server = servers.Server(EmulatorHandler, tls=leaf, emulator=emulator)
            emulator.bind(self.server.base)
        self.base = emulator.base
        self.host = emulator.host

    def stop(self):
        if self.front is not None:
            self.front.terminate()
            try:
                self.front.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.front.kill()
                self.front.wait()
        self.server.stop()


def start_nghttpx(port, backend, leaf, workdir, name, alpn="h2,http/1.1"):
    """nghttpx on 127.0.0.1:`port` (TLS with `leaf`, offering the ALPN
    protocols `alpn`) in front of the plain HTTP server `backend`
    (host:port); returns the process."""
    host, backend_port = backend.rsplit(":", 1)
    log = os.path.join(workdir, f"nghttpx-{name}-{port}.log")
    process = subprocess.Popen(
        [nghttpx(), f"--frontend=127.0.0.1,{port}", f"--backend={host},{backend_port}",
         "--conf=/dev/null", "--single-process", "--workers=1", "--no-ocsp", "--no-via",
         "--no-server-rewrite", "--no-location-rewrite", f"--errorlog-file={log}",
         "--backend-keep-alive-timeout=60s", f"--npn-list={alpn}", leaf[1], leaf[0]],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl._create_unverified_context()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nghttpx exited; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                with context.wrap_socket(sock):
                    return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nghttpx did not start; see {log}")
