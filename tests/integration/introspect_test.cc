// Introspection against real engines: every example schema and golden case, built from the
// hand-written SQL under tests/sql, reads back with the structure its .schema file compiles to;
// and `pull` writes text that compiles to what was introspected.

#include <catch2/catch.hpp>
#include <algorithm>
#include <pqxx/pqxx>
#include <regex>

#include "backends/dsl/from_ir.h"
#include "backends/json/ir_json.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> SqlFiles() {
  std::vector<fs::path> files;
  for (const char* dir : {"tests/sql/examples", "tests/sql/golden"}) {
    for (const auto& entry : fs::directory_iterator(SourceDir() / dir)) {
      if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The .schema files the SQL file was written from, compiled.
Compiled CompileSourceOf(const fs::path& sql) {
  std::string name = sql.stem().string();
  if (sql.parent_path().filename() == "examples") {
    return CompileFiles(SourceDir() / "schemas", {name + ".schema"});
  }
  fs::path dir = SourceDir() / "tests/golden" / name;
  return CompileFiles(dir, SchemaFilesUnder(dir, dir / "input"));
}

ir::Schema IntrospectUrl(const std::string& url, int* queries = nullptr) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  return pg::Introspect(*connection, {{}, {}, url}, queries);
}

Compiled CompilePulled(const ir::Schema& schema) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [name, text] : dsl::SchemaFiles(schema)) files.emplace_back(name, text);
  return CompileTexts(files);
}

void CheckFile(const SqlFile& file, Engine engine) {
  INFO(file.path.filename().string() << " on " << EngineName(engine));
  Compiled compiled = CompileSourceOf(file.path);
  REQUIRE_FALSE(compiled.diagnostics.HasErrors());
  ScratchDb db(engine);
  db.Load(file);
  int queries = 0;
  ir::Schema introspected = IntrospectUrl(db.url(), &queries);
  CHECK(queries <= 19);
  bool supabase = std::find(file.needs.begin(), file.needs.end(), "supabase") != file.needs.end();
  CHECK(introspected.target == (supabase ? ir::Target::kSupabase : ir::Target::kPostgres));
  std::vector<std::string> differences = StructuralDifferences(compiled.schema, introspected);
  INFO([&] {
    std::string text;
    for (const std::string& d : differences) text += d + "\n";
    return text;
  }());
  CHECK(differences.empty());

  // pull: the text compiles, and to the same structure (names included).
  Compiled pulled = CompilePulled(introspected);
  INFO(RenderText(pulled.diagnostics, pulled.sources, {}));
  REQUIRE_FALSE(pulled.diagnostics.HasErrors());
  std::vector<std::string> pull_differences = StructuralDifferences(pulled.schema, introspected);
  INFO([&] {
    std::string text;
    for (const std::string& d : pull_differences) text += "pull: " + d + "\n";
    return text;
  }());
  CHECK(pull_differences.empty());

  // Round trip: a fresh database built from the pulled files reads back as the same IR.
  std::string create = pg::CreateSql(pulled.schema);
  ir::Schema rebuilt;
  if (engine == Engine::kPglite) {  // One database: empty it and build again.
    db.Reset();
    db.LoadNeeds(file, true);
    db.Exec(create);
    rebuilt = IntrospectUrl(db.url());
  } else {
    ScratchDb again(engine);
    again.LoadNeeds(file, true);
    again.Exec(create);
    rebuilt = IntrospectUrl(again.url());
  }
  INFO("--- create sql ---\n" << create);
  CHECK(json::ToJsonText(rebuilt) == json::ToJsonText(introspected));
}

}  // namespace

// Whether every extension the file creates is available on the engine (PGlite has pgvector and
// citext but not, for instance, pgcrypto).
bool ExtensionsAvailable(const SqlFile& file, Engine engine) {
  static const std::regex kCreate(R"(create extension (if not exists )?"?([a-z0-9_]+))",
                                  std::regex::icase);
  std::unique_ptr<pqxx::connection> connection = pg::Connect(EngineUrl(engine));
  pqxx::read_transaction tx(*connection);
  for (auto it = std::sregex_iterator(file.text.begin(), file.text.end(), kCreate);
       it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[2];
    if (tx.exec_params("select 1 from pg_available_extensions where name = $1", name).empty()) {
      return false;
    }
  }
  return true;
}

