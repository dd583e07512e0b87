// The reader's limits (krm::Limits). They apply before the functionConfig
// can be read, so a user changes them through environment variables:
//   PPI_MAX_INPUT_BYTES  input size, aliases counted as copies (64 MiB)
//   PPI_MAX_DEPTH        collections nested in one another (200; at most
//                        499, where the YAML parser stops anyway)
//   PPI_MAX_ITEMS        entries of the ResourceList's items (1,000,000)
#pragma once

#include <string>

#include "function/common/env.h"
#include "krm/resource_list.h"

namespace ppi {

// Overrides `limits` with the variables that are set. On a bad value
// returns false with a message naming the variable.
bool ReadLimits(const EnvLookup& env, krm::Limits* limits, std::string* error);

}  // namespace ppi
