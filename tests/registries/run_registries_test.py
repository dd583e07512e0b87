#!/usr/bin/env python3
"""The registry table test: every row of cases.py through the real prober
(probe_cli: libcurl, real sockets, TLS with the lab's CA) against the
emulated registry families of lab/ on 127.0.0.1.

  run_registries_test.py --cli PATH/TO/probe_cli [unittest arguments]
  run_registries_test.py --list
  run_registries_test.py --cli PATH/TO/probe_cli --table

Checks, per row, the class and the reason; per group (one probe_cli run),
that every answer came over HTTP/2 where the real registry offers it and
over HTTP/1.1 where it does not; and over the whole run, that no token
request carried credentials and every Authorization header went only to
the emulator that issued its token. --list prints the table as markdown;
--table runs every row (no assertions) and prints what this prober answers
beside it, for comparing builds.
Exits 77 (CTest's skip code) when docker-registry, openssl or nghttpx is
missing."""

import collections
import os
import shutil
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "registry"))
from cases import CASES  # noqa: E402
from fixtures import cli, registry  # noqa: E402
from fixtures.cli import key, target  # noqa: E402
from lab import transport  # noqa: E402
from lab.world import ECR_FLOOD, Lab  # noqa: E402

SKIP_CODE = 77
LAB = None
TOKEN_PATHS = ("/token", "/v2/auth", "/v2/token", "/oauth2/token", "/jwt/auth",
               "/service/token")


def probe(targets):
    """Runs probe_cli with the lab's CA: ({key: (class, reason)}, {stat: int})."""
    return cli.probe(targets, ca_file=LAB.ca[0])


def answers(cases):
    """Runs `cases` in one probe_cli call: [(case, answered, expected)] and
    the run's stats."""
    verdicts, stats = probe(list(dict.fromkeys(
        target(LAB.host(c.endpoint), c.repository, c.reference) for c in cases)))
    rows = []
    for c in cases:
        host = LAB.host(c.endpoint)
        want = (c.klass, c.reason.format(host=host, qhost=host.replace(":", "%3A")))
        rows.append((c, verdicts[key(host, c.repository, c.reference)], want))
    return rows, stats


def groups():
    by_group = collections.OrderedDict()
    for case in CASES:
        by_group.setdefault(case.group, []).append(case)
    return by_group.values()


class Table(unittest.TestCase):
    def test_every_row(self):
        for cases in groups():
            with self.subTest(group=cases[0].group):
                self.run_group(cases)

    def run_group(self, cases):
        rows, stats = answers(cases)
        for c, got, want in rows:
            self.assertEqual(got, want, f"{c.family}: {c.case}")
        http2 = LAB.emulator(cases[0].endpoint).http2
        self.assertEqual(stats["http2"], stats["requests"] if http2 else 0,
                         f"{cases[0].family}: HTTP versions {stats}")


class Pacing(unittest.TestCase):
    def test_ecr_public_at_one_request_a_second(self):
        # 16 images at once against a registry that allows about one request
        # a second (a burst of 10): the prober paces itself instead of
        # ending "rate-limited".
        emulator = LAB.emulator("ecr-public-flood")
        host = LAB.host("ecr-public-flood")
        verdicts, _ = probe([target(host, name, "1.0") for name in ECR_FLOOD])
        for name in ECR_FLOOD:
            self.assertEqual(verdicts[key(host, name, "1.0")],
                             ("public", "200 after anonymous token"), name)
        self.assertGreater(emulator.bucket.refused, 0, "the limit was never reached")


class Credentials(unittest.TestCase):
    def test_no_credentials_and_tokens_only_to_their_issuer(self):
        issuers = {"dockerhub": "dockerhub-auth", "dockerhub-abuse": "dockerhub-auth",
                   "gitlab": "gitlab-auth", "gitlab-off": "gitlab-auth-off"}
        for name, endpoint in LAB.endpoints.items():
            emulator = endpoint.emulator
            book = LAB.emulator(issuers.get(name, name)).tokens
            for request in emulator.requests():
                auth = request.header("Authorization")
                cookie = request.header("Cookie")
                self.assertIsNone(cookie, (name, request.target))
                if request.path.rstrip("/") in TOKEN_PATHS or "/v2/token" in request.path:
                    self.assertIsNone(auth, (name, request.target))
                elif auth is not None:
                    self.assertTrue(auth.startswith("Bearer ") and book.known(auth[7:]),
                                    (name, request.target, auth[:20]))


def markdown():
    lines = ["| registry | case | class | reason |", "|---|---|---|---|"]
    for c in CASES:
        reason = c.reason.replace("{host}", "HOST").replace("{qhost}", "HOST")
        reason = reason.replace("|", "\\|")
        lines.append(f"| {c.family} | {c.case} | {c.klass} | {reason} |")
    return "\n".join(lines)


def answered_table():
    """Runs every group; markdown rows with what the prober answered."""
    lines = ["| registry | case | expected | answered | |", "|---|---|---|---|---|"]
    for cases in groups():
        for c, got, want in answers(cases)[0]:
            host = LAB.host(c.endpoint)
            cells = [f"{k}: {r}".replace(host.replace(":", "%3A"), "HOST").replace(host, "HOST")
                     for k, r in (want, got)]
            mark = "✔" if got == want else "✗"
            lines.append(f"| {c.family} | {c.case} | {cells[0]} | {cells[1]} | {mark} |")
    return "\n".join(lines)


def setUpModule():
    global LAB
    LAB = Lab()


def tearDownModule():
    if LAB is not None:
        LAB.stop()


def main():
    if "--list" in sys.argv:
        print(markdown())
        return 0
    if len(sys.argv) < 3 or sys.argv[1] != "--cli":
        print(__doc__)
        return 2
    cli.PATH = os.path.abspath(sys.argv[2])
    missing = [tool for tool in ("openssl",) if shutil.which(tool) is None]
    if registry.find_registry() is None:
        missing.append("docker-registry")
    if transport.nghttpx() is None:
        missing.append("nghttpx")
    if missing:
        print("SKIPPED: not installed: " + ", ".join(missing) +
              " (apt-get install docker-registry openssl nghttp2-proxy)")
        return SKIP_CODE
    if "--table" in sys.argv:
        setUpModule()
        try:
            print(answered_table())
        finally:
            tearDownModule()
        return 0
    program = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
