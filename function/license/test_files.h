// Reading the License samples in testdata/licenses for the tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ppi::license::testing {

inline std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(PPI_LICENSE_TESTDATA) + "/" + name, std::ios::binary);
  if (!in.good()) throw std::runtime_error("cannot read testdata/licenses/" + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace ppi::license::testing
