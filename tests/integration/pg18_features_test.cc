// What PostgreSQL 18 added, through the CLI as users run it: NOT NULL constraints with names,
// NO INHERIT and NOT VALID (pg_constraint rows), and virtual generated columns. On an 18 server
// (the matrix's "pg18:" run) each change converges: up, nothing left, up again, down. On older
// servers (15, 17) a schema that needs them is refused, as a target and as a dev database, in
// one line naming the object and the versions.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/runner.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

struct Fixture {
  TempDir dir;
  ScratchDb db{Engine::kPostgres};

  std::string Write(const std::string& name, const std::string& text) {
    WriteFile(dir.path / name, text);
    return "'" + (dir.path / name).string() + "'";
  }
  RunResult Diff(const std::string& from, const std::string& to, const std::string& extra = "") {
    return RunSchemac("diff --allow-destructive --dev-url '" + EngineUrl(Engine::kPostgres) +
                      "' --from " + from + " --to " + to + extra);
  }
  std::string Url() const { return "'" + db.url() + "'"; }
  // A diff to `schema` from the database under test, built on PostgreSQL 18 (tools/test.sh's
  // SCHEMAC_TEST_PG18_URL) as the dev database.
  RunResult RefusedAsTarget(const std::string& schema) {
    const char* dev = std::getenv("SCHEMAC_TEST_PG18_URL");
    REQUIRE(dev != nullptr);
    return RunSchemac("diff --dev-url '" + std::string(dev) + "' --from " + Url() + " --to " +
                      schema);
  }
  void Apply(const std::string& sql) {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    pg::RunMigration(*connection, sql);
  }
  // Builds `a` from empty, then checks up(a -> b) converges, is idempotent, and down restores a.
  // Returns the up migration.
  std::string Converge(const std::string& a, const std::string& b) {
    db.Reset();
    RunResult build = Diff("empty", a);
    INFO(build.err);
    REQUIRE(build.exit_code == 0);
    Apply(build.out);
    RunResult up = Diff(Url(), b);
    INFO(up.err);
    REQUIRE(up.exit_code == 0);
    INFO("up:\n" << up.out);
    RunResult down = Diff(b, a);
    REQUIRE(down.exit_code == 0);
    INFO("down:\n" << down.out);
    Apply(up.out);
    RunResult after = Diff(Url(), b, " --format text --exit-code");
    INFO(after.out << after.err);
    CHECK(after.exit_code == 0);
    Apply(up.out);
    CHECK(Diff(Url(), b, " --exit-code").exit_code == 0);
    Apply(down.out);
    RunResult back = Diff(Url(), a, " --format text --exit-code");
    INFO(back.out << back.err);
    CHECK(back.exit_code == 0);
    return up.out;
  }
};

constexpr const char* kPlain =
    "table notes {\n"
    "  id bigint primary key\n"
    "  title text\n"
    "  body text\n"
    "  tag text?\n"
    "  cents bigint\n"
    "  total bigint generated always as (cents * 2) stored\n"
    "}\n";

constexpr const char* kConstraints =
    "table notes {\n"
    "  id bigint primary key\n"
    "  title text\n"
    "  body text\n"
    "  tag text\n"
    "  cents bigint\n"
    "  total bigint generated always as (cents * 2) stored\n"
    "  extra text\n"
    "\n"
    "  not null title_required (title) no inherit\n"
    "  not null (body) not valid\n"
    "  not null (tag) not valid\n"
    "  not null extra_set (extra) not valid\n"
    "}\n";

constexpr const char* kVirtual =
    "table notes {\n"
    "  id bigint primary key\n"
    "  title text\n"
    "  body text\n"
    "  tag text?\n"
    "  cents bigint\n"
    "  total bigint generated always as (cents * 2) virtual\n"
    "}\n";

}  // namespace

