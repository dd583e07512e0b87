#include "krm/tree_check.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "krm/text_scan.h"

namespace krm {
namespace {

// Whether the node's properties (`&a`, `!tag &a`) hold an anchor: only such
// a node can be reached twice. A node's mark is where its properties start.
bool IsAnchored(std::string_view text, size_t pos) {
  for (size_t end = SkipProperties(text, pos); pos < end; ++pos) {
    if (text[pos] == '&') return true;
  }
  return false;
}

// How a node was reached from its parent: a key's value, a sequence
// element, or a key that is itself a collection.
struct Step {
  enum class Kind { kRoot, kValue, kElement, kKey };
  Kind kind = Kind::kRoot;
  Node key;          // for kValue
  size_t index = 0;  // for kElement

  std::string Text() const {
    if (kind == Kind::kValue && key.IsScalar()) return std::string(key.Scalar());
    if (kind == Kind::kElement) return "[" + std::to_string(index) + "]";
    return "(key)";
  }
};

struct Frame {
  Node node;
  Step step;
  size_t next = 0;      // the next element, or the next entry's key or value
  size_t children = 0;  // elements, or twice the entries
  uint64_t size_before = 0;
  size_t height = 1;
  bool anchored = false;
};

struct Measured {
  uint64_t size = 0;
  size_t height = 0;
};

class Walker {
 public:
  Walker(std::string_view text, const TreeLimits& limits, TreeReport* report)
      : text_(text), limits_(limits), report_(report) {}

  void Run(const Node& root) {
    if (!Visit(root, Step{})) return;
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.next == f.children) {
        Leave();
        continue;
      }
      Node child;
      Step step;
      size_t i = f.next++;
      if (f.node.IsMap() && i % 2 == 0) {
        child = f.node.Key(i / 2);
        step.kind = Step::Kind::kKey;
      } else if (f.node.IsMap()) {
        child = f.node.Value(i / 2);
        step.kind = Step::Kind::kValue;
        step.key = f.node.Key(i / 2);
      } else {
        child = f.node[i];
        step.kind = Step::Kind::kElement;
        step.index = i;
      }
      if (!Visit(child, std::move(step))) return;
    }
  }

 private:
  bool Stop(TreeReport::Problem problem, const Node& at) {
    report_->problem = problem;
    report_->where = at.Mark();
    return false;
  }

  bool Add(uint64_t n, const Node& at) {
    report_->expanded_size = std::min(report_->expanded_size + n, limits_.max_expanded_size + 1);
    if (report_->expanded_size > limits_.max_expanded_size) {
      return Stop(TreeReport::Problem::kTooLarge, at);
    }
    return true;
  }

  bool Deepen(size_t depth, const Node& at) {
    report_->depth = std::max(report_->depth, depth);
    if (depth > limits_.max_depth) return Stop(TreeReport::Problem::kTooDeep, at);
    return true;
  }

  bool Visit(const Node& node, Step step) {
    if (node.IsScalar()) {
      if (report_->last_scalar.is_null() || node.Mark().pos > report_->last_scalar.pos) {
        report_->last_scalar = node.Mark();
      }
      return Add(node.Scalar().size(), node);
    }
    if (!node.IsMap() && !node.IsSequence()) return true;
    bool anchored = IsAnchored(text_, node.Mark().pos);
    uint32_t id = node.id();
    if (anchored && open_.count(id)) return Stop(TreeReport::Problem::kSelfReference, node);
    if (auto done = done_.find(id); anchored && done != done_.end()) {
      const Measured& m = done->second;
      if (!stack_.empty()) stack_.back().height = std::max(stack_.back().height, m.height + 1);
      return Deepen(stack_.size() + m.height, node) && Add(m.size, node);
    }
    if (!Deepen(stack_.size() + 1, node)) return false;
    uint64_t before = report_->expanded_size;
    if (!Add(1, node)) return false;
    if (node.IsMap() && !CheckKeys(node, step)) return false;
    if (anchored) open_.insert(id);
    size_t children = node.IsMap() ? 2 * node.size() : node.size();
    stack_.push_back(Frame{node, std::move(step), 0, children, before, 1, anchored});
    return true;
  }

