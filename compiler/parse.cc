#include "compiler/parse.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/lint.h"
#include "compiler/worker.h"
#include "grammar/schema_grammar.h"

namespace schemac {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

const std::vector<std::string> kDeclarationKeywords = {"table", "enum",   "extension",
                                                       "schema", "target", "extern"};
const std::vector<std::string> kItemKeywords = {"primary", "unique", "check",  "foreign", "index",
                                                "rls",     "policy", "grant", "realtime"};
const std::vector<std::string> kModifierKeywords = {"renamed",  "primary",   "unique",
                                                    "references", "default", "identity",
                                                    "generated", "collate",  "check"};

// Clause flags of the item being parsed, for "duplicate" errors.
enum Clause : uint32_t {
  kClauseSchema = 1u << 0,
  kClauseVersion = 1u << 1,
  kClauseAs = 1u << 2,
  kClauseFor = 1u << 3,
  kClauseTo = 1u << 4,
  kClauseUsing = 1u << 5,
  kClauseWithCheck = 1u << 6,
  kClauseInclude = 1u << 7,
  kClauseNullsNotDistinct = 1u << 8,
  kClauseWith = 1u << 9,
  kClauseWhere = 1u << 10,
};

/// A token of the input as shown in "found ..." and its span.
struct Token {
  std::string text;  ///< 'word', end of line, end of file, byte 0x00.
  std::string word;  ///< The word itself when the token is an identifier or keyword.
  const char* begin = nullptr;
  const char* end = nullptr;
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = g::LowerAscii(c);
  return out;
}

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

std::string WithTypoSuggestion(std::string message, std::string_view word,
                               const std::vector<std::string>& candidates) {
  if (auto match = Suggest(word, candidates)) message += fmt::format("; did you mean '{}'?", *match);
  return message;
}

/// Everything the actions build, plus what the error messages need to know.
struct State {
  // Parses the file's text up to `range_end` (its end when null).
  State(const SourceManager& sources_in, uint32_t file_in, Diagnostics& diags_in,
        const char* range_end = nullptr)
      : sources(sources_in),
        file(file_in),
        diags(diags_in),
        text(sources_in.file(file_in).text),
        begin(text.data()),
        end(range_end != nullptr ? range_end : text.data() + text.size()),
        line_starts(sources_in.file(file_in).line_starts) {}

  const SourceManager& sources;
  uint32_t file;
  Diagnostics& diags;
  const std::string& text;
  const char* begin;
  const char* end;
  const std::vector<uint32_t>& line_starts;
  mutable size_t last_line = 0;
  ast::File out;
  // Items of the table being parsed; kept across tables so its capacity is reused, and moved
  // into a vector of the exact size when the table ends (no memory is left unused: the syntax
  // tree lives until the process exits).
  std::vector<ast::TableEntry> entries;

  // Doc comments waiting for the next declaration or item.
  ast::DocComment doc;
  Span doc_span;
  bool doc_broken = false;  // A blank line followed the doc comment.
  // Where the lines of `doc` are, and those of the last doc taken: what documents nothing is
  // kept in `out.comments`, so that fmt does not drop it.
  std::vector<std::pair<const char*, const char*>> doc_lines;
  std::vector<std::pair<const char*, const char*>> taken_doc_lines;
  bool saw_blank = false;   // A blank line since the last item.

  // The declaration or item being parsed. `head` is where it starts.
  const char* head = nullptr;
  const char* decl_head = nullptr;  ///< Start of the current declaration (items move `head`).
  const char* content_end = nullptr;  // End of its text, before a trailing comment.
  ast::DocComment decl_doc;
  bool pending_extern = false;
  uint32_t clauses = 0;

  ast::TargetDecl target;
  ast::ExtensionDecl extension;
  ast::SchemaDecl schema;
  ast::EnumDecl enum_decl;
  ast::EnumValue enum_value;
  ast::ExternRoleDecl role;
  ast::TableDecl table;
  std::string table_label;
  Span table_open;
  bool first_item = true;

  ast::DocComment item_doc;
  bool item_blank = false;
  ast::TableItem item;

  // Column state used by the messages ("unknown table item" detection).
  bool in_column = false;
  const char* column_name_begin = nullptr;
  const char* column_name_end = nullptr;
  const char* type_end = nullptr;
  bool type_quoted = false;
  int modifier_count = 0;

  // Scratch values, filled by inner rules and taken by the enclosing one.
  ast::TypeRef type;
  std::string time_zone;
  ast::Ident ident;
  ast::Sql sql;
  ast::References refs;
  ast::FkAction fk_action = ast::FkAction::kNone;
  ast::Default default_value;
  ast::Generated generated;
  ast::Identity generated_identity = ast::Identity::kNone;
  ast::IndexKey key;
  ast::StorageParam param;

  // Positions are asked for mostly in source order, so the line of the previous one is
  // tried first before a binary search.
  size_t LineIndex(uint32_t offset) const {
    const std::vector<uint32_t>& starts = line_starts;
    size_t line = last_line;
    if (line < starts.size() && starts[line] <= offset &&
        (line + 1 == starts.size() || offset < starts[line + 1])) {
      // Same line as before.
    } else if (line + 1 < starts.size() && starts[line + 1] <= offset &&
               (line + 2 == starts.size() || offset < starts[line + 2])) {
      ++line;
    } else {
      line = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                 starts.begin()) - 1;
    }
    last_line = line;
    return line;
  }
  // Writes the fields in place: returning a Position from this out-of-line call made the
  // caller reload it in pieces (a store-forwarding stall in perf, at ~15 positions a line).
  void SetPos(const char* p, Position& out) const {
    uint32_t offset = static_cast<uint32_t>(p - begin);
    size_t line = LineIndex(offset);
    out.line = static_cast<uint32_t>(line + 1);
    out.col = offset - line_starts[line] + 1;
    out.offset = offset;
  }
  Position Pos(const char* p) const {
    Position position;
    SetPos(p, position);
    return position;
  }
  Span SpanOf(const char* b, const char* e) const {
    Span span;
    span.file = file;
    SetPos(b, span.begin);
    // Most spans end on the line they start on (the one LineIndex just found).
    uint32_t end_offset = static_cast<uint32_t>(e - begin);
    if (end_offset >= span.begin.offset &&
        (last_line + 1 == line_starts.size() || end_offset < line_starts[last_line + 1])) {
      span.end.line = span.begin.line;
      span.end.col = span.begin.col + (end_offset - span.begin.offset);
      span.end.offset = end_offset;
    } else {
      SetPos(e, span.end);
    }
    return span;
  }

  template <typename T>
  T& Item() {
    if (T* p = std::get_if<T>(&item)) return *p;
    return item.emplace<T>();
  }
  ast::Column& column() { return Item<ast::Column>(); }

