// The compare pipeline (compare.h, canonicalize.h) on in-memory catalogs: which sources a spec
// names, what reaches the CatalogBuilder and the CatalogReader, the extern-table overlay, the
// extension version rule, the refusal of URL-looking strings, the reverse plan, and the
// server-version refusal. The same pipeline on a real server: tests/integration/compare_test.cc.

#include "compiler/compare.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <stdexcept>

#include "compiler/canonicalize.h"
#include "compiler/error.h"
#include "compiler/load.h"
#include "tests/unit/test_util.h"

namespace schemac {

namespace {

namespace fs = std::filesystem;

ir::Column Column(std::string name, std::string type, bool nullable = false) {
  ir::Column column;
  column.name = std::move(name);
  column.type.name = std::move(type);
  column.nullable = nullable;
  return column;
}

ir::Table Table(ir::QualifiedName name, std::vector<ir::Column> columns) {
  ir::Table table;
  table.name = std::move(name);
  table.columns = std::move(columns);
  return table;
}

ir::Schema WithTables(std::vector<ir::Table> tables) {
  ir::Schema schema;
  schema.tables = std::move(tables);
  schema.Reindex();
  return schema;
}

// Returns `result` for every build, and keeps what it was asked to build.
class FakeBuilder : public CatalogBuilder {
 public:
  ir::Schema result;
  std::vector<std::string> calls;  // "schema", "sql" or "replay", in order
  std::vector<std::string> texts;  // the files or migrations of the last call
  ir::Schema compiled;             // what the last BuildSchema got
  CatalogScope scope;              // the scope of the last call

  ir::Schema BuildSchema(const ir::Schema& schema, const CatalogScope& asked) override {
    calls.push_back("schema");
    compiled = schema;
    scope = asked;
    return result;
  }
  ir::Schema BuildSql(const std::vector<std::string>& files, const CatalogScope& asked) override {
    calls.push_back("sql");
    texts = files;
    scope = asked;
    return result;
  }
  ir::Schema ReplayMigrations(const std::vector<std::string>& migrations,
                              const CatalogScope& asked) override {
    calls.push_back("replay");
    texts = migrations;
    scope = asked;
    return result;
  }
};

// Databases by URL; a URL it does not know fails as an unreachable server would. A database
// older than `newest_needed` cannot run a target with a table named "needs_18".
class FakeReader : public CatalogReader {
 public:
  std::map<std::string, LiveCatalog> databases;
  std::vector<std::string> read;  // URLs read, in order
  CatalogScope scope;
  mutable std::vector<std::pair<std::string, int>> asked;  // CannotRun's (url, version)

