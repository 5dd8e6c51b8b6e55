// Which outer parentheses of a printed expression may go: see expression_text.h. A scanner of
// the top level of the text, enough for what pg_get_expr prints (no comments, no dollar quotes).

#include "compiler/expression_text.h"

#include <array>
#include <cctype>

namespace schemac {

namespace {

bool IsWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsWordChar(char c) {
  return IsWordStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

bool SameWord(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) != keyword[i]) return false;
  }
  return true;
}

// The position after the quoted text that starts at `i` (a `'` or `"`); a doubled quote is
// part of the text, and so is a backslash-escaped one in an `E'...'` string.
size_t SkipQuoted(std::string_view text, size_t i, bool backslash_escapes) {
  char quote = text[i];
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (backslash_escapes && text[j] == '\\') {
      ++j;
    } else if (text[j] == quote) {
      if (j + 1 < text.size() && text[j + 1] == quote) {
        ++j;
      } else {
        return j + 1;
      }
    }
  }
  return text.size();
}

// The position of the `)` that closes the `(` at 0, or npos.
size_t ClosingParen(std::string_view text) {
  int depth = 0;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      bool escapes = c == '\'' && i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e') &&
                     (i == 1 || !IsWordChar(text[i - 2]));
      i = SkipQuoted(text, i, escapes);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i;
    ++i;
  }
  return std::string_view::npos;
}

}  // namespace

bool IsWholeExpression(std::string_view text) {
  // Words that start a query, and words that only a query has at its top level (a standalone
  // expression has `WITH` only inside a type name, `timestamp with time zone`, so only a first
  // `WITH` counts). A column named like one of them is printed in quotes (they are reserved),
  // except VALUES: such a text keeps its parentheses, which is still right.
  static constexpr std::array<std::string_view, 4> kQueryStart = {"select", "values", "with",
                                                                  "table"};
  static constexpr std::array<std::string_view, 7> kQueryOnly = {
      "union", "intersect", "except", "order", "limit", "offset", "fetch"};
  int depth = 0;
  bool first = true;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      i = SkipQuoted(text, i, false);
    } else if (IsWordStart(c)) {
      size_t start = i;
      while (i < text.size() && IsWordChar(text[i])) ++i;
      std::string_view word = text.substr(start, i - start);
      if (i < text.size() && text[i] == '\'' && SameWord(word, "e")) {
        i = SkipQuoted(text, i, true);
      } else if (depth == 0) {
        for (std::string_view k : kQueryOnly) {
          if (SameWord(word, k)) return false;
        }
        if (first) {
          for (std::string_view k : kQueryStart) {
            if (SameWord(word, k)) return false;
          }
        }
      }
    } else {
      if (c == '(' || c == '[') ++depth;
      if ((c == ')' || c == ']') && depth > 0) --depth;
      if (c == ',' && depth == 0) return false;  // A list: the inside of a row `(a, b)`.
      ++i;
    }
    first = false;
  }
  return true;
}

std::string StripGroupingParens(std::string_view expression) {
  while (expression.size() >= 2 && expression.front() == '(' &&
         ClosingParen(expression) == expression.size() - 1 &&
         IsWholeExpression(expression.substr(1, expression.size() - 2))) {
    expression = expression.substr(1, expression.size() - 2);
  }
  return std::string(expression);
}

}  // namespace schemac
