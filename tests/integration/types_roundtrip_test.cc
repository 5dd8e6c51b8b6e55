// Domains and composite types on real engines: `pull` of a database holding them writes a
// schema that compiles (issue 22: it used to stop with "unknown type 'app.valid_name'"),
// formats stably and plans empty against that database; unmanaged no longer lists them.

#include <catch2/catch.hpp>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

// Every clause of a domain (collation, default, NOT NULL, named and unnamed checks, a comment;
// on a built-in type, an array type, an enum and another domain) and of a composite type
// (collation, an attribute of a domain and of an array of one), used by columns, an array of a
// domain, a function's argument and result, and a view.
constexpr const char* kTypesSql = R"sql(
create schema app;
create type app.mood as enum ('sad', 'ok', 'happy');
create domain app.valid_name as text collate "C" not null
  constraint valid_name_length check (length(value) between 1 and 40)
  check (value = btrim(value));
comment on domain app.valid_name is 'A display name.';
create domain public.positive as integer default 1 check (value > 0) check (value < 1000000);
create domain app.good_mood as app.mood check (value <> 'sad');
create domain app.short_name as app.valid_name check (length(value) < 10);
create domain app.tags as text[] default '{}';
create type app.address as (street text, city app.valid_name, zip varchar(10) collate "C");
comment on type app.address is 'A postal address.';
create type app.pair as (a integer, b positive[]);
create table app.people (
  id bigint primary key,
  name app.valid_name not null,
  nick app.short_name,
  mood app.good_mood,
  count positive not null,
  scores positive[],
  tags app.tags,
  home app.address,
  pairs app.pair[]
);
create function app.greet(who app.valid_name) returns app.address language sql stable
  as $$ select row('main street', who, '1000')::app.address $$;
create view app.named as select id, name, home from app.people;
)sql";

std::string DevUrl() { return " --dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

}  // namespace

TEST_CASE("pull: domains and composite types are written, compile and plan empty",
          "[pg][pull][types]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(kTypesSql);
  TempDir temp;
  const fs::path dir = temp.path / "schema";
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + dir.string());
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  // Modeled now: not listed as unmanaged.
  CHECK(pull.err.find("not managed by schemac") == std::string::npos);
  std::string app = ReadFile(dir / "app.schema");
  std::string pub = ReadFile(dir / "public.schema");
  INFO("app.schema:\n" << app << "\npublic.schema:\n" << pub);
  CHECK(app.find("/// A display name.\ndomain app.valid_name as text\n  collate \"C\"\n  not null\n"
                 "  check (VALUE = btrim(VALUE))\n  constraint valid_name_length check (") !=
        std::string::npos);
  CHECK(app.find("constraint valid_name_length check (") != std::string::npos);
  // The unnamed check keeps PostgreSQL's default name without writing it.
  CHECK(app.find("constraint valid_name_check") == std::string::npos);
  CHECK(app.find("domain app.good_mood as app.mood check (") != std::string::npos);
  CHECK(app.find("domain app.short_name as app.valid_name check (") != std::string::npos);
  CHECK(app.find("/// A postal address.\ntype app.address as (street text, city app.valid_name, "
                 "zip varchar(10) collate \"C\")") != std::string::npos);
  CHECK(app.find("pairs  app.pair[]?") != std::string::npos);
  // A domain over an array is not an array of the domain.
  CHECK(app.find("tags   app.tags?") != std::string::npos);
  CHECK(pub.find("domain positive as integer\n  default (1)\n  check (VALUE > 0)\n"
                 "  constraint positive_check1 check (VALUE < 1000000)\n") != std::string::npos);

  RunResult check = RunSchemac("check -q " + dir.string());
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  RunResult fmt = RunSchemac("fmt --check " + dir.string());
  INFO(fmt.out << fmt.err);
  CHECK(fmt.exit_code == 0);
  RunResult plan = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " +
                              dir.string() + DevUrl());
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "No changes: the database matches the schema.\n");
}

// A domain's base type cannot change in place: with a column using it the plan refuses and
// names the column; unused, the domain is dropped and created again.
TEST_CASE("plan: a domain's base type change is refused while a column uses it",
          "[pg][types]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec("create domain code as text check (value <> '');"
          "create domain unused as text;"
          "create table t (id int primary key, c code)");
  TempDir temp;
  fs::path schema = temp.path / "s.schema";
  WriteFile(schema,
            "domain code as character varying(10) check (value <> '')\n"
            "domain unused as integer\n"
            "table t {\n  id integer primary key\n  c code?\n}\n");
  RunResult plan = RunSchemac("plan --db '" + db.url() + "' --schema " + schema.string() +
                              " --allow-destructive" + DevUrl());
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code != 0);
  CHECK((plan.out + plan.err).find("domain public.code changes its base type from text to "
                                   "character varying(10)") != std::string::npos);
  CHECK((plan.out + plan.err).find("column public.t.c") != std::string::npos);

  WriteFile(schema,
            "domain code as text check (value <> '')\n"
            "domain unused as integer\n"
            "table t {\n  id integer primary key\n  c code?\n}\n");
  RunResult replan = RunSchemac("plan --db '" + db.url() + "' --schema " + schema.string() +
                                " --allow-destructive" + DevUrl());
  INFO(replan.out << replan.err);
  CHECK(replan.exit_code == 0);
  CHECK(replan.out.find("drop domain public.unused") != std::string::npos);
  CHECK(replan.out.find("create domain public.unused") != std::string::npos);
}

}  // namespace schemac::testing