TEST_CASE("introspection on PostgreSQL matches the compiled schemas", "[pg][introspect]") {
  std::vector<fs::path> files = SqlFiles();
  REQUIRE(files.size() >= 15);  // 3 examples, 12 golden cases: none may go missing unnoticed
  size_t ran = 0;
  for (const fs::path& path : files) {
    SqlFile file = ReadSqlFile(path);
    // PGlite's files (pgvector, PostgreSQL 18) here too when the server is 18 and has their
    // extensions.
    if (file.engine == Engine::kPglite &&
        (ExpectedServerMajor() < 18 || !ExtensionsAvailable(file, Engine::kPostgres))) {
      continue;
    }
    ++ran;
    SECTION(path.filename().string()) { CheckFile(file, Engine::kPostgres); }
  }
  CHECK(ran >= 10);  // all but the 5 PGlite ones (pgvector, PostgreSQL 18), on every server
}

TEST_CASE("introspection on PGlite (PostgreSQL 18) matches the compiled schemas",
          "[pglite][introspect]") {
  std::vector<fs::path> files = SqlFiles();
  REQUIRE(files.size() >= 15);
  size_t ran = 0;
  for (const fs::path& path : files) {
    SqlFile file = ReadSqlFile(path);
    // The pgvector files, and every other file whose extensions PGlite has.
    if (file.engine != Engine::kPglite && !ExtensionsAvailable(file, Engine::kPglite)) continue;
    ++ran;
    SECTION(path.filename().string()) { CheckFile(file, Engine::kPglite); }
  }
  CHECK(ran >= 10);
}

// 240 tables, each with what every query reads: a default, a check, a foreign key, an
// expression index with a predicate, a policy with a comment.
static void LoadManyTables(ScratchDb& db) {
  db.Exec(
      "create table parent (id int primary key);"
      "do $$ begin for i in 1..240 loop execute format("
      "'create table t%1$s (id int generated always as identity primary key, "
      "  parent int references parent (id) on delete cascade, name text default ''n%1$s'' "
      "  check (length(name) < %1$s + 10));"
      " create index t%1$s_lower on t%1$s (lower(name)) where parent is not null;"
      " alter table t%1$s enable row level security;"
      " create policy p%1$s on t%1$s using (parent > %1$s);"
      " comment on policy p%1$s on t%1$s is ''c%1$s''', i); end loop; end $$");
  // And what the dependency query reads (on the second connection when there is one): a view
  // on a view, a trigger and its function.
  db.Exec(
      "create function touch() returns trigger language plpgsql as $$ begin return new; end $$;"
      "create view v1 as select id, name from t1; create view v2 as select id from v1;"
      "create trigger t2_touch before update on t2 for each row execute function touch()");
}

// Above a few hundred tables the queries run on two connections sharing one snapshot (not on
// PGlite, whose connections share one backend): the result must be the same as on one.
TEST_CASE("introspection on two connections reads what one reads", "[pg][pglite][introspect]") {
  for (Engine engine : {Engine::kPostgres, Engine::kPglite}) {
    INFO(EngineName(engine));
    ScratchDb db(engine);
    LoadManyTables(db);
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    int one_queries = 0;
    int two_queries = 0;
    ir::Schema one = pg::Introspect(*connection, {}, &one_queries);
    ir::Schema two = pg::Introspect(*connection, {{}, {}, db.url()}, &two_queries);
    CHECK(one.tables.size() == 241);
    CHECK(one_queries == 19);
    // The five per-table queries run in two halves when there is a second connection.
    CHECK(two_queries == (engine == Engine::kPglite ? 19 : 24));
    CHECK(json::ToJsonText(two) == json::ToJsonText(one));
    CHECK(two.dependencies == one.dependencies);
    // PostgreSQL records a view's use of another view by column.
    ir::Dependency view_on_view{{ir::ObjectKind::kView, {"public", "v2"}, ""},
                                {ir::ObjectKind::kColumn, {"public", "v1"}, "id"}};
    CHECK(std::count(two.dependencies.begin(), two.dependencies.end(), view_on_view) == 1);
    const ir::Table* t7 = two.FindTable({"public", "t7"});
    REQUIRE(t7 != nullptr);
    REQUIRE(t7->policies.size() == 1);
    CHECK(t7->policies[0].comment == "c7");
    REQUIRE(t7->foreign_keys.size() == 1);
    CHECK(t7->foreign_keys[0].ref_columns == std::vector<std::string>{"id"});
  }
}

