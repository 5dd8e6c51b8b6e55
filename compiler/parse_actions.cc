// The grammar's actions: what each matched rule of grammar/schema_grammar.h adds to the syntax
// tree in State, and ParseRange, which runs the grammar with them. They stay in one translation
// unit with pegtl::parse, so that the compiler can inline each action into the rule matching it
// (several of them run on every line of a schema).

#include <charconv>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "compiler/parse_internal.h"
#include "compiler/parse_messages.h"

namespace schemac::parse_internal {
namespace {

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
    s.diags.Warning(s.SpanOf(s.head, s.head), "doc comment does not document anything");
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

}  // namespace

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

}  // namespace schemac::parse_internal
