// The floor of any stdin-to-stdout filter: read all of stdin into a string
// and write it to stdout.
#include <cstdio>
#include <string>

#include "stdin_text.h"

int main() {
  std::string text = ReadStdin();
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() ? 0 : 1;
}
