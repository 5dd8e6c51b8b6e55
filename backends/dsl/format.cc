#include "backends/dsl/format.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "backends/dsl/dsl_names.h"
#include "backends/dsl/format_functions.h"
#include "backends/dsl/format_sequences.h"
#include "backends/dsl/format_types.h"
#include "backends/dsl/trigger_text.h"
#include "compiler/identifiers.h"
#include "compiler/sequence_options.h"

namespace schemac::dsl {

namespace {

// Lines longer than this (policies, enums) are broken.
constexpr size_t kMaxWidth = 100;
constexpr std::string_view kItemIndent = "  ";
// Continuation lines of a broken policy: the item's indentation plus four.
constexpr std::string_view kContinuationIndent = "      ";

using CommentList = std::vector<const ast::Comment*>;

// Display width of one line: UTF-8 code points, so that columns with non-ASCII names still
// line up on screen.
size_t Width(std::string_view s) {
  size_t width = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

// Width of the longest line of `s` (verbatim SQL may span several lines).
size_t MaxLineWidth(std::string_view s) {
  size_t widest = 0;
  while (true) {
    size_t newline = s.find('\n');
    widest = std::max(widest, Width(s.substr(0, newline)));
    if (newline == std::string_view::npos) return widest;
    s.remove_prefix(newline + 1);
  }
}

std::string_view RTrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string PadTo(std::string s, size_t width) {
  size_t w = Width(s);
  if (w < width) s.append(width - w, ' ');
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// An identifier the user wrote without quotes that PostgreSQL folding leaves alone even though
// it is not plain ASCII (non-ASCII letters are allowed unquoted and are not folded).
bool IsUnquotedForm(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || c == '_' || (static_cast<unsigned char>(c) & 0x80) != 0;
  };
  if (!letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '$'; });
}

std::string Name(const ast::Ident& id, NamePosition position) {
  if (!id.quoted && IsUnquotedForm(id.name) && !IsDslKeyword(id.name, position)) return id.name;
  return QuoteDslIdent(id.name, position);
}

std::string QName(const ast::QualifiedName& name, NamePosition position) {
  std::string out;
  if (name.schema) out = Name(*name.schema, NamePosition::kOther) + ".";
  return out + Name(name.name, position);
}

template <typename T, typename F>
std::string Join(const std::vector<T>& items, F&& each, std::string_view separator = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += each(items[i]);
  }
  return out;
}

std::string ColumnList(const std::vector<ast::Ident>& columns) {
  return "(" + Join(columns, [](const ast::Ident& c) { return Name(c, NamePosition::kColumn); }) +
         ")";
}

std::string RoleList(const std::vector<ast::Ident>& roles) {
  return Join(roles, [](const ast::Ident& r) { return Name(r, NamePosition::kOther); });
}

std::string Parenthesized(const ast::Sql& sql) { return "(" + sql.text + ")"; }

// Type names that the DSL knows without quotes; a quoted one ("text") keeps its quotes so that
// it still names whatever the user meant.
bool IsBuiltinTypeWord(std::string_view name) {
  static constexpr std::array<std::string_view, 50> kTypes = {
      "bigint",      "bigserial", "bit",         "bool",      "boolean", "bpchar",  "bytea",
      "char",        "character", "cidr",        "citext",    "date",    "decimal", "double",
      "float",       "float4",    "float8",      "halfvec",   "inet",    "int",     "int2",
      "int4",        "int8",      "integer",     "interval",  "json",    "jsonb",   "macaddr",
      "money",       "numeric",   "oid",         "real",      "serial",  "serial2", "serial4",
      "serial8",     "smallint",  "smallserial", "sparsevec", "text",    "time",    "timestamp",
      "timestamptz", "timetz",    "tsvector",    "uuid",      "varchar", "vector",  "xml",
      "varbit"};
  return std::find(kTypes.begin(), kTypes.end(), name) != kTypes.end();
}

std::string TypeText(const ast::TypeRef& type) {
  std::string out;
  if (type.name.schema) out = Name(*type.name.schema, NamePosition::kOther) + ".";
  const ast::Ident& name = type.name.name;
  std::string base;
  if (name.quoted) {
    bool bare = IsPlainIdentifier(name.name) && !IsSqlKeyword(name.name) &&
                !IsDslKeyword(name.name, NamePosition::kOther) && !IsBuiltinTypeWord(name.name);
    base = bare ? name.name : DoubleQuoteIdent(name.name);
  } else {
    base = AsciiLower(name.name);
  }
  std::string modifiers;
  if (!type.modifiers.empty()) {
    modifiers = "(" +
                Join(
                    type.modifiers, [](int64_t m) { return std::to_string(m); }, ",") +
                ")";
  }
  // The precision of `timestamp(3) with time zone` sits between the first word and the rest.
  bool split = !name.quoted && !modifiers.empty() &&
               (base.rfind("timestamp ", 0) == 0 || base.rfind("time ", 0) == 0);
  if (split) {
    size_t space = base.find(' ');
    out += base.substr(0, space) + modifiers + base.substr(space);
  } else {
    out += base + modifiers;
  }
  for (int i = 0; i < type.array_dims; ++i) out += "[]";
  return out;
}

const char* FkActionText(ast::FkAction action) {
  switch (action) {
    case ast::FkAction::kNone:
      return "";
    case ast::FkAction::kNoAction:
      return "no action";
    case ast::FkAction::kRestrict:
      return "restrict";
    case ast::FkAction::kCascade:
      return "cascade";
    case ast::FkAction::kSetNull:
      return "set null";
    case ast::FkAction::kSetDefault:
      return "set default";
  }
  return "";
}

std::string ReferencesText(const ast::References& ref) {
  std::string out = "references " + QName(ref.table, NamePosition::kOther);
  if (!ref.columns.empty()) out += ColumnList(ref.columns);
  if (ref.on_delete != ast::FkAction::kNone) {
    out += std::string(" on delete ") + FkActionText(ref.on_delete);
  }
  if (ref.on_update != ast::FkAction::kNone) {
    out += std::string(" on update ") + FkActionText(ref.on_update);
  }
  if (ref.deferrable) out += " deferrable";
  if (ref.initially_deferred) out += " initially deferred";
  if (ref.not_valid) out += " not valid";
  if (ref.match_full) out += " match full";
  return out;
}

std::string KeyDeferrable(bool deferrable, bool initially_deferred) {
  if (!deferrable) return "";
  return initially_deferred ? " deferrable initially deferred" : " deferrable";
}

// The modifiers of a column, in the documented order, separated by single spaces.
std::string ColumnModifiers(const ast::Column& column) {
  std::vector<std::string> parts;
  if (column.renamed_from) {
    parts.push_back("renamed from " + Name(*column.renamed_from, NamePosition::kColumn));
  }
  if (column.primary_key) parts.push_back("primary key");
  if (column.unique) parts.push_back("unique");
  if (column.references) parts.push_back(ReferencesText(*column.references));
  if (column.default_value) {
    const ast::Default& d = *column.default_value;
    parts.push_back("default " +
                    (d.kind == ast::Default::Kind::kParenthesized ? "(" + d.sql + ")" : d.sql));
  }
  if (column.identity == ast::Identity::kAlways) parts.push_back("identity always");
  if (column.identity == ast::Identity::kByDefault) parts.push_back("identity by default");
  if (column.identity != ast::Identity::kNone && column.identity_options) {
    parts.back() += " (" + WrittenSequenceOptionsDsl(*column.identity_options) + ")";
  }
  if (column.generated) {
    parts.push_back(
        "generated always as " + Parenthesized(column.generated->expression) +
        (column.generated->kind == ast::GeneratedKind::kVirtual  ? " virtual"
         : column.generated->kind == ast::GeneratedKind::kStored ? " stored"
                                                                 : ""));
  }
  if (column.collate) parts.push_back("collate " + Name(*column.collate, NamePosition::kOther));
  if (column.check) parts.push_back("check " + Parenthesized(*column.check));
  return Join(
      parts, [](const std::string& s) { return s; }, " ");
}

// True when an index key expression is one function call, `f(args)` or `s.f(args)`, which the
// DSL (like PostgreSQL) writes without extra parentheses.
bool IsSingleCall(std::string_view sql) {
  auto word_start = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  auto word_char = [&](char c) { return word_start(c) || (c >= '0' && c <= '9') || c == '$'; };
  size_t i = 0;
  while (true) {
    if (i >= sql.size() || !word_start(sql[i])) return false;
    while (i < sql.size() && word_char(sql[i])) ++i;
    if (i >= sql.size() || sql[i] != '.') break;
    ++i;
  }
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t')) ++i;
  if (i >= sql.size() || sql[i] != '(') return false;
  // Find the parenthesis that closes the call; it must end the text. Strings and quoted names
  // are skipped; anything rarer (comments, dollar quotes) keeps the parentheses.
  size_t depth = 0;
  for (; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      size_t close = sql.find(c, i + 1);
      if (close == std::string_view::npos) return false;
      i = close;  // A doubled quote is two strings back to back: same result.
    } else if (c == '$' || c == '\\' || (c == '-' && sql.substr(i, 2) == "--") ||
               (c == '/' && sql.substr(i, 2) == "/*")) {
      return false;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1 == sql.size();
    }
  }
  return false;
}