  // --- tokens and messages

  const char* SkipBlanksAndComment(const char* p) const {
    while (p < end && g::IsBlankAt(p, end)) ++p;
    if (p + 1 < end && p[0] == '-' && p[1] == '-') p = g::EndOfLine(p, end);
    return p;
  }

  Token TokenAt(const char* p) const {
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

  // The token before `p` (not before the start of the current declaration or item), as shown
  // in "after ...".
  std::string PrevToken(const char* p) const {
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

  // The declaration head before `p` ("enum post_status"), when short and on one line.
  std::string HeadText(const char* p) const {
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

  void Expected(const char* at, const std::string& what, bool head_context = false,
                const std::vector<std::string>* suggestions = nullptr) {
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

  // An error inside what parsed as a column, when the "column" is really a mistyped or unknown
  // table item: `indx name (a)`, `uniqe (a)`, `polcy "p" for select`, `foo (a)`.
  bool UnknownItem(const Token& at) {
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

  void LexicalError(const char* at, size_t width, const char* message) {
    diags.Error(SpanOf(at, std::min(at + width, end)), message);
  }

  // --- doc comments

  void OrphanDoc() {
    if (doc.empty()) return;
    ReportLint(diags, out.comments, lint::kDanglingDocComment, doc_span,
               "doc comment does not document anything");
    KeepDocLines(doc_lines);
    doc.clear();
    doc_broken = false;
  }

  ast::DocComment TakeDoc() {
    if (doc_broken) OrphanDoc();
    ast::DocComment out = std::move(doc);
    doc.clear();
    taken_doc_lines = std::move(doc_lines);
    doc_lines.clear();
    return out;
  }

  void KeepDocLines(std::vector<std::pair<const char*, const char*>>& lines) {
    for (auto [b, e] : lines) InsertComment(MakeComment(b, e, /*doc=*/true));
    lines.clear();
  }

  // A `--` comment, or (`doc`) a `///` line.
  ast::Comment MakeComment(const char* b, const char* e, bool doc) {
    ast::Comment comment;
    comment.text.assign(b + (doc ? 3 : 2), e);
    comment.span = SpanOf(b, e);
    comment.doc = doc;
    const char* p = b;
    while (p > begin && p[-1] != '\n' && g::IsBlankAt(p - 1, end)) --p;
    comment.own_line = p == begin || p[-1] == '\n' || p[-1] == '\r';
    return comment;
  }

  void AddComment(const char* b, const char* e) { InsertComment(MakeComment(b, e, false)); }

  void InsertComment(ast::Comment comment) {
    // Backtracking can match a comment twice; keep each once, in source order.
    auto& comments = out.comments;
    uint32_t offset = comment.span.begin.offset;
    if (comments.empty() || comments.back().span.begin.offset < offset) {
      comments.push_back(std::move(comment));
      return;
    }
    auto it = std::lower_bound(comments.begin(), comments.end(), offset,
                               [](const ast::Comment& c, uint32_t o) { return c.span.begin.offset < o; });
    if (it == comments.end() || it->span.begin.offset != offset) comments.insert(it, std::move(comment));
  }

  // --- AST values from matched text

  // The end of the identifier token starting at `b`.
  const char* IdentEnd(const char* b, const char* e) const {
    if (b < e && *b == '"') {
      const char* q = g::SkipQuoted(b, e, '"', true, false);
      return q != nullptr ? q : e;
    }
    while (b < e && g::IsIdentChar(static_cast<unsigned char>(*b))) ++b;
    return b;
  }

  // SetIdent and SetQualified fill a node of the tree in place, without temporaries: there are
  // several identifiers on every line.
  void SetIdent(ast::Ident& id, const char* b, const char* e) const {
    id.span = SpanOf(b, e);
    id.quoted = b < e && *b == '"';
    if (id.quoted) {
      id.name.assign(b + 1, e - 1);
      // `""` stands for one quote: drop the first of each pair.
      for (size_t i = id.name.find('"'); i != std::string::npos; i = id.name.find('"', i + 1)) {
        id.name.erase(i, 1);
      }
    } else {
      id.name.assign(b, e);
      for (char& c : id.name) c = g::LowerAscii(c);
    }
  }

  ast::Ident MakeIdent(const char* b, const char* e) const {
    ast::Ident id;
    SetIdent(id, b, e);
    return id;
  }

  void SetQualified(ast::QualifiedName& q, const char* b, const char* e) const {
    q.span = SpanOf(b, e);
    const char* first = IdentEnd(b, e);
    if (first < e && *first == '.') {
      SetIdent(q.schema.has_value() ? *q.schema : q.schema.emplace(), b, first);
      SetIdent(q.name, first + 1, e);
    } else {
      q.schema.reset();
      SetIdent(q.name, b, first);
    }
  }

  ast::QualifiedName MakeQualified(const char* b, const char* e) const {
    ast::QualifiedName q;
    SetQualified(q, b, e);
    return q;
  }

  ast::Sql MakeSql(const char* b, const char* e) const {
    ast::Sql sql_value;
    sql_value.text.assign(b + 1, e - 1);
    sql_value.span = SpanOf(b, e);
    return sql_value;
  }

  ast::StringLit MakeString(const char* b, const char* e) const {
    ast::StringLit s;
    s.span = SpanOf(b, e);
    for (const char* p = b + 1; p + 1 < e; ++p) {
      s.value += *p;
      if (*p == '\'') ++p;
    }
    return s;
  }

  // --- duplicates

  // Reports a modifier written twice on the current column; returns true when it was.
  bool DuplicateModifier(bool already, const char* what, const char* b, const char* e) {
    ++modifier_count;
    if (!already) return false;
    diags.Error(SpanOf(b, e),
                fmt::format("duplicate '{}' on column '{}'", what, column().name.name));
    return true;
  }

  void Once(Clause clause, const char* what, const char* where, const char* b, const char* e) {
    if (clauses & clause) {
      diags.Error(SpanOf(b, e), fmt::format("duplicate '{}' in {}", what, where));
    }
    clauses |= clause;
  }

  // The end of a declaration's text: before trailing white space.
  const char* TrimBack(const char* e) const {
    while (e > begin && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r' ||
                         e[-1] == '\f' || e[-1] == '\v')) {
      --e;
    }
    return e;
  }

  void PushDecl(ast::Decl decl) { out.decls.push_back(std::move(decl)); }
};

// ---------------------------------------------------------------------------------------------
// Error messages: what was expected at each `must` point.

template <typename Rule>
struct Expect {
  static std::string What() { return {}; }
  static constexpr bool kHead = false;
};

#define SCHEMAC_EXPECT(rule, text)                  \
  template <>                                       \
  struct Expect<g::rule> {                          \
    static std::string What() { return text; }     \
    static constexpr bool kHead = false;            \
  }
#define SCHEMAC_EXPECT_AFTER_HEAD(rule, text)       \
  template <>                                       \
  struct Expect<g::rule> {                          \
    static std::string What() { return text; }     \
    static constexpr bool kHead = true;             \
  }

template <g::Word W>
struct Expect<g::kw<W>> {
  static std::string What() { return "'" + std::string(W.view()) + "'"; }
  static constexpr bool kHead = false;
};

SCHEMAC_EXPECT(type_mod_number, "a number");
SCHEMAC_EXPECT(type_mod_close, "',' or ')'");
SCHEMAC_EXPECT(time_zone_word, "'time zone'");
SCHEMAC_EXPECT(column_type, "a column type");
SCHEMAC_EXPECT(cast_type, "a type");
SCHEMAC_EXPECT(col_old_name, "the old column name");
SCHEMAC_EXPECT(ref_table, "a table name");
SCHEMAC_EXPECT(ref_column, "a column name");
SCHEMAC_EXPECT(list_close, "',' or ')'");
SCHEMAC_EXPECT(fk_set_what, "'null' or 'default'");
SCHEMAC_EXPECT(fk_action, "'cascade', 'restrict', 'set null', 'set default' or 'no action'");
SCHEMAC_EXPECT(ref_on_event, "'delete' or 'update'");
SCHEMAC_EXPECT(ref_initially_what, "'deferred' or 'immediate'");
SCHEMAC_EXPECT(default_value, "a default value (a literal, a function call or '(' SQL ')')");
SCHEMAC_EXPECT(gen_kind, "'always' or 'by default'");
SCHEMAC_EXPECT(gen_always_what, "'identity' or a parenthesized SQL expression");
SCHEMAC_EXPECT(collation_name, "a collation name");
SCHEMAC_EXPECT(col_check_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(pk_column, "a column name");
SCHEMAC_EXPECT(pk_columns, "'('");
SCHEMAC_EXPECT(pk_end, "end of line");
SCHEMAC_EXPECT(unique_column, "a column name");
SCHEMAC_EXPECT(unique_columns, "'('");
SCHEMAC_EXPECT(unique_end, "end of line");
SCHEMAC_EXPECT(check_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(check_end, "'no inherit', 'not valid' or end of line");
SCHEMAC_EXPECT(not_null_end, "'no inherit', 'not valid' or end of line");
SCHEMAC_EXPECT(not_null_column, "a column name");
SCHEMAC_EXPECT(fk_column, "a column name");
SCHEMAC_EXPECT(fk_columns, "'('");
SCHEMAC_EXPECT(fk_references, "'references'");
SCHEMAC_EXPECT(fk_end, "'on delete', 'on update', 'deferrable', 'not valid' or end of line");
SCHEMAC_EXPECT(index_method, "an index method");
SCHEMAC_EXPECT(index_keys, "'('");
SCHEMAC_EXPECT(index_key, "an index key (a column name or a parenthesized expression)");
SCHEMAC_EXPECT(index_key_close, "',' or ')'");
SCHEMAC_EXPECT(key_collation, "a collation name");
SCHEMAC_EXPECT(key_nulls_what, "'first' or 'last'");
SCHEMAC_EXPECT(include_column, "a column name");
SCHEMAC_EXPECT(include_columns, "'('");
SCHEMAC_EXPECT(storage_params, "'('");
SCHEMAC_EXPECT(storage_param, "a storage parameter name");
SCHEMAC_EXPECT(param_equals, "'='");
SCHEMAC_EXPECT(param_value, "a value");
SCHEMAC_EXPECT(params_close, "',' or ')'");
SCHEMAC_EXPECT(where_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(index_end, "'include', 'nulls not distinct', 'with', 'where' or end of line");
SCHEMAC_EXPECT(rls_end, "'force' or end of line");
SCHEMAC_EXPECT(policy_name, "a policy name (\"in double quotes\")");
SCHEMAC_EXPECT(policy_as_what, "'permissive' or 'restrictive'");
SCHEMAC_EXPECT(policy_command, "'all', 'select', 'insert', 'update' or 'delete'");
SCHEMAC_EXPECT(policy_role, "a role name");
SCHEMAC_EXPECT(using_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(with_check_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(policy_end, "'as', 'for', 'to', 'using', 'with check' or end of line");
SCHEMAC_EXPECT(privilege,
               "a privilege (select, insert, update, delete, truncate, references, trigger, maintain, all)");
SCHEMAC_EXPECT(grant_to, "',' or 'to'");
SCHEMAC_EXPECT(grant_role, "a role name");
SCHEMAC_EXPECT(grant_end, "',' or end of line");
SCHEMAC_EXPECT(realtime_end, "'replica identity full' or end of line");
SCHEMAC_EXPECT(gen_sql, "a parenthesized SQL expression");
SCHEMAC_EXPECT(table_name, "a table name");
SCHEMAC_EXPECT(table_old_name, "the old table name");
SCHEMAC_EXPECT_AFTER_HEAD(table_open, "'{'");
SCHEMAC_EXPECT(target_name, "'supabase' or 'postgres'");
SCHEMAC_EXPECT(target_end, "end of line");
SCHEMAC_EXPECT(extension_name, "an extension name");
SCHEMAC_EXPECT(extension_schema_name, "a schema name");
SCHEMAC_EXPECT(extension_version_string, "a version string ('1.0')");
SCHEMAC_EXPECT(extension_end, "'schema', 'version' or end of line");
SCHEMAC_EXPECT(schema_name, "a schema name");
SCHEMAC_EXPECT(schema_end, "end of line");
SCHEMAC_EXPECT(enum_name, "an enum name");
SCHEMAC_EXPECT_AFTER_HEAD(enum_values, "'('");
SCHEMAC_EXPECT(enum_first_value, "an enum label ('quoted') or ')'");
SCHEMAC_EXPECT(enum_value, "an enum label ('quoted')");
SCHEMAC_EXPECT(enum_old_label, "the old label ('quoted')");
SCHEMAC_EXPECT(enum_close, "',' or ')'");
SCHEMAC_EXPECT(enum_end, "end of line");
SCHEMAC_EXPECT(extern_what, "'table' or 'role'");
SCHEMAC_EXPECT(extern_role_name, "a role name");
SCHEMAC_EXPECT(extern_role_end, "end of line");

#undef SCHEMAC_EXPECT
#undef SCHEMAC_EXPECT_AFTER_HEAD

// Clause words offered as "did you mean" at the end of an item.
template <typename Rule>
const std::vector<std::string>* SuggestionsFor() {
  static const std::vector<std::string> policy = {"as", "for", "to", "using", "with"};
  static const std::vector<std::string> index = {"include", "nulls", "with", "where"};
  static const std::vector<std::string> fk = {"on", "deferrable", "not", "initially"};
  static const std::vector<std::string> check = {"no", "not"};
  static const std::vector<std::string> extension = {"schema", "version"};
  static const std::vector<std::string> rls = {"force"};
  static const std::vector<std::string> realtime = {"replica"};
  if constexpr (std::is_same_v<Rule, g::policy_end>) return &policy;
  if constexpr (std::is_same_v<Rule, g::index_end>) return &index;
  if constexpr (std::is_same_v<Rule, g::fk_end>) return &fk;
  if constexpr (std::is_same_v<Rule, g::check_end>) return &check;
  if constexpr (std::is_same_v<Rule, g::not_null_end>) return &check;
  if constexpr (std::is_same_v<Rule, g::extension_end>) return &extension;
  if constexpr (std::is_same_v<Rule, g::rls_end>) return &rls;
  if constexpr (std::is_same_v<Rule, g::realtime_end>) return &realtime;
  return nullptr;
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

template <typename Rule>
void Report(State& s, const char* at) {
  if constexpr (std::is_same_v<Rule, g::unterminated_string>) {
    s.LexicalError(at, 1, "unterminated string literal");
  } else if constexpr (std::is_same_v<Rule, g::unterminated_quoted_ident>) {
    s.LexicalError(at, 1, "unterminated quoted identifier");
  } else if constexpr (std::is_same_v<Rule, g::empty_quoted_ident>) {
    s.LexicalError(at, 2, "zero-length quoted identifier");
  } else if constexpr (std::is_same_v<Rule, g::unclosed_sql_paren>) {
    s.LexicalError(at, 1, "unclosed '(' in SQL expression");
  } else if constexpr (std::is_same_v<Rule, g::unterminated_sql_comment>) {
    s.LexicalError(at, 2, "unterminated comment in SQL expression");
  } else if constexpr (std::is_same_v<Rule, g::unterminated_dollar_quote>) {
    s.LexicalError(at, 1, "unterminated dollar-quoted string");
  } else if constexpr (std::is_same_v<Rule, g::column_end>) {
    ReportColumnEnd(s, at);
  } else if constexpr (std::is_same_v<Rule, g::table_item>) {
    s.Expected(at, "a column or a table item");
  } else if constexpr (std::is_same_v<Rule, g::declaration>) {
    s.head = nullptr;
    Token t = s.TokenAt(s.SkipBlanksAndComment(at));
    std::string message =
        "expected a declaration (table, enum, extension, schema, target, extern), found " + t.text;
    if (!t.word.empty()) {
      message = WithTypoSuggestion(std::move(message), Lower(t.word), kDeclarationKeywords);
    }
    s.diags.Error(s.SpanOf(t.begin, t.end), std::move(message));
  } else {
    std::string what = Expect<Rule>::What();
    if (what.empty()) {
      Token t = s.TokenAt(s.SkipBlanksAndComment(at));
      s.diags.Error(s.SpanOf(t.begin, t.end), "unexpected " + t.text);
      return;
    }
    s.Expected(at, what, Expect<Rule>::kHead, SuggestionsFor<Rule>());
  }
}

template <typename Rule>
struct Control : pegtl::normal<Rule> {
  template <typename Input>
  [[noreturn]] static void raise(const Input& in, State& s) {
    Report<Rule>(s, in.current());
    throw g::syntax_error{};
  }
};

// ---------------------------------------------------------------------------------------------
// Actions.

template <typename Rule>
struct Action : pegtl::nothing<Rule> {};

#define SCHEMAC_ACTION(rule)                                         \
  template <>                                                        \
  struct Action<g::rule> {                                           \
    template <typename In>                                           \
    static void apply(const In& in, State& s) {                      \
      [[maybe_unused]] const char* b = in.begin();                   \
      [[maybe_unused]] const char* e = in.end();                     \
      Apply(b, e, s);                                                \
    }                                                                \
    static void Apply(const char* b, const char* e, State& s);       \
  };                                                                 \
  void Action<g::rule>::Apply([[maybe_unused]] const char* b,        \
                              [[maybe_unused]] const char* e,        \
                              [[maybe_unused]] State& s)

// --- gaps, comments, doc comments

SCHEMAC_ACTION(line_comment) { s.AddComment(b, e); }

SCHEMAC_ACTION(gap_line_break) {
  const char* p = b;
  while (p > s.begin && p[-1] != '\n' && g::IsBlankAt(p - 1, s.end)) --p;
  if (p == s.begin || p[-1] == '\n') {
    s.saw_blank = true;
    if (!s.doc.empty()) s.doc_broken = true;
  }
}

SCHEMAC_ACTION(doc_line) {
  if (s.doc_broken) s.OrphanDoc();
  const char* text = b + 3;
  if (text < e && *text == ' ') ++text;
  if (s.doc.empty()) s.doc_span = s.SpanOf(b, e);
  s.doc_span.end = s.Pos(e);
  s.doc.emplace_back(text, e);
  s.doc_lines.emplace_back(b, e);
}

SCHEMAC_ACTION(file_end) { s.OrphanDoc(); }

// --- declarations

SCHEMAC_ACTION(decl_begin) {
  s.head = b;
  s.decl_head = b;
  s.content_end = nullptr;
  s.decl_doc = s.TakeDoc();
  s.pending_extern = false;
  s.in_column = false;
  s.clauses = 0;
}

SCHEMAC_ACTION(end_of_line) { s.content_end = b; }
SCHEMAC_ACTION(target_end) { s.content_end = b; }
SCHEMAC_ACTION(extension_end) { s.content_end = b; }
SCHEMAC_ACTION(schema_end) { s.content_end = b; }
SCHEMAC_ACTION(enum_end) { s.content_end = b; }
SCHEMAC_ACTION(extern_role_end) { s.content_end = b; }

SCHEMAC_ACTION(target_name) {
  s.target = {};
  s.target.name = s.MakeIdent(b, e);
}
SCHEMAC_ACTION(target_decl) {
  if (!s.decl_doc.empty()) {
    ReportLint(s.diags, s.out.comments, lint::kDanglingDocComment, s.SpanOf(s.head, s.head),
               "doc comment does not document anything");
    s.KeepDocLines(s.taken_doc_lines);
  }
  s.target.span = s.SpanOf(s.head, s.content_end);
  s.PushDecl(std::move(s.target));
}

SCHEMAC_ACTION(extension_kw) { s.extension = {}; }
SCHEMAC_ACTION(extension_name) { s.extension.name = s.MakeIdent(b, e); }
SCHEMAC_ACTION(extension_schema_name) { s.extension.schema = s.MakeIdent(b, e); }
SCHEMAC_ACTION(extension_schema) { s.Once(kClauseSchema, "schema", "extension", b, e); }
SCHEMAC_ACTION(extension_version_string) { s.extension.version = s.MakeString(b, e); }
SCHEMAC_ACTION(extension_version) { s.Once(kClauseVersion, "version", "extension", b, e); }
SCHEMAC_ACTION(extension_decl) {
  s.extension.doc = std::move(s.decl_doc);
  s.extension.span = s.SpanOf(s.head, s.content_end);
  s.PushDecl(std::move(s.extension));
}

SCHEMAC_ACTION(schema_name) {
  s.schema = {};
  s.schema.name = s.MakeIdent(b, e);
}
SCHEMAC_ACTION(schema_decl) {
  s.schema.doc = std::move(s.decl_doc);
  s.schema.span = s.SpanOf(s.head, s.content_end);
  s.PushDecl(std::move(s.schema));
}

SCHEMAC_ACTION(enum_kw) { s.enum_decl = {}; }
SCHEMAC_ACTION(enum_name) { s.enum_decl.name = s.MakeQualified(b, e); }
SCHEMAC_ACTION(enum_label) {
  s.enum_value = {};
  s.enum_value.label = s.MakeString(b, e);
}
SCHEMAC_ACTION(enum_old_label) { s.enum_value.renamed_from = s.MakeString(b, e); }
SCHEMAC_ACTION(enum_value) {
  s.enum_value.span = s.SpanOf(b, e);
  s.enum_decl.values.push_back(std::move(s.enum_value));
}
SCHEMAC_ACTION(enum_decl) {
  s.enum_decl.doc = std::move(s.decl_doc);
  s.enum_decl.span = s.SpanOf(s.head, s.content_end);
  s.PushDecl(std::move(s.enum_decl));
}

SCHEMAC_ACTION(extern_kw) { s.pending_extern = true; }
SCHEMAC_ACTION(extern_role_name) {
  s.role = {};
  s.role.name = s.MakeIdent(b, e);
}
SCHEMAC_ACTION(extern_role) {
  s.role.doc = std::move(s.decl_doc);
  s.role.span = s.SpanOf(s.head, s.content_end);
  s.PushDecl(std::move(s.role));
}

SCHEMAC_ACTION(table_kw) {
  s.table = {};
  s.entries.clear();
  s.table.is_extern = s.pending_extern;
  s.first_item = true;
  s.saw_blank = false;
}
SCHEMAC_ACTION(table_name) {
  s.SetQualified(s.table.name, b, e);
  s.table_label.assign(b, e);
}
SCHEMAC_ACTION(table_old_name) { s.table.renamed_from = s.MakeIdent(b, e); }
SCHEMAC_ACTION(table_open) {
  s.table_open = s.SpanOf(b, e);
  s.saw_blank = false;
}
SCHEMAC_ACTION(table_close) {
  s.OrphanDoc();
  s.table.close_brace = s.SpanOf(b, e);
  s.content_end = e;
}
SCHEMAC_ACTION(trailing_garbage) {
  s.head = nullptr;
  s.in_column = false;
  s.Expected(b, "end of line");
}
SCHEMAC_ACTION(table_unclosed) {
  Token t = s.TokenAt(b);
  Diagnostic& d = s.diags.Error(
      s.SpanOf(t.begin, t.end),
      fmt::format("expected '}}' to close table {}, found {}", Quote(s.table_label), t.text));
  d.notes.push_back({fmt::format("table {} starts here", Quote(s.table_label)), s.table_open});
  s.content_end = s.TrimBack(b);
  s.table.close_brace = s.SpanOf(b, b);
}
SCHEMAC_ACTION(table_decl) {
  s.table.entries.reserve(s.entries.size());
  for (ast::TableEntry& entry : s.entries) s.table.entries.push_back(std::move(entry));
  s.entries.clear();
  s.table.doc = std::move(s.decl_doc);
  s.table.span = s.SpanOf(s.decl_head, s.content_end != nullptr ? s.content_end : e);
  s.PushDecl(std::move(s.table));
}

// --- items

SCHEMAC_ACTION(item_begin) {
  s.head = b;
  s.content_end = nullptr;
  s.item_doc = s.TakeDoc();
  s.item_blank = s.saw_blank && !s.first_item;
  s.saw_blank = false;
  s.in_column = false;
  s.column_name_begin = nullptr;
  s.clauses = 0;
}

SCHEMAC_ACTION(item) {
  const char* end = s.content_end != nullptr ? s.content_end : e;
  Span span = s.SpanOf(s.head, end);
  std::visit(
      [&](auto& item) {
        item.span = span;
        item.doc = std::move(s.item_doc);
      },
      s.item);
  // Braces, not emplace_back's parentheses: clang 14 (the fuzz build) has no parenthesized
  // aggregate initialization.
  s.entries.push_back(ast::TableEntry{std::move(s.item), s.item_blank});
  s.first_item = false;
  s.in_column = false;
}

SCHEMAC_ACTION(end_of_item) { s.content_end = b; }
SCHEMAC_ACTION(column_end) { s.content_end = b; }
SCHEMAC_ACTION(pk_end) { s.content_end = b; }
SCHEMAC_ACTION(unique_end) { s.content_end = b; }
SCHEMAC_ACTION(check_end) { s.content_end = b; }
SCHEMAC_ACTION(not_null_end) { s.content_end = b; }
SCHEMAC_ACTION(fk_end) { s.content_end = b; }
SCHEMAC_ACTION(index_end) { s.content_end = b; }
SCHEMAC_ACTION(rls_end) { s.content_end = b; }
SCHEMAC_ACTION(policy_end) { s.content_end = b; }
SCHEMAC_ACTION(grant_end) { s.content_end = b; }
SCHEMAC_ACTION(realtime_end) { s.content_end = b; }

// --- types

SCHEMAC_ACTION(type_reset) {
  s.type = {};
  s.time_zone.clear();
}
SCHEMAC_ACTION(time_zone) {
  s.time_zone = (e - b > 4 && g::LowerAscii(b[4]) == 'o') ? " without time zone" : " with time zone";
}
SCHEMAC_ACTION(type_time) {
  const char* word_end = b;
  while (word_end < e && g::IsIdentChar(static_cast<unsigned char>(*word_end))) ++word_end;
  s.type.name = {};
  s.type.name.name.name = Lower(std::string_view(b, static_cast<size_t>(word_end - b))) + s.time_zone;
  s.type.name.name.span = s.SpanOf(b, e);
  s.type.name.span = s.type.name.name.span;
}
SCHEMAC_ACTION(type_double) {
  s.type.name = {};
  s.type.name.name.name = "double precision";
  s.type.name.name.span = s.SpanOf(b, e);
  s.type.name.span = s.type.name.name.span;
}
SCHEMAC_ACTION(type_varying) {
  s.type.name = {};
  s.type.name.name.name = g::LowerAscii(*b) == 'b' ? "bit varying" : "character varying";
  s.type.name.name.span = s.SpanOf(b, e);
  s.type.name.span = s.type.name.name.span;
}
SCHEMAC_ACTION(type_simple) { s.SetQualified(s.type.name, b, e); }
SCHEMAC_ACTION(type_mod_number) {
  int64_t value = 0;
  const char* p = *b == '+' ? b + 1 : b;
  auto [ptr, ec] = std::from_chars(p, e, value);
  if (ec != std::errc() || ptr != e) {
    s.diags.Error(s.SpanOf(b, e), fmt::format("type modifier {} is out of range",
                                              Quote(std::string_view(b, static_cast<size_t>(e - b)))));
  }
  s.type.modifiers.push_back(value);
}
SCHEMAC_ACTION(array_suffix) { ++s.type.array_dims; }
SCHEMAC_ACTION(column_type) {
  ast::Column& column = s.column();
  column.type = std::move(s.type);
  column.type.span = s.SpanOf(b, e);
  s.type_end = e;
  s.type_quoted = *b == '"';
}

// --- columns

SCHEMAC_ACTION(column_name) {
  s.SetIdent(s.item.emplace<ast::Column>().name, b, e);
  s.in_column = true;
  s.column_name_begin = b;
  s.column_name_end = e;
  s.type_end = nullptr;
  s.modifier_count = 0;
  s.generated_identity = ast::Identity::kNone;
}
SCHEMAC_ACTION(nullable_mark) { s.column().nullable = true; }
SCHEMAC_ACTION(col_old_name) { s.ident = s.MakeIdent(b, e); }
SCHEMAC_ACTION(col_renamed) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.renamed_from.has_value(), "renamed from", b, e)) c.renamed_from = s.ident;
}
SCHEMAC_ACTION(col_primary_key) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.primary_key.has_value(), "primary key", b, e)) c.primary_key = s.SpanOf(b, e);
}
SCHEMAC_ACTION(col_unique) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.unique.has_value(), "unique", b, e)) c.unique = s.SpanOf(b, e);
}

SCHEMAC_ACTION(ref_begin) { s.refs = {}; }
SCHEMAC_ACTION(ref_table) { s.SetQualified(s.refs.table, b, e); }
SCHEMAC_ACTION(ref_column) { s.refs.columns.push_back(s.MakeIdent(b, e)); }
SCHEMAC_ACTION(fk_cascade) { s.fk_action = ast::FkAction::kCascade; }
SCHEMAC_ACTION(fk_restrict) { s.fk_action = ast::FkAction::kRestrict; }
SCHEMAC_ACTION(fk_set_null) { s.fk_action = ast::FkAction::kSetNull; }
SCHEMAC_ACTION(fk_set_default) { s.fk_action = ast::FkAction::kSetDefault; }
SCHEMAC_ACTION(fk_no_action) { s.fk_action = ast::FkAction::kNoAction; }
SCHEMAC_ACTION(ref_on_delete) {
  if (s.refs.on_delete != ast::FkAction::kNone) {
    s.diags.Error(s.SpanOf(b, e), "duplicate 'on delete' in references");
  }
  s.refs.on_delete = s.fk_action;
}
SCHEMAC_ACTION(ref_on_update) {
  if (s.refs.on_update != ast::FkAction::kNone) {
    s.diags.Error(s.SpanOf(b, e), "duplicate 'on update' in references");
  }
  s.refs.on_update = s.fk_action;
}
SCHEMAC_ACTION(ref_deferrable) { s.refs.deferrable = true; }
SCHEMAC_ACTION(ref_initially_deferred) { s.refs.initially_deferred = true; }
SCHEMAC_ACTION(ref_not_valid) { s.refs.not_valid = true; }
SCHEMAC_ACTION(col_references) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.references.has_value(), "references", b, e)) {
    s.refs.span = s.SpanOf(b, e);
    c.references = std::move(s.refs);
  }
}

