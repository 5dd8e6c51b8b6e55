#pragma once
// The strict JSON text reader behind json::FromJsonText (ir_json_read.cc): a pull reader driven
// by the shape of the document, reading each value straight into the IR with no document in
// between, and the paths and messages of its errors. Internal to backends/json.
//
// Why not nlohmann/json, which the writer uses: on the canonical form of a 1,000-table schema,
// nlohmann's own parser takes longer without building anything (a SAX pass with no handler work)
// than this reader takes to read the whole IR, and building nlohmann's document first takes
// several times as long (figures: docs/benchmarks.md, "IR JSON: reading and writing"). The
// canonical cache is read on every diff and plan.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/json/ir_json_names.h"

namespace schemac::json::internal {

// Where a value sits in the document, linked through the C++ stack so that no string is built
// unless an error is reported.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // An object member, or
  size_t index = 0;      // an array element when is_index.
  bool is_index = false;

  Path Member(std::string_view name) const { return Path{this, name, 0, false}; }
  Path Element(size_t i) const { return Path{this, {}, i, true}; }

  std::string ToString() const {
    if (parent == nullptr) return "";
    std::string out = parent->ToString();
    if (is_index) return out + "[" + std::to_string(index) + "]";
    if (!out.empty()) out += '.';
    out += key;
    return out;
  }
};

[[noreturn]] inline void Fail(const Path& path, const std::string& message) {
  std::string where = path.ToString();
  throw std::runtime_error((where.empty() ? std::string("top level") : where) + ": " + message);
}