std::string IndexKeyText(const ast::IndexKey& key) {
  std::string out;
  if (key.column) {
    out = Name(*key.column, NamePosition::kIndexKey);
  } else if (key.expression) {
    out =
        IsSingleCall(key.expression->text) ? key.expression->text : Parenthesized(*key.expression);
  }
  if (key.collate) out += " collate " + Name(*key.collate, NamePosition::kOther);
  if (key.opclass) out += " " + QName(*key.opclass, NamePosition::kOther);
  if (key.order == ast::SortOrder::kAsc) out += " asc";
  if (key.order == ast::SortOrder::kDesc) out += " desc";
  if (key.nulls == ast::NullsOrder::kFirst) out += " nulls first";
  if (key.nulls == ast::NullsOrder::kLast) out += " nulls last";
  return out;
}

std::string ExclusionElementText(const ast::ExclusionElement& element) {
  std::string out = element.column ? Name(*element.column, NamePosition::kIndexKey)
                                   : Parenthesized(*element.expression);
  if (element.opclass) out += " " + QName(*element.opclass, NamePosition::kOther);
  return out + " with " + element.op;
}

const char* PolicyCommandText(ast::PolicyCommand command) {
  switch (command) {
    case ast::PolicyCommand::kAll:
      return "all";
    case ast::PolicyCommand::kSelect:
      return "select";
    case ast::PolicyCommand::kInsert:
      return "insert";
    case ast::PolicyCommand::kUpdate:
      return "update";
    case ast::PolicyCommand::kDelete:
      return "delete";
  }
  return "all";
}

