// What the floor programs share: all of stdin read into a string, and a
// stream buffer over that string, so that yaml-cpp reads it in place as the
// function does (not copied into a stringstream).
#pragma once

#include <cstdio>
#include <streambuf>
#include <string>

inline std::string ReadStdin() {
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) text.append(buf, n);
  return text;
}

class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string& text) { setg(text.data(), text.data(), text.data() + text.size()); }
};
