"""One line per check ("ok" or "FAIL"), a count at the end, and skips with
exit code 77 (CTest's SKIP_RETURN_CODE), as the shell tests print them."""

import sys

SKIP_CODE = 77


def skip(why):
    print(f"SKIP: {why}", flush=True)
    sys.exit(SKIP_CODE)


def require_yaml():
    """Python's yaml module (Debian's python3-yaml, for /usr/bin/python3), or a skip."""
    try:
        import yaml  # noqa: F401
    except ImportError:
        skip("Python's yaml module not found (Debian package python3-yaml, for /usr/bin/python3)")


def indent(text, lines=12):
    rows = (text or "").strip().splitlines()
    return "\n".join("    | " + row for row in rows[-lines:])


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, what):
        self.passed += 1
        print(f"ok   - {what}", flush=True)

    def fail(self, what, detail=""):
        self.failed += 1
        print(f"FAIL - {what}", flush=True)
        if detail:
            print(indent(detail), flush=True)

    def check(self, condition, what, detail=""):
        if condition:
            self.ok(what)
        else:
            self.fail(what, detail)
        return condition

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 0 if self.failed == 0 and self.passed > 0 else 1