std::string OptionalName(const ast::Boxed<ast::Ident>& name) {
  return name ? " " + Name(*name, NamePosition::kOther) : "";
}

// The lines of a table item other than a column (already indented). Only policies may take
// more than one line.
std::vector<std::string> ItemLines(const ast::TableItem& item) {
  std::string indent(kItemIndent);
  return std::visit(
      [&](const auto& it) -> std::vector<std::string> {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, ast::Column>) {
          return {indent + Name(it.name, NamePosition::kColumn)};  // Columns are laid out apart.
        } else if constexpr (std::is_same_v<T, ast::PrimaryKeyItem>) {
          return {indent + "primary key" + OptionalName(it.name) + " " + ColumnList(it.columns) +
                  KeyDeferrable(it.deferrable, it.initially_deferred)};
        } else if constexpr (std::is_same_v<T, ast::UniqueItem>) {
          return {indent + "unique" + OptionalName(it.name) +
                  (it.nulls_not_distinct ? " nulls not distinct" : "") + " " +
                  ColumnList(it.columns) + KeyDeferrable(it.deferrable, it.initially_deferred)};
        } else if constexpr (std::is_same_v<T, ast::CheckItem>) {
          return {indent + "check" + OptionalName(it.name) + " " + Parenthesized(it.expression) +
                  (it.no_inherit ? " no inherit" : "") + (it.not_valid ? " not valid" : "")};
        } else if constexpr (std::is_same_v<T, ast::NotNullItem>) {
          return {indent + "not null" + OptionalName(it.name) + " (" +
                  Name(it.column, NamePosition::kColumn) + ")" +
                  (it.no_inherit ? " no inherit" : "") + (it.not_valid ? " not valid" : "")};
        } else if constexpr (std::is_same_v<T, ast::ForeignKeyItem>) {
          return {indent + "foreign key" + OptionalName(it.name) + " " + ColumnList(it.columns) +
                  " " + ReferencesText(it.references)};
        } else if constexpr (std::is_same_v<T, ast::IndexItem>) {
          std::string line = indent + "index" + OptionalName(it.name);
          if (it.unique) line += " unique";
          if (it.method) line += " using " + Name(*it.method, NamePosition::kOther);
          line += " (" + Join(it.keys, IndexKeyText) + ")";
          if (!it.include.empty()) line += " include " + ColumnList(it.include);
          if (it.nulls_not_distinct) line += " nulls not distinct";
          if (!it.with.empty()) {
            line += " with (" +
                    Join(it.with,
                         [](const ast::StorageParam& p) {
                           return Name(p.key, NamePosition::kOther) + " = " + p.value;
                         }) +
                    ")";
          }
          if (it.where) line += " where " + Parenthesized(*it.where);
          return {line};
        } else if constexpr (std::is_same_v<T, ast::ExclusionItem>) {
          std::string line = indent + "exclude" + OptionalName(it.name);
          if (it.method) line += " using " + Name(*it.method, NamePosition::kOther);
          line += " (" + Join(it.elements, ExclusionElementText) + ")";
          if (!it.include.empty()) line += " include " + ColumnList(it.include);
          if (it.where) line += " where " + Parenthesized(*it.where);
          return {line + KeyDeferrable(it.deferrable, it.initially_deferred)};
        } else if constexpr (std::is_same_v<T, ast::RlsItem>) {
          return {indent + (it.force ? "rls force" : "rls")};
        } else if constexpr (std::is_same_v<T, ast::PolicyItem>) {
          std::string head = indent + "policy " + DoubleQuoteIdent(it.name.name);
          if (it.restrictive) {
            head += " as restrictive";
          } else if (it.explicit_permissive) {
            head += " as permissive";
          }
          if (it.explicit_command) head += std::string(" for ") + PolicyCommandText(it.command);
          if (!it.roles.empty()) head += " to " + RoleList(it.roles);
          std::vector<std::string> clauses;
          if (it.using_expr) clauses.push_back("using " + Parenthesized(*it.using_expr));
          if (it.with_check) clauses.push_back("with check " + Parenthesized(*it.with_check));
          std::string one = head;
          for (const std::string& clause : clauses) one += " " + clause;
          // SQL spanning lines stays where it is: its lines must stay indented deeper than
          // the line of its `(`.
          bool multi_line = one.find('\n') != std::string::npos;
          if (clauses.empty() || multi_line || MaxLineWidth(one) <= kMaxWidth) return {one};
          std::vector<std::string> lines = {head};
          for (const std::string& clause : clauses) {
            lines.push_back(std::string(kContinuationIndent) + clause);
          }
          return lines;
        } else if constexpr (std::is_same_v<T, ast::GrantItem>) {
          return {indent + "grant " +
                  Join(it.privileges, [](const std::string& p) { return AsciiLower(p); }) + " to " +
                  RoleList(it.roles)};
        } else {
          static_assert(std::is_same_v<T, ast::RealtimeItem>);
          return {indent +
                  (it.replica_identity_full ? "realtime replica identity full" : "realtime")};
        }
      },
      item);
}

