#include "krm/yaml_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cstdlib>
#include <istream>
#include <new>
#include <streambuf>
#include <vector>

#include "krm/text_scan.h"

namespace krm {
namespace {

// Lets yaml-cpp read the text in place: Load(std::string) would copy it
// into a stringstream first.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
};

// Records where each document starts; builds nothing.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

std::string Where(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether a document marker ("---" or "..." starting a line) follows `from`.
bool MarkerAfter(std::string_view text, size_t from) {
  for (const char* marker : {"\n---", "\n..."}) {
    for (size_t p = text.find(marker, from); p != std::string_view::npos;
         p = text.find(marker, p + 1)) {
      if (p + 4 >= text.size() || IsBlank(text[p + 4])) return true;
    }
  }
  return false;
}

// Whether text may follow the first document. A block mapping at the root
// whose keys start in column 0 ends only at the end of the input or at a
// document marker; a flow collection at its closing bracket. Anything else
// is counted.
bool MayHoldMore(std::string_view text, const Node& root) {
  if (!root.IsMap() && !root.IsSequence()) return true;
  size_t start = SkipProperties(text, root.Mark().pos);
  if (root.IsMap() && !root.IsFlow()) {
    return ColumnOf(text, start) != 0 || MarkerAfter(text, start);
  }
  if (!root.IsFlow()) return true;
  size_t close = FlowEnd(text, start);
  if (close == std::string_view::npos) return true;
  for (size_t i = close + 1; i < text.size(); ++i) {
    if (text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (!IsBlank(text[i])) {
      return true;
    }
  }
  return false;
}

// Counts the documents of `text` (stopping at `cap`). Sets *stuck when the
// parser found a document where the previous one started: it would go on
// forever.
size_t CountDocuments(std::string_view text, size_t cap, bool* stuck, YAML::Mark* where) {
  ViewBuf buf(text);
  std::istream in(&buf);
  YAML::Parser parser(in);
  DocumentStarts handler;
  while (handler.starts.size() < cap && parser.HandleNextDocument(handler)) {
    size_t n = handler.starts.size();
    if (n >= 2 && handler.starts[n - 1].pos == handler.starts[n - 2].pos) {
      *stuck = true;
      *where = handler.starts[n - 1];
      break;
    }
  }
  return handler.starts.size();
}

std::string YamlError(const YAML::Exception& e) {
  std::string message = "input is not valid YAML: " + e.msg;
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) {
    message = "input nests deeper than the YAML parser allows (about 500 levels)";
  }
  message += " at " + Where(e.mark);
  long code = 0;
  if (e.msg.rfind("invalid unicode: ", 0) == 0 &&
      (code = std::atol(e.msg.c_str() + 17)) >= 0xD800 && code <= 0xDFFF) {
    message +=
        " (an escaped UTF-16 surrogate such as \\ud83d: write the character "
        "itself, or \\U0001F600)";
  }
  return message;
}

bool Read(std::string_view text, Document* doc, std::string* error) {
  ViewBuf buf(text);
  std::istream in(&buf);
  Document::ReadFirst(in, doc, text.size());
  if (!MayHoldMore(text, doc->root())) return true;
  bool stuck = false;
  YAML::Mark where;
  size_t docs = CountDocuments(text, 100, &stuck, &where);
  if (stuck) {
    *error = "input is not valid YAML: unexpected text after the document at " + Where(where);
  } else if (docs == 0) {
    *error = "input holds no YAML document: expected a ResourceList";
  } else if (docs > 1) {
    *error = "input holds " + std::string(docs >= 100 ? "100 or more" : std::to_string(docs)) +
             " YAML documents: expected one ResourceList";
  }
  return docs == 1 && !stuck;
}

}  // namespace

bool ReadOneDocument(std::string_view text, Document* doc, std::string* error) {
  try {
    return Read(text, doc, error);
  } catch (const YAML::Exception& e) {
    *error = YamlError(e);
  } catch (const std::bad_alloc&) {
    *error = "input could not be read: out of memory (the input is " + std::to_string(text.size()) +
             " bytes)";
  } catch (const std::exception& e) {
    *error = std::string("input could not be read: ") + e.what();
  }
  return false;
}

}  // namespace krm
