#!/usr/bin/env python3
"""Integration tests of the prober (probe_cli) against Debian's
docker-registry and small servers of our own, all on 127.0.0.1 (and
127.0.0.2 as "another host").

  run_registry_tests.py --cli PATH/TO/probe_cli [unittest arguments]

Exits 77 (CTest's skip code here) when docker-registry or openssl is
missing."""

import os
import shutil
import sys
import unittest
import urllib.error
import urllib.request

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures import cli, registry, world  # noqa: E402
from fixtures.cli import authorizations, key, probe, target  # noqa: E402

SKIP_CODE = 77
W = None  # the World, started once for all tests


class PlainRegistry(unittest.TestCase):
    def test_oci_index_manifest_and_digest_are_public(self):
        host = W.plain.host
        verdicts, _ = probe([target(host, "public/app", "v1"),
                             target(host, "public/app", "manifest"),
                             target(host, "public/app", W.digest)], insecure=[host])
        for ref in ("v1", "manifest", W.digest):
            self.assertEqual(verdicts[key(host, "public/app", ref)],
                             ("public", "200 without authentication"))

    def test_without_the_oci_types_the_registry_answers_404(self):
        # The control for the test above: the Accept header matters.
        req = urllib.request.Request(
            f"{W.plain.base}/v2/public/app/manifests/v1", method="HEAD",
            headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json"})
        with self.assertRaises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(req, timeout=10)
        self.assertEqual(raised.exception.code, 404)

    def test_missing_tag_and_repository(self):
        host = W.plain.host
        verdicts, _ = probe([target(host, "public/app", "nope"),
                             target(host, "nothing/here", "v1")], insecure=[host])
        self.assertEqual(verdicts[key(host, "public/app", "nope")],
                         ("missing", "404 manifest unknown"))
        self.assertEqual(verdicts[key(host, "nothing/here", "v1")],
                         ("missing", "404 manifest unknown"))

    def test_plain_http_only_when_listed_as_insecure(self):
        host = W.plain.host
        verdicts, _ = probe([target(host, "public/app", "v1")])
        klass, reason = verdicts[key(host, "public/app", "v1")]
        self.assertEqual(klass, "unreachable")
        self.assertTrue(reason.startswith("TLS failed: "), reason)


class BasicAuthRegistry(unittest.TestCase):
    def test_htpasswd_registry_is_private(self):
        host = W.basic.host
        verdicts, _ = probe([target(host, "app", "v1")], insecure=[host])
        self.assertEqual(verdicts[key(host, "app", "v1")],
                         ("private", "401 Basic: credentials required"))


class TokenAuthRegistry(unittest.TestCase):
    def test_every_token_answer(self):
        host = W.token_registry.host
        before = len(W.token.requests())
        expected = {
            "public/app": ("public", "200 after anonymous token"),
            "oauth/app": ("public", "200 after anonymous token"),
            "private/app": ("private", "401 insufficient_scope after anonymous token"),
            "ghcr/app": ("private", "token endpoint answered 403 denied, again after 1 s"),
            "gar/app": ("private", "token endpoint answered 401 unauthorized"),
            "limited/app": ("rate-limited", "429 from token endpoint after 3 attempts"),
            "public/none": ("missing", "404 manifest unknown"),
        }
        verdicts, stats = probe([target(host, p, "v1") for p in expected],
                                insecure=[host, W.token.host])
        for path, verdict in expected.items():
            self.assertEqual(verdicts[key(host, path, "v1")], verdict, path)
        token_requests = W.token.requests()[before:]
        self.assertEqual(authorizations(token_requests), [None] * len(token_requests))
        # 7 scopes, 2 retries of 429, the 403 asked again after a second.
        self.assertEqual(len(token_requests), 10)
        # One HEAD answered 401 before any token: the challenge is cached per
        # host, so every other repository fetched its token first.
        # The 404 to HEAD is asked again as GET, for its body.
        self.assertEqual(stats["requests"], 1 + 10 + 4 + 1)
        self.assertEqual(stats["token_fetches"], 8)  # 7 scopes, the 403 twice

    def test_scope_names_the_repository(self):
        host = W.token_registry.host
        before = len(W.token.requests())
        probe([target(host, "public/app", "v1")], insecure=[host, W.token.host])
        paths = [p for _, p, _ in W.token.requests()[before:]]
        self.assertEqual(paths, ["/token?service=probe-test&scope=repository%3A"
                                 "public%2Fapp%3Apull"])

    def test_plain_http_realm_must_be_listed_too(self):
        host = W.token_registry.host
        verdicts, _ = probe([target(host, "public/app", "v1")], insecure=[host])
        self.assertEqual(verdicts[key(host, "public/app", "v1")], (
            "unreachable",
            f"token endpoint refused http://{W.token.host}/token?service=probe-test"
            "&scope=repository%3Apublic%2Fapp%3Apull: plain http to a host not "
            "listed as insecure"))


class CrossHostRedirect(unittest.TestCase):
    def test_authorization_never_reaches_the_other_host(self):
        front, back = W.front.host, W.back.host
        before_front, before_back = len(W.front.requests()), len(W.back.requests())
        verdicts, _ = probe([target(front, "public/app", "v1")],
                            insecure=[front, back, W.token.host])
        self.assertEqual(verdicts[key(front, "public/app", "v1")],
                         ("public", "200 without authentication"))
        front_auth = authorizations(W.front.requests()[before_front:])
        self.assertEqual(front_auth[0], None)
        self.assertTrue(front_auth[1].startswith("Bearer "), front_auth)
        back_requests = W.back.requests()[before_back:]
        self.assertEqual(len(back_requests), 1)
        self.assertEqual(authorizations(back_requests), [None])


class Tls(unittest.TestCase):
    def test_ca_file_is_trusted_besides_the_system_store(self):
        host = W.tls.host
        targets = [target(host, "public/app", r) for r in ("v1", "manifest", W.digest)]
        verdicts, stats = probe(targets, ca_file=W.ca[0])
        for ref in ("v1", "manifest", W.digest):
            self.assertEqual(verdicts[key(host, "public/app", ref)],
                             ("public", "200 without authentication"))
        # distribution offers HTTP/2 over TLS: three streams, one connection.
        self.assertEqual(stats["requests"], 3)
        self.assertEqual(stats["http2"], 3)
        self.assertEqual(stats["connections"], 1)

    def test_refused_without_the_ca_file(self):
        host = W.tls.host
        verdicts, _ = probe([target(host, "public/app", "v1")])
        klass, reason = verdicts[key(host, "public/app", "v1")]
        self.assertEqual(klass, "unreachable")
        self.assertTrue(reason.startswith("TLS failed: SSL certificate problem"),
                        reason)

    def test_https_proxy_and_no_proxy(self):
        host = W.tls.host
        before = len(W.proxy.requests())
        env = {"HTTPS_PROXY": f"http://{W.proxy.host}"}
        verdicts, _ = probe([target(host, "public/app", "v1")], ca_file=W.ca[0],
                            env=env)
        self.assertEqual(verdicts[key(host, "public/app", "v1")][0], "public")
        tunnels = [(m, p) for m, p, _ in W.proxy.requests()[before:]]
        self.assertEqual(tunnels, [("CONNECT", host)])
        env["NO_PROXY"] = "127.0.0.1"
        verdicts, _ = probe([target(host, "public/app", "v1")], ca_file=W.ca[0],
                            env=env)
        self.assertEqual(verdicts[key(host, "public/app", "v1")][0], "public")
        self.assertEqual(len(W.proxy.requests()), before + 1)


class Failures(unittest.TestCase):
    def test_canned_answers(self):
        host = W.canned.host
        expected = {
            "s403": ("private", "403 denied"),
            "s500": ("unreachable", "HTTP 500 after 3 attempts"),
            "s503": ("unreachable", "HTTP 503 after 3 attempts"),
            "s429": ("rate-limited", "429 after 3 attempts"),
            "s405": ("public", "200 without authentication"),
            "loop": ("unreachable", "more than 10 redirects"),
            "file": ("unreachable",
                     "refused file://localhost/etc/passwd: scheme file is not allowed"),
            "bigheaders": ("unreachable",
                           "protocol error: response headers larger than 64 KiB"),
        }
        before = len(W.canned.requests())
        verdicts, _ = probe([target(host, name, "v1") for name in expected],
                            insecure=[host])
        for name, verdict in expected.items():
            self.assertEqual(verdicts[key(host, name, "v1")], verdict, name)
        seen = [(m, p.split("/")[2]) for m, p, _ in W.canned.requests()[before:]]
        self.assertEqual(seen.count(("HEAD", "s500")), 3)
        self.assertEqual(seen.count(("HEAD", "s429")), 3)
        self.assertEqual(seen.count(("GET", "s405")), 1)
        self.assertEqual(seen.count(("HEAD", "loop")), 11)

    def test_hanging_server_times_out(self):
        host = W.canned.host
        verdicts, _ = probe([target(host, "hang", "v1")], insecure=[host], timeout=2)
        klass, reason = verdicts[key(host, "hang", "v1")]
        self.assertEqual(klass, "unreachable")
        self.assertTrue(reason.startswith("timeout: "), reason)

    def test_closed_port(self):
        host = f"127.0.0.1:{W.closed_port}"
        verdicts, _ = probe([target(host, "app", "v1")], insecure=[host])
        klass, reason = verdicts[key(host, "app", "v1")]
        self.assertEqual(klass, "unreachable")
        self.assertTrue(reason.startswith("connect failed: "), reason)
        self.assertTrue(reason.endswith("(after 3 attempts)"), reason)


def setUpModule():
    global W
    W = world.World()


def tearDownModule():
    if W is not None:
        W.stop()


def main():
    if len(sys.argv) < 3 or sys.argv[1] != "--cli":
        print(__doc__)
        return 2
    cli.PATH = os.path.abspath(sys.argv[2])
    missing = [tool for tool in ("openssl", "htpasswd")
               if shutil.which(tool) is None]
    if registry.find_registry() is None:
        missing.insert(0, "docker-registry")
    if missing:
        print("SKIPPED: not installed: " + ", ".join(missing) +
              " (apt-get install docker-registry apache2-utils openssl)")
        return SKIP_CODE
    program = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False,
                            verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