// A view: its head, the query verbatim, the check option and its block of items (their doc
// comments included; a `--` comment inside the view is moved before it).
std::vector<std::string> ViewLines(const ast::ViewDecl& d) {
  std::string head = d.materialized ? "materialized view " : "view ";
  head += QName(d.name, NamePosition::kOther);
  if (!d.options.empty()) {
    head += " with (" + Join(d.options, [](const ast::Ident& o) {
              return Name(o, NamePosition::kOther);
            }) + ")";
  }
  head += " as (" + d.query.text + ")";
  switch (d.check_option) {
    case ast::ViewCheckOption::kNone:
      break;
    case ast::ViewCheckOption::kDefault:
      head += " with check option";
      break;
    case ast::ViewCheckOption::kLocal:
      head += " with local check option";
      break;
    case ast::ViewCheckOption::kCascaded:
      head += " with cascaded check option";
      break;
  }
  if (!d.has_block) return {head};
  std::vector<std::string> lines = {head + " {"};
  for (size_t i = 0; i < d.entries.size(); ++i) {
    const ast::ViewEntry& entry = d.entries[i];
    if (i > 0 && entry.blank_line_before) lines.push_back("");
    std::visit(
        [&](const auto& it) {
          using T = std::decay_t<decltype(it)>;
          for (const std::string& text : it.doc) {
            std::string_view trimmed = RTrim(text);
            lines.push_back(std::string(kItemIndent) + "///" +
                            (trimmed.empty() ? "" : " " + std::string(trimmed)));
          }
          if constexpr (std::is_same_v<T, ast::ViewColumnItem>) {
            lines.push_back(std::string(kItemIndent) + "column " +
                            Name(it.name, NamePosition::kColumn));
          } else {
            T copy = it;
            copy.doc.clear();
            for (std::string& line : ItemLines(ast::TableItem(std::move(copy)))) {
              lines.push_back(std::move(line));
            }
          }
        },
        entry.item);
  }
  lines.push_back("}");
  return lines;
}

// `owner ROLE of KIND NAME, ...` on one line.
std::string OwnerLine(const ast::OwnerDecl& d) {
  static constexpr const char* kKinds[] = {"schema", "table", "view", "materialized view", "enum",
                                           "function"};
  std::string line = "owner " + Name(d.role, NamePosition::kOther) + " of ";
  for (size_t i = 0; i < d.objects.size(); ++i) {
    const ast::OwnerObject& o = d.objects[i];
    line += (i == 0 ? "" : ", ") + std::string(kKinds[static_cast<int>(o.kind)]) + " " +
            QName(o.name, NamePosition::kOther);
    if (o.args) line += "(" + Join(*o.args, TypeText) + ")";
  }
  return line;
}

