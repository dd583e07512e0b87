"""What each hostile server does, by repository name.

The registry handler serves /v2/NAME/manifests/REF and answers according to
NAME; the token handler serves GET /token?scope=repository:NAME:pull and
answers according to NAME; the other host (127.0.0.2) is where redirects and
realms lead. Names not listed get the well-behaved answer (a token granting
pull, a 200 with that token)."""

import socket

from hostile_servers import MiB

SERVICE = "hostile"

# Filled in by the World: the servers, for the handlers to point at.
W = None


def token_for(name):
    return "tok." + name


def url(server, path):
    return f"http://{server.host}{path}"


def challenge(name, realm):
    """The well-formed challenge distribution sends."""
    return (f'Bearer realm="{realm}",service="{SERVICE}",'
            f'scope="repository:{name}:pull"')


def ten_thousand_names(width):
    """10,000 distinct lowercase parameter names of `width` (>= 3)
    characters."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    names = []
    for i in range(10000):
        n, chars = i, []
        for _ in range(width):
            n, r = divmod(n, len(alphabet))
            chars.append(alphabet[r])
        names.append("".join(chars))
    return names


# --- the registry -----------------------------------------------------------
# Each entry: name -> handler(request, answer). `bearer(realm)` builds the
# usual "401 Bearer, then 200 with our token" registry around a realm.

def bearer(realm_of, header_of=None, after_token=None):
    def handle(req, a):
        name = req.repository()
        if req.header("authorization") == "Bearer " + token_for(name):
            return (after_token or (lambda r, x: x.reply(200)))(req, a)
        realm = realm_of()
        header = header_of(name, realm) if header_of else challenge(name, realm)
        a.reply(401, [("WWW-Authenticate", header)])
    return handle


def token_realm():
    return url(W.token, "/token")


def big_headers(a):
    """1 MiB of headers in 1,024 lines of 1 KB."""
    a.head_only(200, [(f"X-Filler-{i}", "x" * 1000) for i in range(1024)])


def endless_1xx(a):
    """"100 Continue" after "100 Continue", up to 1 MiB."""
    while a.sent < MiB and a.send(b"HTTP/1.1 100 Continue\r\n\r\n"):
        pass


def head_405_then(get):
    def handle(req, a):
        if req.method == "HEAD":
            return a.reply(405)
        get(req, a)
    return handle


def endless_body(req, a):
    a.head_only(200, [("Content-Type", "application/json"),
                      ("Transfer-Encoding", "chunked")])
    a.endless_chunks(b"x" * 65536, cap_bytes=1024 * MiB)


def trickled_body(req, a):
    a.head_only(200, [("Content-Length", "100000")])
    a.trickle(b"{" * 100000, cap_bytes=60)


def redirect_chain(req, a):
    hop = int(req.query.get("hop", "0"))
    if hop >= 100:
        return a.reply(200)
    a.reply(302, [("Location", f"/v2/redirect-chain/manifests/v1?hop={hop + 1}")])


def redirect_to(location_of):
    return lambda req, a: a.reply(302, [("Location", location_of())])


def cross_host_after_token(req, a):
    a.reply(307, [("Location", url(W.other, req.path)),
                  ("Set-Cookie", "registry-session=s3cret; Path=/")])


def params_10k_small(name, realm):
    # 10,000 distinct parameters (60 KB, under the 64 KiB header cap), the
    # realm last: the parser has to read all of them.
    params = ",".join(n + "=1" for n in ten_thousand_names(3))
    return f'Bearer {params},realm="{realm}",service="{SERVICE}"'


def params_10k_large(name, realm):
    params = ",".join(f'{n}="value"' for n in ten_thousand_names(8))
    return f'Bearer {params},realm="{realm}"'


REGISTRY = {
    # Sizes.
    "big-headers": lambda req, a: big_headers(a),
    "big-header-line": lambda req, a: a.head_only(200, [("X-Big", "x" * MiB)]),
    "endless-1xx": lambda req, a: endless_1xx(a),
    "endless-get": head_405_then(endless_body),
    "not-http": lambda req, a: a.send(b"SSH-2.0-OpenSSH_9.2\r\n\r\n"),
    # Time.
    "trickle-head": lambda req, a: a.trickle(b"HTTP/1.1 200 OK\r\n\r\n"),
    "trickle-get-body": head_405_then(trickled_body),
    # Redirects.
    "redirect-chain": redirect_chain,
    "redirect-loop": redirect_to(lambda: url(W.other, "/v2/redirect-loop/manifests/v1")),
    "redirect-metadata": redirect_to(lambda: "https://169.254.169.254/latest/meta-data/"),
    "redirect-private": redirect_to(lambda: "https://10.0.0.1/v2/x/manifests/v1"),
    "redirect-gopher": redirect_to(lambda: f"gopher://{W.listener.host}/_x"),
    "redirect-ftp": redirect_to(lambda: f"ftp://{W.listener.host}/x"),
    "redirect-userinfo": redirect_to(
        lambda: f"http://probe:s3cret@{W.other.host}/v2/redirect-userinfo/manifests/v1"),
    "cross-host-after-token": bearer(token_realm, after_token=cross_host_after_token),
    # Challenges.
    "params-10k": bearer(token_realm, params_10k_small),
    "params-10k-large": bearer(token_realm, params_10k_large),
    "quote-unterminated": bearer(token_realm, lambda n, r: f'Bearer realm="{r}'),
    "quote-escaped": bearer(
        lambda: url(W.token, "/token").replace("/", "\\/"),
        lambda n, r: (f'Bearer realm="{r}",service="hos\\"tile\\\\",'
                      f'scope="repository:{n}:pull"')),
    "quote-garbage": bearer(
        token_realm, lambda n, r: f'Bearer "realm"="{r}", ==,"",="x",'),
    "quote-only": bearer(token_realm, lambda n, r: '""""""'),
    "quote-space-realm": bearer(lambda: url(W.token, "/to ken")),
    # Realms.
    "realm-loopback": bearer(token_realm),
    "realm-other-loopback": bearer(lambda: url(W.other, "/token")),
    "realm-metadata": bearer(
        lambda: "https://169.254.169.254/latest/meta-data/iam/security-credentials/"),
    "realm-metadata-v6": bearer(lambda: "https://[fd00:ec2::254]/latest/api/token"),
    "realm-private": bearer(lambda: "https://10.0.0.1/token"),
    "realm-file": bearer(lambda: "file:///etc/passwd"),
    "realm-file-host": bearer(lambda: "file://localhost/etc/passwd"),
    "realm-gopher": bearer(lambda: f"gopher://{W.listener.host}/_token"),
    "realm-ftp": bearer(lambda: f"ftp://{W.listener.host}/token"),
    "realm-userinfo": bearer(lambda: f"http://probe:s3cret@{W.token.host}/token"),
    "realm-tls-wrong-host": bearer(lambda: f"https://{W.tls_wrong.host}/token"),
    # Seen through a proxy as registry.example (a public-looking name).
    "public-realm-loopback": bearer(token_realm),
    "public-realm-localhost": bearer(lambda: f"http://localhost:{W.token.port}/token"),
    "public-realm-decimal": bearer(lambda: f"http://2130706433:{W.token.port}/token"),
    "public-realm-public": bearer(lambda: "http://auth.example/token"),
    "public-redirect-loopback": redirect_to(
        lambda: url(W.other, "/v2/public-redirect-loopback/manifests/v1")),
    # TLS: the certificate names another host.
    "tls-wrong-host": lambda req, a: a.reply(200),
    "tls-right-host": lambda req, a: a.reply(200),
}
# Every token-* scenario is a registry that sends the client to the token
# server, which misbehaves.
for _name in ("token-not-json", "token-10mb", "token-endless", "token-missing",
              "token-empty", "token-crlf", "token-deep", "token-trickle",
              "token-big-headers", "token-redirect-loop", "token-redirect-metadata",
              "token-redirect-gopher", "token-redirect-other", "token-set-cookie"):
    REGISTRY[_name] = bearer(token_realm)


def registry(req, a):
    if req.path == "/token":  # a realm reached through the proxy
        return token(req, a)
    handler = REGISTRY.get(req.repository())
    if handler is None:
        return a.reply(404, [("Content-Type", "application/json")],
                       b'{"errors":[{"code":"NAME_UNKNOWN"}]}')
    handler(req, a)


# --- the token server -------------------------------------------------------

def grant(req, a, name, headers=()):
    body = ('{"token":"%s","expires_in":300}' % token_for(name)).encode()
    a.reply(200, [("Content-Type", "application/json"), *headers], body)


def json_reply(body):
    return lambda req, a, name: a.reply(200, [("Content-Type", "application/json")], body)


def ten_mb_json(req, a, name):
    pad = b'{"padding":"' + b"x" * (10 * MiB) + b'",'
    body = pad + ('"token":"%s"}' % token_for(name)).encode()
    a.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    a.head_only(200, [("Content-Type", "application/json"),
                      ("Content-Length", str(len(body)))])
    a.stream(body)


def endless_json(req, a, name):
    a.head_only(200, [("Content-Type", "application/json"),
                      ("Transfer-Encoding", "chunked")])
    a.send(b'6\r\n{"a":"\r\n')
    a.endless_chunks(b"x" * 65536, cap_bytes=1024 * MiB)


def trickled_json(req, a, name):
    body = ('{"token":"%s"}' % token_for(name)).encode()
    a.head_only(200, [("Content-Type", "application/json"),
                      ("Content-Length", str(len(body)))])
    a.trickle(body, cap_bytes=len(body))


def token_redirect(location_of):
    return lambda req, a, name: a.reply(302, [("Location", location_of(req))])


TOKEN = {
    "token-not-json": lambda req, a, name: a.reply(
        200, [("Content-Type", "text/html")], b"<html><body>Welcome!</body></html>"),
    "token-10mb": ten_mb_json,
    "token-endless": endless_json,
    "token-missing": json_reply(b'{"expires_in":300,"issued_at":"2026-01-01T00:00:00Z"}'),
    "token-empty": json_reply(b'{"token":"","access_token":""}'),
    "token-crlf": json_reply(b'{"token":"t\\r\\nX-Injected: yes"}'),
    "token-deep": json_reply(b"[" * (512 * 1024)),
    "token-trickle": trickled_json,
    "token-big-headers": lambda req, a, name: big_headers(a),
    "token-redirect-loop": token_redirect(lambda req: req.target),
    "token-redirect-metadata": token_redirect(
        lambda req: "https://169.254.169.254/latest/meta-data/"),
    "token-redirect-gopher": token_redirect(lambda req: f"gopher://{W.listener.host}/_x"),
    "token-redirect-other": token_redirect(lambda req: url(W.other, req.target)),
    "token-set-cookie": lambda req, a, name: grant(
        req, a, name, [("Set-Cookie", "token-session=s3cret; Path=/")]),
}


def scope_name(req):
    scope = req.query.get("scope", "")
    return scope.split(":")[1] if scope.count(":") >= 2 else ""


def token(req, a):
    name = scope_name(req)
    handler = TOKEN.get(name)
    if handler is None or (name == "token-redirect-other" and req.server == "other"):
        return grant(req, a, name)
    handler(req, a, name)


# --- the other host (127.0.0.2) ---------------------------------------------

def other(req, a):
    if req.path == "/token":
        return token(req, a)
    if req.repository() == "redirect-loop":
        return a.reply(302, [("Location", url(W.registry, req.path))])
    if req.repository():
        return a.reply(200)
    a.reply(404)


def trap(req, a):
    """The proxy every run is given for hosts outside 127.0.0.1/127.0.0.2:
    it never forwards anything; any request it sees is a test failure."""
    a.reply(403, body=b"nothing leaves loopback")
