#include "function/license/license_error.h"

#include "krm/value.h"

namespace ppi::license {

std::string Redact(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  static constexpr std::string_view kRedacted = "(redacted)";
  for (size_t p = text.find(secret); p != std::string::npos;
       p = text.find(secret, p + kRedacted.size())) {
    text.replace(p, secret.size(), kRedacted);
  }
  return text;
}

std::string Quote(std::string_view s) { return krm::JsonString(s); }

}  // namespace ppi::license