// The lines of a declaration other than a table.
std::vector<std::string> DeclLines(const ast::Decl& decl) {
  return std::visit(
      [](const auto& d) -> std::vector<std::string> {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, ast::TargetDecl>) {
          return {"target " + Name(d.name, NamePosition::kOther)};
        } else if constexpr (std::is_same_v<T, ast::ExtensionDecl>) {
          std::string line = "extension " + Name(d.name, NamePosition::kOther);
          if (d.schema) line += " schema " + Name(*d.schema, NamePosition::kOther);
          if (d.version) line += " version " + QuoteSqlString(d.version->value);
          return {line};
        } else if constexpr (std::is_same_v<T, ast::SchemaDecl>) {
          return {"schema " + Name(d.name, NamePosition::kOther)};
        } else if constexpr (std::is_same_v<T, ast::ExternRoleDecl>) {
          return {"extern role " + Name(d.name, NamePosition::kOther)};
        } else if constexpr (std::is_same_v<T, ast::SchemaGrantDecl>) {
          return {"grant " + Join(d.privileges, [](const std::string& p) { return AsciiLower(p); }) +
                  (d.on_schema ? " on schema " : " on all tables in schema ") +
                  Name(d.schema, NamePosition::kOther) + " to " +
                  RoleList(d.roles)};
        } else if constexpr (std::is_same_v<T, ast::OwnerDecl>) {
          return {OwnerLine(d)};
        } else if constexpr (std::is_same_v<T, ast::TriggerDecl>) {
          return TriggerLines(TriggerTextOf(d), kMaxWidth, std::string(kContinuationIndent));
        } else if constexpr (std::is_same_v<T, ast::ViewDecl>) {
          return ViewLines(d);
        } else if constexpr (std::is_same_v<T, ast::SequenceDecl>) {
          return SequenceLines(d);
        } else if constexpr (std::is_same_v<T, ast::EnumDecl>) {
          std::vector<std::string> values;
          for (const ast::EnumValue& v : d.values) {
            std::string text = QuoteSqlString(v.label.value);
            if (v.renamed_from) text += " renamed from " + QuoteSqlString(v.renamed_from->value);
            values.push_back(std::move(text));
          }
          std::string head = "enum " + QName(d.name, NamePosition::kOther) + " (";
          std::string one = head + Join(values, [](const std::string& s) { return s; }) + ")";
          if (values.empty() || MaxLineWidth(one) <= kMaxWidth) return {one};
          std::vector<std::string> lines = {head};
          for (size_t i = 0; i < values.size(); ++i) {
            lines.push_back(std::string(kItemIndent) + values[i] +
                            (i + 1 < values.size() ? "," : ""));
          }
          lines.push_back(")");
          return lines;
        } else if constexpr (std::is_same_v<T, ast::FunctionDecl>) {
          return FunctionLines(d, kItemIndent, kMaxWidth);
        } else if constexpr (std::is_same_v<T, ast::DomainDecl>) {
          return DomainLines(d, kItemIndent, kMaxWidth);
        } else if constexpr (std::is_same_v<T, ast::CompositeDecl>) {
          return CompositeLines(d, kItemIndent, kMaxWidth);
        } else {
          return {};  // Tables are written by Formatter::EmitTable.
        }
      },
      decl);
}

template <typename T>
Span SpanOf(const T& variant) {
  return std::visit([](const auto& x) { return x.span; }, variant);
}

template <typename T>
const ast::DocComment* DocOf(const T& variant) {
  return std::visit(
      [](const auto& x) -> const ast::DocComment* {
        if constexpr (requires { x.doc; }) {
          return &x.doc;
        } else {
          return nullptr;
        }
      },
      variant);
}

uint32_t Begin(const Span& span) { return span.begin.offset; }
uint32_t End(const Span& span) { return span.end.offset; }

void AppendDoc(std::vector<std::string>& lines, const ast::DocComment* doc,
               std::string_view indent) {
  if (doc == nullptr) return;
  for (const std::string& text : *doc) {
    std::string_view trimmed = RTrim(text);
    lines.push_back(std::string(indent) + "///" +
                    (trimmed.empty() ? "" : " " + std::string(trimmed)));
  }
}

// A `///` line that documents nothing is kept as written (the parser keeps it with the comments).
std::string CommentLine(const ast::Comment& comment, std::string_view indent) {
  return std::string(indent) + (comment.doc ? "///" : "--") + std::string(RTrim(comment.text));
}

void AppendTrailing(std::string& line, const ast::Comment* comment) {
  if (comment != nullptr) line += " " + CommentLine(*comment, "");
}

// Comments attached to one line of output: those printed on their own lines before it, and
// the one printed at its end.
struct Slot {
  CommentList leading;
  const ast::Comment* trailing = nullptr;
  /// Own-line comments right below the trailing one and starting in its column: they continue
  /// it and stay aligned under it.
  CommentList continuation;
};

// Where the last of a slot's trailing comments ends, or `otherwise`.
uint32_t TrailingEnd(const Slot& slot, uint32_t otherwise) {
  if (!slot.continuation.empty()) return End(slot.continuation.back()->span);
  return slot.trailing ? End(slot.trailing->span) : otherwise;
}

// Appends `lines` (an item or declaration) with the trailing comments of `slot` at the end.
void AppendWithTrailing(std::vector<std::string>& out, std::vector<std::string> lines,
                        const Slot& slot) {
  if (slot.trailing == nullptr) {
    out.insert(out.end(), lines.begin(), lines.end());
    return;
  }
  std::string& last = lines.back();
  std::string indent(MaxLineWidth(last.substr(last.rfind('\n') + 1)) + 1, ' ');
  AppendTrailing(last, slot.trailing);
  out.insert(out.end(), lines.begin(), lines.end());
  for (const ast::Comment* c : slot.continuation) out.push_back(CommentLine(*c, indent));
}

struct TableSlots {
  uint32_t header_end = 0;  ///< Just after the `{`.
  Slot header;              ///< Comments on the line of the `{` (only trailing ones).
  std::vector<Slot> entries;
  CommentList close_leading;  ///< Own-line comments before `}`.
};

class Formatter {
 public:
  Formatter(const ast::File& file, const SourceManager& sources) : file_(file) {
    if (file.source < sources.files().size()) source_ = &sources.file(file.source);
  }