  LiveCatalog Read(const std::string& url, const CatalogScope& asked_scope) override {
    read.push_back(url);
    scope = asked_scope;
    auto it = databases.find(url);
    if (it == databases.end()) throw UserError("cannot connect to " + Masked(url));
    return it->second;
  }
  std::string CannotRun(const std::string& url, int server_version,
                        const ir::Schema& target) const override {
    asked.emplace_back(url, server_version);
    if (server_version >= 180000 || target.FindTable({"public", "needs_18"}) == nullptr) return "";
    return "the table needs_18 needs PostgreSQL 18, and " + Masked(url) + " runs 15";
  }
  // Every "hunter2" hidden: enough to see that the pipeline shows URLs through the reader.
  std::string Masked(const std::string& url) const override {
    std::string out = url;
    for (size_t at = out.find("hunter2"); at != std::string::npos; at = out.find("hunter2"))
      out.replace(at, 7, "***");
    return out;
  }
};

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("compare: a source spec names empty, a database, migrations, .sql or .schema files",
          "[compare]") {
  FakeReader reader;
  testing::TempDir dir;
  CHECK(ClassifySource("empty", reader).kind == SourceSpec::Kind::kEmpty);
  CHECK(ClassifySource("postgresql://u@h/db", reader).kind == SourceSpec::Kind::kDatabase);
  CHECK(ClassifySource("postgres://h/db", reader).kind == SourceSpec::Kind::kDatabase);
  CHECK(ClassifySource(" host = db dbname=x", reader).kind == SourceSpec::Kind::kDatabase);
  // key=value pairs that name a file are that file.
  fs::path odd = dir.path / "host=db.schema";
  Write(odd, "table t {\n  id int primary key\n}\n");
  CHECK(IsDatabaseUrl("host=db") == true);
  CHECK(IsDatabaseUrl(odd.string()) == false);
  CHECK(ClassifySource(odd.string(), reader).kind == SourceSpec::Kind::kSchemaFiles);

  // Up migrations, found recursively and taken in lexical order of their paths.
  Write(dir.path / "migrations/002_b/up.sql", "b");
  Write(dir.path / "migrations/002_b/down.sql", "not read");
  Write(dir.path / "migrations/001_a/up.sql", "a");
  Write(dir.path / "migrations/003.up.sql", "c");
  SourceSpec migrations = ClassifySource((dir.path / "migrations").string(), reader);
  CHECK(migrations.kind == SourceSpec::Kind::kMigrations);
  CHECK(migrations.files == std::vector<fs::path>{dir.path / "migrations/001_a/up.sql",
                                                  dir.path / "migrations/002_b/up.sql",
                                                  dir.path / "migrations/003.up.sql"});

  Write(dir.path / "sql/b.sql", "b");
  Write(dir.path / "sql/a.sql", "a");
  SourceSpec sql = ClassifySource((dir.path / "sql").string(), reader);
  CHECK(sql.kind == SourceSpec::Kind::kSqlFiles);
  CHECK(sql.files == std::vector<fs::path>{dir.path / "sql/a.sql", dir.path / "sql/b.sql"});
  CHECK(ClassifySource((dir.path / "sql/b.sql").string(), reader).kind ==
        SourceSpec::Kind::kSqlFiles);

  // A directory with .schema files is a schema, whatever else it holds.
  Write(dir.path / "mixed/seed.sql", "x");
  Write(dir.path / "mixed/up.sql", "x");
  Write(dir.path / "mixed/app.schema", "table t {\n  id int primary key\n}\n");
  CHECK(ClassifySource((dir.path / "mixed").string(), reader).kind ==
        SourceSpec::Kind::kSchemaFiles);
  // A missing path that looks like no URL is left to the schema loader's error.
  CHECK(ClassifySource((dir.path / "missing").string(), reader).kind ==
        SourceSpec::Kind::kSchemaFiles);
}

TEST_CASE("compare: a string that only looks like a connection string is refused, masked",
          "[compare]") {
  FakeReader reader;
  FakeBuilder builder;
  const std::string tail =
      " is neither a file nor a PostgreSQL URL (postgresql://user:password@host:port/database, "
      "postgres://..., or key=value pairs like host=... dbname=...)";
  for (const std::string spec :
       {"mysql://app:hunter2@db/x", "app:hunter2@db:5432/x", "PASSWORD hunter2 at db"}) {
    INFO(spec);
    try {
      LoadSource(spec, reader, builder, {});
      FAIL("not refused");
    } catch (const UserError& e) {
      std::string masked = reader.Masked(spec);
      CHECK(std::string(e.what()) == masked + tail);
      CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
    }
  }
  CHECK(reader.read.empty());
  CHECK(builder.calls.empty());
}

TEST_CASE("compare: each kind of source reaches the reader or the builder with its files",
          "[compare]") {
  FakeReader reader;
  FakeBuilder builder;
  builder.result = WithTables({Table({"public", "t"}, {Column("id", "integer")})});
  reader.databases["postgresql://u:hunter2@db/x"] = {WithTables({}), 150004};
  CatalogScope scope{{"app"}, {"audit"}};
  testing::TempDir dir;

  Source empty = LoadSource("empty", reader, builder, scope);
  CHECK(empty.schema.tables.empty());
  CHECK(builder.calls.empty());

  Source live = LoadSource("postgresql://u:hunter2@db/x", reader, builder, scope);
  CHECK(live.server_version == 150004);
  CHECK(reader.read == std::vector<std::string>{"postgresql://u:hunter2@db/x"});
  CHECK(reader.scope.schemas == scope.schemas);
  CHECK(reader.scope.exclude_schemas == scope.exclude_schemas);

  Write(dir.path / "m/2/up.sql", "create table b ();");
  Write(dir.path / "m/1/up.sql", "create table a ();");
  Source replayed = LoadSource((dir.path / "m").string(), reader, builder, scope);
  CHECK(builder.calls == std::vector<std::string>{"replay"});
  CHECK(builder.texts == std::vector<std::string>{"create table a ();", "create table b ();"});
  CHECK(builder.scope.exclude_schemas == scope.exclude_schemas);
  CHECK(replayed.schema.FindTable({"public", "t"}) != nullptr);
  CHECK(replayed.server_version == 0);

  Write(dir.path / "s/b.sql", "select 2;");
  Write(dir.path / "s/a.sql", "select 1;");
  LoadSource((dir.path / "s").string(), reader, builder, scope);
  CHECK(builder.calls == std::vector<std::string>{"replay", "sql"});
  CHECK(builder.texts == std::vector<std::string>{"select 1;", "select 2;"});
}

TEST_CASE("canonicalize: extern tables are taken as declared, never as built", "[compare]") {
  ir::Schema compiled;
  ir::Table invoices = Table({"billing", "invoices"}, {Column("id", "integer")});
  invoices.is_extern = true;
  ir::Table users = Table({"auth", "users"}, {Column("id", "uuid")});
  users.is_extern = true;
  compiled.tables = {invoices, users, Table({"public", "payments"}, {Column("id", "integer")})};
  compiled.Reindex();
  FakeBuilder builder;
  // The stand-in of billing.invoices as the server reads it back (another column order, not
  // extern); auth.users left out by the scope.
  builder.result =
      WithTables({Table({"public", "payments"}, {Column("id", "integer")}),
                  Table({"billing", "invoices"}, {Column("id", "int4"), Column("stub", "text")})});
  CatalogScope scope{{}, {"auth"}};
  ir::Schema canonical = Canonicalize(compiled, builder, scope);
  CHECK(builder.calls == std::vector<std::string>{"schema"});
  CHECK(builder.compiled.tables.size() == 3);
  CHECK(builder.scope.exclude_schemas == std::vector<std::string>{"auth"});
  REQUIRE(canonical.tables.size() == 3);
  const ir::Table* built = canonical.FindTable({"billing", "invoices"});
  REQUIRE(built != nullptr);
  CHECK(built->is_extern);
  REQUIRE(built->columns.size() == 1);
  CHECK(built->columns[0].type.name == "integer");
  const ir::Table* added = canonical.FindTable({"auth", "users"});
  REQUIRE(added != nullptr);
  CHECK(added->is_extern);
  CHECK_FALSE(canonical.FindTable({"public", "payments"})->is_extern);
}

TEST_CASE("canonicalize: an extension declared without a version or schema keeps none",
          "[compare]") {
  ir::Schema compiled;
  compiled.extensions = {{"citext", "", "", false, {}}, {"pg_trgm", "public", "1.5", false, {}}};
  FakeBuilder builder;
  builder.result.extensions = {{"citext", "public", "1.6", false, {}},
                               {"pg_trgm", "public", "1.5", false, {}},
                               {"plpgsql_check", "public", "2.1", false, {}}};
  ir::Schema canonical = Canonicalize(compiled, builder, {});
  REQUIRE(canonical.extensions.size() == 3);
  CHECK(canonical.extensions[0].version == "");
  CHECK(canonical.extensions[0].schema == "");
  CHECK(canonical.extensions[1].version == "1.5");
  CHECK(canonical.extensions[1].schema == "public");
  CHECK(canonical.extensions[2].version == "2.1");  // Not declared: as built.
}

TEST_CASE("compare: .schema files are compiled, canonicalized and keep their rename hints",
          "[compare]") {
  testing::TempDir dir;
  Write(dir.path / "schema/app.schema",
        "extern table billing.invoices {\n  id int primary key\n}\n\n"
        "table posts renamed from articles {\n  id int primary key\n"
        "  invoice int? references billing.invoices(id)\n}\n");
  FakeReader reader;
  FakeBuilder builder;
  builder.result = WithTables({Table({"public", "posts"}, {Column("id", "integer")})});
  Source source = LoadSource((dir.path / "schema").string(), reader, builder, {});
  CHECK(builder.calls == std::vector<std::string>{"schema"});
  REQUIRE(builder.compiled.FindTable({"public", "posts"}) != nullptr);
  CHECK(builder.compiled.FindTable({"public", "posts"})->renamed_from == "articles");
  // The extern table comes from the files, the other from the builder.
  REQUIRE(source.schema.FindTable({"billing", "invoices"}) != nullptr);
  CHECK(source.schema.FindTable({"billing", "invoices"})->is_extern);
  CHECK(source.renames.tables.at({"public", "articles"}) == ir::QualifiedName{"public", "posts"});
}

TEST_CASE("compare: a schema with errors throws its diagnostics, printing nothing", "[compare]") {
  testing::TempDir dir;
  Write(dir.path / "bad.schema", "table t {\n  id nosuchtype primary key\n}\n");
  FakeReader reader;
  FakeBuilder builder;
  try {
    LoadSource((dir.path / "bad.schema").string(), reader, builder, {});
    FAIL("no SourceFailed");
  } catch (const SourceFailed& failed) {
    CHECK(failed.loaded.diagnostics.HasErrors());
    CHECK(failed.other_error == nullptr);
  }
  CHECK(builder.calls.empty());

  // Read beside a database that fails too: the database's error comes with the diagnostics.
  try {
    Compare("postgresql://u:hunter2@gone/x", (dir.path / "bad.schema").string(), {}, reader,
            builder);
    FAIL("no SourceFailed");
  } catch (const SourceFailed& failed) {
    CHECK(failed.loaded.diagnostics.HasErrors());
    REQUIRE(failed.other_error != nullptr);
    CHECK_THROWS_WITH(std::rethrow_exception(failed.other_error),
                      "cannot connect to postgresql://u:***@gone/x");
  }
}

TEST_CASE("compare: the up plan, its reverse, and what the reverse cannot restore", "[compare]") {
  FakeReader reader;
  reader.databases["postgresql://db/x"] = {
      WithTables({Table({"public", "t"}, {Column("id", "integer"), Column("note", "text", true)})}),
      170002};
  FakeBuilder builder;
  builder.result = WithTables({Table({"public", "t"}, {Column("id", "integer")})});
  testing::TempDir dir;
  Write(dir.path / "app.schema", "table t {\n  id int primary key\n}\n");
  std::string to = (dir.path / "app.schema").string();

  // Dropping a column loses data: refused unless allowed.
  Comparison refused = Compare("postgresql://db/x", to, {}, reader, builder);
  CHECK_FALSE(refused.up.errors.empty());

  CompareOptions allow;
  allow.allow_destructive = true;
  allow.exclude_schemas = {"audit"};
  Comparison comparison = Compare("postgresql://db/x", to, allow, reader, builder);
  CHECK(reader.scope.exclude_schemas == std::vector<std::string>{"audit"});
  CHECK(builder.scope.exclude_schemas == std::vector<std::string>{"audit"});
  CHECK(comparison.from.server_version == 170002);
  CHECK(comparison.up.errors.empty());
  REQUIRE(comparison.up.steps.size() == 1);
  CHECK(comparison.up.steps[0].Describe() == "drop column public.t.note");
  REQUIRE(comparison.down.steps.size() == 1);
  CHECK(comparison.down.steps[0].Describe() == "add column public.t.note (text)");
  CHECK(Irreversible(comparison) == std::vector<std::string>{"up: drop column public.t.note"});

  // The same two schemas the other way: nothing is lost, the reverse drops.
  Comparison back = Compare(to, "postgresql://db/x", {}, reader, builder);
  CHECK(back.up.errors.empty());
  REQUIRE(back.up.steps.size() == 1);
  CHECK(back.up.steps[0].Describe() == "add column public.t.note (text)");
  REQUIRE(back.down.steps.size() == 1);
  CHECK(back.down.steps[0].Describe() == "drop column public.t.note");
  CHECK(Irreversible(back).empty());
}

TEST_CASE("compare: a database too old for the target's SQL is refused through the reader",
          "[compare]") {
  FakeReader reader;
  reader.databases["postgresql://u:hunter2@old/x"] = {WithTables({}), 150004};
  reader.databases["postgresql://new/x"] = {WithTables({}), 180001};
  FakeBuilder builder;
  builder.result = WithTables({Table({"public", "needs_18"}, {Column("id", "integer")})});
  testing::TempDir dir;
  Write(dir.path / "app.schema", "table needs_18 {\n  id int primary key\n}\n");
  std::string to = (dir.path / "app.schema").string();

  CHECK_THROWS_AS(Compare("postgresql://u:hunter2@old/x", to, {}, reader, builder), UserError);
  CHECK_THROWS_WITH(Compare("postgresql://u:hunter2@old/x", to, {}, reader, builder),
                    "the table needs_18 needs PostgreSQL 18, and postgresql://u:***@old/x runs 15");
  CHECK(reader.asked.back() == std::pair<std::string, int>{"postgresql://u:hunter2@old/x", 150004});

  Comparison newer = Compare("postgresql://new/x", to, {}, reader, builder);
  CHECK(newer.up.steps.size() == 1);
  // Only a database the migration runs on is asked: not a target, not a built source.
  reader.asked.clear();
  Compare("empty", to, {}, reader, builder);
  Compare(to, "postgresql://u:hunter2@old/x", {}, reader, builder);
  CHECK(reader.asked.empty());
}

}  // namespace schemac
