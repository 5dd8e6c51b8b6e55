// The parser's syntax error messages that are not tied to one grammar rule: tokens as they are
// shown ("found 'x'", "after 'y'"), "expected ..., found ...", unknown table items and column
// modifiers, with "did you mean" suggestions. Errors happen once per bad line at most, so none
// of this is on the fast path (parse_internal.h keeps that inline).

#include <string>
#include <string_view>
#include <vector>

#include "compiler/parse_internal.h"

namespace schemac::parse_internal {

const std::vector<std::string> kDeclarationKeywords = {"table", "enum",   "extension",
                                                       "schema", "target", "extern"};

namespace {

const std::vector<std::string> kItemKeywords = {"primary", "unique", "check",  "foreign", "index",
                                                "rls",     "policy", "grant", "realtime"};
const std::vector<std::string> kModifierKeywords = {"renamed",  "primary",   "unique",
                                                    "references", "default", "identity",
                                                    "generated", "collate",  "check"};

// The keyword `word` was probably meant to be: a close typo (as ClosestMatch), or a keyword it abbreviates (`uniq`, `ref`).
std::optional<std::string> Suggest(std::string_view word, const std::vector<std::string>& candidates,
                                   bool prefixes = true) {
  if (auto match = ClosestMatch(word, candidates)) return match;
  if (prefixes && word.size() >= 3) {
    for (const std::string& candidate : candidates) {
      if (candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0) {
        return candidate;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

// Long tokens are cut (at a UTF-8 character boundary) so messages stay one short line.
std::string Shorten(std::string_view text) {
  constexpr size_t kMax = 40;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string Quote(std::string_view text) {
  std::string out = "'";
  out += Shorten(text);
  out += '\'';
  return out;
}

std::string WithTypoSuggestion(std::string message, std::string_view word,
                               const std::vector<std::string>& candidates) {
  if (auto match = Suggest(word, candidates)) message += fmt::format("; did you mean '{}'?", *match);
  return message;
}

const char* State::SkipBlanksAndComment(const char* p) const {
  while (p < end && g::IsBlankAt(p, end)) ++p;
  if (p + 1 < end && p[0] == '-' && p[1] == '-') p = g::EndOfLine(p, end);
  return p;
}

Token State::TokenAt(const char* p) const {
  Token t;
  t.begin = p;
  t.end = p;
  if (p >= end) {
    // Shown at the end of the last line that has text, rather than on an empty last line.
    t.begin = t.end = TrimBack(end);
    t.text = "end of file";
    return t;
  }
  if (g::AtLineEnd(p, end)) {
    t.text = "end of line";
    return t;
  }
  unsigned char c = static_cast<unsigned char>(*p);
  if (g::IsIdentChar(c)) {
    const char* q = p;
    while (q < end && g::IsIdentChar(static_cast<unsigned char>(*q))) ++q;
    t.end = q;
    t.word.assign(p, q);
    t.text = Quote(t.word);
  } else if (c == '"' || c == '\'') {
    const char* q = g::SkipQuoted(p, end, static_cast<char>(c), true, false);
    t.end = q != nullptr ? q : g::EndOfLine(p, end);
    std::string_view token(p, static_cast<size_t>(t.end - p));
    t.text = c == '\'' ? Shorten(token) : Quote(token);
  } else if (c >= 0x20 && c < 0x7f) {
    t.end = p + 1;
    t.text = Quote(std::string_view(p, 1));
  } else {
    t.end = p + 1;
    t.text = fmt::format("byte 0x{:02x}", c);
  }
  return t;
}

std::string State::PrevToken(const char* p) const {
  const char* floor = head != nullptr ? head : begin;
  while (p > floor && (g::IsBlankAt(p - 1, end) || p[-1] == '\n' || p[-1] == '\r')) --p;
  if (p <= floor) return {};
  const char* e = p;
  unsigned char c = static_cast<unsigned char>(p[-1]);
  if (g::IsIdentChar(c)) {
    while (p > floor && g::IsIdentChar(static_cast<unsigned char>(p[-1]))) --p;
  } else if (c == '"' || c == '\'') {
    --p;
    while (p > floor && p[-1] != static_cast<char>(c) && p[-1] != '\n') --p;
    if (p > floor && p[-1] == static_cast<char>(c)) --p;
  } else {
    --p;
  }
  std::string_view token(p, static_cast<size_t>(e - p));
  return c == '\'' ? Shorten(token) : Quote(token);
}

std::string State::HeadText(const char* p) const {
  if (head == nullptr || p <= head) return {};
  while (p > head && (g::IsBlankAt(p - 1, end) || p[-1] == '\n' || p[-1] == '\r')) --p;
  std::string out;
  for (const char* q = head; q < p; ++q) {
    if (*q == '\n') return PrevToken(p);
    if (g::IsBlankAt(q, end)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += *q;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty() || out.size() > 40) return PrevToken(p);
  return Quote(out);
}

void State::Expected(const char* at, const std::string& what, bool head_context,
                     const std::vector<std::string>* suggestions) {
  Token t = TokenAt(SkipBlanksAndComment(at));
  if (in_column && UnknownItem(t)) return;
  std::string after = head_context ? HeadText(at) : PrevToken(at);
  std::string message = "expected " + what;
  if (!after.empty()) message += " after " + after;
  message += ", found " + t.text;
  if (suggestions != nullptr && !t.word.empty()) {
    message = WithTypoSuggestion(std::move(message), Lower(t.word), *suggestions);
  }
  diags.Error(SpanOf(t.begin, t.end), std::move(message));
}

bool State::UnknownItem(const Token& at) {
  if (column_name_begin == nullptr || *column_name_begin == '"') return false;
  std::string name = Lower(std::string_view(
      column_name_begin, static_cast<size_t>(column_name_end - column_name_begin)));
  const char* after_name = SkipBlanksAndComment(column_name_end);
  bool unknown = after_name < end && *after_name == '(';
  if (!unknown && Suggest(name, kItemKeywords, /*prefixes=*/false)) {
    if (type_end == nullptr) {
      unknown = true;
    } else if (modifier_count == 0) {
      const char* after_type = type_end;
      if (after_type < end && *after_type == '?') ++after_type;
      after_type = SkipBlanksAndComment(after_type);
      if (at.begin == after_type) {
        std::string word = Lower(at.word);
        unknown = (at.begin < end && *at.begin == '(') || type_quoted ||
                  (!word.empty() && g::StartsWithClauseKeyword(at.begin, end)) ||
                  word == "key" || word == "to";
      }
    }
  }
  if (!unknown) return false;
  diags.Error(SpanOf(column_name_begin, column_name_end),
              WithTypoSuggestion("unknown table item " + Quote(name), name, kItemKeywords));
  return true;
}

void State::LexicalError(const char* at, size_t width, const char* message) {
  diags.Error(SpanOf(at, std::min(at + width, end)), message);
}

void ReportColumnEnd(State& s, const char* from) {
  Token t = s.TokenAt(s.SkipBlanksAndComment(from));
  if (s.UnknownItem(t)) return;
  Span span = s.SpanOf(t.begin, t.end);
  if (!t.word.empty()) {
    std::string word = Lower(t.word);
    if (word == "not" || word == "null" || word == "nullable") {
      s.diags.Error(span, "unknown column modifier " + Quote(word) +
                              "; columns are not null by default, write '?' after the type "
                              "for a nullable column");
      return;
    }
    s.diags.Error(span, WithTypoSuggestion("unknown column modifier " + Quote(t.word), word,
                                           kModifierKeywords));
    return;
  }
  if (t.begin < s.end && *t.begin == '?') {
    s.diags.Error(span, "'?' must directly follow the column type");
    return;
  }
  s.Expected(from, "a column modifier or end of line");
}

}  // namespace schemac::parse_internal