SCHEMAC_ACTION(default_parens) {
  s.default_value = {};
  s.default_value.kind = ast::Default::Kind::kParenthesized;
  s.default_value.sql.assign(b + 1, e - 1);
}
SCHEMAC_ACTION(default_literal) {
  s.default_value = {};
  s.default_value.kind = ast::Default::Kind::kLiteral;
  s.default_value.sql.assign(b, e);
}
SCHEMAC_ACTION(default_call) {
  s.default_value = {};
  s.default_value.kind = ast::Default::Kind::kCall;
  s.default_value.sql.assign(b, e);
}
SCHEMAC_ACTION(col_default) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.default_value.has_value(), "default", b, e)) {
    s.default_value.span = s.SpanOf(b, e);
    c.default_value = std::move(s.default_value);
  }
}

SCHEMAC_ACTION(col_identity) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.identity != ast::Identity::kNone, "identity", b, e)) {
    bool by_default = Lower(std::string_view(b, static_cast<size_t>(e - b))).find("default") !=
                      std::string::npos;
    c.identity = by_default ? ast::Identity::kByDefault : ast::Identity::kAlways;
    c.identity_span = s.SpanOf(b, e);
  }
}

SCHEMAC_ACTION(gen_sql) {
  s.generated = {};
  s.generated.expression = s.MakeSql(b, e);
}
SCHEMAC_ACTION(gen_stored) { s.generated.kind = ast::GeneratedKind::kStored; }
SCHEMAC_ACTION(gen_virtual) { s.generated.kind = ast::GeneratedKind::kVirtual; }
SCHEMAC_ACTION(gen_always_identity) { s.generated_identity = ast::Identity::kAlways; }
SCHEMAC_ACTION(gen_by_default) { s.generated_identity = ast::Identity::kByDefault; }
SCHEMAC_ACTION(col_generated) {
  ast::Column& c = s.column();
  if (s.generated_identity != ast::Identity::kNone) {
    if (!s.DuplicateModifier(c.identity != ast::Identity::kNone, "identity", b, e)) {
      c.identity = s.generated_identity;
      c.identity_span = s.SpanOf(b, e);
    }
    s.generated_identity = ast::Identity::kNone;
    return;
  }
  if (!s.DuplicateModifier(c.generated.has_value(), "generated", b, e)) {
    s.generated.span = s.SpanOf(b, e);
    c.generated = std::move(s.generated);
  }
}

