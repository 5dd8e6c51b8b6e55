// Constraint options on real engines (issue 22): deferrable primary keys, unique keys and
// foreign keys, MATCH FULL, comments on constraints and indexes, and a unique key that repeats
// the primary key. A database holding them is pulled, and the pulled schema plans nothing
// against it; a foreign key's deferrability changes in place (ALTER CONSTRAINT) on every server
// (15, 17 and 18 with `--server N`).

#include <catch2/catch.hpp>

#include <string>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kConstraintsSql = R"sql(
create table t (id int primary key);
-- The issue's table: a second key on the primary key's column, under its own name.
alter table t add constraint t_id_key unique (id);
create table boards (
  id int primary key deferrable initially deferred,
  slug text,
  region text,
  code text,
  constraint boards_slug_key unique (slug) deferrable,
  constraint boards_place unique (region, code),
  constraint boards_slug_check check (slug <> '')
);
create table slots (
  id int primary key,
  t_id int references t(id) deferrable initially deferred,
  region text,
  code text,
  constraint slots_place foreign key (region, code) references boards(region, code) match full
);
create index slots_t on slots (t_id);
comment on constraint boards_pkey on boards is 'The board''s key.';
comment on constraint boards_slug_key on boards is 'Slugs are unique
by the end of a transaction.';
comment on constraint boards_slug_check on boards is 'No empty slug.';
comment on constraint slots_place on slots is 'Whole or nothing.';
comment on index slots_t is 'Slots by t.';
create extension btree_gist;
create table bookings (
  id int primary key,
  room int,
  starts timestamptz,
  ends timestamptz,
  note text,
  constraint bookings_no_overlap exclude using gist (room with =, tstzrange(starts, ends) with &&),
  exclude using gist (tstzrange(starts, ends) with &&) include (note) where (room = 0) deferrable
);
comment on constraint bookings_no_overlap on bookings is 'No two bookings of a room overlap.';
)sql";

std::string DevUrl() { return " --dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("pull: deferrable keys, match full, a key repeating the primary key and comments on "
          "constraints and indexes plan nothing", "[pg][pull][constraints]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(kConstraintsSql);
  TempDir temp;
  std::string schema = (temp.path / "pulled.schema").string();
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + schema);
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string text = ReadFile(schema);
  INFO(text);
  CHECK(Has(text, "  id integer primary key\n\n  unique t_id_key (id)\n"));
  CHECK(Has(text, "  /// The board's key.\n  primary key (id) deferrable initially deferred\n"));
  CHECK(Has(text, "  /// Slugs are unique\n  /// by the end of a transaction.\n  unique (slug) deferrable\n"));
  CHECK(Has(text, "  /// No empty slug.\n  check (slug <> ''::text)\n"));
  CHECK(Has(text, "references t(id) deferrable initially deferred"));
  CHECK(Has(text, "  /// Whole or nothing.\n  foreign key slots_place (region, code) references "
                  "boards(region, code) match full\n"));
  CHECK(Has(text, "  /// Slots by t.\n  index slots_t (t_id)\n"));
  CHECK(Has(text, "  /// No two bookings of a room overlap.\n  exclude bookings_no_overlap using gist "
                  "(room with =, (tstzrange(starts, ends)) with &&)\n"));
  CHECK(Has(text, "  exclude using gist ((tstzrange(starts, ends)) with &&) include (note) where "
                  "(room = 0) deferrable\n"));
  RunResult check = RunSchemac("check -q " + schema);
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  RunResult fmt = RunSchemac("fmt --check " + schema);
  INFO(fmt.out << fmt.err);
  CHECK(fmt.exit_code == 0);
  RunResult plan = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + schema +
                              DevUrl());
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "No changes: the database matches the schema.\n");
}

TEST_CASE("a foreign key's deferrability changes in place, a key's by making it again",
          "[pg][constraints]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create table p (id int primary key, u int unique);"
          "create table c (id int primary key, p_id int references p(id));"
          "insert into p values (1, 1); insert into c values (1, 1);");
  TempDir temp;
  fs::path schema = temp.path / "s.schema";
  WriteFile(schema,
            "table p {\n  id int primary key\n  u  int?\n\n  unique (u) deferrable\n}\n"
            "table c {\n  id   int primary key\n"
            "  p_id int? references p(id) deferrable initially deferred\n}\n");
  std::string args = "--db '" + db.url() + "' --schema " + schema.string() + DevUrl();
  RunResult plan = RunSchemac("plan " + args);
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK(Has(plan.out, "make foreign key c_p_id_fkey on public.c deferrable initially deferred"));
  CHECK_FALSE(Has(plan.out, "drop foreign key c_p_id_fkey"));
  CHECK(Has(plan.out, "drop unique constraint p_u_key"));
  RunResult apply = RunSchemac("apply --auto-approve " + args);
  INFO(apply.out << apply.err);
  REQUIRE(apply.exit_code == 0);
  RunResult again = RunSchemac("plan --exit-code " + args);
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
}

}  // namespace schemac::testing
