// The floor of any stdin-to-stdout filter: read all of stdin into a string
// and write it to stdout.
#include <cstdio>
#include <string>

int main() {
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) text.append(buf, n);
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() ? 0 : 1;
}
