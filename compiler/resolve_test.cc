// Direct checks of the IR the resolver builds; the malformed corpus (tests/malformed) covers
// its error messages and the golden cases (tests/golden) whole schemas.

#include <catch2/catch.hpp>

#include "tests/unit/test_util.h"

namespace schemac {

using testing::Compiled;
using testing::CompileTexts;

namespace {

Compiled Ok(const std::string& text) {
  Compiled c = CompileTexts({{"t.schema", text}});
  INFO(RenderText(c.diagnostics, c.sources, {}));
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  return c;
}

}  // namespace

TEST_CASE("target supabase declares auth.users, the roles and supabase_realtime", "[resolve]") {
  Compiled c = Ok("target supabase\n");
  REQUIRE(c.schema.target == ir::Target::kSupabase);
  const ir::Table* users = c.schema.FindTable({"auth", "users"});
  REQUIRE(users != nullptr);
  REQUIRE(users->is_extern);
  REQUIRE(users->primary_key->columns == std::vector<std::string>{"id"});
  REQUIRE(users->FindColumn("id")->type.name == "uuid");
  std::vector<std::string> roles;
  for (const ir::Role& r : c.schema.roles) roles.push_back(r.name);
  REQUIRE(roles == std::vector<std::string>{"anon", "authenticated", "service_role",
                                            "authenticator"});
  REQUIRE(c.schema.publications.at(0).name == "supabase_realtime");
  REQUIRE(Ok("target postgres\n").schema.tables.empty());
}

TEST_CASE("a declared extern auth.users replaces the prelude's", "[resolve]") {
  Compiled c = Ok("target supabase\nextern table auth.users {\n  id uuid primary key\n"
                  "  tenant text\n}\n");
  REQUIRE(c.schema.tables.size() == 1);
  REQUIRE(c.schema.tables[0].FindColumn("tenant") != nullptr);
}

TEST_CASE("grants merge per role in canonical order and policy roles are sorted", "[resolve]") {
  Compiled c = Ok("target supabase\ntable t {\n  id integer primary key\n  rls\n"
                  "  grant update, select to authenticated, anon\n"
                  "  grant insert to authenticated\n  grant all to service_role\n"
                  "  policy \"p\" for select to authenticated, anon, anon using (true)\n"
                  "  policy \"q\" using (true)\n}\n");
  const ir::Table& t = *c.schema.FindTable({"public", "t"});
  REQUIRE(t.grants.size() == 3);
  REQUIRE(t.grants[0].role == "anon");
  REQUIRE(t.grants[0].privileges == std::vector<std::string>{"select", "update"});
  REQUIRE(t.grants[1].privileges == std::vector<std::string>{"select", "insert", "update"});
  REQUIRE(t.grants[2].privileges.size() == 7);
  REQUIRE(t.policies[0].roles == std::vector<std::string>{"anon", "authenticated"});
  REQUIRE(t.policies[1].roles == std::vector<std::string>{"public"});
  REQUIRE(t.policies[1].command == ir::PolicyCommand::kAll);
}

TEST_CASE("serial columns get their sequence default, qualified outside public", "[resolve]") {
  Compiled c = Ok("schema app\ntable app.\"Order\" {\n  id bigserial primary key\n}\n");
  const ir::Column& id = c.schema.tables[0].columns[0];
  REQUIRE(id.type.name == "bigint");
  REQUIRE(id.default_sql == "nextval('app.\"Order_id_seq\"'::regclass)");
}

TEST_CASE("a sequence name takes part in the relation namespace", "[resolve]") {
  Compiled c = Ok("table t {\n  id serial primary key\n  index t_id_seq (id)\n}\n");
  REQUIRE(c.schema.tables[0].columns[0].default_sql == "nextval('t_id_seq1'::regclass)");
}

TEST_CASE("foreign keys without columns reference the primary key", "[resolve]") {
  Compiled c = Ok("table p {\n  a integer\n  b integer\n  primary key (a, b)\n}\n"
                  "table t {\n  id integer primary key\n  x bigint\n  y integer\n"
                  "  foreign key (x, y) references p on delete cascade\n}\n");
  const ir::ForeignKey& fk = c.schema.FindTable({"public", "t"})->foreign_keys.at(0);
  REQUIRE(fk.name == "t_x_y_fkey");
  REQUIRE(fk.ref_columns == std::vector<std::string>{"a", "b"});
  REQUIRE(fk.on_delete == ir::FkAction::kCascade);
  REQUIRE(fk.on_update == ir::FkAction::kNoAction);
}

TEST_CASE("a unique index can back a foreign key", "[resolve]") {
  Ok("table p {\n  id integer primary key\n  code text\n  index unique (code)\n}\n"
     "table t {\n  id integer primary key\n  code text references p(code)\n}\n");
}

TEST_CASE("extension types live in the extension's schema", "[resolve]") {
  Compiled c = Ok("target supabase\nextension vector schema extensions\n"
                  "table d {\n  id integer primary key\n  e vector(3)?\n}\n");
  const ir::ColumnType& type = c.schema.FindTable({"public", "d"})->columns[1].type;
  REQUIRE(type.kind == ir::TypeKind::kExtension);
  REQUIRE(type.schema == "extensions");
  REQUIRE(type.ToSql() == "extensions.vector(3)");
}

// A database may hold both (ALTER TABLE ... ADD CONSTRAINT makes a second key where CREATE TABLE
// would merge them): a named one is a constraint of its own, so that pull round trips it.
TEST_CASE("a named unique repeating the primary key is a constraint of its own", "[resolve]") {
  Compiled c = Ok("table t {\n  id integer\n  primary key (id)\n  unique t_id_uq (id)\n}\n");
  const ir::Table& t = c.schema.tables[0];
  REQUIRE(t.uniques.size() == 1);
  CHECK(t.uniques[0].name == "t_id_uq");
  CHECK(t.primary_key->name == "t_pkey");
  CHECK(t.RepeatsKey(0));
  CHECK(c.diagnostics.warning_count() == 0);
}

TEST_CASE("an unnamed unique repeating the primary key is merged into it", "[resolve]") {
  Compiled c = Ok("table t {\n  id integer primary key unique\n  unique (id) deferrable\n}\n");
  const ir::Table& t = c.schema.tables[0];
  // The deferrable one differs from the key (PostgreSQL keeps both); the plain one does not.
  REQUIRE(t.uniques.size() == 1);
  CHECK(t.uniques[0].deferrable);
  CHECK_FALSE(t.RepeatsKey(0));
  CHECK(c.diagnostics.warning_count() == 1);
}

TEST_CASE("index key order and nulls take PostgreSQL's defaults", "[resolve]") {
  Compiled c = Ok("table t {\n  id integer primary key\n  a integer\n"
                  "  index (a desc, id, a asc nulls first)\n}\n");
  const std::vector<ir::IndexKey>& keys = c.schema.tables[0].indexes[0].keys;
  REQUIRE(keys[0].order == ir::SortOrder::kDesc);
  REQUIRE(keys[0].nulls_first);
  REQUIRE_FALSE(keys[1].nulls_first);
  REQUIRE(keys[2].nulls_first);
  REQUIRE(c.schema.tables[0].indexes[0].name == "t_a_id_a1_idx");
}

TEST_CASE("declarations may refer across files, in any order", "[resolve]") {
  Compiled c = CompileTexts({{"a.schema", "table posts {\n  id integer primary key\n"
                                          "  status status\n  author integer references users\n}\n"},
                             {"b.schema", "enum status ('a')\ntable users {\n"
                                          "  id integer primary key\n}\n"}});
  INFO(RenderText(c.diagnostics, c.sources, {}));
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  REQUIRE(c.schema.tables[0].columns[1].type.kind == ir::TypeKind::kEnum);
}

}  // namespace schemac