TEST_CASE("PostgreSQL 18: NOT NULL constraints named, NO INHERIT and NOT VALID", "[pg][pg18]") {
  Fixture f;
  std::string plain = f.Write("plain.schema", kPlain);
  std::string constraints = f.Write("constraints.schema", kConstraints);
  if (ExpectedServerMajor() < 18) {
    RunResult refused = f.RefusedAsTarget(constraints);
    INFO(refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("error: the not null constraint of public.notes.title (named, NO "
                           "INHERIT or NOT VALID) needs PostgreSQL 18, and ") != std::string::npos);
    CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
    return;
  }
  std::string up = f.Converge(plain, constraints);
  CHECK(up.find("ADD CONSTRAINT extra_set NOT NULL extra NOT VALID;") != std::string::npos);
  CHECK(up.find("ALTER TABLE public.notes ADD NOT NULL tag NOT VALID;") != std::string::npos);
  CHECK(up.find("RENAME CONSTRAINT %I TO %I', 'public.notes', c.conname, 'title_required'") !=
        std::string::npos);
  f.Converge(constraints, plain);

  // Read back from the catalog: names of PostgreSQL's own shape are unnamed, the others kept
  // with their options.
  f.db.Reset();
  f.db.Exec(
      "create table notes (id bigint primary key, title text constraint title_required not null "
      "no inherit, body text not null, tag text, extra text);"
      "alter table notes rename column body to body2;"  // Keeps notes_body_not_null.
      "insert into notes values (1, 't', 'b', null, null);"
      "alter table notes add constraint extra_set not null extra not valid;"
      "alter table notes add not null tag not valid;");
  RunResult pulled = RunSchemac("pull --db " + f.Url());
  INFO(pulled.err);
  REQUIRE(pulled.exit_code == 0);
  CHECK(pulled.out.find("  not null title_required (title) no inherit\n"
                        "  not null (tag) not valid\n"
                        "  not null extra_set (extra) not valid\n") != std::string::npos);
  CHECK(pulled.out.find("body2") != std::string::npos);
  CHECK(pulled.out.find("(body2)") == std::string::npos);
  std::string roundtrip = f.Write("pulled.schema", pulled.out);
  CHECK(f.Diff(f.Url(), roundtrip, " --exit-code").exit_code == 0);

  // A schema may not name one as PostgreSQL does itself: such names read back as unnamed.
  std::string bad = f.Write("bad.schema",
                            "table t {\n  a text\n  not null t_a_not_null (a)\n}\n");
  RunResult refused = RunSchemac("check " + bad);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("bad.schema:3:12: error: 't_a_not_null' ends in '_not_null'") !=
        std::string::npos);
}

TEST_CASE("PostgreSQL 18: virtual generated columns, never turned into stored ones silently",
          "[pg][pg18]") {
  Fixture f;
  std::string stored = f.Write("stored.schema", kPlain);
  std::string virtual_ = f.Write("virtual.schema", kVirtual);
  if (ExpectedServerMajor() < 18) {
    RunResult refused = f.RefusedAsTarget(virtual_);
    INFO(refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("error: the virtual generated column public.notes.total needs "
                           "PostgreSQL 18, and ") != std::string::npos);
    RunResult dev = RunSchemac("diff --dev-url '" + EngineUrl(Engine::kPostgres) +
                               "' --from empty --to " + virtual_);
    INFO(dev.err);
    CHECK(dev.exit_code == 1);
    CHECK(dev.err.find("virtual.schema:7:3) needs PostgreSQL 18, and ") != std::string::npos);
    CHECK(dev.err.ends_with(": pass --dev-url to a newer server\n"));
    return;
  }
  // stored -> virtual and back: the column is dropped and added, with its hazard shown.
  for (const auto& [a, b] : {std::pair{stored, virtual_}, std::pair{virtual_, stored}}) {
    std::string up = f.Converge(a, b);
    CHECK(up.find("-- drop column public.notes.total [DATA_LOSS") != std::string::npos);
    bool to_virtual = a == stored;
    CHECK(up.find("ADD COLUMN IF NOT EXISTS total bigint NOT NULL GENERATED ALWAYS AS ((cents * "
                  "2)) " + std::string(to_virtual ? "VIRTUAL" : "STORED")) != std::string::npos);
    CHECK((up.find("-- add column public.notes.total (bigint) [TABLE_REWRITE") ==
           std::string::npos) == to_virtual);
    RunResult refused = RunSchemac("diff --dev-url '" + EngineUrl(Engine::kPostgres) +
                                   "' --from " + a + " --to " + b);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("refused (DATA_LOSS, pass --allow-destructive): drop column "
                           "public.notes.total") != std::string::npos);
  }
}

}  // namespace schemac::testing
