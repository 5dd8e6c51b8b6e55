#include "compiler/parse.h"

#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace schemac {
namespace {

struct Parsed {
  SourceManager sources;
  Diagnostics diags;
  ast::File file;
};

std::unique_ptr<Parsed> ParseText(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  uint32_t index = p->sources.Add("test.schema", text);
  p->file = Parse(p->sources, index, p->diags);
  return p;
}

// "line:col: message" for each diagnostic, one per line ("warning: " before warnings).
std::string Messages(const Parsed& p) {
  std::string out;
  for (const Diagnostic& d : p.diags.all()) {
    if (d.span) out += std::to_string(d.span->begin.line) + ":" + std::to_string(d.span->begin.col) + ": ";
    if (d.severity == Severity::kWarning) out += "warning: ";
    out += d.message + "\n";
  }
  return out;
}

std::unique_ptr<Parsed> ParseOk(const std::string& text) {
  auto p = ParseText(text);
  INFO(Messages(*p));
  REQUIRE(p->diags.all().empty());
  return p;
}

const ast::TableDecl& TableAt(const ast::File& f, size_t i) {
  REQUIRE(i < f.decls.size());
  REQUIRE(std::holds_alternative<ast::TableDecl>(f.decls[i]));
  return std::get<ast::TableDecl>(f.decls[i]);
}

template <typename T>
const T& ItemAt(const ast::TableDecl& t, size_t i) {
  REQUIRE(i < t.entries.size());
  REQUIRE(std::holds_alternative<T>(t.entries[i].item));
  return std::get<T>(t.entries[i].item);
}

std::string Text(const Parsed& p, const Span& s) {
  return p.sources.file(s.file).text.substr(s.begin.offset, s.end.offset - s.begin.offset);
}

TEST_CASE("parse: top-level declarations", "[parse]") {
  auto p = ParseOk(
      "target supabase\n"
      "extension vector schema extensions version '0.7.0'\n"
      "extension pg_trgm\n"
      "schema app\n"
      "enum app.kind ('a', 'it''s' renamed from 'old', 'c')\n"
      "extern role app_user\n"
      "extern table auth.users {\n  id uuid primary key\n}\n"
      "table posts renamed from articles {\n}\n");
  const auto& decls = p->file.decls;
  REQUIRE(decls.size() == 8);
  CHECK(std::get<ast::TargetDecl>(decls[0]).name.name == "supabase");
  const auto& ext = std::get<ast::ExtensionDecl>(decls[1]);
  CHECK(ext.name.name == "vector");
  REQUIRE(ext.schema);
  CHECK(ext.schema->name == "extensions");
  REQUIRE(ext.version);
  CHECK(ext.version->value == "0.7.0");
  CHECK(Text(*p, ext.span) == "extension vector schema extensions version '0.7.0'");
  CHECK(!std::get<ast::ExtensionDecl>(decls[2]).schema);
  CHECK(std::get<ast::SchemaDecl>(decls[3]).name.name == "app");
  const auto& e = std::get<ast::EnumDecl>(decls[4]);
  REQUIRE(e.name.schema);
  CHECK(e.name.schema->name == "app");
  CHECK(e.name.name.name == "kind");
  REQUIRE(e.values.size() == 3);
  CHECK(e.values[1].label.value == "it's");
  REQUIRE(e.values[1].renamed_from);
  CHECK(e.values[1].renamed_from->value == "old");
  CHECK(Text(*p, e.values[1].span) == "'it''s' renamed from 'old'");
  CHECK(e.span.begin.line == 5);
  CHECK(std::get<ast::ExternRoleDecl>(decls[5]).name.name == "app_user");
  const auto& users = TableAt(p->file, 6);
  CHECK(users.is_extern);
  CHECK(users.name.schema->name == "auth");
  CHECK(users.entries.size() == 1);
  const auto& posts = TableAt(p->file, 7);
  CHECK(!posts.is_extern);
  REQUIRE(posts.renamed_from);
  CHECK(posts.renamed_from->name == "articles");
  CHECK(posts.entries.empty());
  CHECK(posts.close_brace.begin.line == 11);
  CHECK(posts.close_brace.begin.col == 1);
  CHECK(posts.span.begin.line == 10);
  CHECK(posts.span.end.line == 11);
  CHECK(posts.span.end.col == 2);
}

TEST_CASE("parse: a table's span starts at 'table' and ends at '}'", "[parse]") {
  auto p = ParseOk("\n/// doc\ntable t {\n  a int\n  b text\n}\n");
  const auto& table = std::get<ast::TableDecl>(p->file.decls.at(0));
  REQUIRE(table.span.begin.line == 3);
  REQUIRE(table.span.begin.col == 1);
  REQUIRE(table.span.end.line == 6);
  REQUIRE(table.close_brace.begin.line == 6);
}

TEST_CASE("parse: multi-line enum and empty enum", "[parse]") {
  auto p = ParseOk("enum s (\n  'a', -- first\n  'b'\n)\nenum empty ()\n");
  const auto& e = std::get<ast::EnumDecl>(p->file.decls[0]);
  CHECK(e.values.size() == 2);
  CHECK(std::get<ast::EnumDecl>(p->file.decls[1]).values.empty());
  REQUIRE(p->file.comments.size() == 1);
  CHECK(p->file.comments[0].text == " first");
  CHECK(!p->file.comments[0].own_line);
}

TEST_CASE("parse: keywords are case-insensitive, identifiers fold", "[parse]") {
  auto p = ParseOk(
      "TABLE Public.\"MixedCase\" {\n"
      "  ID INT4 PRIMARY KEY DEFAULT 1\n"
      "  \"Name\" TEXT? UNIQUE\n"
      "  \"a\"\"b\" Text\n"
      "  Ünïcode_Col text\n"
      "  D TIMESTAMP WITH TIME ZONE\n"
      "  \"\"\"q\"\"\" text\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  CHECK(t.name.schema->name == "public");
  CHECK(!t.name.schema->quoted);
  CHECK(t.name.name.name == "MixedCase");
  CHECK(t.name.name.quoted);
  const auto& id = ItemAt<ast::Column>(t, 0);
  CHECK(id.name.name == "id");
  CHECK(id.type.name.name.name == "int4");
  CHECK(id.primary_key);
  REQUIRE(id.default_value);
  CHECK(id.default_value->sql == "1");
  const auto& name = ItemAt<ast::Column>(t, 1);
  CHECK(name.name.name == "Name");
  CHECK(name.name.quoted);
  CHECK(name.nullable);
  CHECK(name.unique);
  CHECK(ItemAt<ast::Column>(t, 2).name.name == "a\"b");
  CHECK(ItemAt<ast::Column>(t, 3).name.name == "\xC3\x9Cn\xC3\xAF" "code_col");
  CHECK(ItemAt<ast::Column>(t, 4).type.name.name.name == "timestamp with time zone");
  CHECK(ItemAt<ast::Column>(t, 5).name.name == "\"q\"");
}

TEST_CASE("parse: column types", "[parse]") {
  auto p = ParseOk(
      "table t {\n"
      "  a double precision\n"
      "  b character varying(20)\n"
      "  c bit varying(8)[]\n"
      "  d timestamp(3) without time zone?\n"
      "  e time(6) with time zone\n"
      "  f timestamp(3)\n"
      "  g numeric(10, 2)[][]\n"
      "  h public.citext\n"
      "  i \"My Type\"?\n"
      "  j vector(1536)?\n"
      "  k character(3)\n"
      "  l time\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  auto type = [&](size_t i) -> const ast::TypeRef& { return ItemAt<ast::Column>(t, i).type; };
  CHECK(type(0).name.name.name == "double precision");
  CHECK(type(1).name.name.name == "character varying");
  CHECK(type(1).modifiers == std::vector<int64_t>{20});
  CHECK(type(2).name.name.name == "bit varying");
  CHECK(type(2).array_dims == 1);
  CHECK(type(3).name.name.name == "timestamp without time zone");
  CHECK(type(3).modifiers == std::vector<int64_t>{3});
  CHECK(ItemAt<ast::Column>(t, 3).nullable);
  CHECK(type(4).name.name.name == "time with time zone");
  CHECK(type(4).modifiers == std::vector<int64_t>{6});
  CHECK(type(5).name.name.name == "timestamp");
  CHECK(type(5).modifiers == std::vector<int64_t>{3});
  CHECK(type(6).modifiers == std::vector<int64_t>{10, 2});
  CHECK(type(6).array_dims == 2);
  CHECK(Text(*p, type(6).span) == "numeric(10, 2)[][]");
  CHECK(type(7).name.schema->name == "public");
  CHECK(type(7).name.name.name == "citext");
  CHECK(type(8).name.name.name == "My Type");
  CHECK(type(8).name.name.quoted);
  CHECK(ItemAt<ast::Column>(t, 8).nullable);
  CHECK(type(9).modifiers == std::vector<int64_t>{1536});
  CHECK(type(10).name.name.name == "character");
  CHECK(type(11).name.name.name == "time");
}

TEST_CASE("parse: column modifiers", "[parse]") {
  auto p = ParseOk(
      "table t {\n"
      "  a uuid primary key references auth.users(id) on delete cascade on update set null "
      "deferrable initially deferred not valid\n"
      "  b text check (b <> '') collate \"C\" unique renamed from old_b\n"
      "  c bigint identity by default\n"
      "  d bigint identity\n"
      "  e int generated always as (a + 1)\n"
      "  f int generated always as ((1)) virtual\n"
      "  g bigint generated by default as identity\n"
      "  h bigint generated always as identity\n"
      "  i jsonb default '{}'::jsonb\n"
      "  j numeric default -1.5\n"
      "  k timestamptz default now()\n"
      "  l timestamptz default current_timestamp\n"
      "  m text default (lower('X') || 'y')\n"
      "  n bool default true\n"
      "  o text? default null\n"
      "  p int references q on delete set default on update no action\n"
      "  r text default pg_catalog.concat('a', 'b')::text\n"
      "  s int references t2 on delete restrict deferrable\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  auto col = [&](size_t i) -> const ast::Column& { return ItemAt<ast::Column>(t, i); };
  const auto& a = col(0);
  REQUIRE(a.references);
  CHECK(a.references->table.schema->name == "auth");
  CHECK(a.references->table.name.name == "users");
  REQUIRE(a.references->columns.size() == 1);
  CHECK(a.references->columns[0].name == "id");
  CHECK(a.references->on_delete == ast::FkAction::kCascade);
  CHECK(a.references->on_update == ast::FkAction::kSetNull);
  CHECK(a.references->deferrable);
  CHECK(a.references->initially_deferred);
  CHECK(a.references->not_valid);
  CHECK(Text(*p, *a.primary_key) == "primary key");
  CHECK(Text(*p, a.references->span).rfind("references auth.users(id)", 0) == 0);
  const auto& b = col(1);
  REQUIRE(b.check);
  CHECK(b.check->text == "b <> ''");
  CHECK(Text(*p, b.check->span) == "(b <> '')");
  CHECK(b.collate->name == "C");
  CHECK(b.unique);
  CHECK(b.renamed_from->name == "old_b");
  CHECK(col(2).identity == ast::Identity::kByDefault);
  CHECK(col(3).identity == ast::Identity::kAlways);
  REQUIRE(col(4).generated);
  CHECK(col(4).generated->expression.text == "a + 1");
  CHECK(col(4).generated->kind == ast::GeneratedKind::kUnsaid);
  CHECK(col(5).generated->expression.text == "(1)");
  CHECK(col(5).generated->kind == ast::GeneratedKind::kVirtual);
  CHECK(col(6).identity == ast::Identity::kByDefault);
  CHECK(!col(6).generated);
  CHECK(col(7).identity == ast::Identity::kAlways);
  auto def = [&](size_t i) -> const ast::Default& {
    REQUIRE(col(i).default_value);
    return *col(i).default_value;
  };
  CHECK(def(8).kind == ast::Default::Kind::kLiteral);
  CHECK(def(8).sql == "'{}'::jsonb");
  CHECK(def(9).sql == "-1.5");
  CHECK(def(10).kind == ast::Default::Kind::kCall);
  CHECK(def(10).sql == "now()");
  CHECK(def(11).kind == ast::Default::Kind::kCall);
  CHECK(def(11).sql == "current_timestamp");
  CHECK(def(12).kind == ast::Default::Kind::kParenthesized);
  CHECK(def(12).sql == "lower('X') || 'y'");
  CHECK(def(13).sql == "true");
  CHECK(def(13).kind == ast::Default::Kind::kLiteral);
  CHECK(def(14).sql == "null");
  CHECK(col(14).nullable);
  CHECK(col(15).references->on_delete == ast::FkAction::kSetDefault);
  CHECK(col(15).references->on_update == ast::FkAction::kNoAction);
  CHECK(col(15).references->columns.empty());
  CHECK(def(16).sql == "pg_catalog.concat('a', 'b')::text");
  CHECK(col(17).references->on_delete == ast::FkAction::kRestrict);
  CHECK(col(17).references->deferrable);
  CHECK(!col(17).references->initially_deferred);
  CHECK(Text(*p, def(10).span) == "default now()");
}

TEST_CASE("parse: modifiers in any order", "[parse]") {
  auto p = ParseOk("table t {\n  id uuid default gen_random_uuid() primary key\n}\n");
  const auto& c = ItemAt<ast::Column>(TableAt(p->file, 0), 0);
  CHECK(c.primary_key);
  CHECK(c.default_value->sql == "gen_random_uuid()");
  CHECK(Text(*p, c.span) == "id uuid default gen_random_uuid() primary key");
}

TEST_CASE("parse: table items", "[parse]") {
  auto p = ParseOk(
      "table t {\n"
      "  primary key (a, b)\n"
      "  primary key t_pk (a)\n"
      "  unique t_b_uq nulls not distinct (b)\n"
      "  unique (a, \"B\")\n"
      "  check t_a_pos (a > 0) no inherit not valid\n"
      "  check ((a))\n"
      "  foreign key (b) references p(id) on delete set null on update cascade deferrable initially "
      "deferred\n"
      "  foreign key fk_c (c, d) references s.q (x, y) not valid\n"
      "  index (lower(a::text) collate \"C\" text_pattern_ops desc nulls last, b) include (a) with "
      "(fillfactor = 70) where (a > 1)\n"
      "  index posts_embedding unique using hnsw (embedding vector_cosine_ops) with (m = 16, "
      "ef_construction = 64, x = 'y')\n"
      "  index i2 ((a + b) asc nulls first) nulls not distinct\n"
      "  rls\n"
      "  rls force\n"
      "  realtime\n"
      "  realtime replica identity full\n"
      "  grant select, insert to anon, authenticated\n"
      "  grant all to service_role\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  REQUIRE(t.entries.size() == 17);
  const auto& pk = ItemAt<ast::PrimaryKeyItem>(t, 0);
  CHECK(!pk.name);
  REQUIRE(pk.columns.size() == 2);
  CHECK(pk.columns[1].name == "b");
  CHECK(Text(*p, pk.span) == "primary key (a, b)");
  CHECK(ItemAt<ast::PrimaryKeyItem>(t, 1).name->name == "t_pk");
  const auto& u = ItemAt<ast::UniqueItem>(t, 2);
  CHECK(u.name->name == "t_b_uq");
  CHECK(u.nulls_not_distinct);
  CHECK(ItemAt<ast::UniqueItem>(t, 3).columns[1].name == "B");
  const auto& ck = ItemAt<ast::CheckItem>(t, 4);
  CHECK(ck.name->name == "t_a_pos");
  CHECK(ck.expression.text == "a > 0");
  CHECK(ck.no_inherit);
  CHECK(ck.not_valid);
  CHECK(ItemAt<ast::CheckItem>(t, 5).expression.text == "(a)");
  CHECK(!ItemAt<ast::CheckItem>(t, 5).name);
  const auto& fk = ItemAt<ast::ForeignKeyItem>(t, 6);
  CHECK(fk.columns.size() == 1);
  CHECK(fk.references.table.name.name == "p");
  CHECK(fk.references.on_delete == ast::FkAction::kSetNull);
  CHECK(fk.references.on_update == ast::FkAction::kCascade);
  CHECK(fk.references.initially_deferred);
  const auto& fk2 = ItemAt<ast::ForeignKeyItem>(t, 7);
  CHECK(fk2.name->name == "fk_c");
  CHECK(fk2.references.table.schema->name == "s");
  CHECK(fk2.references.columns.size() == 2);
  CHECK(fk2.references.not_valid);
  const auto& ix = ItemAt<ast::IndexItem>(t, 8);
  CHECK(!ix.name);
  REQUIRE(ix.keys.size() == 2);
  REQUIRE(ix.keys[0].expression);
  CHECK(ix.keys[0].expression->text == "lower(a::text)");
  CHECK(ix.keys[0].collate->name == "C");
  CHECK(ix.keys[0].opclass->name.name == "text_pattern_ops");
  CHECK(ix.keys[0].order == ast::SortOrder::kDesc);
  CHECK(ix.keys[0].nulls == ast::NullsOrder::kLast);
  CHECK(ix.keys[1].column->name == "b");
  CHECK(ix.include.size() == 1);
  REQUIRE(ix.with.size() == 1);
  CHECK(ix.with[0].key.name == "fillfactor");
  CHECK(ix.with[0].value == "70");
  CHECK(ix.where->text == "a > 1");
  const auto& ix2 = ItemAt<ast::IndexItem>(t, 9);
  CHECK(ix2.name->name == "posts_embedding");
  CHECK(ix2.unique);
  CHECK(ix2.method->name == "hnsw");
  CHECK(ix2.keys[0].column->name == "embedding");
  CHECK(ix2.keys[0].opclass->name.name == "vector_cosine_ops");
  REQUIRE(ix2.with.size() == 3);
  CHECK(ix2.with[1].key.name == "ef_construction");
  CHECK(ix2.with[2].value == "'y'");
  const auto& ix3 = ItemAt<ast::IndexItem>(t, 10);
  CHECK(ix3.keys[0].expression->text == "a + b");
  CHECK(ix3.keys[0].order == ast::SortOrder::kAsc);
  CHECK(ix3.keys[0].nulls == ast::NullsOrder::kFirst);
  CHECK(ix3.nulls_not_distinct);
  CHECK(!ItemAt<ast::RlsItem>(t, 11).force);
  CHECK(ItemAt<ast::RlsItem>(t, 12).force);
  CHECK(!ItemAt<ast::RealtimeItem>(t, 13).replica_identity_full);
  CHECK(ItemAt<ast::RealtimeItem>(t, 14).replica_identity_full);
  const auto& g = ItemAt<ast::GrantItem>(t, 15);
  CHECK(g.privileges == std::vector<std::string>{"select", "insert"});
  CHECK(g.roles.size() == 2);
  CHECK(g.roles[1].name == "authenticated");
  CHECK(Text(*p, g.privilege_spans[1]) == "insert");
  CHECK(ItemAt<ast::GrantItem>(t, 16).privileges == std::vector<std::string>{"all"});
}

TEST_CASE("parse: policies, including multi-line ones", "[parse]") {
  auto p = ParseOk(
      "table posts {\n"
      "  policy \"owners read own posts\" for select to authenticated using ((select auth.uid()) = "
      "owner_id)\n"
      "  policy \"owners write own posts\" for all to authenticated\n"
      "    using ((select auth.uid()) = owner_id) with check ((select auth.uid()) = owner_id)\n"
      "  policy \"r\" as restrictive for update to a, b -- why\n"
      "    -- more\n"
      "\n"
      "    using (\n"
      "      true\n"
      "    )\n"
      "  policy plain\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  REQUIRE(t.entries.size() == 4);
  const auto& a = ItemAt<ast::PolicyItem>(t, 0);
  CHECK(a.name.name == "owners read own posts");
  CHECK(a.name.quoted);
  CHECK(a.command == ast::PolicyCommand::kSelect);
  CHECK(a.explicit_command);
  CHECK(a.roles.size() == 1);
  CHECK(a.using_expr->text == "(select auth.uid()) = owner_id");
  const auto& b = ItemAt<ast::PolicyItem>(t, 1);
  CHECK(b.command == ast::PolicyCommand::kAll);
  CHECK(b.with_check->text == "(select auth.uid()) = owner_id");
  CHECK(b.span.begin.line == 3);
  CHECK(b.span.end.line == 4);
  const auto& c = ItemAt<ast::PolicyItem>(t, 2);
  CHECK(c.restrictive);
  CHECK(c.command == ast::PolicyCommand::kUpdate);
  CHECK(c.roles.size() == 2);
  CHECK(c.using_expr->text == "\n      true\n    ");
  const auto& d = ItemAt<ast::PolicyItem>(t, 3);
  CHECK(d.name.name == "plain");
  CHECK(!d.explicit_command);
  CHECK(!d.explicit_permissive);
  CHECK(p->file.comments.size() == 2);
}

TEST_CASE("parse: SQL capture", "[parse]") {
  auto p = ParseOk(
      "table t {\n"
      "  a text check (a <> ')' and \"x)\" is null /* ) /* nested ( */ */ and a ~ $$)$$ "
      "and $fn$ ( $fn$ <> '' -- )\n  )\n"
      "  b text check (a = E'\\')' and b = 'it''s (' and c$d$ = 1 and $1 > 0)\n"
      "  c text check ((((((((((a))))))))) <> $x$ ( $x$)\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  CHECK(ItemAt<ast::Column>(t, 0).check->text ==
        "a <> ')' and \"x)\" is null /* ) /* nested ( */ */ and a ~ $$)$$ and $fn$ ( $fn$ <> '' -- )\n  ");
  CHECK(ItemAt<ast::Column>(t, 1).check->text ==
        "a = E'\\')' and b = 'it''s (' and c$d$ = 1 and $1 > 0");
  CHECK(ItemAt<ast::Column>(t, 2).check->text == "(((((((((a))))))))) <> $x$ ( $x$");
  CHECK(p->file.comments.empty());  // Comments inside SQL are SQL.
}

TEST_CASE("parse: deep nesting does not overflow", "[parse]") {
  std::string deep(200000, '(');
  deep += std::string(200000, ')');
  auto p = ParseOk("table t {\n  a int check (" + deep + ")\n}\n");
  CHECK(ItemAt<ast::Column>(TableAt(p->file, 0), 0).check->text.size() == 400000);
  auto q = ParseText("table t {\n  a int check " + std::string(100000, '(') + "\n}\n");
  CHECK(q->diags.HasErrors());
}

TEST_CASE("parse: line rule separates items", "[parse]") {
  auto p = ParseOk(
      "table posts {\n"
      "  owner_id uuid\n"
      "  created_at timestamptz default now()\n"
      "  unique (owner_id, title)\n"
      "  check (true)\n"
      "  b text\n"
      "    default 'x'\n"
      "    references q(id)\n"
      "      on delete cascade\n"
      "  index i (a)\n"
      "    where (a > 0)\n"
      "}\n");
  const auto& t = TableAt(p->file, 0);
  REQUIRE(t.entries.size() == 6);
  CHECK(!ItemAt<ast::Column>(t, 1).unique);
  CHECK(ItemAt<ast::UniqueItem>(t, 2).columns.size() == 2);
  const auto& b = ItemAt<ast::Column>(t, 4);
  CHECK(b.default_value->sql == "'x'");
  CHECK(b.references->on_delete == ast::FkAction::kCascade);
  CHECK(ItemAt<ast::IndexItem>(t, 5).where->text == "a > 0");
}

TEST_CASE("parse: one-line tables and a closing brace after an item", "[parse]") {
  auto p = ParseOk("table a {}\ntable b { id int }\ntable c {\n  id int }\n");
  CHECK(TableAt(p->file, 0).entries.empty());
  CHECK(TableAt(p->file, 1).entries.size() == 1);
  CHECK(TableAt(p->file, 2).entries.size() == 1);
}

TEST_CASE("parse: comments, doc comments, blank lines", "[parse]") {
  auto p = ParseText(
      "-- header\n"
      "\n"
      "/// Doc for t.\n"
      "///   second line\n"
      "table t { -- after brace\n"
      "  -- own line\n"
      "  id integer primary key -- trailing\n"
      "\n"
      "  /// Column doc.\n"
      "  name text?\n"
      "  -- just a comment\n"
      "  x int\n"
      "  -- c1\n"
      "\n"
      "  y int\n"
      "  /// dangling\n"
      "}\n"
      "/// Enum doc.\n"
      "enum e ('a')\n"
      "-- end\n"
      "/// orphan at end\n");
  INFO(Messages(*p));
  CHECK(Messages(*p) == "16:3: warning: doc comment does not document anything\n"
                        "21:1: warning: doc comment does not document anything\n");
  CHECK(!p->diags.HasErrors());
  const auto& t = TableAt(p->file, 0);
  CHECK(t.doc == ast::DocComment{"Doc for t.", "  second line"});
  REQUIRE(t.entries.size() == 4);
  CHECK(!t.entries[0].blank_line_before);
  CHECK(t.entries[1].blank_line_before);
  CHECK(!t.entries[2].blank_line_before);
  CHECK(t.entries[3].blank_line_before);
  CHECK(ItemAt<ast::Column>(t, 1).doc == ast::DocComment{"Column doc."});
  CHECK(ItemAt<ast::Column>(t, 0).doc.empty());
  CHECK(std::get<ast::EnumDecl>(p->file.decls[1]).doc == ast::DocComment{"Enum doc."});
  const auto& c = p->file.comments;
  REQUIRE(c.size() == 9);  // With the two `///` lines that document nothing, kept for fmt.
  CHECK(c[0].text == " header");
  CHECK(c[0].own_line);
  CHECK(c[1].text == " after brace");
  CHECK(!c[1].own_line);
  CHECK(c[2].own_line);
  CHECK(c[3].text == " trailing");
  CHECK(!c[3].own_line);
  CHECK(c[3].span.begin.line == 7);
  CHECK(c[3].span.begin.col == 26);
  CHECK(c[6].text == " dangling");
  CHECK(c[6].doc);
  CHECK(c[6].own_line);
  CHECK(c[6].span.begin.line == 16);
  CHECK(!c[5].doc);
  CHECK(c[7].text == " end");
  CHECK(!c[7].doc);
  CHECK(c[8].text == " orphan at end");
  CHECK(c[8].doc);
  // The span of an item stops before its trailing comment.
  CHECK(Text(*p, ItemAt<ast::Column>(t, 0).span) == "id integer primary key");
}

TEST_CASE("parse: doc comment separated by a blank line documents nothing", "[parse]") {
  auto p = ParseText("/// lost\n\ntable t {}\n");
  CHECK(Messages(*p) == "1:1: warning: doc comment does not document anything\n");
  CHECK(TableAt(p->file, 0).doc.empty());
  REQUIRE(p->file.comments.size() == 1);  // Kept as a comment, for fmt.
  CHECK(p->file.comments[0].doc);
  CHECK(p->file.comments[0].text == " lost");
}

TEST_CASE("parse: CRLF line endings, BOM, tabs", "[parse]") {
  auto p = ParseOk(
      "\xEF\xBB\xBFtable t {\r\n\tid integer primary key -- c\r\n\r\n\tpolicy \"p\" for all\r\n"
      "\t\tusing (true)\r\n}\r\n");
  const auto& t = TableAt(p->file, 0);
  REQUIRE(t.entries.size() == 2);
  CHECK(t.entries[1].blank_line_before);
  CHECK(p->file.comments[0].text == " c");
  CHECK(ItemAt<ast::PolicyItem>(t, 1).using_expr->text == "true");
}

TEST_CASE("parse: example schemas parse cleanly", "[parse]") {
  for (const char* name : {"agents", "learning", "vaults"}) {
    SourceManager sources;
    Diagnostics diags;
    uint32_t index = 0;
    std::string error;
    std::string path = std::string(SCHEMAC_SOURCE_DIR) + "/schemas/" + name + ".schema";
    if (!sources.Load(path, &index, &error)) continue;
    ast::File f = Parse(sources, index, diags);
    INFO(path << "\n" << RenderText(diags, sources, {}));
    CHECK(diags.all().empty());
    CHECK(!f.decls.empty());
  }
}

struct ErrorCase {
  const char* input;
  const char* expected;  // "line:col: message", all diagnostics
};

TEST_CASE("parse: syntax error messages", "[parse]") {
  const ErrorCase cases[] = {
      {"tabel y {}\n",
       "1:1: expected a declaration (table, enum, extension, schema, target, extern, function, trigger, view, domain, type), "
       "found 'tabel'; did you mean 'table'?\n"},
      {"create table x ();\n",
       "1:1: expected a declaration (table, enum, extension, schema, target, extern, function, trigger, view, domain, type), "
       "found 'create'\n"},
      {"table t {\n  id\n}\n", "2:5: expected a column type after 'id', found end of line\n"},
      {"table t {\n  id -- no type\n}\n", "2:16: expected a column type after 'id', found end of line\n"},
      {"enum post_status 'a'\n", "1:18: expected '(' after 'enum post_status', found 'a'\n"},
      {"enum e ('a' 'b')\n", "1:13: expected ',' or ')' after 'a', found 'b'\n"},
      {"enum e (a)\n", "1:9: expected an enum label ('quoted') or ')' after '(', found 'a'\n"},
      {"enum e ('a',\n", "1:13: expected an enum label ('quoted') after ',', found end of file\n"},
      {"table posts {\n  id int\n",
       "2:9: expected '}' to close table 'posts', found end of file\n"},
      {"table posts\n  id int\n}\n", "2:3: expected '{' after 'table posts', found 'id'\n"},
      {"table t {\n  title text uniq\n}\n",
       "2:14: unknown column modifier 'uniq'; did you mean 'unique'?\n"},
      {"table t {\n  indx posts_owner (owner_id)\n}\n",
       "2:3: unknown table item 'indx'; did you mean 'index'?\n"},
      {"table t {\n  foo (a, b)\n}\n", "2:3: unknown table item 'foo'\n"},
      {"table t {\n  polcy \"p\" for select\n}\n",
       "2:3: unknown table item 'polcy'; did you mean 'policy'?\n"},
      {"table t {\n  a text default 'x\n}\n", "2:18: unterminated string literal\n"},
      {"table \"posts {}\n", "1:7: unterminated quoted identifier\n"},
      {"table t {\n  \"\" text\n}\n", "2:3: zero-length quoted identifier\n"},
      {"table t {\n  a int check (a > 0\n  b int\n}\n", "2:15: unclosed '(' in SQL expression\n"},
      {"table t {\n  a int check (a > '0)\n}\n", "2:20: unterminated string literal\n"},
      {"table t {\n  a int check (a > $x$ 0)\n}\n", "2:20: unterminated dollar-quoted string\n"},
      {"table t {\n  a int check (a /* 0)\n}\n", "2:18: unterminated comment in SQL expression\n"},
      {"table t {\n  id int default 1 default 2\n}\n",
       "2:20: duplicate 'default' on column 'id'\n"},
      {"table t {\n  id int primary key primary key\n}\n",
       "2:22: duplicate 'primary key' on column 'id'\n"},
      {"table t {\n  id int identity generated always as identity\n}\n",
       "2:19: duplicate 'identity' on column 'id'\n"},
      {"table t {\n  a text not null\n}\n",
       "2:10: unknown column modifier 'not'; columns are not null by default, write '?' after the "
       "type for a nullable column\n"},
      {"table t {\n  a text ?\n}\n", "2:10: '?' must directly follow the column type\n"},
      {"table t {\n  v varchar(abc)\n}\n", "2:13: expected a number after '(', found 'abc'\n"},
      {"table t {\n  w timestamp with zone\n}\n",
       "2:20: expected 'time zone' after 'with', found 'zone'\n"},
      {"table t {\n  r uuid references\n}\n",
       "2:20: expected a table name after 'references', found end of line\n"},
      {"table t {\n  r uuid references t on delete explode\n}\n",
       "2:33: expected 'cascade', 'restrict', 'set null', 'set default' or 'no action' after "
       "'delete', found 'explode'\n"},
      {"table t {\n  x int default\n}\n",
       "2:16: expected a default value (a literal, a function call or '(' SQL ')') after "
       "'default', found end of line\n"},
      {"table t {\n  g int generated (1)\n}\n",
       "2:19: expected 'always' or 'by default' after 'generated', found '('\n"},
      {"table t {\n  policy \"p\" for select to anon usin (true)\n}\n",
       "2:33: expected 'as', 'for', 'to', 'using', 'with check' or end of line after 'anon', "
       "found 'usin'; did you mean 'using'?\n"},
      {"table t {\n  policy \"p\" for selects\n}\n",
       "2:18: expected 'all', 'select', 'insert', 'update' or 'delete' after 'for', found "
       "'selects'\n"},
      {"table t {\n  index (a) wher (a > 0)\n}\n",
       "2:13: expected 'include', 'nulls not distinct', 'with', 'where' or end of line after ')', "
       "found 'wher'; did you mean 'where'?\n"},
      {"table t {\n  index i ()\n}\n",
       "2:12: expected an index key (a column name or a parenthesized expression) after '(', found "
       "')'\n"},
      {"table t {\n  grant select on posts to anon\n}\n",
       "2:16: expected ',' or 'to' after 'select', found 'on'\n"},
      {"table t {\n  grant pick to anon\n}\n",
       "2:9: expected a privilege (select, insert, update, delete, truncate, references, trigger, "
       "maintain, all) after 'grant', found 'pick'\n"},
      {"table t {\n  primary key\n}\n", "2:14: expected '(' after 'key', found end of line\n"},
      {"table t {\n  primary (a)\n}\n", "2:11: expected 'key' after 'primary', found '('\n"},
      {"table t {\n  unique (a,)\n}\n", "2:13: expected a column name after ',', found ')'\n"},
      {"table t {\n  check (x) not vaid\n}\n", "2:17: expected 'valid' after 'not', found 'vaid'\n"},
      {"table t {\n  rls forc\n}\n",
       "2:7: expected 'force' or end of line after 'rls', found 'forc'; did you mean 'force'?\n"},
      {"table t {\n  rsl\n}\n", "2:3: unknown table item 'rsl'; did you mean 'rls'?\n"},
      {"table t {\n  realtime replica\n}\n",
       "2:19: expected 'identity' after 'replica', found end of line\n"},
      {"table t {\n  foreign key (a) references\n}\n",
       "2:29: expected a table name after 'references', found end of line\n"},
      {"table t {\n  foreign key (a) p(id)\n}\n",
       "2:19: expected 'references' after ')', found 'p'\n"},
      {"table t {\n  index i (a) with (fillfactor 70)\n}\n",
       "2:32: expected '=' after 'fillfactor', found '70'\n"},
      {"table t {\n  ) oops\n}\n", "2:3: expected a column or a table item, found ')'\n"},
      {"table t {\n  a int\n} extra\n", "3:3: expected end of line after '}', found 'extra'\n"},
      {"target mysql\n", "1:8: expected 'supabase' or 'postgres' after 'target', found 'mysql'\n"},
      {"extension vector schema\n",
       "1:24: expected a schema name after 'schema', found end of line\n"},
      {"extension vector versoin '1'\n",
       "1:18: expected 'schema', 'version' or end of line after 'vector', found 'versoin'; did you "
       "mean 'version'?\n"},
      {"extension vector version 1\n",
       "1:26: expected a version string ('1.0') after 'version', found '1'\n"},
      {"schema a b\n", "1:10: expected end of line after 'a', found 'b'\n"},
      {"extern view v\n", "1:8: expected 'table' or 'role' after 'extern', found 'view'\n"},
  };
  for (const ErrorCase& c : cases) {
    std::string input = c.input;
    auto p = ParseText(input);
    INFO(input);
    CHECK(Messages(*p) == c.expected);
  }
}

TEST_CASE("parse: control and invalid bytes", "[parse]") {
  std::string input = "table t {\n  a int ";
  input += '\0';
  input += "\n  b text\n}\n";
  auto p = ParseText(input);
  // PostgreSQL cannot store a NUL byte anywhere: the file is refused, as one in another
  // encoding is, at the first one.
  CHECK(Messages(*p) == "2:9: NUL byte (0x00) in the source: PostgreSQL cannot store it in a "
                        "name, a string or SQL text\n");
  CHECK(p->file.decls.empty());

  auto bad = ParseText("table t {\n  a int\n  b \xff\xfe\n}\n");
  CHECK(Messages(*bad) == "3:5: invalid UTF-8 (byte 0xff): schema files must be UTF-8\n");
  CHECK(bad->file.decls.empty());
}

TEST_CASE("parse: missing brace note and resumption at the next declaration", "[parse]") {
  auto p = ParseText(
      "table a {\n"
      "  id int\n"
      "table b {\n"
      "  id int\n"
      "}\n");
  // The error points where '}' was expected; a note points at the table's '{'.
  REQUIRE(p->diags.all().size() == 1);
  const Diagnostic& d = p->diags.all()[0];
  CHECK(d.message == "expected '}' to close table 'a', found 'table'");
  CHECK(d.span->begin.line == 3);
  CHECK(d.span->begin.col == 1);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "table 'a' starts here");
  CHECK(d.notes[0].span->begin.line == 1);
  CHECK(d.notes[0].span->begin.col == 9);
  REQUIRE(p->file.decls.size() == 2);
  CHECK(TableAt(p->file, 0).entries.size() == 1);
  CHECK(TableAt(p->file, 1).name.name.name == "b");
}

TEST_CASE("parse: recovery reports every error and keeps what parsed", "[parse]") {
  auto p = ParseText(
      "table posts {\n"
      "  id uuid primary key\n"
      "  title text uniq\n"
      "  body text\n"
      "  policy \"p\" for select to anon\n"
      "    usin (true)\n"
      "  status post_status default\n"
      "  created_at timestamptz default now()\n"
      "}\n"
      "tabel broken {\n"
      "  x int\n"
      "}\n"
      "table ok {\n"
      "  id int\n"
      "}\n"
      "enum e ('a' 'b')\n"
      "enum f ('x')\n");
  CHECK(Messages(*p) ==
        "3:14: unknown column modifier 'uniq'; did you mean 'unique'?\n"
        "6:5: unknown table item 'usin'\n"
        "7:29: expected a default value (a literal, a function call or '(' SQL ')') after "
        "'default', found end of line\n"
        "10:1: expected a declaration (table, enum, extension, schema, target, extern, function, trigger, view, domain, type), "
        "found 'tabel'; did you mean 'table'?\n"
        "16:13: expected ',' or ')' after 'a', found 'b'\n");
  REQUIRE(p->file.decls.size() == 3);
  const auto& posts = TableAt(p->file, 0);
  // `usin` does not continue the policy (it is no clause keyword): the policy ends on line 5.
  REQUIRE(posts.entries.size() == 4);
  CHECK(ItemAt<ast::Column>(posts, 0).name.name == "id");
  CHECK(ItemAt<ast::Column>(posts, 1).name.name == "body");
  CHECK(ItemAt<ast::PolicyItem>(posts, 2).name.name == "p");
  CHECK(ItemAt<ast::Column>(posts, 3).name.name == "created_at");
  CHECK(TableAt(p->file, 1).name.name.name == "ok");
  CHECK(std::get<ast::EnumDecl>(p->file.decls[2]).name.name.name == "f");
}

TEST_CASE("parse: spans", "[parse]") {
  auto p = ParseOk("table app.t {\n  id  uuid? references q(id)\n  index i (a desc)\n}\n");
  const auto& t = TableAt(p->file, 0);
  CHECK(t.name.span.begin.col == 7);
  CHECK(t.name.span.end.col == 12);
  CHECK(t.name.schema->span.end.col == 10);
  CHECK(t.name.name.span.begin.col == 11);
  const auto& c = ItemAt<ast::Column>(t, 0);
  CHECK(c.span.begin.line == 2);
  CHECK(c.span.begin.col == 3);
  CHECK(c.span.begin.offset == 16);
  CHECK(Text(*p, c.type.span) == "uuid");
  CHECK(Text(*p, c.references->span) == "references q(id)");
  const auto& ix = ItemAt<ast::IndexItem>(t, 1);
  CHECK(Text(*p, ix.keys[0].span) == "a desc");
  CHECK(Text(*p, ix.span) == "index i (a desc)");
  CHECK(Text(*p, t.close_brace) == "}");
}

namespace {

// What every parse must give, whatever the bytes: diagnostics with a message and a span inside
// the text (begin <= end), and the same diagnostics on a second parse.
void CheckSane(const std::string& text) {
  auto p = ParseText(text);
  INFO("input: " << text.size() << " bytes\n" << Messages(*p));
  for (const Diagnostic& d : p->diags.all()) {
    CHECK_FALSE(d.message.empty());
    if (!d.span) continue;
    CHECK(d.span->begin.offset <= d.span->end.offset);
    CHECK(d.span->end.offset <= text.size());
    CHECK(d.span->begin.line >= 1);
    CHECK(d.span->begin.col >= 1);
  }
  CHECK(Messages(*ParseText(text)) == Messages(*p));
}

}  // namespace

TEST_CASE("parse: robustness on arbitrary bytes", "[parse]") {
  // Every prefix of a schema, and some byte soup: no crash, no hang, and sane diagnostics.
  std::string text =
      "/// d\ntable \"t\" renamed from o {\n  a int check ((a)) default $$x$$\n  policy \"p\" for "
      "all\n    using ('(' = E'\\'') with check (/* ( */ true)\n  index (lower(a)) where (a)\n}\n"
      "enum e ('a' renamed from 'b')\nextension x version '1'\n";
  size_t first_brace = text.find('{');
  size_t last_brace = text.rfind('}');
  for (size_t i = 0; i <= text.size(); ++i) {
    CheckSane(text.substr(0, i));
    // Cut inside the table's braces: the table never closes, and the parse says so.
    if (i > first_brace && i <= last_brace) {
      INFO("prefix of " << i << " bytes");
      CHECK_THAT(Messages(*ParseText(text.substr(0, i))),
                 Catch::Matchers::Contains("expected '}' to close table '\"t\"', found end of "
                                           "file"));
    }
  }
  // Every character of the literal, its embedded NUL included, but not the terminating one.
  static constexpr char kAlphabet[] = "(){}'\"$-/*\n \t\rtable enum x a;?[]\0\xff";
  uint64_t state = 42;
  size_t with_errors = 0;
  for (int round = 0; round < 300; ++round) {
    std::string soup;
    for (int i = 0; i < 200; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      soup += kAlphabet[(state >> 33) % (sizeof(kAlphabet) - 1)];
    }
    CheckSane(soup);
    CheckSane("table t {\n" + soup);
    if (ParseText("table t {\n" + soup)->diags.HasErrors()) ++with_errors;
  }
  // Soup after an open brace is (almost always) not a valid table body.
  CHECK(with_errors >= 290);
}

// Everything the parser records about a file, one line per declaration, item and comment: two
// parses that print the same agree on every name, span and doc comment.
std::string Dump(const ast::File& f) {
  auto span = [](const Span& s) {
    return std::to_string(s.begin.line) + ":" + std::to_string(s.begin.col) + "+" +
           std::to_string(s.begin.offset) + "-" + std::to_string(s.end.line) + ":" +
           std::to_string(s.end.col) + "+" + std::to_string(s.end.offset);
  };
  auto doc = [](const ast::DocComment& d) {
    std::string out;
    for (const std::string& line : d) out += "/" + line;
    return out;
  };
  std::string out;
  for (const ast::Decl& decl : f.decls) {
    std::visit(
        [&](const auto& d) {
          out += "decl " + span(d.span);
          if constexpr (requires { d.doc; }) out += doc(d.doc);
          out += "\n";
        },
        decl);
    if (const auto* t = std::get_if<ast::TableDecl>(&decl)) {
      out += " table " + t->name.name.name + " " + span(t->name.span) + "\n";
      for (const ast::TableEntry& entry : t->entries) {
        std::visit(
            [&](const auto& item) {
              out += "  item " + std::to_string(entry.item.index()) + " " + span(item.span) +
                     doc(item.doc) + (entry.blank_line_before ? " blank" : "") + "\n";
            },
            entry.item);
        if (const auto* c = std::get_if<ast::Column>(&entry.item)) {
          out += "   column " + c->name.name + " " + c->type.name.name.name + " " +
                 span(c->type.span) + "\n";
        }
      }
    }
  }
  for (const ast::Comment& c : f.comments) {
    out += "comment " + c.text + " " + span(c.span) + (c.own_line ? " own" : "") + "\n";
  }
  return out;
}

// A schema of `tables` tables, with doc comments, `--` comments, blank lines, multi-line items
// and SQL, of about 300 bytes a table.
std::string LargeSchema(int tables) {
  std::string text = "target supabase\n\nenum status ('a', 'b')\n";
  for (int i = 0; i < tables; ++i) {
    std::string n = std::to_string(i);
    text += "\n/// Table " + n + ".\n/// Second line.\ntable t" + n + " {  -- trailing\n" +
            "  id    bigint primary key generated always as identity\n"
            "  -- a comment line\n"
            "  /// The owner.\n"
            "  owner uuid? references auth.users(id)\n"
            "    on delete cascade\n"
            "  state status default 'a'\n\n"
            "  check (state is not null\n"
            "         and id > 0)\n"
            "  rls\n}\n";
  }
  return text;
}

TEST_CASE("parse: a large file parsed in two halves gives what one piece gives", "[parse]") {
  std::string text = LargeSchema(2000);
  REQUIRE(text.size() > (256 << 10));  // Large enough to be split.
  SourceManager sources;
  uint32_t index = sources.Add("big.schema", text);
  Diagnostics split_diags, whole_diags;
  ast::File split = Parse(sources, index, split_diags);
  ast::File whole = Parse(sources, index, whole_diags, /*may_split=*/false);
  REQUIRE(split_diags.all().empty());
  REQUIRE(whole_diags.all().empty());
  REQUIRE(split.decls.size() == 2002);
  REQUIRE(Dump(split) == Dump(whole));
}

TEST_CASE("parse: a large file with errors reports them as one piece does", "[parse]") {
  std::string text = LargeSchema(2000);
  // An error late in the file, and a check whose SQL is cut by a declaration line right where
  // the file would be split: both halves end up with diagnostics, and the file is parsed again.
  size_t late = text.rfind("  rls\n");
  text.replace(late, 6, "  rls rls\n");
  size_t middle = text.find("\n/// Table", text.size() / 2);
  text.insert(middle, "\ntable broken {\n  check (a\n\ntable x {\n  id int\n}\n");
  SourceManager sources;
  uint32_t index = sources.Add("big.schema", text);
  Diagnostics split_diags, whole_diags;
  ast::File split = Parse(sources, index, split_diags);
  ast::File whole = Parse(sources, index, whole_diags, /*may_split=*/false);
  REQUIRE(split_diags.all().size() >= 2);
  REQUIRE(split_diags.all().size() == whole_diags.all().size());
  for (size_t i = 0; i < split_diags.all().size(); ++i) {
    const Diagnostic& a = split_diags.all()[i];
    const Diagnostic& b = whole_diags.all()[i];
    CHECK(a.message == b.message);
    REQUIRE(a.span.has_value() == b.span.has_value());
    if (a.span) CHECK(a.span->begin.offset == b.span->begin.offset);
  }
  REQUIRE(Dump(split) == Dump(whole));
}

TEST_CASE("parse: files must be UTF-8") {
  REQUIRE(FirstInvalidUtf8("plain caf\xc3\xa9 \xf0\x9f\x98\x80") == std::string_view::npos);
  REQUIRE(FirstInvalidUtf8("ab\x87") == 2);          // A lone continuation byte.
  REQUIRE(FirstInvalidUtf8("a\xc0\xaf") == 1);       // Overlong '/'.
  REQUIRE(FirstInvalidUtf8("a\xed\xa0\x80") == 1);   // A UTF-16 surrogate.
  REQUIRE(FirstInvalidUtf8("a\xf4\x90\x80\x80") == 1);  // Past U+10FFFF.
  REQUIRE(FirstInvalidUtf8("a\xe2\x82") == 1);       // Cut short.
}

}  // namespace
}  // namespace schemac
