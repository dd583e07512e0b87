#include "function/config/limits.h"

#include <catch2/catch.hpp>
#include <map>

namespace ppi {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

TEST_CASE("ReadLimits keeps the defaults when nothing is set") {
  krm::Limits limits;
  std::string error;
  REQUIRE(ReadLimits(Env({}), &limits, &error));
  CHECK(limits.max_input_bytes == 64u << 20);
  CHECK(limits.max_depth == 200);
  CHECK(limits.max_items == 1000000);
}

TEST_CASE("ReadLimits takes each limit from its variable") {
  krm::Limits limits;
  std::string error;
  REQUIRE(ReadLimits(
      Env({{"PPI_MAX_INPUT_BYTES", "1000"}, {"PPI_MAX_DEPTH", "499"}, {"PPI_MAX_ITEMS", "1"}}),
      &limits, &error));
  CHECK(limits.max_input_bytes == 1000);
  CHECK(limits.max_depth == 499);
  CHECK(limits.max_items == 1);
}

TEST_CASE("ReadLimits refuses values that are not whole numbers in range") {
  struct Case {
    const char* name;
    const char* value;
    const char* message;
  };
  const Case cases[] = {
      {"PPI_MAX_DEPTH", "500",
       "environment variable PPI_MAX_DEPTH: \"500\" must be a whole number from 1 to 499"},
      {"PPI_MAX_DEPTH", "0",
       "environment variable PPI_MAX_DEPTH: \"0\" must be a whole number from 1 to 499"},
      {"PPI_MAX_ITEMS", "-1",
       "environment variable PPI_MAX_ITEMS: \"-1\" must be a whole number from 1 to 4294967296"},
      {"PPI_MAX_ITEMS", "",
       "environment variable PPI_MAX_ITEMS: \"\" must be a whole number from 1 to 4294967296"},
      {"PPI_MAX_INPUT_BYTES", "64MiB",
       "environment variable PPI_MAX_INPUT_BYTES: \"64MiB\" must be a whole number from 1 to "
       "1099511627776"},
      {"PPI_MAX_INPUT_BYTES", "99999999999999999999",
       "environment variable PPI_MAX_INPUT_BYTES: \"99999999999999999999\" must be a whole "
       "number from 1 to 1099511627776"},
  };
  for (const Case& c : cases) {
    INFO(c.name << "=" << c.value);
    krm::Limits limits;
    std::string error;
    CHECK_FALSE(ReadLimits(Env({{c.name, c.value}}), &limits, &error));
    CHECK(error == c.message);
  }
}

}  // namespace
}  // namespace ppi
