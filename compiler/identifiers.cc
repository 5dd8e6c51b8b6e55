#include "compiler/identifiers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

namespace schemac {

namespace {

// PostgreSQL 15-18 keywords of the categories RESERVED_KEYWORD, TYPE_FUNC_NAME_KEYWORD and
// COL_NAME_KEYWORD (src/include/parser/kwlist.h), sorted for binary search.
constexpr std::array<std::string_view, 164> kKeywords = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast",
    "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal",
    "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant",
    "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout",
    "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "json",
    "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
    "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "lateral",
    "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "merge_action",
    "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif",
    "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
    "placing", "position", "precision", "primary", "real", "references", "returning", "right",
    "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring",
    "symmetric", "system_user", "table", "tablesample", "then", "time", "timestamp", "to",
    "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
    "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes",
    "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
    "xmlroot", "xmlserialize", "xmltable"};

// A byte that continues a word in SQL (identifier, keyword, or a string prefix like E or N).
bool IsWordByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || u >= 0x80;
}

// The end of the string literal whose opening quote is at `start` (one past its closing quote,
// or the end of `sql` when it is not closed); `escapes`: backslash escapes apply (E'').
size_t LiteralEnd(std::string_view sql, size_t start, bool escapes) {
  size_t i = start + 1;
  while (i < sql.size()) {
    if (escapes && sql[i] == '\\') {
      i += 2;
    } else if (sql[i] == '\'') {
      if (i + 1 < sql.size() && sql[i + 1] == '\'') {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return sql.size();
}

// Where a continuation segment of the literal that ended at `end` starts (`'a'<newline>'b'` is
// one literal in SQL), or npos when none follows.
size_t ContinuationAt(std::string_view sql, size_t end) {
  bool newline = false;
  size_t i = end;
  for (; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\n' || c == '\r') {
      newline = true;
    } else if (c != ' ' && c != '\t' && c != '\f') {
      break;
    }
  }
  return newline && i < sql.size() && sql[i] == '\'' ? i : std::string_view::npos;
}

}  // namespace

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  char first = name[0];
  if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  });
}

bool IsSqlKeyword(std::string_view name) {
  return std::binary_search(kKeywords.begin(), kKeywords.end(), name);
}

std::string QuoteSqlIdent(std::string_view name) {
  if (IsPlainIdentifier(name) && !IsSqlKeyword(name)) return std::string(name);
  return DoubleQuoteIdent(name);
}

std::string DoubleQuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string QuoteSqlString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string QuoteSqlLiteral(std::string_view text) {
  if (text.find('\\') == std::string_view::npos) return QuoteSqlString(text);
  std::string out = "E'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
  return out;
}

std::string SettingProofSql(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    bool after_word = i > 0 && IsWordByte(sql[i - 1]);
    size_t end = i + 1;  // One past the token that starts at i, kept as it is.
    if (c == '-' && next == '-') {
      end = std::min(sql.find_first_of("\r\n", i), sql.size());
    } else if (c == '/' && next == '*') {
      int depth = 0;  // Block comments nest in PostgreSQL.
      for (end = i; end < sql.size(); ++end) {
        if (sql.compare(end, 2, "/*") == 0) {
          ++depth;
          ++end;
        } else if (sql.compare(end, 2, "*/") == 0) {
          ++end;
          if (--depth == 0) break;
        }
      }
      end = std::min(end + 1, sql.size());
    } else if (c == '"') {
      end = sql.find('"', i + 1);
      while (end != std::string_view::npos && end + 1 < sql.size() && sql[end + 1] == '"') {
        end = sql.find('"', end + 2);
      }
      end = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (c == '$' && !after_word) {
      size_t tag_end = i + 1;
      if (tag_end < sql.size() && !(sql[tag_end] >= '0' && sql[tag_end] <= '9')) {
        while (tag_end < sql.size() && sql[tag_end] != '$' && IsWordByte(sql[tag_end])) ++tag_end;
      }
      if (tag_end < sql.size() && sql[tag_end] == '$') {
        std::string_view tag = sql.substr(i, tag_end - i + 1);
        size_t close = sql.find(tag, tag_end + 1);
        end = close == std::string_view::npos ? sql.size() : close + tag.size();
      }
    } else if (c == '\'') {
      // A one-letter word just before the quote is a prefix (E'', B'', X'', N''), as is U&.
      char prefix = '\0';
      if (after_word && (i < 2 || !IsWordByte(sql[i - 2]))) {
        prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i - 1])));
      } else if (i >= 2 && sql[i - 1] == '&' && (sql[i - 2] == 'U' || sql[i - 2] == 'u') &&
                 (i < 3 || !IsWordByte(sql[i - 3]))) {
        prefix = '&';
      }
      bool escapes = prefix == 'e';
      // The literal and its continuation segments: under E'' rules, all of them read escapes.
      std::vector<std::pair<size_t, size_t>> segments;
      for (size_t start = i; start != std::string_view::npos;) {
        size_t segment_end = LiteralEnd(sql, start, escapes);
        segments.emplace_back(start, segment_end);
        start = ContinuationAt(sql, segment_end);
      }
      end = segments.back().second;
      bool backslash = sql.substr(i, end - i).find('\\') != std::string_view::npos;
      // Only bare literals change: after a longer word (`ELSE'a'`) the quote starts one too.
      bool bare = prefix != 'e' && prefix != 'b' && prefix != 'x' && prefix != 'n' &&
                  prefix != '&';
      if (bare && backslash) {
        out += after_word ? " E" : "E";  // `ELSEE'...'` would be one word.
        size_t copied = i;
        for (const auto& [start, segment_end] : segments) {
          out.append(sql.substr(copied, start - copied));  // The space between segments.
          for (size_t k = start; k < segment_end; ++k) {
            if (sql[k] == '\\') out += '\\';
            out += sql[k];
          }
          copied = segment_end;
        }
        i = end;
        continue;
      }
    }
    out.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace schemac
