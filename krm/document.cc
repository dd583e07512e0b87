#include "krm/document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <limits>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <unordered_map>

namespace krm {

bool Node::IsNull() const { return doc_ && doc_->nodes_[index_].kind == Document::Kind::kNull; }
bool Node::IsScalar() const { return doc_ && doc_->nodes_[index_].kind == Document::Kind::kScalar; }
bool Node::IsSequence() const {
  return doc_ && doc_->nodes_[index_].kind == Document::Kind::kSequence;
}
bool Node::IsMap() const { return doc_ && doc_->nodes_[index_].kind == Document::Kind::kMap; }
bool Node::IsFlow() const { return doc_ && doc_->nodes_[index_].flow; }

std::string_view Node::Scalar() const {
  if (!IsScalar()) return {};
  const Document::Data& d = doc_->nodes_[index_];
  return std::string_view(doc_->scalars_).substr(d.begin, d.size);
}

std::string_view Node::Tag() const {
  return doc_ ? std::string_view(doc_->tags_[doc_->nodes_[index_].tag]) : std::string_view();
}

const YAML::Mark& Node::Mark() const {
  static const YAML::Mark kNone = YAML::Mark::null_mark();
  return doc_ ? doc_->nodes_[index_].mark : kNone;
}

size_t Node::size() const {
  if (IsSequence()) return doc_->nodes_[index_].size;
  if (IsMap()) return doc_->nodes_[index_].size / 2;
  return 0;
}

Node Node::Child(size_t i) const {
  const Document::Data& d = doc_->nodes_[index_];
  return Node(doc_, doc_->children_[d.begin + i]);
}

Node Node::operator[](size_t i) const { return IsSequence() && i < size() ? Child(i) : Node(); }
Node Node::Key(size_t i) const { return IsMap() && i < size() ? Child(2 * i) : Node(); }
Node Node::Value(size_t i) const { return IsMap() && i < size() ? Child(2 * i + 1) : Node(); }

// Turns the parser's events into the arrays of a Document. The children of
// every open collection wait, in order, at the end of `pending_`; when the
// collection ends they move, contiguous, into the document's children.
class Builder : public YAML::EventHandler {
 public:
  explicit Builder(Document* doc) : doc_(doc) {
    for (const char* tag : {"", "?", "!"}) TagIndex(tag);  // indexes 0, 1, 2
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add(NewNode(mark, Document::Kind::kNull, "", anchor));
  }

  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    // The parser refuses an alias to an anchor it has not seen.
    Add(anchors_.at(anchor));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    uint32_t index = NewNode(mark, Document::Kind::kScalar, tag, anchor);
    Document::Data& d = doc_->nodes_[index];
    d.begin = Checked(doc_->scalars_.size());
    d.size = Checked(value.size());
    doc_->scalars_ += value;
    Add(index);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    Open(NewNode(mark, Document::Kind::kSequence, tag, anchor), style);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    Open(NewNode(mark, Document::Kind::kMap, tag, anchor), style);
  }
  void OnMapEnd() override { Close(); }

 private:
  static uint32_t Checked(size_t n) {
    if (n > std::numeric_limits<uint32_t>::max()) {
      throw std::length_error("document too large");
    }
    return static_cast<uint32_t>(n);
  }

  // Interned: a document may hold many distinct tags.
  uint16_t TagIndex(const std::string& tag) {
    auto [it, added] = tag_index_.emplace(tag, doc_->tags_.size());
    if (added) {
      if (doc_->tags_.size() > std::numeric_limits<uint16_t>::max()) {
        throw std::length_error("more than 65,535 distinct tags");
      }
      doc_->tags_.push_back(tag);
    }
    return static_cast<uint16_t>(it->second);
  }

  uint32_t NewNode(const YAML::Mark& mark, Document::Kind kind, const std::string& tag,
                   YAML::anchor_t anchor) {
    uint32_t index = Checked(doc_->nodes_.size());
    Document::Data d;
    d.mark = mark;
    d.kind = kind;
    // nearly every node is plain ("?"), quoted ("!") or null (""): indexes
    // fixed by the constructor, without hashing the tag
    d.tag = tag.empty() ? 0 : tag == "?" ? 1 : tag == "!" ? 2 : TagIndex(tag);
    doc_->nodes_.push_back(d);
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = index;
    }
    return index;
  }

  void Add(uint32_t index) {
    if (open_.empty()) {
      doc_->root_ = index;
      doc_->has_root_ = true;
    } else {
      pending_.push_back(index);
    }
  }

  void Open(uint32_t index, YAML::EmitterStyle::value style) {
    doc_->nodes_[index].flow = style == YAML::EmitterStyle::Flow;
    Add(index);
    open_.push_back({index, pending_.size()});
  }

  void Close() {
    auto [index, start] = open_.back();
    open_.pop_back();
    Document::Data& d = doc_->nodes_[index];
    d.begin = Checked(doc_->children_.size());
    d.size = Checked(pending_.size() - start);
    doc_->children_.insert(doc_->children_.end(), pending_.begin() + start, pending_.end());
    pending_.resize(start);
  }

  Document* doc_;
  std::vector<uint32_t> pending_;
  std::vector<std::pair<uint32_t, size_t>> open_;  // node, its first child in pending_
  std::vector<uint32_t> anchors_;                  // by the parser's anchor number
  std::unordered_map<std::string, size_t> tag_index_;
};

bool Document::ReadFirst(std::istream& in, Document* out, size_t text_bytes) {
  out->Clear();
  // Estimates: Kubernetes YAML takes 12 to 16 bytes of text per node (8 is
  // left for terse flow text), and a scalar's value is hardly ever longer
  // than its text (only the escapes \L, \N, \P and \_ lengthen it). Past
  // them the arrays grow as usual.
  out->nodes_.reserve(text_bytes / 8 + 1);
  out->children_.reserve(text_bytes / 8 + 1);
  out->scalars_.reserve(text_bytes);
  try {
    YAML::Parser parser(in);
    Builder builder(out);
    return parser.HandleNextDocument(builder) && out->has_root_;
  } catch (...) {
    out->Clear();  // half a tree: nothing may read it
    throw;
  }
}

void Document::Clear() {
  nodes_.clear();
  children_.clear();
  scalars_.clear();
  tags_.clear();
  root_ = 0;
  has_root_ = false;
}

std::unique_ptr<Document> Document::Load(std::string_view text) {
  auto doc = std::make_unique<Document>();
  std::istringstream in{std::string(text)};
  ReadFirst(in, doc.get());
  return doc;
}

}  // namespace krm