// As a JSON string, so that quotes and control characters in the input stay readable.
inline std::string Quoted(std::string_view text) {
  using Json = nlohmann::ordered_json;
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The keys ToJson writes for one kind of object; required ones are always written.
constexpr bool kRequired = true;
constexpr bool kOptional = false;

struct Key {
  std::string_view name;
  bool required;
};

template <size_t N>
using Keys = std::array<Key, N>;

// A strict JSON reader (RFC 8259: UTF-8 checked, no comments, no trailing commas) driven by
// the shape of the document: each call reads the value it expects or throws.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::string String(const Path& path) {
    if (Peek() != '"') TypeError(path, "expected a string");
    std::string out;
    ReadString(&out);
    return out;
  }

  bool Bool(const Path& path) {
    char c = Peek();
    if (c != 't' && c != 'f') TypeError(path, "expected true or false");
    Literal(c == 't' ? "true" : "false");
    return c == 't';
  }

  double Number(const Path& path) {
    Peek();
    if (!IsNumber()) TypeError(path, "expected a number");
    size_t start = pos_;
    while (!Delimited(pos_)) ++pos_;
    double value = 0;
    auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (error != std::errc() || end != text_.data() + pos_) Fail(path, "number out of range");
    return value;
  }

  // An integer, exactly (a double would round values beyond 2^53, such as a sequence's bounds).
  int64_t Integer(const Path& path) {
    Peek();
    if (!IsNumber()) TypeError(path, "expected a number");
    size_t start = pos_;
    while (!Delimited(pos_)) ++pos_;
    int64_t value = 0;
    auto [end, error] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (error != std::errc() || end != text_.data() + pos_) Fail(path, "expected an integer");
    return value;
  }

  // Reads `null` if it comes next.
  bool Null() {
    if (Peek() != 'n') return false;
    Literal("null");
    return true;
  }

  bool AtObject() { return Peek() == '{'; }

  template <typename E, size_t N>
  E Enum(const Path& path, const std::array<EnumName<E>, N>& names) {
    std::string text = String(path);
    for (const EnumName<E>& name : names) {
      if (text == name.name) return name.value;
    }
    std::string expected;
    for (size_t i = 0; i < N; ++i) {
      expected += i == 0 ? "" : i + 1 == N ? " or " : ", ";
      expected += Quoted(names[i].name);
    }
    Fail(path, "unknown value " + Quoted(text) + "; expected " + expected);
  }

  /// Calls `element(path)` for each element of an array.
  template <typename F>
  void Array(const Path& path, F element) {
    if (Peek() != '[') TypeError(path, "expected an array");
    ++pos_;
    if (Peek() == ']') {
      ++pos_;
      return;
    }
    for (size_t i = 0;; ++i) {
      element(path.Element(i));
      if (!Separator(']')) return;
    }
  }

  std::vector<std::string> Strings(const Path& path) {
    std::vector<std::string> out;
    Array(path, [&](const Path& at) { out.push_back(String(at)); });
    return out;
  }

  /// Calls `member(key, path)` for each member of an object, `key` being one of `keys`; any
  /// other key, a key given twice or a required key left out is an error.
  template <size_t N, typename F>
  void Object(const Path& path, const Keys<N>& keys, F member) {
    static_assert(N <= 32);
    uint32_t seen = 0;
    Members(path, [&](const std::string& key, const Path& key_path) {
      size_t i = 0;
      while (i < N && keys[i].name != key) ++i;
      if (i == N) Fail(key_path, "unknown key; expected one of " + KeyList(keys));
      if (seen & (1u << i)) Fail(key_path, "duplicate key");
      seen |= 1u << i;
      member(keys[i].name, path.Member(keys[i].name));
    });
    for (size_t i = 0; i < N; ++i) {
      if (keys[i].required && !(seen & (1u << i))) {
        Fail(path, "missing required key " + Quoted(keys[i].name));
      }
    }
  }

  /// Calls `member(key, path)` for each member of an object whose keys are data.
  template <typename F>
  void Members(const Path& path, F member) {
    if (Peek() != '{') TypeError(path, "expected an object");
    ++pos_;
    if (Peek() == '}') {
      ++pos_;
      return;
    }
    std::string key;
    while (true) {
      if (Peek() != '"') SyntaxError(pos_, "expected a key");
      key.clear();
      ReadString(&key);
      if (Peek() != ':') SyntaxError(pos_, "expected ':'");
      ++pos_;
      member(key, path.Member(key));
      if (!Separator('}')) return;
    }
  }

  // After an element: true at ',' (another one follows), false at `close`.
  bool Separator(char close) {
    char c = Peek();
    if (pos_ >= text_.size()) SyntaxError(pos_, "unexpected end of input");
    if (c != ',' && c != close) {
      SyntaxError(pos_, std::string("expected ',' or '") + close + "'");
    }
    ++pos_;
    return c == ',';
  }

  void End() {
    if (Peek() != '\0' || pos_ < text_.size()) {
      SyntaxError(pos_, "unexpected content after the document");
    }
  }

 private:
  // The next character after whitespace, '\0' at the end of the text.
  char Peek() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c;
      ++pos_;
    }
    return '\0';
  }

  // A value of another type than `path` needs, or no value at all. The value itself is not
  // read, only its start checked (no key of the document holds a number, for one).
  [[noreturn]] void TypeError(const Path& path, const char* message) {
    char c = Peek();
    if (pos_ >= text_.size()) SyntaxError(pos_, "unexpected end of input");
    bool value = c == '"' || c == '{' || c == '[' || IsWord("true") || IsWord("false") ||
                 IsWord("null") || IsNumber();
    if (!value) SyntaxError(pos_, "expected a value");
    Fail(path, message);
  }

  // Whether a token ends at `at`: what may follow a value.
  bool Delimited(size_t at) const {
    constexpr std::string_view kDelimiters = " \t\n\r,]}";
    return at >= text_.size() || kDelimiters.find(text_[at]) != std::string_view::npos;
  }

  bool IsWord(std::string_view word) const {
    return text_.substr(pos_, word.size()) == word && Delimited(pos_ + word.size());
  }

  // Whether a number in JSON's grammar starts at pos_.
  bool IsNumber() const {
    size_t i = pos_;
    auto digit = [&](size_t at) {
      return at < text_.size() && text_[at] >= '0' && text_[at] <= '9';
    };
    if (i < text_.size() && text_[i] == '-') ++i;
    if (!digit(i)) return false;
    if (text_[i] == '0') {
      ++i;
    } else {
      while (digit(i)) ++i;
    }
    if (i < text_.size() && text_[i] == '.') {
      if (!digit(++i)) return false;
      while (digit(i)) ++i;
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      ++i;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
      if (!digit(i)) return false;
      while (digit(i)) ++i;
    }
    return Delimited(i);
  }

  [[noreturn]] void SyntaxError(size_t at, const std::string& message) {
    at = std::min(at, text_.size());
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    throw std::runtime_error("invalid JSON at line " + std::to_string(line) + ", column " +
                             std::to_string(at - line_start + 1) + ": " + message);
  }

  void Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) SyntaxError(pos_, "expected a value");
    pos_ += word.size();
  }

  // A string at pos_ (at its opening quote), appended to `out` unescaped.
  void ReadString(std::string* out) {
    ++pos_;
    while (true) {
      size_t start = pos_;
      while (pos_ < text_.size() && IsPlain(text_[pos_])) ++pos_;
      out->append(text_.data() + start, pos_ - start);
      if (pos_ >= text_.size()) SyntaxError(pos_, "unterminated string");
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\\') {
        ReadEscape(out);
      } else if (c < 0x20) {
        SyntaxError(pos_, "control character in a string");
      } else {
        ReadUtf8(out);
      }
    }
  }

  static bool IsPlain(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
  }

  void ReadEscape(std::string* out) {
    size_t at = pos_;
    if (pos_ + 1 >= text_.size()) SyntaxError(at, "unterminated string");
    char c = text_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        *out += c;
        return;
      case 'b':
        *out += '\b';
        return;
      case 'f':
        *out += '\f';
        return;
      case 'n':
        *out += '\n';
        return;
      case 'r':
        *out += '\r';
        return;
      case 't':
        *out += '\t';
        return;
      case 'u':
        break;
      default:
        SyntaxError(at, "invalid escape");
    }
    uint32_t code = Hex4(at);
    if (code >= 0xDC00 && code <= 0xDFFF) SyntaxError(at, "lone low surrogate in \\u escape");
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") SyntaxError(at, "lone high surrogate in \\u escape");
      pos_ += 2;
      uint32_t low = Hex4(at);
      if (low < 0xDC00 || low > 0xDFFF) SyntaxError(at, "lone high surrogate in \\u escape");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code, out);
  }

  uint32_t Hex4(size_t escape_at) {
    if (pos_ + 4 > text_.size()) SyntaxError(escape_at, "invalid \\u escape");
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      uint32_t digit = c >= '0' && c <= '9'   ? c - '0'
                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : 16;
      if (digit == 16) SyntaxError(escape_at, "invalid \\u escape");
      code = code * 16 + digit;
    }
    return code;
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      *out += static_cast<char>(code);
    } else if (code < 0x800) {
      *out += static_cast<char>(0xC0 | (code >> 6));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      *out += static_cast<char>(0xE0 | (code >> 12));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (code >> 18));
      *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // One multi-byte UTF-8 sequence, well-formed (no overlong forms, surrogates or code points
  // above U+10FFFF), copied to `out`.
  void ReadUtf8(std::string* out) {
    auto byte = [&](size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0;
    };
    unsigned char lead = byte(0);
    size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // Range of the second byte.
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      SyntaxError(pos_, "invalid UTF-8 in a string");
    }
    if (byte(1) < low || byte(1) > high) SyntaxError(pos_, "invalid UTF-8 in a string");
    for (size_t i = 2; i < length; ++i) {
      if (byte(i) < 0x80 || byte(i) > 0xBF) SyntaxError(pos_, "invalid UTF-8 in a string");
    }
    out->append(text_.data() + pos_, length);
    pos_ += length;
  }

  template <size_t N>
  static std::string KeyList(const Keys<N>& keys) {
    std::string out;
    for (size_t i = 0; i < N; ++i) out += (i == 0 ? "" : ", ") + Quoted(keys[i].name);
    return out;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace schemac::json::internal
