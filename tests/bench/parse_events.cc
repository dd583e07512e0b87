// The floor of the function's design since it builds its own tree: read the
// ResourceList from stdin into a string and run yaml-cpp's parser over it
// with a handler that keeps nothing. The function does this and more (it
// keeps a tree, edits, writes); parse_only.cc is YAML::Load, the usual way
// to read a document with yaml-cpp.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <cstdlib>
#include <istream>
#include <string>

#include "stdin_text.h"

namespace {

class Discard : public YAML::EventHandler {
 public:
  size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {
    ++events;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override {}
};

}  // namespace

int main() {
  std::string text = ReadStdin();
  ViewBuf view(text);
  std::istream in(&view);
  YAML::Parser parser(in);
  Discard handler;
  parser.HandleNextDocument(handler);
  std::_Exit(handler.events > 0 ? 0 : 1);
}
