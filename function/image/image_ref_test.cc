#include "function/image/image_ref.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace ppi {
namespace {

const std::string kHex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const std::string kHex96 = kHex64 + kHex64.substr(0, 32);
const std::string kHex128 = kHex64 + kHex64;
const std::string kSha256 = "sha256:" + kHex64;
const std::string kSha512 = "sha512:" + kHex128;
const std::string kHub = "docker.io";
const std::string kHubApi = "registry-1.docker.io";

struct ValidCase {
  std::string input;
  std::string written_name;
  std::string domain;
  std::string path;
  std::string tag;
  std::string digest;
  std::string name;
  std::string normalized;
  std::string api_host;
  std::string manifest_reference;
  std::string written_suffix;
};

struct InvalidCase {
  std::string input;
  std::string message;
};

// "domain/" + "a" * n: a reference whose Name() is domain.size() + 1 + n long.
std::string LongName(const std::string& domain, size_t n) {
  return domain + "/" + std::string(n, 'a');
}

const std::vector<ValidCase>& ValidCases() {
  static const std::vector<ValidCase> cases = {
      // input, written_name, domain, path, tag, digest,
      // Name(), Normalized(), ApiHost(), ManifestReference(), WrittenSuffix()

      // One-part Docker Hub names get library/.
      {"nginx", "nginx", kHub, "library/nginx", "", "", "docker.io/library/nginx",
       "docker.io/library/nginx", kHubApi, "latest", ""},
      {"nginx:1.25", "nginx", kHub, "library/nginx", "1.25", "", "docker.io/library/nginx",
       "docker.io/library/nginx:1.25", kHubApi, "1.25", ":1.25"},
      {"nginx:latest", "nginx", kHub, "library/nginx", "latest", "", "docker.io/library/nginx",
       "docker.io/library/nginx:latest", kHubApi, "latest", ":latest"},
      {"a", "a", kHub, "library/a", "", "", "docker.io/library/a", "docker.io/library/a", kHubApi,
       "latest", ""},
      // Two-part and deeper Docker Hub names are kept as written.
      {"myorg/api", "myorg/api", kHub, "myorg/api", "", "", "docker.io/myorg/api",
       "docker.io/myorg/api", kHubApi, "latest", ""},
      {"myorg/api:1", "myorg/api", kHub, "myorg/api", "1", "", "docker.io/myorg/api",
       "docker.io/myorg/api:1", kHubApi, "1", ":1"},
      {"library/nginx", "library/nginx", kHub, "library/nginx", "", "", "docker.io/library/nginx",
       "docker.io/library/nginx", kHubApi, "latest", ""},
      {"a/b/c", "a/b/c", kHub, "a/b/c", "", "", "docker.io/a/b/c", "docker.io/a/b/c", kHubApi,
       "latest", ""},
      // No '.', ':' and not localhost: a Docker Hub namespace, not a host.
      {"my-registry/app", "my-registry/app", kHub, "my-registry/app", "", "",
       "docker.io/my-registry/app", "docker.io/my-registry/app", kHubApi, "latest", ""},
      // docker.io and index.docker.io written out.
      {"docker.io/nginx", "docker.io/nginx", kHub, "library/nginx", "", "",
       "docker.io/library/nginx", "docker.io/library/nginx", kHubApi, "latest", ""},
      {"docker.io/library/nginx:1", "docker.io/library/nginx", kHub, "library/nginx", "1", "",
       "docker.io/library/nginx", "docker.io/library/nginx:1", kHubApi, "1", ":1"},
      {"docker.io/myorg/api:v2", "docker.io/myorg/api", kHub, "myorg/api", "v2", "",
       "docker.io/myorg/api", "docker.io/myorg/api:v2", kHubApi, "v2", ":v2"},
      {"index.docker.io/nginx", "index.docker.io/nginx", kHub, "library/nginx", "", "",
       "docker.io/library/nginx", "docker.io/library/nginx", kHubApi, "latest", ""},
      {"index.docker.io/myorg/api:v1", "index.docker.io/myorg/api", kHub, "myorg/api", "v1", "",
       "docker.io/myorg/api", "docker.io/myorg/api:v1", kHubApi, "v1", ":v1"},
      // Without '/', "docker.io" and "localhost:5000" are Docker Hub names.
      {"docker.io", "docker.io", kHub, "library/docker.io", "", "", "docker.io/library/docker.io",
       "docker.io/library/docker.io", kHubApi, "latest", ""},
      {"localhost:5000", "localhost", kHub, "library/localhost", "5000", "",
       "docker.io/library/localhost", "docker.io/library/localhost:5000", kHubApi, "5000", ":5000"},
      // Other registries: no library/ added.
      {"quay.io/my-org/api:v1.0.1", "quay.io/my-org/api", "quay.io", "my-org/api", "v1.0.1", "",
       "quay.io/my-org/api", "quay.io/my-org/api:v1.0.1", "quay.io", "v1.0.1", ":v1.0.1"},
      {"quay.io/nginx", "quay.io/nginx", "quay.io", "nginx", "", "", "quay.io/nginx",
       "quay.io/nginx", "quay.io", "latest", ""},
      {"registry.example.com/a/b/c/d/e:1", "registry.example.com/a/b/c/d/e", "registry.example.com",
       "a/b/c/d/e", "1", "", "registry.example.com/a/b/c/d/e", "registry.example.com/a/b/c/d/e:1",
       "registry.example.com", "1", ":1"},
      // Digests, with and without a tag.
      {"quay.io/my-org/api@" + kSha256, "quay.io/my-org/api", "quay.io", "my-org/api", "", kSha256,
       "quay.io/my-org/api", "quay.io/my-org/api@" + kSha256, "quay.io", kSha256, "@" + kSha256},
      {"quay.io/my-org/api:v1@" + kSha256, "quay.io/my-org/api", "quay.io", "my-org/api", "v1",
       kSha256, "quay.io/my-org/api", "quay.io/my-org/api:v1@" + kSha256, "quay.io", kSha256,
       ":v1@" + kSha256},
      {"nginx@" + kSha256, "nginx", kHub, "library/nginx", "", kSha256, "docker.io/library/nginx",
       "docker.io/library/nginx@" + kSha256, kHubApi, kSha256, "@" + kSha256},
      {"nginx:1.25@" + kSha256, "nginx", kHub, "library/nginx", "1.25", kSha256,
       "docker.io/library/nginx", "docker.io/library/nginx:1.25@" + kSha256, kHubApi, kSha256,
       ":1.25@" + kSha256},
      {"app@" + kSha512, "app", kHub, "library/app", "", kSha512, "docker.io/library/app",
       "docker.io/library/app@" + kSha512, kHubApi, kSha512, "@" + kSha512},
      {"app@sha384:" + kHex96, "app", kHub, "library/app", "", "sha384:" + kHex96,
       "docker.io/library/app", "docker.io/library/app@sha384:" + kHex96, kHubApi,
       "sha384:" + kHex96, "@sha384:" + kHex96},
      // Other algorithms: grammar-valid name, at least 32 lowercase hex.
      {"app@blake3:" + kHex64.substr(0, 32), "app", kHub, "library/app", "",
       "blake3:" + kHex64.substr(0, 32), "docker.io/library/app",
       "docker.io/library/app@blake3:" + kHex64.substr(0, 32), kHubApi,
       "blake3:" + kHex64.substr(0, 32), "@blake3:" + kHex64.substr(0, 32)},
      {"app@x.y_z+w-v:" + kHex64, "app", kHub, "library/app", "", "x.y_z+w-v:" + kHex64,
       "docker.io/library/app", "docker.io/library/app@x.y_z+w-v:" + kHex64, kHubApi,
       "x.y_z+w-v:" + kHex64, "@x.y_z+w-v:" + kHex64},
      // Ports: a ':' before the last '/' is a port, not a tag.
      {"registry:5000/image:tag", "registry:5000/image", "registry:5000", "image", "tag", "",
       "registry:5000/image", "registry:5000/image:tag", "registry:5000", "tag", ":tag"},
      {"localhost:5000/a", "localhost:5000/a", "localhost:5000", "a", "", "", "localhost:5000/a",
       "localhost:5000/a", "localhost:5000", "latest", ""},
      {"localhost:5000/a/b@" + kSha256, "localhost:5000/a/b", "localhost:5000", "a/b", "", kSha256,
       "localhost:5000/a/b", "localhost:5000/a/b@" + kSha256, "localhost:5000", kSha256,
       "@" + kSha256},
      {"localhost/a:v1", "localhost/a", "localhost", "a", "v1", "", "localhost/a", "localhost/a:v1",
       "localhost", "v1", ":v1"},
      {"127.0.0.1:5000/x/y:z", "127.0.0.1:5000/x/y", "127.0.0.1:5000", "x/y", "z", "",
       "127.0.0.1:5000/x/y", "127.0.0.1:5000/x/y:z", "127.0.0.1:5000", "z", ":z"},
      {"quay.io:443/org/app", "quay.io:443/org/app", "quay.io:443", "org/app", "", "",
       "quay.io:443/org/app", "quay.io:443/org/app", "quay.io:443", "latest", ""},
      // IPv6 hosts.
      {"[::1]:5000/app:v1", "[::1]:5000/app", "[::1]:5000", "app", "v1", "", "[::1]:5000/app",
       "[::1]:5000/app:v1", "[::1]:5000", "v1", ":v1"},
      {"[2001:db8::1]/app", "[2001:db8::1]/app", "[2001:db8::1]", "app", "", "",
       "[2001:db8::1]/app", "[2001:db8::1]/app", "[2001:db8::1]", "latest", ""},
      {"[2001:DB8::1]:443/a/b", "[2001:DB8::1]:443/a/b", "[2001:DB8::1]:443", "a/b", "", "",
       "[2001:DB8::1]:443/a/b", "[2001:DB8::1]:443/a/b", "[2001:DB8::1]:443", "latest", ""},
      // Upper case is allowed in the host and kept as written.
      {"Registry.Example.COM/team/app:1", "Registry.Example.COM/team/app", "Registry.Example.COM",
       "team/app", "1", "", "Registry.Example.COM/team/app", "Registry.Example.COM/team/app:1",
       "Registry.Example.COM", "1", ":1"},
      {"My-Registry.io:8443/app", "My-Registry.io:8443/app", "My-Registry.io:8443", "app", "", "",
       "My-Registry.io:8443/app", "My-Registry.io:8443/app", "My-Registry.io:8443", "latest", ""},
      // Cloud registries.
      {"123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:1.0",
       "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app",
       "123456789012.dkr.ecr.us-east-1.amazonaws.com", "my-app", "1.0", "",
       "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app",
       "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:1.0",
       "123456789012.dkr.ecr.us-east-1.amazonaws.com", "1.0", ":1.0"},
      {"public.ecr.aws/nginx/nginx:stable", "public.ecr.aws/nginx/nginx", "public.ecr.aws",
       "nginx/nginx", "stable", "", "public.ecr.aws/nginx/nginx",
       "public.ecr.aws/nginx/nginx:stable", "public.ecr.aws", "stable", ":stable"},
      {"us-docker.pkg.dev/my-project/my-repo/my-image:tag",
       "us-docker.pkg.dev/my-project/my-repo/my-image", "us-docker.pkg.dev",
       "my-project/my-repo/my-image", "tag", "", "us-docker.pkg.dev/my-project/my-repo/my-image",
       "us-docker.pkg.dev/my-project/my-repo/my-image:tag", "us-docker.pkg.dev", "tag", ":tag"},
      {"europe-west1-docker.pkg.dev/p/r/i@" + kSha256, "europe-west1-docker.pkg.dev/p/r/i",
       "europe-west1-docker.pkg.dev", "p/r/i", "", kSha256, "europe-west1-docker.pkg.dev/p/r/i",
       "europe-west1-docker.pkg.dev/p/r/i@" + kSha256, "europe-west1-docker.pkg.dev", kSha256,
       "@" + kSha256},
      {"gcr.io/my_project/image:latest", "gcr.io/my_project/image", "gcr.io", "my_project/image",
       "latest", "", "gcr.io/my_project/image", "gcr.io/my_project/image:latest", "gcr.io",
       "latest", ":latest"},
      {"ghcr.io/owner/repo:sha-abc123", "ghcr.io/owner/repo", "ghcr.io", "owner/repo", "sha-abc123",
       "", "ghcr.io/owner/repo", "ghcr.io/owner/repo:sha-abc123", "ghcr.io", "sha-abc123",
       ":sha-abc123"},
      {"registry.k8s.io/pause:3.9", "registry.k8s.io/pause", "registry.k8s.io", "pause", "3.9", "",
       "registry.k8s.io/pause", "registry.k8s.io/pause:3.9", "registry.k8s.io", "3.9", ":3.9"},
      // Separators inside path components.
      {"a__b", "a__b", kHub, "library/a__b", "", "", "docker.io/library/a__b",
       "docker.io/library/a__b", kHubApi, "latest", ""},
      {"a--b/c---d", "a--b/c---d", kHub, "a--b/c---d", "", "", "docker.io/a--b/c---d",
       "docker.io/a--b/c---d", kHubApi, "latest", ""},
      {"a.b_c-d", "a.b_c-d", kHub, "library/a.b_c-d", "", "", "docker.io/library/a.b_c-d",
       "docker.io/library/a.b_c-d", kHubApi, "latest", ""},
      // Tags: upper case, leading '_', the 128-character maximum.
      {"nginx:V1.0-RC_1", "nginx", kHub, "library/nginx", "V1.0-RC_1", "",
       "docker.io/library/nginx", "docker.io/library/nginx:V1.0-RC_1", kHubApi, "V1.0-RC_1",
       ":V1.0-RC_1"},
      {"nginx:_private", "nginx", kHub, "library/nginx", "_private", "", "docker.io/library/nginx",
       "docker.io/library/nginx:_private", kHubApi, "_private", ":_private"},
      {"x:" + std::string(128, 't'), "x", kHub, "library/x", std::string(128, 't'), "",
       "docker.io/library/x", "docker.io/library/x:" + std::string(128, 't'), kHubApi,
       std::string(128, 't'), ":" + std::string(128, 't')},
      // Name length: 255 characters of Name() are allowed.
      {LongName("example.com", 243), LongName("example.com", 243), "example.com",
       std::string(243, 'a'), "", "", LongName("example.com", 243), LongName("example.com", 243),
       "example.com", "latest", ""},
      {std::string(237, 'a'), std::string(237, 'a'), kHub, "library/" + std::string(237, 'a'), "",
       "", LongName("docker.io/library", 237), LongName("docker.io/library", 237), kHubApi,
       "latest", ""},
  };
  return cases;
}

const std::vector<InvalidCase>& InvalidCases() {
  static const std::vector<InvalidCase> cases = {
      // Empty parts.
      {"", R"(invalid reference "": empty reference)"},
      {"nginx:", R"(invalid reference "nginx:": empty tag)"},
      {"quay.io/a/b:", R"(invalid reference "quay.io/a/b:": empty tag)"},
      {"nginx@", R"(invalid reference "nginx@": empty digest)"},
      {"nginx:v1@", R"(invalid reference "nginx:v1@": empty digest)"},
      {":v1", R"(invalid reference ":v1": empty name)"},
      {"@" + kSha256, "invalid reference \"@" + kSha256 + "\": empty name"},
      // Whitespace and other characters.
      {" nginx", R"(invalid reference " nginx": leading or trailing whitespace)"},
      {"nginx ", R"(invalid reference "nginx ": leading or trailing whitespace)"},
      {"nginx\n", R"(invalid reference "nginx\n": leading or trailing whitespace)"},
      {"nginx :1",
       R"(invalid reference "nginx :1": invalid character " " in path component "nginx ")"},
      {"quay.io/a\tb",
       R"(invalid reference "quay.io/a\tb": invalid character "\t" in path component "a\tb")"},
      {"nginx:v 1",
       R"(invalid reference "nginx:v 1": invalid tag "v 1" (letters, digits, '_', '.' and '-', not starting with '.' or '-'))"},
      {"quay.io/a!b",
       R"(invalid reference "quay.io/a!b": invalid character "!" in path component "a!b")"},
      {"nginx\"",
       R"(invalid reference "nginx\"": invalid character "\"" in path component "nginx\"")"},
      {"ng\xc3\xadnx",
       R"(invalid reference "ng\xc3\xadnx": invalid character "\xc3" in path component "ng\xc3\xadnx")"},
      {"nginx:latest:1",
       R"(invalid reference "nginx:latest:1": invalid character ":" in path component "nginx:latest")"},
      // Upper case in the path.
      {"Nginx", R"(invalid reference "Nginx": repository name must be lowercase)"},
      {"MyOrg/api", R"(invalid reference "MyOrg/api": repository name must be lowercase)"},
      {"quay.io/My-Org/api:v1",
       R"(invalid reference "quay.io/My-Org/api:v1": repository name must be lowercase)"},
      // URLs are not references.
      {"ko://knative.dev/x",
       R"(invalid reference "ko://knative.dev/x": a scheme ("ko://") is not part of an image reference)"},
      {"https://quay.io/a",
       R"(invalid reference "https://quay.io/a": a scheme ("https://") is not part of an image reference)"},
      // Slashes.
      {"quay.io//a", R"(invalid reference "quay.io//a": empty path component)"},
      {"quay.io/a/", R"(invalid reference "quay.io/a/": empty path component)"},
      {"quay.io/", R"(invalid reference "quay.io/": empty path component)"},
      {"/nginx", R"(invalid reference "/nginx": empty path component)"},
      {"myorg//api:1", R"(invalid reference "myorg//api:1": empty path component)"},
      // Separators.
      {"a_-b", R"(invalid reference "a_-b": invalid separator "_-" in path component "a_-b")"},
      {"a___b", R"(invalid reference "a___b": invalid separator "___" in path component "a___b")"},
      {"a..b", R"(invalid reference "a..b": invalid separator ".." in path component "a..b")"},
      {"quay.io/a-.b",
       R"(invalid reference "quay.io/a-.b": invalid separator "-." in path component "a-.b")"},
      {"-a",
       R"(invalid reference "-a": path component "-a" must start and end with a lowercase letter or digit)"},
      {"quay.io/org/a_",
       R"(invalid reference "quay.io/org/a_": path component "a_" must start and end with a lowercase letter or digit)"},
      // Hosts.
      {"exa_mple.com/a",
       R"(invalid reference "exa_mple.com/a": invalid registry host "exa_mple.com")"},
      {"-bad.com/a", R"(invalid reference "-bad.com/a": invalid registry host "-bad.com")"},
      {"bad-.com/a", R"(invalid reference "bad-.com/a": invalid registry host "bad-.com")"},
      {"quay..io/a", R"(invalid reference "quay..io/a": invalid registry host "quay..io")"},
      {"registry:/a", R"(invalid reference "registry:/a": invalid registry host "registry:")"},
      {"registry:50a0/a",
       R"(invalid reference "registry:50a0/a": invalid registry host "registry:50a0")"},
      {"[::1/a", R"(invalid reference "[::1/a": invalid registry host "[::1")"},
      {"[::g]/a", R"(invalid reference "[::g]/a": invalid registry host "[::g]")"},
      {"[]:5000/a", R"(invalid reference "[]:5000/a": invalid registry host "[]:5000")"},
      {"[::1]x/a", R"(invalid reference "[::1]x/a": invalid registry host "[::1]x")"},
      // Tags.
      {"nginx:-1",
       R"(invalid reference "nginx:-1": invalid tag "-1" (letters, digits, '_', '.' and '-', not starting with '.' or '-'))"},
      {"nginx:.x",
       R"(invalid reference "nginx:.x": invalid tag ".x" (letters, digits, '_', '.' and '-', not starting with '.' or '-'))"},
      {"nginx:a+b",
       R"(invalid reference "nginx:a+b": invalid tag "a+b" (letters, digits, '_', '.' and '-', not starting with '.' or '-'))"},
      {"nginx:" + std::string(129, 't'),
       "invalid reference \"nginx:" + std::string(129, 't') +
           "\": tag is 129 characters long, at most 128 are allowed"},
      // Digests.
      {"nginx@sha256:abc",
       R"(invalid reference "nginx@sha256:abc": invalid digest "sha256:abc" (sha256 needs 64 hex characters, got 3))"},
      {"nginx@sha256:" + kHex64.substr(1), "invalid reference \"nginx@sha256:" + kHex64.substr(1) +
                                               "\": invalid digest \"sha256:" + kHex64.substr(1) +
                                               "\" (sha256 needs 64 hex characters, got 63)"},
      {"nginx@sha256:" + kHex64 + "0", "invalid reference \"nginx@sha256:" + kHex64 +
                                           "0\": invalid digest \"sha256:" + kHex64 +
                                           "0\" (sha256 needs 64 hex characters, got 65)"},
      {"nginx@sha256:" + std::string(64, 'A'),
       "invalid reference \"nginx@sha256:" + std::string(64, 'A') + "\": invalid digest \"sha256:" +
           std::string(64, 'A') + "\" (the part after the algorithm must be lowercase hex)"},
      {"nginx@sha256:" + std::string(64, 'g'),
       "invalid reference \"nginx@sha256:" + std::string(64, 'g') + "\": invalid digest \"sha256:" +
           std::string(64, 'g') + "\" (the part after the algorithm must be lowercase hex)"},
      {"nginx@sha256:",
       R"(invalid reference "nginx@sha256:": invalid digest "sha256:" (no hex after the algorithm))"},
      {"nginx@sha256",
       R"(invalid reference "nginx@sha256": invalid digest "sha256" (expected algorithm:hex))"},
      {"nginx@SHA256:" + kHex64,
       "invalid reference \"nginx@SHA256:" + kHex64 + "\": invalid digest algorithm \"SHA256\""},
      {"nginx@sha256-:" + kHex64,
       "invalid reference \"nginx@sha256-:" + kHex64 + "\": invalid digest algorithm \"sha256-\""},
      {"nginx@sha..256:" + kHex64, "invalid reference \"nginx@sha..256:" + kHex64 +
                                       "\": invalid digest algorithm \"sha..256\""},
      {"nginx@:" + kHex64,
       "invalid reference \"nginx@:" + kHex64 + "\": invalid digest algorithm \"\""},
      {"nginx@sha512:" + kHex64, "invalid reference \"nginx@sha512:" + kHex64 +
                                     "\": invalid digest \"sha512:" + kHex64 +
                                     "\" (sha512 needs 128 hex characters, got 64)"},
      {"nginx@sha384:" + kHex64, "invalid reference \"nginx@sha384:" + kHex64 +
                                     "\": invalid digest \"sha384:" + kHex64 +
                                     "\" (sha384 needs 96 hex characters, got 64)"},
      {"nginx@blake3:" + kHex64.substr(0, 31),
       "invalid reference \"nginx@blake3:" + kHex64.substr(0, 31) + "\": invalid digest \"blake3:" +
           kHex64.substr(0, 31) + "\" (needs at least 32 hex characters, got 31)"},
      {"nginx@" + kSha256 + "@" + kSha256,
       "invalid reference \"nginx@" + kSha256 + "@" + kSha256 + "\": invalid digest \"" + kSha256 +
           "@" + kSha256 + "\" (the part after the algorithm must be lowercase hex)"},
      // Name length, counted on the normalised name as distribution does.
      {LongName("example.com", 244),
       "invalid reference \"" + LongName("example.com", 244) +
           "\": repository name is 256 characters long, at most 255 are "
           "allowed"},
      {std::string(238, 'a'), "invalid reference \"" + std::string(238, 'a') +
                                  "\": repository name is 256 characters long, at most 255 are "
                                  "allowed"},
      // An image ID is not a name.
      {kHex64, "invalid reference \"" + kHex64 +
                   "\": a 64-character hex string is an image ID, not a "
                   "repository name"},
  };
  return cases;
}

TEST_CASE("ParseImageRef accepts valid references", "[image_ref]") {
  for (const ValidCase& c : ValidCases()) {
    DYNAMIC_SECTION("valid: " << c.input) {
      auto result = ParseImageRef(c.input);
      const ImageRef* ref = std::get_if<ImageRef>(&result);
      if (ref == nullptr) FAIL(std::get<RefError>(result).message);
      CHECK(ref->written == c.input);
      CHECK(ref->written_name == c.written_name);
      CHECK(ref->domain == c.domain);
      CHECK(ref->path == c.path);
      CHECK(ref->tag == c.tag);
      CHECK(ref->digest == c.digest);
      CHECK(ref->Name() == c.name);
      CHECK(ref->Normalized() == c.normalized);
      CHECK(ref->ApiHost() == c.api_host);
      CHECK(ref->ManifestReference() == c.manifest_reference);
      CHECK(ref->WrittenSuffix() == c.written_suffix);
    }
  }
}

TEST_CASE("ParseImageRef rejects invalid references", "[image_ref]") {
  for (const InvalidCase& c : InvalidCases()) {
    DYNAMIC_SECTION("invalid: " << c.input) {
      auto result = ParseImageRef(c.input);
      const RefError* error = std::get_if<RefError>(&result);
      if (error == nullptr) {
        FAIL("parsed as " << std::get<ImageRef>(result).Normalized());
      }
      CHECK(error->message == c.message);
    }
  }
}

TEST_CASE("Normalized references parse to themselves", "[image_ref]") {
  for (const ValidCase& c : ValidCases()) {
    DYNAMIC_SECTION("normalized: " << c.input) {
      auto first = ParseImageRef(c.input);
      REQUIRE(std::holds_alternative<ImageRef>(first));
      const ImageRef& ref = std::get<ImageRef>(first);
      CHECK(ref.written_name + ref.WrittenSuffix() == ref.written);
      auto again = ParseImageRef(ref.Normalized());
      REQUIRE(std::holds_alternative<ImageRef>(again));
      const ImageRef& reparsed = std::get<ImageRef>(again);
      CHECK(reparsed.Name() == ref.Name());
      CHECK(reparsed.tag == ref.tag);
      CHECK(reparsed.digest == ref.digest);
      CHECK(reparsed.Normalized() == ref.Normalized());
    }
  }
}

TEST_CASE("The case tables are large enough", "[image_ref]") {
  CHECK(ValidCases().size() + InvalidCases().size() >= 60);
}

}  // namespace
}  // namespace ppi
