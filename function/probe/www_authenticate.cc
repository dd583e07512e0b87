#include "function/probe/www_authenticate.h"

#include <cctype>
#include <cstring>

namespace ppi {
namespace {

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool IsToken68Char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         (c != 0 && std::strchr("-._~+/", c) != nullptr);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A cursor over the header text.
class Scanner {
 public:
  explicit Scanner(const std::string& text) : text_(text) {}
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  size_t pos() const { return pos_; }
  void Reset(size_t pos) { pos_ = pos; }
  void Advance() { ++pos_; }

  void SkipSpaces() {
    while (Peek() == ' ' || Peek() == '\t') ++pos_;
  }
  void SkipSpacesAndCommas() {
    while (Peek() == ' ' || Peek() == '\t' || Peek() == ',') ++pos_;
  }
  std::string Token() {
    size_t start = pos_;
    while (IsTokenChar(Peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // An unquoted value: RFC 7235 allows a token only, but realms are sent
  // unquoted in the wild, so it runs to the next comma or space.
  std::string Bare() {
    size_t start = pos_;
    while (!AtEnd() && Peek() != ',' && Peek() != ' ' && Peek() != '\t') ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // A quoted string starting at the opening quote; an unterminated one runs
  // to the end of the text.
  std::string Quoted() {
    std::string value;
    ++pos_;
    while (!AtEnd() && Peek() != '"') {
      if (Peek() == '\\' && pos_ + 1 < text_.size()) ++pos_;
      value += text_[pos_++];
    }
    if (!AtEnd()) ++pos_;
    return value;
  }

 private:
  const std::string& text_;
  size_t pos_ = 0;
};

// Reads a token68 right after the scheme if one is there (it must be
// followed by the end of the header or a comma).
bool ReadToken68(Scanner& s, AuthChallenge* c) {
  size_t start = s.pos();
  std::string value;
  while (IsToken68Char(s.Peek())) value += s.Peek(), s.Advance();
  while (s.Peek() == '=') value += '=', s.Advance();
  s.SkipSpaces();
  if (!value.empty() && (s.AtEnd() || s.Peek() == ',')) {
    c->token68 = value;
    return true;
  }
  s.Reset(start);
  return false;
}

// Reads name=value parameters until the next challenge starts.
void ReadParams(Scanner& s, AuthChallenge* c) {
  while (true) {
    s.SkipSpacesAndCommas();
    if (s.AtEnd()) return;
    size_t start = s.pos();
    std::string name = Lower(s.Token());
    if (name.empty()) {  // stray character: skip it (or a stray string)
      if (s.Peek() == '"')
        s.Quoted();
      else
        s.Advance();
      continue;
    }
    s.SkipSpaces();
    if (s.Peek() != '=') {  // "token SP ..." begins the next challenge
      s.Reset(start);
      return;
    }
    s.Advance();
    s.SkipSpaces();
    std::string value = s.Peek() == '"' ? s.Quoted() : s.Bare();
    c->params.emplace(name, value);
  }
}

}  // namespace

std::string AuthChallenge::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::vector<AuthChallenge> ParseWwwAuthenticate(const std::string& header) {
  std::vector<AuthChallenge> challenges;
  Scanner s(header);
  while (true) {
    s.SkipSpacesAndCommas();
    if (s.AtEnd()) break;
    std::string scheme = s.Token();
    if (scheme.empty()) {
      if (s.Peek() == '"')
        s.Quoted();
      else
        s.Advance();
      continue;
    }
    AuthChallenge challenge;
    challenge.scheme = Lower(scheme);
    s.SkipSpaces();
    if (!ReadToken68(s, &challenge)) ReadParams(s, &challenge);
    challenges.push_back(std::move(challenge));
  }
  return challenges;
}

const AuthChallenge* FindChallenge(const std::vector<AuthChallenge>& all,
                                   const std::string& scheme) {
  for (const AuthChallenge& c : all) {
    if (c.scheme == scheme) return &c;
  }
  return nullptr;
}

}  // namespace ppi