SCHEMAC_ACTION(collation_name) { s.ident = s.MakeIdent(b, e); }
SCHEMAC_ACTION(col_collate) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.collate.has_value(), "collate", b, e)) c.collate = s.ident;
}
SCHEMAC_ACTION(col_check_sql) { s.sql = s.MakeSql(b, e); }
SCHEMAC_ACTION(col_check) {
  ast::Column& c = s.column();
  if (!s.DuplicateModifier(c.check.has_value(), "check", b, e)) c.check = std::move(s.sql);
}

// --- table items

SCHEMAC_ACTION(constraint_name) {
  ast::Ident name = s.MakeIdent(b, e);
  if (auto* pk = std::get_if<ast::PrimaryKeyItem>(&s.item)) pk->name = std::move(name);
  else if (auto* u = std::get_if<ast::UniqueItem>(&s.item)) u->name = std::move(name);
  else if (auto* c = std::get_if<ast::CheckItem>(&s.item)) c->name = std::move(name);
  else if (auto* n = std::get_if<ast::NotNullItem>(&s.item)) n->name = std::move(name);
  else if (auto* fk = std::get_if<ast::ForeignKeyItem>(&s.item)) fk->name = std::move(name);
}

SCHEMAC_ACTION(pk_kw) { s.item.emplace<ast::PrimaryKeyItem>(); }
SCHEMAC_ACTION(pk_column) { s.Item<ast::PrimaryKeyItem>().columns.push_back(s.MakeIdent(b, e)); }

