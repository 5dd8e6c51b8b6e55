// `schemac pull` round trips on real engines: a database built from SQL with every form of
// expression PostgreSQL prints back (scalar subqueries, EXISTS, IN, ANY/ALL, CASE, casts, row
// comparisons, arrays, strings with quotes and line breaks, helper functions in another
// schema), in every position pull writes (policies, checks, defaults, generated columns, index
// keys and predicates), is pulled, and the pulled schema plans empty against that database. And
// extension versions: pulled without pins unless asked, and a missing version named.

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

// The tables of the round trip, under `target supabase` (auth.uid(), auth.role() and
// auth.jwt() are helper functions in another schema that the dev database has too).
constexpr const char* kExpressionsSql = R"sql(
create schema app;
create table app.teams (
  id int primary key,
  owner uuid default auth.uid(),
  a int not null default 0,
  b int default (1 + 2) * 3,
  name text not null default 'it''s
two lines',
  tags text[] default array['x', 'y'],
  nums int[] default '{1,2}',
  d jsonb default '{"k": 1}',
  created timestamptz default (now() + interval '1 day'),
  kind text default case when current_user = 'x' then 'a' else 'b' end,
  score numeric(10,2) default -1.5,
  total int generated always as (coalesce(a, 0) + coalesce(b, 0) * 2) stored,
  label text generated always as (case when a > 0 then 'pos' else 'it''s' || name end) stored,
  first_tag text generated always as (tags[1]) stored,
  pair_ok boolean generated always as ((a, b) < (100, 200)) stored,
  check ((a, b) < (100, 200)),
  check (a in (0, 1, 2) or b = any (array[3, 4])),
  check (name <> all ('{"", x}'::text[])),
  check (coalesce(b, 0)::text ~ '^[0-9]+$'),
  check (case when b is null then true else b > a end),
  check (name not like '%''%
%'),
  check (row(a, b) is not null),
  check ((tags[1]) is distinct from 'z'),
  check (d ? 'k' and (d ->> 'k')::int >= 0),
  check (owner is null or owner <> auth.uid()),
  check (((a + b) * 2) > -1 and not (a = 1 or b = 2))
);
create table app.members (
  team_id int not null references app.teams,
  user_id uuid not null default auth.uid(),
  primary key (team_id, user_id)
);
create index on app.teams (lower(name));
create index on app.teams ((a + b));
create index on app.teams ((coalesce(b, a)), (tags[1]) desc);
create index on app.teams (((d ->> 'k')::int));
create index on app.teams ((case when a > 0 then name else '' end));
create index on app.teams ((a::text || 'it''s'));
create index on app.teams (a) where (b in (1, 2) and name <> 'it''s');
create index on app.teams (b) where a = any (array[1, 2]) and tags[1] is not null;
create index on app.teams (name) where name ~ '^a
b' and (a, b) > (0, 0);
alter table app.teams enable row level security;
create policy "bare subquery" on app.teams using ((select auth.uid() is not null));
create policy "subquery compared" on app.teams for select using ((select auth.uid()) = owner);
create policy "exists" on app.teams for update
  using (exists (select 1 from app.members m where m.team_id = teams.id
                 and m.user_id = (select auth.uid())))
  with check ((select count(*) from app.members) < 100);
create policy "in subquery" on app.teams using (id in (select team_id from app.members));
create policy "any all" on app.teams using (a = any (array[1, 2]) and b <> all ('{3,4}'));
create policy "case" on app.teams
  using (case when auth.role() = 'admin' then true else owner = auth.uid() end);
create policy "cast and coalesce" on app.teams using (coalesce(a, 0)::text = 'it''s
two lines');
create policy "row comparison" on app.teams using ((a, b) < (1, 2));
create policy "row in" on app.teams using ((a, b) in (select team_id, team_id from app.members));
create policy "arrays" on app.teams
  using (tags[1] = 'x' and tags @> array['y'] and (a + b) * 2 > 3 and nums[1:2] = '{1,2}');
create policy "array subquery" on app.teams
  using (array(select team_id from app.members) <> '{}');
create policy "union" on app.teams using ((select true union select false limit 1));
create policy "union in parentheses" on app.teams
  using (((select true limit 1) union (select false) limit 1));
create policy "jwt" on app.teams using ((auth.jwt() ->> 'role') = 'x' and not (a = 1 or b = 2));
create policy "insert" on app.teams for insert with check ((select auth.uid()) is not null);
create policy "scalar subquery of a row" on app.teams
  using ((select (m.team_id, m.user_id) from app.members m limit 1) is not null);
-- Columns named like the DSL's top-level keywords, in expressions PostgreSQL prints over several
-- lines (CASE, WITH, joins): none of their lines may start a declaration.
create table app.odd (id int primary key, schema int, target int, extension int, enum int,
                      extern int);
alter table app.odd enable row level security;
create policy "case over lines" on app.odd
  using (case when schema > 0 then target else extension end > enum);
create policy "with and join" on app.odd
  using (exists (with c as (select extern from app.odd)
                 select 1 from c join app.odd o2 on o2.schema = c.extern
                 where case when o2.target > 0 then true else false end));
create policy "values" on app.odd using ((values (schema)) is not null);
create policy "nested case" on app.odd
  using (case schema when 1 then case when target > 0 then 1 else 2 end else extension end > 0);
create policy "two subqueries" on app.odd
  using ((select schema from app.odd limit 1) > 0
         and (select extension union select target) > 0);
)sql";

void LoadSupabase(ScratchDb& db) {
  SqlFile env;
  env.needs = {"supabase"};
  db.LoadNeeds(env, true);
}

std::string DevUrl() { return " --dev-url '" + EngineUrl(Engine::kPostgres) + "'"; }

}  // namespace

