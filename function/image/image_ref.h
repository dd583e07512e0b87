// Image references as the distribution/reference grammar defines them
// (SPEC §4). An ImageRef keeps what the user wrote and the normalised form.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace ppi {

struct ImageRef {
  std::string written;  // exactly as in the manifest
  // The name part as written, without tag or digest ("myorg/api",
  // "quay.io/my-org/api", "registry:5000/image").
  std::string written_name;
  std::string domain;  // normalised: "docker.io" for Docker Hub (also for
                       // "index.docker.io"); otherwise as written
  std::string path;    // normalised: "library/nginx" on Docker Hub
  std::string tag;     // "" when absent
  std::string digest;  // "" when absent, else "algo:hex"

  // "domain/path", e.g. "docker.io/library/nginx": what patterns match.
  std::string Name() const;
  // Name() plus ":tag" and/or "@digest" as present: the key of a probe.
  std::string Normalized() const;
  // The host the registry API is spoken to: "registry-1.docker.io" for
  // Docker Hub, otherwise the domain (with its port).
  std::string ApiHost() const;
  // What the manifest request names: the digest when present, else the
  // tag, else "latest".
  std::string ManifestReference() const;
  // The tag/digest suffix exactly as written (":v1", "@sha256:…",
  // ":v1@sha256:…" or "").
  std::string WrittenSuffix() const;
};

struct RefError {
  std::string message;  // names the bad input, e.g.
                        // invalid reference "nginx:": empty tag
};

std::variant<ImageRef, RefError> ParseImageRef(std::string_view text);

}  // namespace ppi