SCHEMAC_ACTION(unique_kw) { s.item.emplace<ast::UniqueItem>(); }
SCHEMAC_ACTION(unique_nulls_not_distinct) { s.Item<ast::UniqueItem>().nulls_not_distinct = true; }
SCHEMAC_ACTION(unique_column) { s.Item<ast::UniqueItem>().columns.push_back(s.MakeIdent(b, e)); }

SCHEMAC_ACTION(check_kw) { s.item.emplace<ast::CheckItem>(); }
SCHEMAC_ACTION(check_sql) { s.Item<ast::CheckItem>().expression = s.MakeSql(b, e); }
SCHEMAC_ACTION(check_no_inherit) { s.Item<ast::CheckItem>().no_inherit = true; }
SCHEMAC_ACTION(check_not_valid) { s.Item<ast::CheckItem>().not_valid = true; }

SCHEMAC_ACTION(not_null_kw) { s.item.emplace<ast::NotNullItem>(); }
SCHEMAC_ACTION(not_null_column) { s.Item<ast::NotNullItem>().column = s.MakeIdent(b, e); }
SCHEMAC_ACTION(not_null_no_inherit) { s.Item<ast::NotNullItem>().no_inherit = true; }
SCHEMAC_ACTION(not_null_not_valid) { s.Item<ast::NotNullItem>().not_valid = true; }