  std::string Run() {
    AssignComments();
    EmitDecls();
    while (!lines_.empty() && lines_.back().empty()) lines_.pop_back();
    std::string out;
    for (const std::string& line : lines_) {
      out += line;
      out += '\n';
    }
    return out;
  }

 private:
  // --- Source positions -----------------------------------------------------------------

  // 0-based line of a byte offset.
  size_t LineOf(uint32_t offset) const {
    if (source_ == nullptr || source_->line_starts.empty()) return 0;
    auto it = std::upper_bound(source_->line_starts.begin(), source_->line_starts.end(), offset);
    return static_cast<size_t>(it - source_->line_starts.begin()) - 1;
  }

  // 0-based byte column of an offset.
  uint32_t ColumnOf(uint32_t offset) const {
    if (source_ == nullptr || source_->line_starts.empty()) return 0;
    return offset - source_->line_starts[LineOf(offset)];
  }

  // Line of the last byte of a range that ends at `end`.
  size_t EndLine(uint32_t end) const { return LineOf(end > 0 ? end - 1 : 0); }

  std::string_view LineText(size_t line) const {
    return source_->Line(static_cast<uint32_t>(line + 1));
  }

  static bool IsBlank(std::string_view line) {
    return RTrim(line).find_first_not_of(" \t") == std::string_view::npos;
  }

  // True when a line holding only white space lies between the end of one thing and the
  // beginning of the next.
  bool BlankBetween(uint32_t end, uint32_t begin) const {
    if (source_ == nullptr || begin <= end || begin > source_->text.size()) return false;
    size_t first = EndLine(end) + 1;
    size_t last = LineOf(begin);
    for (size_t line = first; line < last; ++line) {
      if (IsBlank(LineText(line))) return true;
    }
    return false;
  }

  // Where a declaration or item starts in the source including its `///` lines (the parser
  // may or may not include them in the span).
  uint32_t StartWithDoc(uint32_t begin, const ast::DocComment* doc) const {
    if (source_ == nullptr || doc == nullptr || doc->empty()) return begin;
    size_t line = LineOf(begin);
    size_t first = line;
    while (first > 0) {
      std::string_view text = LineText(first - 1);
      size_t start = text.find_first_not_of(" \t");
      if (start == std::string_view::npos || text.substr(start, 3) != "///") break;
      --first;
    }
    return first == line ? begin : source_->line_starts[first];
  }

  // The offset just after the `{` of a table, found in the source after its name.
  uint32_t TableHeaderEnd(const ast::TableDecl& table) const {
    uint32_t from = End(table.renamed_from ? table.renamed_from->span : table.name.span);
    if (source_ == nullptr) return from;
    uint32_t stop =
        std::min<uint32_t>(Begin(table.close_brace), static_cast<uint32_t>(source_->text.size()));
    const std::string& text = source_->text;
    for (uint32_t i = from; i < stop; ++i) {
      if (text[i] == '{') return i + 1;
      if (text[i] == '-' && i + 1 < stop && text[i + 1] == '-') {
        while (i < stop && text[i] != '\n') ++i;
      }
    }
    return from;
  }

  // Where a declaration starts. The name of a table bounds it too: its span has been seen to
  // start late (at its last item), and nothing but blanks separates `table` from the name.
  static uint32_t DeclBegin(const ast::Decl& decl) {
    uint32_t begin = Begin(SpanOf(decl));
    if (const auto* table = std::get_if<ast::TableDecl>(&decl)) {
      begin = std::min(begin, Begin(table->name.span));
    }
    return begin;
  }

  // --- Attaching comments -----------------------------------------------------------------

  void AssignComments() {
    size_t n = file_.decls.size();
    decl_slots_.assign(n, {});
    tables_.assign(n, {});
    for (size_t i = 0; i < n; ++i) {
      if (const auto* table = std::get_if<ast::TableDecl>(&file_.decls[i])) {
        tables_[i].header_end = TableHeaderEnd(*table);
        tables_[i].entries.assign(table->entries.size(), {});
      }
    }
    CommentList comments;
    for (const ast::Comment& c : file_.comments) comments.push_back(&c);
    std::stable_sort(comments.begin(), comments.end(),
                     [](const ast::Comment* a, const ast::Comment* b) {
                       return Begin(a->span) < Begin(b->span);
                     });
    size_t d = 0;  // First declaration that ends after the comment.
    for (const ast::Comment* c : comments) {
      uint32_t at = Begin(c->span);
      if (continued_ != nullptr && c->own_line && LineOf(at) == continued_line_ + 1 &&
          ColumnOf(at) == continued_column_) {
        continued_->continuation.push_back(c);
        ++continued_line_;
        continue;
      }
      continued_ = nullptr;
      while (d < n && End(SpanOf(file_.decls[d])) <= at) ++d;
      if (d < n && DeclBegin(file_.decls[d]) <= at) {
        if (const auto* table = std::get_if<ast::TableDecl>(&file_.decls[d])) {
          AssignInTable(d, *table, c);
        } else {
          decl_slots_[d].leading.push_back(c);  // Inside a declaration: moved before it.
        }
        continue;
      }
      if (!c->own_line && d > 0 && LineOf(at) == EndLine(End(SpanOf(file_.decls[d - 1])))) {
        if (SetTrailing(decl_slots_[d - 1], c)) continue;
      }
      if (d < n) {
        decl_slots_[d].leading.push_back(c);
      } else {
        end_of_file_.push_back(c);
      }
    }
  }