// The second connection is a bonus: a role that may hold only one connection reads everything
// on it.
TEST_CASE("introspection without a second connection reads what two read", "[pg][introspect]") {
  ScratchDb db(Engine::kPostgres);
  LoadManyTables(db);
  std::string role = "schemac_one_connection";
  db.Exec("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role +
          "') then create role " + role + " login connection limit 1; end if; end $$");
  std::string url = db.url();
  url.replace(url.find("postgres@"), 9, role + "@");
  std::unique_ptr<pqxx::connection> admin = pg::Connect(db.url());
  std::unique_ptr<pqxx::connection> limited = pg::Connect(url);
  int queries = 0;
  ir::Schema one = pg::Introspect(*limited, {{}, {}, url}, &queries);
  CHECK(queries == 24);  // Both halves, on the one connection: the second was refused.
  ir::Schema two = pg::Introspect(*admin, {{}, {}, db.url()}, &queries);
  CHECK(queries == 24);
  CHECK(one.tables.size() == 241);
  CHECK(json::ToJsonText(one) == json::ToJsonText(two));
}

TEST_CASE("odd names survive introspection and pull", "[pg][introspect]") {
  ScratchDb db(Engine::kPostgres);
  std::string long_name(63, 'n');
  db.Exec("create schema \"Odd Schema\";"
          "create type \"Odd Schema\".\"Mood \"\"Q\"\"\" as enum ('a b', 'it''s', 'ünï');"
          "create table \"Odd Schema\".\"Select\" ("
          "  \"Id\" integer primary key, \"from\" text not null, \"with space\" text,"
          "  \"qu\"\"ote\" \"Odd Schema\".\"Mood \"\"Q\"\"\", \"ünïcödé\" int,"
          "  " + long_name + " int unique, \"order\" int check (\"order\" > 0));"
          "create index \"Idx Mixed\" on \"Odd Schema\".\"Select\" (\"from\" desc, lower(\"with space\"));"
          "comment on table \"Odd Schema\".\"Select\" is 'line one\nline ''two''';"
          "create table \"user\" (\"table\" int primary key references \"Odd Schema\".\"Select\"(\"Id\"));");
  ir::Schema introspected = IntrospectUrl(db.url());
  const ir::Table* select = introspected.FindTable({"Odd Schema", "Select"});
  REQUIRE(select != nullptr);
  REQUIRE(select->columns.size() == 7);
  CHECK(select->columns[3].name == "qu\"ote");
  CHECK(select->columns[3].type.kind == ir::TypeKind::kEnum);
  CHECK(select->columns[3].type.name == "Mood \"Q\"");
  CHECK(select->columns[5].name == long_name);
  CHECK(select->comment == "line one\nline 'two'");
  CHECK(select->indexes.at(0).keys.at(1).expression == "lower(\"with space\")");
  const ir::Enum* mood = introspected.FindEnum({"Odd Schema", "Mood \"Q\""});
  REQUIRE(mood != nullptr);
  CHECK(mood->values.at(1).label == "it's");

  Compiled pulled = CompilePulled(introspected);
  INFO(RenderText(pulled.diagnostics, pulled.sources, {}));
  REQUIRE_FALSE(pulled.diagnostics.HasErrors());
  std::vector<std::string> differences = StructuralDifferences(pulled.schema, introspected);
  INFO((differences.empty() ? std::string() : differences.front()));
  CHECK(differences.empty());
}