SCHEMAC_ACTION(fk_kw) { s.item.emplace<ast::ForeignKeyItem>(); }
SCHEMAC_ACTION(fk_column) { s.Item<ast::ForeignKeyItem>().columns.push_back(s.MakeIdent(b, e)); }
SCHEMAC_ACTION(fk_references) {
  s.refs.span = s.SpanOf(b, e);
  s.Item<ast::ForeignKeyItem>().references = std::move(s.refs);
}

SCHEMAC_ACTION(index_kw) { s.item.emplace<ast::IndexItem>(); }
SCHEMAC_ACTION(index_name) { s.Item<ast::IndexItem>().name = s.MakeIdent(b, e); }
SCHEMAC_ACTION(index_unique) { s.Item<ast::IndexItem>().unique = true; }
SCHEMAC_ACTION(index_method) { s.Item<ast::IndexItem>().method = s.MakeIdent(b, e); }
SCHEMAC_ACTION(key_begin) { s.key = {}; }
SCHEMAC_ACTION(key_expression) { s.key.expression = s.MakeSql(b, e); }
SCHEMAC_ACTION(key_call) {
  ast::Sql call;
  call.text.assign(b, e);
  call.span = s.SpanOf(b, e);
  s.key.expression = std::move(call);
}
SCHEMAC_ACTION(key_column) { s.key.column = s.MakeIdent(b, e); }
SCHEMAC_ACTION(key_collation) { s.key.collate = s.MakeIdent(b, e); }
SCHEMAC_ACTION(key_opclass) { s.key.opclass = s.MakeQualified(b, e); }
SCHEMAC_ACTION(key_asc) { s.key.order = ast::SortOrder::kAsc; }
SCHEMAC_ACTION(key_desc) { s.key.order = ast::SortOrder::kDesc; }
SCHEMAC_ACTION(key_nulls_first) { s.key.nulls = ast::NullsOrder::kFirst; }
SCHEMAC_ACTION(key_nulls_last) { s.key.nulls = ast::NullsOrder::kLast; }
SCHEMAC_ACTION(index_key) {
  s.key.span = s.SpanOf(b, e);
  s.Item<ast::IndexItem>().keys.push_back(std::move(s.key));
}
SCHEMAC_ACTION(include_column) { s.Item<ast::IndexItem>().include.push_back(s.MakeIdent(b, e)); }
SCHEMAC_ACTION(index_include) { s.Once(kClauseInclude, "include", "index", b, e); }
SCHEMAC_ACTION(index_nulls_not_distinct) {
  s.Once(kClauseNullsNotDistinct, "nulls not distinct", "index", b, e);
  s.Item<ast::IndexItem>().nulls_not_distinct = true;
}
SCHEMAC_ACTION(param_key) {
  s.param = {};
  s.param.key = s.MakeIdent(b, e);
}
SCHEMAC_ACTION(param_value) { s.param.value.assign(b, e); }
SCHEMAC_ACTION(storage_param) {
  s.param.span = s.SpanOf(b, e);
  s.Item<ast::IndexItem>().with.push_back(std::move(s.param));
}
SCHEMAC_ACTION(index_with) { s.Once(kClauseWith, "with", "index", b, e); }
SCHEMAC_ACTION(where_sql) { s.Item<ast::IndexItem>().where = s.MakeSql(b, e); }
SCHEMAC_ACTION(index_where) { s.Once(kClauseWhere, "where", "index", b, e); }

