#!/usr/bin/env python3
"""The prober (probe_cli, real libcurl) against hostile registries of our
own, all on 127.0.0.1 and 127.0.0.2 (the "other host"):

  run_hostile_tests.py --cli PATH/TO/probe_cli [unittest arguments]

Each scenario is one probe_cli run with a fresh prober, so that no cache
carries one scenario's answers into another. For each it asserts the class
and reason (SPEC §5) and that the prober returned; where a server could
have sent without end, that the client hung up after a capped number of
bytes; and after every run, that no request carried Authorization, Cookie
or Proxy-Authorization, except the registry's own Bearer token back to the
registry that asked for it.

Every run is given a trap proxy (http_proxy, https_proxy, all_proxy) that
forwards nothing, with no_proxy covering only our loopback servers: a
request to any other address (169.254.169.254, 10.0.0.1, ...) would reach
the trap instead of leaving the machine, and fails the test.

Exits 77 (CTest's skip code here) when openssl is missing."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "registry"))
import hostile_servers  # noqa: E402
import scenarios  # noqa: E402
from hostile_servers import MiB  # noqa: E402

SKIP_CODE = 77
CLI = None
TIMEOUT = 3  # probeTimeoutSeconds for every run
W = None
LOOPBACK_HOSTS = "127.0.0.1,127.0.0.2,localhost"


class World:
    """The servers every test talks to, started once."""

    def __init__(self):
        from fixtures import pki  # needs openssl
        self.tmp = tempfile.mkdtemp(prefix="ppi-hostile-test-")
        self.servers = []
        scenarios.W = self
        try:
            self.registry = self._start("registry", scenarios.registry)
            self.token = self._start("token", scenarios.token)
            self.other = self._start("other", scenarios.other, host="127.0.0.2")
            self.listener = self._start("listener", lambda req, a: a.reply(500))
            self.trap = self._start("trap", scenarios.trap)
            self.ca = pki.make_ca(self.tmp, "hostile-ca")
            wrong = pki.make_leaf(self.tmp, "wrong-host", self.ca,
                                  san="DNS:registry.invalid")
            right = pki.make_leaf(self.tmp, "right-host", self.ca)
            self.tls_wrong = self._start("tls-wrong", scenarios.registry, tls=wrong)
            self.tls_right = self._start("tls-right", scenarios.registry, tls=right)
        except BaseException:
            self.stop()
            raise

    def _start(self, name, handler, **kwargs):
        server = hostile_servers.RawServer(name, handler, **kwargs)
        self.servers.append(server)
        return server

    def stop(self):
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def target(host, name, reference="v1"):
    return f"{host}|{name}|{reference}"


def allowed_credential(server, request):
    """The one credential a request may carry: the registry's own token,
    back to the registry whose challenge it answered."""
    name = request.repository()
    return (server.name in ("registry", "tls-right") and name and
            request.credentials() == [("Authorization",
                                       "Bearer " + scenarios.token_for(name))])


class HostileTest(unittest.TestCase):
    maxDiff = None

    def probe(self, tgt, insecure=(), ca_file=None, env=None):
        """Runs probe_cli on one target; returns (class, reason)."""
        args = [CLI, "--timeout", str(TIMEOUT)]
        for host in insecure:
            args += ["--insecure", host]
        if ca_file:
            args += ["--ca-file", ca_file]
        run_env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        trap = f"http://{W.trap.host}"
        run_env.update({"http_proxy": trap, "https_proxy": trap, "all_proxy": trap,
                        "HTTPS_PROXY": trap, "ALL_PROXY": trap,
                        "no_proxy": LOOPBACK_HOSTS, "NO_PROXY": LOOPBACK_HOSTS})
        run_env.update(env or {})
        marks = {s.name: len(s.seen()) for s in W.servers}
        try:
            # A hang guard, not a measurement: far beyond what any probe may
            # take (timeout plus retries' backoff inside it).
            done = subprocess.run(args + [tgt], capture_output=True, text=True,
                                  env=run_env, timeout=TIMEOUT * 5 + 30)
        except subprocess.TimeoutExpired:
            self.fail(f"probe_cli did not return for {tgt}")
        self.assertEqual(done.returncode, 0, done.stderr)
        for server in W.servers:
            self.assertTrue(server.wait_idle(), f"{server.name} still answering")
        self.check_requests(marks)
        verdicts = [line.split("\t") for line in done.stdout.splitlines()
                    if line.startswith("verdict\t")]
        self.assertEqual(len(verdicts), 1, done.stdout)
        return verdicts[0][2], verdicts[0][3]

    def check_requests(self, marks):
        """Nothing reached the trap; no credential anywhere but the token
        back to its registry."""
        new = {s.name: s.seen()[marks[s.name]:] for s in W.servers}
        self.assertEqual(new["trap"], [], "a request tried to leave loopback")
        for server in W.servers:
            for request in new[server.name]:
                if request.credentials() and not allowed_credential(server, request):
                    self.fail(f"{request} carried {request.credentials()}")

    def assertVerdict(self, got, klass, reason=None, prefix=None):
        self.assertEqual(got[0], klass, got)
        if reason is not None:
            self.assertEqual(got[1], reason)
        if prefix is not None:
            self.assertTrue(got[1].startswith(prefix), got)

    def answers(self, server, name, method=None):
        return server.answered(lambda a: (a.request.repository() == name or
                                          scenarios.scope_name(a.request) == name)
                               and (method is None or a.request.method == method))

    def on_registry(self, name, **kwargs):
        host = W.registry.host
        return self.probe(target(host, name), insecure=[host, W.token.host, W.other.host],
                          **kwargs)


class Sizes(HostileTest):
    def test_one_mebibyte_of_headers(self):
        self.assertVerdict(self.on_registry("big-headers"), "unreachable",
                           "protocol error: response headers larger than 64 KiB")
        self.assertEqual(len(self.answers(W.registry, "big-headers")), 1)  # no retry

    def test_one_header_line_of_a_mebibyte(self):
        self.assertVerdict(self.on_registry("big-header-line"), "unreachable",
                           "protocol error: response header larger than libcurl "
                           "accepts (Out of memory)")
        self.assertEqual(len(self.answers(W.registry, "big-header-line")), 1)

    def test_endless_informational_responses(self):
        self.assertVerdict(self.on_registry("endless-1xx"), "unreachable",
                           "protocol error: response headers larger than 64 KiB")
        [answer] = self.answers(W.registry, "endless-1xx")
        self.assertTrue(answer.client_hung_up)
        self.assertLess(answer.sent, MiB)

    def test_endless_body_to_the_get_fallback(self):
        # HEAD 405, GET 200 with a body that never ends: the status is all
        # the prober needs; it stops reading at its cap.
        self.assertVerdict(self.on_registry("endless-get"), "public",
                           "200 without authentication")
        [get] = self.answers(W.registry, "endless-get", "GET")
        self.assertTrue(get.client_hung_up)
        self.assertFalse(get.finished)
        self.assertLess(get.sent, 32 * MiB)  # the server would send 1 GiB

    def test_not_http_at_all(self):
        self.assertVerdict(self.on_registry("not-http"), "unreachable",
                           "protocol error: Received HTTP/0.9 when not allowed")


class Time(HostileTest):
    def test_a_byte_per_second_status_line(self):
        self.assertVerdict(self.on_registry("trickle-head"), "unreachable",
                           prefix="timeout: ")
        [answer] = self.answers(W.registry, "trickle-head")
        self.assertTrue(answer.client_hung_up)
        self.assertFalse(answer.finished)

    def test_a_byte_per_second_body_to_the_get_fallback(self):
        self.assertVerdict(self.on_registry("trickle-get-body"), "unreachable",
                           prefix="timeout: ")
        [get] = self.answers(W.registry, "trickle-get-body", "GET")
        self.assertTrue(get.client_hung_up)


class Redirects(HostileTest):
    def test_a_chain_of_100(self):
        self.assertVerdict(self.on_registry("redirect-chain"), "unreachable",
                           "more than 10 redirects")
        hops = [r.query.get("hop", "0") for r in
                W.registry.seen(lambda r: r.repository() == "redirect-chain")]
        self.assertEqual(hops, [str(i) for i in range(11)])

    def test_a_loop_between_two_hosts(self):
        self.assertVerdict(self.on_registry("redirect-loop"), "unreachable",
                           "more than 10 redirects")
        seen = (W.registry.seen(lambda r: r.repository() == "redirect-loop") +
                W.other.seen(lambda r: r.repository() == "redirect-loop"))
        self.assertEqual(len(seen), 11)

    def test_to_the_metadata_service_and_private_networks(self):
        self.assertVerdict(self.on_registry("redirect-metadata"), "unreachable",
                           "refused https://169.254.169.254/latest/meta-data/: "
                           "link-local address")
        self.assertVerdict(self.on_registry("redirect-private"), "unreachable",
                           "refused https://10.0.0.1/v2/x/manifests/v1: "
                           "private address")

    def test_to_other_schemes(self):
        accepted = W.listener.accepted
        self.assertVerdict(self.on_registry("redirect-gopher"), "unreachable",
                           f"refused gopher://{W.listener.host}/_x: "
                           "scheme gopher is not allowed")
        self.assertVerdict(self.on_registry("redirect-ftp"), "unreachable",
                           f"refused ftp://{W.listener.host}/x: "
                           "scheme ftp is not allowed")
        self.assertEqual(W.listener.accepted, accepted)

    def test_with_credentials_in_the_location(self):
        self.assertVerdict(self.on_registry("redirect-userinfo"), "unreachable",
                           "redirect to an invalid URL")
        self.assertEqual(W.other.seen(lambda r: r.repository() == "redirect-userinfo"), [])

    def test_to_another_host_after_the_token(self):
        self.assertVerdict(self.on_registry("cross-host-after-token"), "public",
                           "200 without authentication")
        [there] = W.other.seen(lambda r: r.repository() == "cross-host-after-token")
        self.assertEqual(there.credentials(), [])


class Challenges(HostileTest):
    def test_ten_thousand_parameters_realm_last(self):
        self.assertVerdict(self.on_registry("params-10k"), "public",
                           "200 after anonymous token")
        [req] = W.token.seen(lambda r: scenarios.scope_name(r) == "params-10k")
        self.assertEqual(req.query["service"], scenarios.SERVICE)

    def test_ten_thousand_long_parameters(self):
        # 180 KB in one header line: over libcurl's own limit of 100 KiB.
        self.assertVerdict(self.on_registry("params-10k-large"), "unreachable",
                           "protocol error: response header larger than libcurl "
                           "accepts (Out of memory)")

    def test_unterminated_quote_runs_to_the_end(self):
        self.assertVerdict(self.on_registry("quote-unterminated"), "public",
                           "200 after anonymous token")

    def test_escapes_in_quoted_strings(self):
        self.assertVerdict(self.on_registry("quote-escaped"), "public",
                           "200 after anonymous token")
        [req] = W.token.seen(lambda r: scenarios.scope_name(r) == "quote-escaped")
        self.assertEqual(req.path, "/token")
        self.assertEqual(req.query["service"], 'hos"tile\\')

    def test_garbage_instead_of_parameters(self):
        self.assertVerdict(self.on_registry("quote-garbage"), "private",
                           "401 Bearer: credentials required")
        self.assertVerdict(self.on_registry("quote-only"), "private",
                           "401 without a challenge")

    def test_a_realm_with_a_space(self):
        self.assertVerdict(self.on_registry("quote-space-realm"), "unreachable",
                           f"token endpoint realm is not a valid URL: "
                           f"http://{W.token.host}/to ken")


def token_url(base, name):
    return (f"{base}?service={scenarios.SERVICE}&scope=repository%3A"
            f"{name}%3Apull")


class Realms(HostileTest):
    def test_another_loopback_port_is_allowed_for_a_loopback_registry(self):
        self.assertVerdict(self.on_registry("realm-loopback"), "public",
                           "200 after anonymous token")
        self.assertVerdict(self.on_registry("realm-other-loopback"), "public",
                           "200 after anonymous token")
        [req] = W.other.seen(lambda r: scenarios.scope_name(r) == "realm-other-loopback")
        self.assertEqual(req.credentials(), [])

    def test_metadata_service_and_private_networks_are_not(self):
        # The registry is on loopback: that allows loopback realms, not the
        # link-local metadata service or a private network.
        meta = "https://169.254.169.254/latest/meta-data/iam/security-credentials/"
        self.assertVerdict(self.on_registry("realm-metadata"), "unreachable",
                           f"token endpoint refused {token_url(meta, 'realm-metadata')}"
                           ": link-local address")
        meta6 = "https://[fd00:ec2::254]/latest/api/token"
        self.assertVerdict(self.on_registry("realm-metadata-v6"), "unreachable",
                           f"token endpoint refused "
                           f"{token_url(meta6, 'realm-metadata-v6')}: private address")
        self.assertVerdict(self.on_registry("realm-private"), "unreachable",
                           f"token endpoint refused "
                           f"{token_url('https://10.0.0.1/token', 'realm-private')}"
                           ": private address")

    def test_file_gopher_ftp(self):
        accepted = W.listener.accepted
        self.assertVerdict(self.on_registry("realm-file"), "unreachable",
                           "token endpoint realm is not a valid URL: file:///etc/passwd")
        self.assertVerdict(
            self.on_registry("realm-file-host"), "unreachable",
            f"token endpoint refused "
            f"{token_url('file://localhost/etc/passwd', 'realm-file-host')}: "
            "scheme file is not allowed")
        gopher = f"gopher://{W.listener.host}/_token"
        self.assertVerdict(self.on_registry("realm-gopher"), "unreachable",
                           f"token endpoint refused {token_url(gopher, 'realm-gopher')}"
                           ": scheme gopher is not allowed")
        ftp = f"ftp://{W.listener.host}/token"
        self.assertVerdict(self.on_registry("realm-ftp"), "unreachable",
                           f"token endpoint refused {token_url(ftp, 'realm-ftp')}"
                           ": scheme ftp is not allowed")
        self.assertEqual(W.listener.accepted, accepted)

    def test_credentials_in_the_realm_are_never_sent(self):
        self.assertVerdict(self.on_registry("realm-userinfo"), "unreachable",
                           "token endpoint realm is not a valid URL: "
                           f"http://probe:s3cret@{W.token.host}/token")
        self.assertEqual(W.token.seen(lambda r: scenarios.scope_name(r) == "realm-userinfo"),
                         [])


class PublicLookingRegistry(HostileTest):
    """The registry as `registry.example`, reached through an HTTP proxy
    (our registry server answers absolute-form requests): to the prober it
    is a public registry, so loopback realms and redirects are refused. No
    hosts entry, no DNS: the proxy is the name service."""

    def probe_public(self, name, insecure=()):
        env = {"http_proxy": f"http://{W.registry.host}",
               "no_proxy": LOOPBACK_HOSTS + ",2130706433"}
        return self.probe(target("registry.example", name),
                          insecure=["registry.example", "auth.example", W.token.host,
                                    W.other.host, *insecure], env=env)

    def test_a_public_realm_is_used(self):
        # The control: the proxy works, and a public realm is allowed.
        before = len(W.registry.seen())
        self.assertVerdict(self.probe_public("public-realm-public"), "public",
                           "200 after anonymous token")
        seen = W.registry.seen()[before:]
        self.assertTrue(seen and all(r.absolute for r in seen), seen)
        self.assertEqual(seen[1].host, "auth.example")

    def test_a_loopback_realm_is_refused(self):
        name = "public-realm-loopback"
        self.assertVerdict(self.probe_public(name), "unreachable",
                           "token endpoint refused "
                           f"{token_url(f'http://{W.token.host}/token', name)}"
                           ": loopback address")
        name = "public-realm-localhost"
        self.assertVerdict(self.probe_public(name, [f"localhost:{W.token.port}"]),
                           "unreachable",
                           "token endpoint refused "
                           f"{token_url(f'http://localhost:{W.token.port}/token', name)}"
                           ": loopback address")
        self.assertEqual(W.token.seen(lambda r: scenarios.scope_name(r).startswith(
            "public-realm-l")), [])

    def test_a_loopback_realm_in_disguise_is_refused_at_connect(self):
        # 2130706433 is 127.0.0.1 as one number: no literal check can see it;
        # the address actually connected to is checked.
        self.assertVerdict(self.probe_public("public-realm-decimal",
                                             [f"2130706433:{W.token.port}"]),
                           "unreachable",
                           "token endpoint: address refused: refused to connect to "
                           "127.0.0.1 (loopback address)")
        self.assertEqual(W.token.seen(lambda r: scenarios.scope_name(r) ==
                                      "public-realm-decimal"), [])

    def test_a_redirect_to_loopback_is_refused(self):
        self.assertVerdict(self.probe_public("public-redirect-loopback"), "unreachable",
                           f"refused http://{W.other.host}/v2/public-redirect-loopback/"
                           "manifests/v1: loopback address")
        self.assertEqual(W.other.seen(lambda r: r.repository() ==
                                      "public-redirect-loopback"), [])


class TokenAnswers(HostileTest):
    def expect(self, name, klass, reason=None, prefix=None):
        self.assertVerdict(self.on_registry(name), klass, reason, prefix)

    def test_not_json(self):
        self.expect("token-not-json", "unreachable",
                    "token endpoint: token response is not a JSON object")
        self.expect("token-deep", "unreachable",
                    "token endpoint: token response is not a JSON object")

    def test_ten_mebibytes_of_json(self):
        self.expect("token-10mb", "unreachable",
                    "token endpoint: token response larger than 1 MiB")
        [answer] = self.answers(W.token, "token-10mb")
        self.assertTrue(answer.client_hung_up)
        self.assertFalse(answer.finished)

    def test_endless_json(self):
        self.expect("token-endless", "unreachable",
                    "token endpoint: token response larger than 1 MiB")
        [answer] = self.answers(W.token, "token-endless")
        self.assertTrue(answer.client_hung_up)
        self.assertLess(answer.sent, 32 * MiB)  # the server would send 1 GiB

    def test_no_token(self):
        self.expect("token-missing", "unreachable",
                    "token endpoint: token response has no token")
        self.expect("token-empty", "unreachable",
                    "token endpoint: token response has no token")

    def test_a_token_that_would_inject_a_header(self):
        self.expect("token-crlf", "unreachable",
                    "token endpoint: token response has a token with invalid characters")
        self.assertEqual([r for s in W.servers for r in s.seen()
                          if r.header("x-injected")], [])

    def test_a_byte_per_second(self):
        self.expect("token-trickle", "unreachable", prefix="token endpoint: timeout: ")
        [answer] = self.answers(W.token, "token-trickle")
        self.assertTrue(answer.client_hung_up)

    def test_one_mebibyte_of_headers(self):
        self.expect("token-big-headers", "unreachable",
                    "token endpoint: protocol error: response headers larger than 64 KiB")

    def test_redirects(self):
        self.expect("token-redirect-loop", "unreachable",
                    "token endpoint more than 10 redirects")
        self.assertEqual(len(W.token.seen(lambda r: scenarios.scope_name(r) ==
                                          "token-redirect-loop")), 11)
        self.expect("token-redirect-metadata", "unreachable",
                    "token endpoint refused https://169.254.169.254/latest/meta-data/: "
                    "link-local address")
        accepted = W.listener.accepted
        self.expect("token-redirect-gopher", "unreachable",
                    f"token endpoint refused gopher://{W.listener.host}/_x: "
                    "scheme gopher is not allowed")
        self.assertEqual(W.listener.accepted, accepted)
        self.expect("token-redirect-other", "public", "200 after anonymous token")
        [there] = W.other.seen(lambda r: scenarios.scope_name(r) == "token-redirect-other")
        self.assertEqual(there.credentials(), [])

    def test_cookies_are_never_sent_back(self):
        self.expect("token-set-cookie", "public", "200 after anonymous token")
        self.expect("cross-host-after-token", "public", "200 without authentication")
        cookies = [r for s in W.servers for r in s.seen() if r.header("cookie")]
        self.assertEqual(cookies, [])


class Tls(HostileTest):
    def test_certificate_for_another_host(self):
        host = W.tls_wrong.host
        accepted = W.tls_wrong.accepted
        self.assertVerdict(self.probe(target(host, "tls-wrong-host"), ca_file=W.ca[0]),
                           "unreachable",
                           "TLS failed: SSL: no alternative certificate subject name "
                           "matches target host name '127.0.0.1'")
        self.assertEqual(W.tls_wrong.seen(), [])  # not a byte of HTTP
        self.assertEqual(W.tls_wrong.accepted, accepted + 1)  # and no retry

    def test_the_same_ca_with_the_right_host(self):
        # The control: the CA is trusted; only the name was wrong.
        self.assertVerdict(self.probe(target(W.tls_right.host, "tls-right-host"),
                                      ca_file=W.ca[0]),
                           "public", "200 without authentication")

    def test_token_realm_with_a_certificate_for_another_host(self):
        self.assertVerdict(self.on_registry("realm-tls-wrong-host", ca_file=W.ca[0]),
                           "unreachable",
                           "token endpoint: TLS failed: SSL: no alternative certificate "
                           "subject name matches target host name '127.0.0.1'")


def setUpModule():
    global W
    W = World()


def tearDownModule():
    if W is not None:
        W.stop()


def main():
    global CLI
    if len(sys.argv) < 3 or sys.argv[1] != "--cli":
        print(__doc__)
        return 2
    CLI = os.path.abspath(sys.argv[2])
    if shutil.which("openssl") is None:
        print("SKIPPED: openssl is not installed (apt-get install openssl); the "
              "hostile registry tests make their TLS certificates with it")
        return SKIP_CODE
    if not os.access(CLI, os.X_OK):
        print(f"probe_cli not found at {CLI}")
        return 1
    program = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False,
                            verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
