// Reading test inputs: shared by the golden, corpus and hostile tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace ppi_test {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool Exists(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace ppi_test