SCHEMAC_ACTION(rls_kw) { s.item.emplace<ast::RlsItem>(); }
SCHEMAC_ACTION(rls_force) { s.Item<ast::RlsItem>().force = true; }

SCHEMAC_ACTION(policy_kw) { s.item.emplace<ast::PolicyItem>(); }
SCHEMAC_ACTION(policy_name) { s.SetIdent(s.Item<ast::PolicyItem>().name, b, e); }
SCHEMAC_ACTION(policy_permissive) {
  auto& p = s.Item<ast::PolicyItem>();
  p.restrictive = false;
  p.explicit_permissive = true;
}
SCHEMAC_ACTION(policy_restrictive) {
  auto& p = s.Item<ast::PolicyItem>();
  p.restrictive = true;
  p.explicit_permissive = false;
}
SCHEMAC_ACTION(policy_command) {
  auto& p = s.Item<ast::PolicyItem>();
  std::string word = Lower(std::string_view(b, static_cast<size_t>(e - b)));
  p.explicit_command = true;
  if (word == "select") p.command = ast::PolicyCommand::kSelect;
  else if (word == "insert") p.command = ast::PolicyCommand::kInsert;
  else if (word == "update") p.command = ast::PolicyCommand::kUpdate;
  else if (word == "delete") p.command = ast::PolicyCommand::kDelete;
  else p.command = ast::PolicyCommand::kAll;
}
SCHEMAC_ACTION(policy_role) { s.Item<ast::PolicyItem>().roles.push_back(s.MakeIdent(b, e)); }
SCHEMAC_ACTION(using_sql) { s.Item<ast::PolicyItem>().using_expr = s.MakeSql(b, e); }
SCHEMAC_ACTION(with_check_sql) { s.Item<ast::PolicyItem>().with_check = s.MakeSql(b, e); }
SCHEMAC_ACTION(policy_as) { s.Once(kClauseAs, "as", "policy", b, e); }
SCHEMAC_ACTION(policy_for) { s.Once(kClauseFor, "for", "policy", b, e); }
SCHEMAC_ACTION(policy_to) { s.Once(kClauseTo, "to", "policy", b, e); }
SCHEMAC_ACTION(policy_using) { s.Once(kClauseUsing, "using", "policy", b, e); }
SCHEMAC_ACTION(policy_with_check) { s.Once(kClauseWithCheck, "with check", "policy", b, e); }

