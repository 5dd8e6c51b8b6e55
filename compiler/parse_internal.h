#pragma once
// The parser's internals, shared by its files; the compiler's interface is compiler/parse.h.
// One PEGTL run over grammar/schema_grammar.h per file (or per half of a large one), whose
// actions fill a State:
//   parse.cc           Parse: encoding checks, and large files parsed in two halves at once
//   parse_actions.cc   the grammar's actions (what each matched rule adds to the syntax tree)
//                      and ParseRange, the one instantiation of pegtl::parse
//   parse_messages.h   what a syntax error says at each `must` point of the grammar
//   parse_messages.cc  tokens as messages show them, "expected ..., found ...", unknown items
//   parse_internal.h   State: positions, identifiers and other values from matched text, doc
//                      comments and comments (inline: called for most tokens)

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/source.h"
#include "grammar/schema_grammar.h"

namespace schemac::parse_internal {

namespace g = grammar;
namespace pegtl = tao::pegtl;

/// The declaration keywords, offered as "did you mean" for an unknown declaration.
extern const std::vector<std::string> kDeclarationKeywords;

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

/// `text` with its ASCII letters in lower case.
inline std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = g::LowerAscii(c);
  return out;
}

/// `text` cut (at a UTF-8 character boundary) past 40 bytes, so messages stay one short line.
std::string Shorten(std::string_view text);
/// `text` shortened and in single quotes, as messages show a token.
std::string Quote(std::string_view text);
/// `message` with "; did you mean '...'?" when `word` is close to one of `candidates`.
std::string WithTypoSuggestion(std::string message, std::string_view word,
                               const std::vector<std::string>& candidates);

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

  // --- tokens and messages (parse_messages.cc)

  const char* SkipBlanksAndComment(const char* p) const;
  Token TokenAt(const char* p) const;
  // The token before `p` (not before the start of the current declaration or item), as shown
  // in "after ...".
  std::string PrevToken(const char* p) const;
  // The declaration head before `p` ("enum post_status"), when short and on one line.
  std::string HeadText(const char* p) const;
  void Expected(const char* at, const std::string& what, bool head_context = false,
                const std::vector<std::string>* suggestions = nullptr);
  // An error inside what parsed as a column, when the "column" is really a mistyped or unknown
  // table item: `indx name (a)`, `uniqe (a)`, `polcy "p" for select`, `foo (a)`.
  bool UnknownItem(const Token& at);
  void LexicalError(const char* at, size_t width, const char* message);

  // --- doc comments

  void OrphanDoc() {
    if (doc.empty()) return;
    diags.Warning(doc_span, "doc comment does not document anything");
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

/// Reports what stopped a column at `from`: an unknown modifier, a misplaced '?', or else what
/// was expected.
void ReportColumnEnd(State& s, const char* from);

/// Parses [from, state.end) of the file's text into state.out. False when the grammar could not
/// go on (a bug: every syntax error recovers), after reporting it.
bool ParseRange(State& state, const char* from);

}  // namespace schemac::parse_internal