  // Makes `c` the trailing comment of `slot` unless it already has one.
  bool SetTrailing(Slot& slot, const ast::Comment* c) {
    if (slot.trailing != nullptr) return false;
    slot.trailing = c;
    continued_ = &slot;
    continued_line_ = LineOf(Begin(c->span));
    continued_column_ = ColumnOf(Begin(c->span));
    return true;
  }

  void AssignInTable(size_t d, const ast::TableDecl& table, const ast::Comment* c) {
    TableSlots& slots = tables_[d];
    uint32_t at = Begin(c->span);
    if (at < slots.header_end) {
      decl_slots_[d].leading.push_back(c);
      return;
    }
    if (at >= Begin(table.close_brace)) {
      // After the `}` yet inside the declaration's span: the end of the declaration.
      if (c->own_line || !SetTrailing(decl_slots_[d], c)) decl_slots_[d].leading.push_back(c);
      return;
    }
    const auto& entries = table.entries;
    auto next = std::partition_point(entries.begin(), entries.end(), [&](const ast::TableEntry& e) {
      return End(SpanOf(e.item)) <= at;
    });
    size_t j = static_cast<size_t>(next - entries.begin());
    if (j < entries.size() && Begin(SpanOf(entries[j].item)) <= at) {
      slots.entries[j].leading.push_back(c);  // Between the clauses of an item.
      return;
    }
    if (!c->own_line) {
      if (j > 0 && LineOf(at) == EndLine(End(SpanOf(entries[j - 1].item))) &&
          SetTrailing(slots.entries[j - 1], c)) {
        return;
      }
      if (LineOf(at) == EndLine(slots.header_end) && SetTrailing(slots.header, c)) return;
    }
    if (j < entries.size()) {
      slots.entries[j].leading.push_back(c);
    } else {
      slots.close_leading.push_back(c);
    }
  }

  // --- Output -------------------------------------------------------------------------------

  void Blank(std::vector<std::string>& lines) {
    if (!lines.empty() && !lines.back().empty()) lines.push_back("");
  }

  // Appends a block of own-line comments. `previous_end` is where the thing before the block
  // ends when a blank line there may be kept; `next_begin` where the thing after it begins.
  // Returns whether a blank line was written.
  bool AppendComments(std::vector<std::string>& lines, const CommentList& comments,
                      std::string_view indent, std::optional<uint32_t> previous_end,
                      std::optional<uint32_t> next_begin) {
    bool blank = false;
    auto maybe_blank = [&](uint32_t end, uint32_t begin) {
      if (BlankBetween(end, begin)) {
        lines.push_back("");
        blank = true;
      }
    };
    for (size_t k = 0; k < comments.size(); ++k) {
      if (k == 0 && previous_end) maybe_blank(*previous_end, Begin(comments[0]->span));
      if (k > 0) maybe_blank(End(comments[k - 1]->span), Begin(comments[k]->span));
      lines.push_back(CommentLine(*comments[k], indent));
    }
    if (!comments.empty() && next_begin) maybe_blank(End(comments.back()->span), *next_begin);
    return blank;
  }

  void EmitDecls() {
    bool have_previous = false;
    size_t previous_kind = 0;
    bool previous_one_line = false;
    uint32_t previous_end = 0;
    for (size_t i = 0; i < file_.decls.size(); ++i) {
      const ast::Decl& decl = file_.decls[i];
      const Slot& slot = decl_slots_[i];
      const ast::DocComment* doc = DocOf(decl);
      uint32_t start = StartWithDoc(DeclBegin(decl), doc);
      std::vector<std::string> body = DeclLines(decl);
      bool one_line = body.size() == 1;
      if (have_previous) {
        uint32_t first = slot.leading.empty() ? start : Begin(slot.leading[0]->span);
        bool together = previous_one_line && one_line && previous_kind == decl.index() &&
                        !BlankBetween(previous_end, first);
        if (!together) Blank(lines_);
      }
      AppendComments(lines_, slot.leading, "", std::nullopt, start);
      AppendDoc(lines_, doc, "");
      if (const auto* table = std::get_if<ast::TableDecl>(&decl)) {
        EmitTable(*table, tables_[i], slot);
      } else {
        AppendWithTrailing(lines_, std::move(body), slot);
      }
      have_previous = true;
      previous_kind = decl.index();
      previous_one_line = one_line;
      previous_end = TrailingEnd(slot, End(SpanOf(decl)));
    }
    AppendComments(lines_, end_of_file_, "",
                   have_previous ? std::optional<uint32_t>(previous_end) : std::nullopt,
                   std::nullopt);
  }

