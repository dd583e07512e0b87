#include "function/config/limits.h"

#include <cstdlib>

namespace ppi {
namespace {

bool ReadOne(const EnvLookup& env, const char* name, size_t max, size_t* value,
             std::string* error) {
  const char* text = env(name);
  if (text == nullptr) return true;
  std::string v = text;
  bool digits =
      !v.empty() && v.size() <= 15 && v.find_first_not_of("0123456789") == std::string::npos;
  unsigned long long n = digits ? std::strtoull(v.c_str(), nullptr, 10) : 0;
  if (n < 1 || n > max) {
    *error = std::string("environment variable ") + name + ": \"" + v +
             "\" must be a whole number from 1 to " + std::to_string(max);
    return false;
  }
  *value = static_cast<size_t>(n);
  return true;
}

}  // namespace

bool ReadLimits(const EnvLookup& env, krm::Limits* limits, std::string* error) {
  if (!env) return true;
  return ReadOne(env, "PPI_MAX_INPUT_BYTES", size_t{1} << 40, &limits->max_input_bytes, error) &&
         ReadOne(env, "PPI_MAX_DEPTH", 499, &limits->max_depth, error) &&
         ReadOne(env, "PPI_MAX_ITEMS", size_t{1} << 32, &limits->max_items, error);
}

}  // namespace ppi
