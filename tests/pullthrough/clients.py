"""skopeo and podman as the tests run them: in a private configuration (a
temporary HOME, registries.conf, containers.conf, policy and podman storage)
so nothing of the machine's container setup is read or changed, TLS
verified against the test CA (--cert-dir), credentials only from the auth
file a test passes (--authfile)."""

import json
import os
import subprocess

# Loopback must not go through a proxy of the environment.
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                   "ALL_PROXY", "no_proxy", "NO_PROXY")


class Clients:
    def __init__(self, work, cert_dir, search_docker_io=False):
        self.work, self.cert_dir = work, cert_dir
        home = os.path.join(work, "client-home")
        os.makedirs(os.path.join(home, "run"), exist_ok=True)
        registries = os.path.join(home, "registries.conf")
        with open(registries, "w") as f:
            # podman resolves a name without a registry through this list
            # (only the parse test has such names); nothing else is set.
            f.write('unqualified-search-registries = ["docker.io"]\n'
                    'short-name-mode = "permissive"\n' if search_docker_io else "")
        containers = os.path.join(home, "containers.conf")
        with open(containers, "w") as f:
            f.write('[containers]\ndefault_ulimits = ["nofile=1024:1024"]\n'
                    '[engine]\nruntime = "runc"\nevents_logger = "file"\n'
                    f'events_logfile_path = "{home}/events.log"\n')
        self.policy = os.path.join(home, "policy.json")
        with open(self.policy, "w") as f:
            json.dump({"default": [{"type": "insecureAcceptAnything"}]}, f)
        no_auth = os.path.join(home, "no-auth.json")
        with open(no_auth, "w") as f:
            json.dump({"auths": {}}, f)
        self.env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
        self.env.update(HOME=home, XDG_RUNTIME_DIR=os.path.join(home, "run"),
                        XDG_CONFIG_HOME=os.path.join(home, ".config"),
                        CONTAINERS_REGISTRIES_CONF=registries, CONTAINERS_CONF=containers,
                        REGISTRY_AUTH_FILE=no_auth)
        self.podman_global = ["podman", "--root", os.path.join(home, "storage"), "--runroot",
                              os.path.join(home, "runroot"), "--storage-driver", "vfs"]
        self.transcript = []  # every command's output, for the leak scan

    def run(self, argv):
        r = subprocess.run(argv, capture_output=True, text=True, env=self.env, timeout=300)
        self.transcript.append(r.stdout + r.stderr)
        return r

    def auth_file(self, name, content):
        """Writes `content` (bytes or a dict) as the auth file NAME."""
        path = os.path.join(self.work, name + ".auth.json")
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else json.dumps(content).encode())
        return path

    def skopeo(self, *args):
        return self.run(["skopeo", "--policy", self.policy, *args])

    def inspect(self, ref, auth, raw=True):
        return self.skopeo("inspect", *(["--raw"] if raw else []), "--authfile", auth,
                           "--cert-dir", self.cert_dir, "--retry-times", "0", "docker://" + ref)

    def copy(self, ref, auth, dest, *flags):
        # --preserve-digests: the layout keeps the manifest exactly as pulled.
        return self.skopeo("copy", "--quiet", "--preserve-digests", *flags, "--src-authfile", auth, "--src-cert-dir",
                           self.cert_dir, "docker://" + ref, "oci:" + dest + ":pulled")

    def podman(self, *args):
        return self.run([*self.podman_global, *args])

    def pull(self, ref, auth, *flags):
        return self.podman("pull", "--quiet", *flags, "--authfile", auth, "--cert-dir",
                           self.cert_dir, ref)
