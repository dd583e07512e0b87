// Text for --help and --version.
#pragma once

#include <string>

namespace ppi {

std::string Version();
std::string Usage();

}  // namespace ppi