TEST_CASE("pull: every expression form PostgreSQL prints builds again and plans empty",
          "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  LoadSupabase(db);
  db.Exec(kExpressionsSql);
  TempDir temp;
  const fs::path dir = temp.path / "schema";
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + dir.string());
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string app = ReadFile(dir / "app.schema");
  INFO("app.schema:\n" << app);
  // The scalar subquery keeps its own parentheses inside the DSL's.
  CHECK(app.find("policy \"bare subquery\" for all using (( SELECT (auth.uid() IS NOT NULL)))") !=
        std::string::npos);

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
}

// The issue's policy: a helper function in a schema of the project's own. Pull writes the
// function and the policy, and the pulled schema builds and plans nothing.
TEST_CASE("pull: a policy calling a helper function keeps its scalar subquery", "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  LoadSupabase(db);
  db.Exec("create schema private; create table teams (id int primary key);"
          "create function private.is_member(team int) returns boolean language sql stable "
          "as $$ select true $$;"
          "alter table teams enable row level security;"
          "create policy members on teams for select to authenticated "
          "using ((select private.is_member(id)))");
  TempDir temp;
  std::string schema = (temp.path / "pulled.schema").string();
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + schema);
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string text = ReadFile(schema);
  INFO(text);
  CHECK(text.find("using (( SELECT private.is_member(teams.id) AS is_member))") !=
        std::string::npos);
  RunResult check = RunSchemac("check -q " + schema);
  CHECK(check.exit_code == 0);
  CHECK(text.find("function private.is_member(team integer) returns boolean") !=
        std::string::npos);
  RunResult plan = RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + schema +
                              DevUrl());
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "No changes: the database matches the schema.\n");
}

TEST_CASE("pull writes extension versions only when asked and the schema plans on another version",
          "[pg][pull]") {
  const std::string table = "create table notes (id int primary key, body citext not null)";
  ScratchDb old_version(Engine::kPostgres);
  old_version.Exec("create extension citext version '1.5'; " + table);
  ScratchDb default_version(Engine::kPostgres);
  default_version.Exec("create extension citext; " + table);
  TempDir temp;
  std::string plain = (temp.path / "plain.schema").string();
  std::string pinned = (temp.path / "pinned.schema").string();

  RunResult pull = RunSchemac("pull --db '" + old_version.url() + "' --out " + plain);
  INFO(pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string text = ReadFile(plain);
  INFO(text);
  CHECK(text.starts_with("extension citext schema public\n"));
  CHECK(text.find("version") == std::string::npos);
  // Planned against a database with the server's default version: nothing to do, and nothing
  // to do against the one it was pulled from either.
  for (const ScratchDb* db : {&default_version, &old_version}) {
    RunResult plan = RunSchemac("plan --exit-code --db '" + db->url() + "' --schema " + plain +
                                DevUrl());
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
  }

  RunResult pin = RunSchemac("pull --extension-versions --db '" + old_version.url() + "' --out " +
                             pinned);
  INFO(pin.err);
  REQUIRE(pin.exit_code == 0);
  CHECK(ReadFile(pinned).starts_with("extension citext schema public version '1.5'\n"));
  RunResult same = RunSchemac("plan --exit-code --db '" + old_version.url() + "' --schema " +
                              pinned + DevUrl());
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);
  RunResult other = RunSchemac("plan --exit-code --db '" + default_version.url() + "' --schema " +
                               pinned + DevUrl());
  INFO(other.out << other.err);
  CHECK(other.exit_code == 2);
  CHECK(other.out.find("1.5") != std::string::npos);
}

TEST_CASE("an extension version the dev database lacks: the error names the versions it has",
          "[pg][pull]") {
  ScratchDb db(Engine::kPostgres);
  TempDir temp;
  std::string schema = (temp.path / "app.schema").string();
  WriteFile(schema, "extension citext version '0.9'\n\ntable notes {\n  id integer primary key\n"
                    "  body citext\n}\n");
  std::unique_ptr<pqxx::connection> connection = pg::Connect(EngineUrl(Engine::kPostgres));
  std::string versions =
      pqxx::nontransaction(*connection)
          .exec1("select string_agg(version, ', ' order by string_to_array(version, '.')::int[]) "
                 "from pg_available_extension_versions where name = 'citext'")[0]
          .c_str();
  REQUIRE(versions.find("1.5") != std::string::npos);
  RunResult plan = RunSchemac("plan --db '" + db.url() + "' --schema " + schema + DevUrl());
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.empty());
  CHECK(std::count(plan.err.begin(), plan.err.end(), '\n') == 1);
  CHECK(plan.err.find("extension \"citext\" version '0.9' (declared at " + schema +
                      ":1:1) is not available on the dev database") != std::string::npos);
  CHECK(plan.err.find("it has " + versions + ";") != std::string::npos);
}

}  // namespace schemac::testing