TEST_CASE("platform and extension objects are not user objects", "[pg][introspect]") {
  ScratchDb db(Engine::kPostgres);
  db.Load(ReadSqlFile(SourceDir() / "tests/sql/golden/constraints.sql"));
  db.Exec("create extension if not exists citext; create schema storage;"
          "create table storage.objects (id int primary key); create schema private;"
          "create table private.secrets (id int primary key)");
  // A table made part of an extension (as CREATE EXTENSION's own tables are).
  db.Exec("create table ext_owned (id int primary key); alter extension citext add table ext_owned");
  ir::Schema all = IntrospectUrl(db.url());
  CHECK(all.FindTable({"public", "ext_owned"}) == nullptr);
  // Platform schema: only its policies are read (storage.objects may have the project's), on
  // an extern table without columns.
  const ir::Table* objects = all.FindTable({"storage", "objects"});
  REQUIRE(objects != nullptr);
  CHECK(objects->is_extern);
  CHECK(objects->columns.empty());
  CHECK(all.FindTable({"private", "secrets"}) != nullptr);
  CHECK(all.FindTable({"public", "accounts"}) != nullptr);
  for (const ir::Enum& e : all.enums) CHECK(e.name.schema != "pg_catalog");

  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  ir::Schema only = pg::Introspect(*connection, {{"private"}, {}, {}});
  CHECK(std::count_if(only.tables.begin(), only.tables.end(),
                      [](const ir::Table& t) { return !t.is_extern; }) == 1);
  ir::Schema excluded = pg::Introspect(*connection, {{}, {"private"}, {}});
  CHECK(excluded.FindTable({"private", "secrets"}) == nullptr);
  CHECK(excluded.FindTable({"public", "accounts"}) != nullptr);
}

TEST_CASE("publication membership with column lists, row filters and whole schemas",
          "[pg][introspect]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create schema feed; create table feed.items (id int primary key);"
          "create table orders (id int primary key, status text, secret text);"
          "create publication audit for table orders (id, status) where (status <> 'draft');"
          "create publication whole for tables in schema feed;"
          "create publication plain for table orders;"
          "alter table orders replica identity full");
  ir::Schema schema = IntrospectUrl(db.url());
  const ir::Table* orders = schema.FindTable({"public", "orders"});
  REQUIRE(orders != nullptr);
  REQUIRE(orders->publications.size() == 2);
  CHECK(orders->publications[0].name == "audit");
  CHECK(orders->publications[0].columns == std::vector<std::string>{"id", "status"});
  CHECK(orders->publications[0].row_filter == "status <> 'draft'::text");
  CHECK(orders->publications[1] == ir::PublicationMember{"plain", {}, {}});
  CHECK(orders->replica_identity == ir::ReplicaIdentity::kFull);
  const ir::Table* items = schema.FindTable({"feed", "items"});
  REQUIRE(items != nullptr);
  CHECK(items->publications == std::vector<ir::PublicationMember>{{"whole", {}, {}}});

  // Not expressible in the DSL: pull keeps it as a comment rather than dropping it.
  std::string text = dsl::SchemaText(schema);
  CHECK(text.find("-- pull: member of publication audit (id, status) where (status <> "
                  "'draft'::text)") != std::string::npos);

  // The IR rebuilds it.
  ScratchDb again(Engine::kPostgres);
  again.Exec("create publication audit; create publication plain; create publication whole");
  ir::Schema without_schema_publication = schema;
  for (ir::Table& table : without_schema_publication.tables) {
    std::erase_if(table.publications, [](const auto& m) { return m.name == "whole"; });
  }
  again.Exec(pg::CreateSql(without_schema_publication));
  ir::Schema rebuilt = IntrospectUrl(again.url());
  CHECK(rebuilt.FindTable({"public", "orders"})->publications == orders->publications);
}

}  // namespace schemac::testing
