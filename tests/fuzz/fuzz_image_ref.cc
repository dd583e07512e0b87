// The image reference parser. A reference that parses must parse again,
// to the same thing, from its normalised form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "function/image/image_ref.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = ppi::ParseImageRef(text);
  if (auto* error = std::get_if<ppi::RefError>(&parsed)) {
    if (error->message.empty()) std::abort();
    return 0;
  }
  const ppi::ImageRef& ref = std::get<ppi::ImageRef>(parsed);
  if (ref.written != text) std::abort();
  std::string suffix = ref.WrittenSuffix();
  if (text.compare(text.size() - suffix.size(), suffix.size(), suffix) != 0) std::abort();
  auto again = ppi::ParseImageRef(ref.Normalized());
  const auto* second = std::get_if<ppi::ImageRef>(&again);
  if (second == nullptr || second->Normalized() != ref.Normalized() ||
      second->Name() != ref.Name() || second->ApiHost() != ref.ApiHost() ||
      second->ManifestReference() != ref.ManifestReference()) {
    std::abort();
  }
  return 0;
}