  void Leave() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.anchored) {
      open_.erase(f.node.id());
      done_[f.node.id()] = Measured{report_->expanded_size - f.size_before, f.height};
    }
    if (!stack_.empty()) stack_.back().height = std::max(stack_.back().height, f.height + 1);
  }

  // Records duplicate keys. Stops at a key with no ':' after it, which
  // yaml-cpp reads as a key with a null value when it ends the input
  // (Go's yaml.v3, as kpt and kustomize use, refuses it): such a key and
  // its value share a position, which no other key does.
  bool CheckKeys(const Node& map, const Step& step) {
    bool block = !map.IsFlow();
    const size_t n = map.size();
    std::unordered_map<std::string_view, size_t> large;  // key -> first entry
    for (size_t i = 0; i < n; ++i) {
      Node key = map.Key(i), value = map.Value(i);
      // a null key ("NULL", "~") can lack its ':' as well
      if (block && (key.IsScalar() || key.IsNull()) && value.IsNull() &&
          value.Mark().pos == key.Mark().pos) {
        report_->key = key.IsScalar() ? std::string(key.Scalar()) : WrittenText(key);
        return Stop(TreeReport::Problem::kMissingColon, key);
      }
      if (!key.IsScalar()) continue;
      if (block && NotIndented(key, value)) {
        report_->key = std::string(key.Scalar());
        return Stop(TreeReport::Problem::kValueNotIndented, value);
      }
      size_t first = FirstEntry(map, i, &large);
      if (first == i || report_->duplicates.size() >= limits_.max_duplicates) continue;
      DuplicateKey d{PathTo(step), std::string(key.Scalar()), map.Key(first).Mark(), key.Mark()};
      report_->duplicates.push_back(std::move(d));
    }
    return true;
  }

  // A plain scalar as it is written (a null's "NULL" or "~").
  std::string WrittenText(const Node& node) const {
    auto span = FindScalar(text_, node.Mark().pos, false);
    return span ? std::string(text_.substr(span->begin, span->end - span->begin)) : "";
  }

  // The first entry of `map` whose scalar key equals entry i's (i itself
  // when none before it does). Small mappings, nearly all of them, are
  // searched in place; a large one goes through `large`.
  static size_t FirstEntry(const Node& map, size_t i,
                           std::unordered_map<std::string_view, size_t>* large) {
    constexpr size_t kSmall = 16;
    std::string_view key = map.Key(i).Scalar();
    if (map.size() > kSmall) return large->emplace(key, i).first->second;
    for (size_t j = 0; j < i; ++j) {
      if (map.Key(j).IsScalar() && map.Key(j).Scalar() == key) return j;
    }
    return i;
  }

  // A scalar or flow collection that starts a line below its key, no
  // further right than the key: YAML wants it indented more, and yaml-cpp,
  // which takes it anyway, may read the text around it differently once
  // something is added after it.
  bool NotIndented(const Node& key, const Node& value) const {
    bool scalar_or_flow = value.IsScalar() || value.IsFlow();
    if (!scalar_or_flow || value.Mark().line <= key.Mark().line ||
        value.Mark().column > key.Mark().column) {
      return false;
    }
    size_t start = static_cast<size_t>(value.Mark().pos - value.Mark().column);
    for (size_t i = start; i < static_cast<size_t>(value.Mark().pos); ++i) {
      if (text_[i] != ' ') return false;  // e.g. ": value" after "? key"
    }
    return true;
  }

  // The path of the node reached by `last` from the top of the stack.
  std::vector<std::string> PathTo(const Step& last) const {
    std::vector<std::string> path;
    for (size_t i = 1; i < stack_.size(); ++i) path.push_back(stack_[i].step.Text());
    if (!stack_.empty()) path.push_back(last.Text());
    return path;
  }

  std::string_view text_;
  const TreeLimits& limits_;
  TreeReport* report_;
  std::vector<Frame> stack_;
  std::unordered_map<uint32_t, Measured> done_;  // anchored collections
  std::unordered_set<uint32_t> open_;
};

}  // namespace

TreeReport CheckTree(const Node& root, std::string_view text, const TreeLimits& limits) {
  TreeReport report;
  Walker(text, limits, &report).Run(root);
  return report;
}

}  // namespace krm