  struct PlannedEntry {
    std::vector<std::string> before;  ///< Blank lines, `--` and `///` lines.
    bool starts_run = true;           ///< A blank line or a non-column ends a column run.
    std::vector<std::string> lines;
  };

  void EmitTable(const ast::TableDecl& table, const TableSlots& slots, const Slot& decl_slot) {
    std::string header = table.is_extern ? "extern table " : "table ";
    header += QName(table.name, NamePosition::kOther);
    if (table.renamed_from) {
      header += " renamed from " + Name(*table.renamed_from, NamePosition::kOther);
    }
    header += " {";
    AppendWithTrailing(lines_, {header}, slots.header);

    const auto& entries = table.entries;
    std::vector<PlannedEntry> planned(entries.size());
    uint32_t previous_end = TrailingEnd(slots.header, slots.header_end);
    for (size_t j = 0; j < entries.size(); ++j) {
      const ast::TableEntry& entry = entries[j];
      const Slot& slot = slots.entries[j];
      PlannedEntry& plan = planned[j];
      const ast::DocComment* doc = DocOf(entry.item);
      uint32_t start = StartWithDoc(Begin(SpanOf(entry.item)), doc);
      bool blank = false;
      if (!slot.leading.empty()) {
        blank = AppendComments(plan.before, slot.leading, kItemIndent,
                               j > 0 ? std::optional<uint32_t>(previous_end) : std::nullopt, start);
      } else if (j > 0 && entry.blank_line_before) {
        plan.before.push_back("");
        blank = true;
      }
      AppendDoc(plan.before, doc, kItemIndent);
      bool is_column = std::holds_alternative<ast::Column>(entry.item);
      bool previous_is_column = j > 0 && std::holds_alternative<ast::Column>(entries[j - 1].item);
      plan.starts_run = blank || !is_column || !previous_is_column;
      if (!is_column) plan.lines = ItemLines(entry.item);
      previous_end = TrailingEnd(slot, End(SpanOf(entry.item)));
    }
    LayOutColumns(entries, planned);

    for (size_t j = 0; j < entries.size(); ++j) {
      PlannedEntry& plan = planned[j];
      lines_.insert(lines_.end(), plan.before.begin(), plan.before.end());
      AppendWithTrailing(lines_, std::move(plan.lines), slots.entries[j]);
    }
    AppendComments(lines_, slots.close_leading, kItemIndent,
                   entries.empty() ? std::nullopt : std::optional<uint32_t>(previous_end),
                   std::nullopt);
    AppendWithTrailing(lines_, {"}"}, decl_slot);
  }

  // Columns of one run share the position of their types and of their modifiers.
  static void LayOutColumns(const std::vector<ast::TableEntry>& entries,
                            std::vector<PlannedEntry>& planned) {
    size_t j = 0;
    while (j < entries.size()) {
      if (!std::holds_alternative<ast::Column>(entries[j].item)) {
        ++j;
        continue;
      }
      size_t end = j + 1;
      while (end < entries.size() && std::holds_alternative<ast::Column>(entries[end].item) &&
             !planned[end].starts_run) {
        ++end;
      }
      std::vector<std::string> names, types, modifiers;
      size_t name_width = 0, type_width = 0;
      for (size_t k = j; k < end; ++k) {
        const auto& column = std::get<ast::Column>(entries[k].item);
        names.push_back(Name(column.name, NamePosition::kColumn));
        types.push_back(TypeText(column.type) + (column.nullable ? "?" : ""));
        modifiers.push_back(ColumnModifiers(column));
        name_width = std::max(name_width, Width(names.back()));
        type_width = std::max(type_width, Width(types.back()));
      }
      for (size_t k = j; k < end; ++k) {
        size_t i = k - j;
        std::string line = std::string(kItemIndent) + PadTo(names[i], name_width + 1);
        if (modifiers[i].empty()) {
          line += types[i];
        } else {
          line += PadTo(types[i], type_width + 1) + modifiers[i];
        }
        planned[k].lines = {line};
      }
      j = end;
    }
  }

  const ast::File& file_;
  const SourceFile* source_ = nullptr;
  std::vector<Slot> decl_slots_;
  std::vector<TableSlots> tables_;  ///< Indexed like the declarations; empty for non-tables.
  CommentList end_of_file_;
  std::vector<std::string> lines_;
  // The slot whose trailing comment may be continued by the next own-line comment.
  Slot* continued_ = nullptr;
  size_t continued_line_ = 0;
  uint32_t continued_column_ = 0;
};

}  // namespace

std::string FormatName(const ast::Ident& id, NamePosition position) { return Name(id, position); }
std::string FormatType(const ast::TypeRef& type) { return TypeText(type); }

std::string FormatFile(const ast::File& file, const SourceManager& sources) {
  return Formatter(file, sources).Run();
}

}  // namespace schemac::dsl
