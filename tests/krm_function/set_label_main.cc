// set-label: ResourceList on stdin, ResourceList on stdout (see set_label.h).
#include <iostream>
#include <iterator>
#include <string>

#include "tests/krm_function/set_label.h"

int main() {
  std::string input(std::istreambuf_iterator<char>(std::cin), {});
  return set_label::Run(std::move(input), std::cout, std::cerr);
}
