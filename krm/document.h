// A YAML document as a light tree, built from the events of yaml-cpp's
// parser. YAML::Load builds a graph of reference-counted nodes, about 35
// bytes of memory for each byte of text, and every lookup in it makes
// reference-counted temporaries. This tree holds the same nodes in three
// flat arrays (nodes, child indexes, scalar bytes), and a Node is a plain
// handle into it.
//
// It reads what YAML::Load reads: the same parser, the same marks, tags and
// styles, duplicate keys kept in order, and an alias is the node it names
// (so `&a [*a]` contains itself, as with yaml-cpp).
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace krm {

class Document;

class Node {
 public:
  Node() = default;  // undefined: what a lookup finds when nothing is there

  bool IsDefined() const { return doc_ != nullptr; }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  // A flow collection ([a], {a: b}); false for everything else.
  bool IsFlow() const;
  // The value of a scalar; "" for anything else.
  std::string_view Scalar() const;
  // "?" for a plain scalar, "!" for a quoted one, or the explicit tag.
  std::string_view Tag() const;
  // Where the node (its properties, if any) starts in the text.
  const YAML::Mark& Mark() const;
  // Elements of a sequence, entries of a mapping; 0 for anything else.
  size_t size() const;
  // Element i of a sequence; undefined out of range.
  Node operator[](size_t i) const;
  // Key and value of entry i of a mapping.
  Node Key(size_t i) const;
  Node Value(size_t i) const;
  // The same node (an alias and what it names are the same node).
  bool is(const Node& other) const { return doc_ == other.doc_ && index_ == other.index_; }
  // A number unique to the node within its document.
  uint32_t id() const { return index_; }

 private:
  friend class Document;
  Node(const Document* doc, uint32_t index) : doc_(doc), index_(index) {}
  Node Child(size_t i) const;

  const Document* doc_ = nullptr;
  uint32_t index_ = 0;
};

class Document {
 public:
  Document() = default;
  Document(const Document&) = delete;  // nodes point at their document
  Document& operator=(const Document&) = delete;

  // Reads the first document of `in` with yaml-cpp's parser (the parser
  // reads ahead: `in` is spent), replacing what `out` held; false when
  // there is none. Throws what the parser throws (YAML::Exception), or
  // std::length_error past 4 GiB of scalars or 65,535 distinct tags; `out`
  // is then empty.
  // `text_bytes`, the size of the text when known, sizes the arrays once:
  // room the document does not use is never touched, so it costs address
  // space, not memory, and the arrays are never copied as they grow.
  static bool ReadFirst(std::istream& in, Document* out, size_t text_bytes = 0);
  // The only document of `text`, for tests and small inputs (throws
  // YAML::Exception; undefined root when there is no document).
  static std::unique_ptr<Document> Load(std::string_view text);

  Node root() const { return has_root_ ? Node(this, root_) : Node(); }

 private:
  friend class Node;
  friend class Builder;
  void Clear();

  enum class Kind : uint8_t { kNull, kScalar, kSequence, kMap };
  struct Data {
    YAML::Mark mark;
    uint32_t begin = 0;  // scalars: offset in scalars_; collections: in children_
    uint32_t size = 0;   // scalars: bytes; sequences: elements; maps: 2 × entries
    Kind kind = Kind::kNull;
    bool flow = false;
    uint16_t tag = 0;  // index in tags_
  };

  std::vector<Data> nodes_;
  std::vector<uint32_t> children_;
  std::string scalars_;
  std::vector<std::string> tags_;
  uint32_t root_ = 0;
  bool has_root_ = false;
};

// The elements of a sequence, for range-for: `for (Node e : Elements(seq))`.
// Empty for anything else.
class Elements {
 public:
  explicit Elements(Node seq) : seq_(seq), n_(seq.IsSequence() ? seq.size() : 0) {}
  class iterator {
   public:
    iterator(const Node* seq, size_t i) : seq_(seq), i_(i) {}
    Node operator*() const { return (*seq_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }

   private:
    const Node* seq_;
    size_t i_;
  };
  iterator begin() const { return iterator(&seq_, 0); }
  iterator end() const { return iterator(&seq_, n_); }

 private:
  Node seq_;
  size_t n_;
};

// The entries of a mapping as (key, value), for range-for:
// `for (auto [key, value] : Entries(map))`. Empty for anything else.
class Entries {
 public:
  explicit Entries(Node map) : map_(map), n_(map.IsMap() ? map.size() : 0) {}
  class iterator {
   public:
    iterator(const Node* map, size_t i) : map_(map), i_(i) {}
    std::pair<Node, Node> operator*() const { return {map_->Key(i_), map_->Value(i_)}; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }

   private:
    const Node* map_;
    size_t i_;
  };
  iterator begin() const { return iterator(&map_, 0); }
  iterator end() const { return iterator(&map_, n_); }

 private:
  Node map_;
  size_t n_;
};

}  // namespace krm