SCHEMAC_ACTION(grant_kw) { s.item.emplace<ast::GrantItem>(); }
SCHEMAC_ACTION(privilege) {
  auto& grant = s.Item<ast::GrantItem>();
  grant.privileges.push_back(Lower(std::string_view(b, static_cast<size_t>(e - b))));
  grant.privilege_spans.push_back(s.SpanOf(b, e));
}
SCHEMAC_ACTION(grant_role) { s.Item<ast::GrantItem>().roles.push_back(s.MakeIdent(b, e)); }

SCHEMAC_ACTION(realtime_kw) { s.item.emplace<ast::RealtimeItem>(); }
SCHEMAC_ACTION(realtime_replica) { s.Item<ast::RealtimeItem>().replica_identity_full = true; }

#undef SCHEMAC_ACTION

// Parses [from, state.end) of the file's text into state.out. False when the grammar could not
// go on (a bug: every syntax error recovers), after reporting it.
bool ParseRange(State& state, const char* from) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(from, state.end,
                                                      state.sources.file(state.file).path);
  bool ok = false;
  try {
    ok = pegtl::parse<g::file, Action, Control>(in, state);
  } catch (const g::syntax_error&) {
    // Every raise happens inside try_catch_type; reaching here would be a grammar bug.
  }
  if (!ok) {
    const char* at = in.current();
    state.diags.Error(state.SpanOf(at, at), "syntax error");
  }
  return ok;
}

WorkerWrapper worker_wrapper = nullptr;

// Files at least this large are parsed in two halves on two threads.
constexpr size_t kSplitBytes = 256 << 10;

bool IsBlankLine(const char* p, const char* e) {
  while (p < e && *p != '\n' && g::IsBlankAt(p, e)) ++p;
  return p == e || *p == '\n' || *p == '\r';
}

// Where the second half of a large file may be parsed on its own: the start of a declaration
// past the middle (a top-level keyword at column 1, with the `///` lines right above it) that
// follows a blank line. 0 when there is none. A split inside something that spans lines (SQL
// in parentheses, say) leaves the first half unfinished, which its diagnostics then show.
size_t SplitPoint(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const size_t half = text.size() / 2;
  const char* p = static_cast<const char*>(std::memchr(begin + half, '\n', text.size() - half));
  while (p != nullptr && ++p < end) {
    if (g::StartsWithTopKeyword(p, end)) {
      // Back over the doc comment, then the line before must be blank.
      const char* start = p;
      for (;;) {
        const char* prev = start - 1;  // The '\n' ending the line above.
        while (prev > begin && prev[-1] != '\n') --prev;
        if (prev == begin || prev + 3 > start || std::string_view(prev, 3) != "///") {
          if (prev > begin && IsBlankLine(prev, start)) return static_cast<size_t>(start - begin);
          break;
        }
        start = prev;
      }
    }
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
  }
  return 0;
}

// Parses a large file in two halves at once. False (and nothing reported) when a half has a
// diagnostic of any kind: the file is then parsed again in one piece, which reports exactly what
// it always does.
bool ParseInHalves(const SourceManager& sources, uint32_t file, ast::File* out) {
  const std::string& text = sources.file(file).text;
  if (text.size() < kSplitBytes) return false;
  size_t split = SplitPoint(text);
  if (split == 0) return false;
  Diagnostics first_diags, second_diags;
  State first(sources, file, first_diags, text.data() + split);
  State second(sources, file, second_diags);
  bool first_ok = false;
  bool second_ok = false;
  if (!RunInParallel([&] { first_ok = ParseRange(first, text.data()); },
                     [&] { second_ok = ParseRange(second, text.data() + split); },
                     worker_wrapper)) {
    return false;
  }
  if (!first_ok || !second_ok || !first_diags.all().empty() || !second_diags.all().empty()) {
    return false;
  }
  *out = std::move(first.out);
  out->decls.reserve(out->decls.size() + second.out.decls.size());
  std::move(second.out.decls.begin(), second.out.decls.end(), std::back_inserter(out->decls));
  std::move(second.out.comments.begin(), second.out.comments.end(),
            std::back_inserter(out->comments));
  return true;
}

}  // namespace

void SetParseWorkerWrapper(WorkerWrapper wrapper) { worker_wrapper = wrapper; }

ast::File Parse(const SourceManager& sources, uint32_t file, Diagnostics& diagnostics,
                bool may_split) {
  State state(sources, file, diagnostics);
  const std::string& text = sources.file(file).text;
  // PostgreSQL stores names and SQL as UTF-8: a file in another encoding cannot be right.
  if (size_t bad = FirstInvalidUtf8(text); bad != std::string::npos) {
    const char* at = text.data() + bad;
    state.diags.Error(state.SpanOf(at, at + 1),
                      fmt::format("invalid UTF-8 (byte 0x{:02x}): schema files must be UTF-8",
                                  static_cast<unsigned char>(text[bad])));
    state.out.source = file;
    return std::move(state.out);
  }
  // Nor can it hold a NUL byte in a name, a string or SQL text.
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const char* at = static_cast<const char*>(nul);
    state.diags.Error(state.SpanOf(at, at + 1),
                      "NUL byte (0x00) in the source: PostgreSQL cannot store it in a name, a "
                      "string or SQL text");
    state.out.source = file;
    return std::move(state.out);
  }
  if (!may_split || !ParseInHalves(sources, file, &state.out)) ParseRange(state, text.data());
  state.out.source = file;
  return std::move(state.out);
}

}  // namespace schemac
