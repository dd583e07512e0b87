"""Hostile registries on 127.0.0.0/8.

Raw-socket HTTP/1.1 servers whose answers are written byte by byte, so that
they can break HTTP the way a malicious or broken registry would: endless
headers and bodies, a byte per second, redirect loops, absurd challenges.

Every server stops by itself: it accepts at most `max_connections`
connections during at most `lifetime` seconds, and every answer is bounded
in bytes (each helper takes a cap) and in time (`answer_seconds`, and a
socket timeout on every read and write). Every request is recorded with its
headers exactly as received, and every answer with the bytes it managed to
send and whether the client hung up first."""

import socket
import ssl
import threading
import time
import urllib.parse

MiB = 1024 * 1024
CREDENTIAL_HEADERS = ("authorization", "cookie", "proxy-authorization")


class Request:
    """One request as received: request line, headers in order."""

    def __init__(self, server, method, target, headers):
        self.server = server      # the RawServer's name
        self.method = method
        self.target = target      # origin-form, or absolute-form via a proxy
        self.headers = headers    # [(name, value)] as received
        url = urllib.parse.urlsplit(target)
        self.absolute = bool(url.scheme)
        self.path = url.path
        self.query = {k: v[0] for k, v in
                      urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        self.host = url.netloc or self.header("host")

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def credentials(self):
        """The credential-bearing headers this request carried."""
        return [(k, v) for k, v in self.headers if k.lower() in CREDENTIAL_HEADERS]

    def repository(self):
        """NAME in /v2/NAME/manifests/REF (first component), else ""."""
        parts = self.path.split("/")
        return parts[2] if len(parts) > 3 and parts[1] == "v2" else ""

    def __repr__(self):
        return f"<{self.server} {self.method} {self.target}>"


class Answer:
    """The client side of one connection, for a handler: bounded writes."""

    def __init__(self, sock, request, answer_seconds):
        self.sock = sock
        self.request = request
        self.deadline = time.monotonic() + answer_seconds
        self.sent = 0
        self.client_hung_up = False  # a write failed: the client went away
        self.finished = False        # the handler wrote all it meant to

    def send(self, data):
        """Writes `data`; False once the client hung up or time is up."""
        if self.client_hung_up or time.monotonic() > self.deadline:
            return False
        try:
            self.sock.sendall(data)
        except (OSError, ssl.SSLError):
            self.client_hung_up = True
            return False
        self.sent += len(data)
        return True

    def sleep(self, seconds):
        """Waits, but not past the deadline; False when time is up."""
        left = self.deadline - time.monotonic()
        time.sleep(max(0.0, min(seconds, left)))
        return time.monotonic() < self.deadline

    # Whole answers --------------------------------------------------------

    def reply(self, status, headers=(), body=b""):
        """A complete answer; no body to HEAD."""
        head = [f"HTTP/1.1 {status} Hostile", f"Content-Length: {len(body)}",
                "Connection: close", *(f"{k}: {v}" for k, v in headers)]
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if self.request.method != "HEAD":
            data += body
        self.finished = self.send(data)

    def head_only(self, status, headers=()):
        """Status line and headers, ending the header block, nothing else."""
        head = [f"HTTP/1.1 {status} Hostile", "Connection: close",
                *(f"{k}: {v}" for k, v in headers)]
        return self.send(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))

    def endless_chunks(self, chunk, cap_bytes):
        """A chunked body that never ends (until `cap_bytes` or the
        deadline): chunk after chunk of `chunk`."""
        frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        while self.sent < cap_bytes:
            if not self.send(frame):
                return
        self.finished = True

    def stream(self, data, piece=64 * 1024):
        """Sends `data` in pieces (so a hang-up stops it early)."""
        for start in range(0, len(data), piece):
            if not self.send(data[start:start + piece]):
                return
        self.finished = True

    def trickle(self, data, per_second=1, cap_bytes=120):
        """`per_second` bytes a second, at most `cap_bytes` of `data`."""
        for i in range(min(len(data), cap_bytes)):
            if not self.send(data[i:i + 1]) or not self.sleep(1.0 / per_second):
                return
        self.finished = True


class RawServer:
    """Listens on `host` (port chosen by the system) and gives each request
    to `handler(request, answer)`, one request per connection."""

    def __init__(self, name, handler, host="127.0.0.1", tls=None, lifetime=540,
                 max_connections=400, answer_seconds=30):
        assert host.startswith("127."), "hostile servers stay on loopback"
        self.name = name
        self.handler = handler
        self.answer_seconds = answer_seconds
        self.lock = threading.Lock()
        self.requests = []      # Request, in arrival order
        self.answers = []       # Answer, when its connection closed
        self.accepted = 0       # TCP connections accepted
        self.tls_failures = []  # handshake errors (text)
        self.active = 0
        self.tls = None
        if tls:
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(tls[0], tls[1])
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.host = f"{host}:{self.port}"
        self.max_connections = max_connections
        self.stop_at = time.monotonic() + lifetime
        self.stopping = False
        self.thread = threading.Thread(target=self._accept_loop, daemon=True)
        self.thread.start()

    # Bounded: by connection count, by lifetime, and by stop().
    def _accept_loop(self):
        try:
            while (not self.stopping and self.accepted < self.max_connections
                   and time.monotonic() < self.stop_at):
                try:
                    conn, _ = self.sock.accept()
                except socket.timeout:
                    continue
                except OSError:
                    break
                with self.lock:
                    self.accepted += 1
                    self.active += 1
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()
        finally:
            self.sock.close()

    def _serve(self, conn):
        answer = None
        try:
            conn.settimeout(5)
            if self.tls:
                try:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                except (ssl.SSLError, OSError) as e:
                    with self.lock:
                        self.tls_failures.append(str(e))
                    return
            try:
                request = self._read_request(conn)
            except ssl.SSLError as e:  # TLS 1.3: the client's alert comes now
                with self.lock:
                    self.tls_failures.append(str(e))
                return
            if request is None:
                return
            with self.lock:
                self.requests.append(request)
            answer = Answer(conn, request, self.answer_seconds)
            self.handler(request, answer)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass
            with self.lock:
                if answer is not None:
                    self.answers.append(answer)
                self.active -= 1

    def _read_request(self, conn):
        data = b""
        while b"\r\n\r\n" not in data:
            if len(data) > 64 * 1024:
                return None
            chunk = conn.recv(4096)
            if not chunk:
                return None
            data += chunk
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        method, target, _ = head[0].split(" ", 2)
        headers = []
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        return Request(self.name, method, target, headers)

    # For the tests --------------------------------------------------------

    def seen(self, predicate=lambda r: True):
        with self.lock:
            return [r for r in self.requests if predicate(r)]

    def answered(self, predicate=lambda a: True):
        with self.lock:
            return [a for a in self.answers if predicate(a)]

    def wait_idle(self, seconds=10):
        """Waits (bounded) until no connection is being served."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            with self.lock:
                if self.active == 0:
                    return True
            time.sleep(0.02)
        return False

    def stop(self):
        self.stopping = True
        self.thread.join(timeout=5)
