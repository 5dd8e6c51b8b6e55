// The Supabase staples declared in the DSL and applied with the CLI to a Supabase-like database
// (PostgreSQL 15, or --server N): the signup trigger on auth.users, an updated_at trigger, a
// helper in a private schema that policies call as `(select private.is_member(...))`, RPCs
// returning `setof` a table and `table (...)`, and a security_invoker view. They are checked at
// run time, as PostgREST runs a request (role authenticated, the JWT's claims in
// request.jwt.claims): the member reads the team's rows through the table, the RPCs and the
// view, another user reads none. Then the down migration takes all of it away again.

#include <catch2/catch.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>

#include "backends/postgres/connection.h"
#include "backends/postgres/runner.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

constexpr const char* kTeams = R"(target supabase

schema private
grant usage on schema private to authenticated

table profiles {
  id         uuid        primary key references auth.users(id) on delete cascade
  email      text
  updated_at timestamptz default now()

  rls
  grant select to authenticated
  policy "own profile" for select to authenticated using ((select auth.uid()) = id)
}

table teams {
  id   bigint primary key identity always
  name text

  grant select to authenticated
}

table members {
  team_id bigint references teams(id) on delete cascade
  user_id uuid   references profiles(id) on delete cascade

  primary key (team_id, user_id)
}

table notes {
  id         bigint      primary key identity always
  team_id    bigint      references teams(id) on delete cascade
  body       text
  updated_at timestamptz default now()

  rls
  grant select, update to authenticated
  policy "members read" for select to authenticated
      using ((select private.is_member(team_id)))
}

/// Creates the profile row of a new auth user.
function private.handle_new_user() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  revoke execute from public
  as $$
begin
  insert into public.profiles (id, email) values (new.id, new.email);
  return new;
end;
$$

trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user()

function private.set_updated_at() returns trigger
  language plpgsql
  as $$
begin
  new.updated_at := clock_timestamp();
  return new;
end;
$$

trigger notes_set_updated_at before update on notes
  for each row execute function private.set_updated_at()

/// Whether the calling user is a member of the team. Security definer: members has no policy
/// the caller could pass.
function private.is_member(team bigint) returns boolean
  language sql stable
  security definer
  set search_path = ''
  revoke execute from public
  grant execute to authenticated
  as $$
    select exists (
      select 1 from public.members m where m.team_id = team and m.user_id = (select auth.uid())
    )
  $$

function search_notes(query text) returns setof notes
  language sql stable
  as $$ select * from public.notes where body ilike '%' || query || '%' $$

function note_counts() returns table (team_id bigint, notes bigint)
  language sql stable
  as $$ select n.team_id, count(*) from public.notes n group by n.team_id $$

view team_notes with (security_invoker) as (
  select n.id, n.body, t.name as team from public.notes n join public.teams t on t.id = n.team_id
) {
  grant select to authenticated
}
)";

constexpr const char* kAlice = "00000000-0000-0000-0000-00000000000a";
constexpr const char* kBob = "00000000-0000-0000-0000-00000000000b";

// The first column of the first row of `sql`, run as PostgREST runs a request of `user`: role
// authenticated, the user's claims in request.jwt.claims, in a transaction rolled back after.
std::string AsUser(const std::string& url, const std::string& user, const std::string& sql) {
  pqxx::connection connection{url};
  pqxx::work tx{connection};
  tx.exec("set local role authenticated");
  tx.exec("select set_config('request.jwt.claims', " +
          tx.quote("{\"sub\": \"" + user + "\", \"role\": \"authenticated\"}") + ", true)");
  pqxx::result rows = tx.exec(sql);
  return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].c_str();
}

std::string AsOwner(const std::string& url, const std::string& sql) {
  pqxx::connection connection{url};
  pqxx::work tx{connection};
  pqxx::result rows = tx.exec(sql);
  tx.commit();
  return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].c_str();
}

}  // namespace

TEST_CASE("the Supabase staples, declared in the DSL, work at run time and go away down",
          "[pg][supabase][staples]") {
  ScratchDb db(Engine::kPostgres);
  SqlFile supabase;
  supabase.needs = {"supabase"};
  db.LoadNeeds(supabase, true);
  TempDir dir;
  WriteFile(dir.path / "teams.schema", kTeams);
  std::string dev = " --dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  std::string args = "--db '" + db.url() + "' --schema " + dir.path.string() + dev;

  RunResult applied = RunSchemac("apply --auto-approve " + args);
  INFO("apply stdout: " << applied.out << "\napply stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  RunResult plan = RunSchemac("plan --exit-code " + args);
  INFO("plan stdout: " << plan.out << "\nplan stderr: " << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == "No changes: the database matches the schema.\n");

  // The pull round trip: pulled, the schema plans empty against the database, and pulling the
  // database it builds gives the same files.
  TempDir pulled;
  RunResult pull = RunSchemac("pull --db '" + db.url() + "' --out " + pulled.path.string());
  INFO("pull stderr: " << pull.err);
  REQUIRE(pull.exit_code == 0);
  std::string text =
      ReadFile(pulled.path / "private.schema") + ReadFile(pulled.path / "public.schema");
  for (const char* object : {"function private.is_member(team bigint)",
                             "trigger on_auth_user_created after insert on auth.users",
                             "view team_notes with (security_invoker) as (",
                             "function note_counts() returns table (team_id bigint, notes "
                             "bigint)"}) {
    CHECK(text.find(object) != std::string::npos);
  }
  RunResult replan =
      RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + pulled.path.string() + dev);
  INFO("plan of the pulled schema: " << replan.out << replan.err);
  CHECK(replan.exit_code == 0);
  ScratchDb rebuilt(Engine::kPostgres);
  rebuilt.LoadNeeds(supabase, true);
  REQUIRE(RunSchemac("apply --auto-approve --db '" + rebuilt.url() + "' --schema " +
                     pulled.path.string() + dev)
              .exit_code == 0);
  TempDir again;
  REQUIRE(RunSchemac("pull --db '" + rebuilt.url() + "' --out " + again.path.string()).exit_code ==
          0);
  for (const char* file : {"private.schema", "public.schema"}) {
    CHECK(ReadFile(again.path / file) == ReadFile(pulled.path / file));
  }

  // A sign-up creates the profile row (the trigger on auth.users runs the security definer
  // function as its owner, whatever role signs up).
  db.Exec(std::string("insert into auth.users (id, email) values ('") + kAlice +
          "', 'alice@example.com'), ('" + kBob + "', 'bob@example.com')");
  CHECK(AsOwner(db.url(), "select string_agg(email, ',' order by email) from profiles") ==
        "alice@example.com,bob@example.com");
  db.Exec(std::string("insert into teams (name) values ('red'), ('blue');"
                      "insert into members values (1, '") +
          kAlice +
          "');"
          "insert into notes (team_id, body, updated_at) values "
          "(1, 'red plan', '2000-01-01'), (2, 'blue plan', '2000-01-01')");

  // The helper admits the member to her team's note and denies the other user, through the
  // table, the setof RPC, the table RPC and the security_invoker view alike.
  CHECK(AsUser(db.url(), kAlice, "select string_agg(body, ',') from notes") == "red plan");
  CHECK(AsUser(db.url(), kBob, "select count(*) from notes") == "0");
  CHECK(AsUser(db.url(), kAlice, "select string_agg(body, ',') from search_notes('plan')") ==
        "red plan");
  CHECK(AsUser(db.url(), kBob, "select count(*) from search_notes('plan')") == "0");
  CHECK(AsUser(db.url(), kAlice,
               "select string_agg(team_id || ':' || notes, ',') "
               "from note_counts()") == "1:1");
  CHECK(AsUser(db.url(), kBob, "select count(*) from note_counts()") == "0");
  CHECK(AsUser(db.url(), kAlice, "select team from team_notes") == "red");
  CHECK(AsUser(db.url(), kBob, "select count(*) from team_notes") == "0");
  // Only the profile of the caller.
  CHECK(AsUser(db.url(), kBob, "select string_agg(email, ',') from profiles") == "bob@example.com");

  // An update moves updated_at of the row it updates, and only of it.
  db.Exec("update notes set body = 'red plan 2' where id = 1");
  CHECK(AsOwner(db.url(), "select updated_at > '2001-01-01' from notes where id = 1") == "t");
  CHECK(AsOwner(db.url(), "select updated_at from notes where id = 2") ==
        AsOwner(db.url(), "select '2000-01-01'::timestamptz::text"));

  // Down: every object goes (the trigger on auth.users first), Supabase's tables stay; twice.
  RunResult down = RunSchemac("diff --from empty --to " + dir.path.string() + " --down" + dev);
  INFO("down stderr: " << down.err);
  REQUIRE(down.exit_code == 0);
  {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    REQUIRE_NOTHROW(pg::RunMigration(*connection, down.out));
    REQUIRE_NOTHROW(pg::RunMigration(*connection, down.out));
  }
  TempDir empty;
  WriteFile(empty.path / "empty.schema", "target supabase\n");
  RunResult gone =
      RunSchemac("plan --exit-code --db '" + db.url() + "' --schema " + empty.path.string() + dev);
  INFO("plan after down: " << gone.out << gone.err);
  CHECK(gone.exit_code == 0);
  CHECK(AsOwner(db.url(),
                "select count(*) from pg_trigger where tgname = "
                "'on_auth_user_created'") == "0");
  CHECK(AsOwner(db.url(), "select count(*) from auth.users") == "2");
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE(
    "apply: a function body, a trigger or a view in error is refused at its .schema "
    "line, and nothing is applied",
    "[pg][staples][devdb-errors]") {
  const std::string head =
      "table notes {\n"              // 1
      "  id   bigint primary key\n"  // 2
      "  body text\n"                // 3
      "}\n\n";                       // 4, 5
  struct Case {
    const char* what;
    std::string tail;   // from line 6
    std::string error;  // a.schema:LINE:COL: error: MESSAGE
  };
  std::vector<Case> cases = {
      {"a syntax error in a function body",
       "function note_count() returns bigint language plpgsql as $$\n"  // 6
       "begin\n"                                                        // 7
       "  retrun (select count(*) from public.notes);\n"                // 8
       "end\n"
       "$$\n",
       "a.schema:8:3: error: function public.note_count(): syntax error at or near \"retrun\""},
      {"a trigger naming a missing function",
       "trigger notes_touch before update on notes\n"  // 6
       "  for each row execute function touch()\n",    // 7
       "a.schema:7:33: error: unknown function 'touch()'"},
      {"a view selecting a missing column",
       "view note_titles as (\n"          // 6
       "  select id, title from notes\n"  // 7
       ")\n",
       "a.schema:7:14: error: view public.note_titles: column \"title\" does not exist"},
  };
  for (const Case& c : cases) {
    SECTION(c.what) {
      ScratchDb db(Engine::kPostgres);
      db.Exec("create table keep (id int primary key)");
      TempDir dir;
      WriteFile(dir.path / "a.schema", head + c.tail);
      RunResult apply = RunSchemac("apply --auto-approve --db '" + db.url() + "' --schema " +
                                   (dir.path / "a.schema").string() + " --dev-url '" +
                                   EngineUrl(Engine::kPostgres) + "'");
      INFO(apply.out << apply.err);
      CHECK(apply.exit_code == 1);
      CHECK(apply.err.find((dir.path / c.error).string()) != std::string::npos);
      CHECK(apply.err.find("LINE ") == std::string::npos);
      CHECK(apply.out.find("Applied") == std::string::npos);
      // Nothing applied: the database is as it was, its own table kept.
      CHECK(AsOwner(db.url(),
                    "select string_agg(relname, ',' order by relname) from pg_class "
                    "where relnamespace = 'public'::regnamespace") == "keep,keep_pkey");
      CHECK(AsOwner(db.url(),
                    "select count(*) from pg_proc "
                    "where pronamespace = 'public'::regnamespace") == "0");
    }
  }
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE(
    "plan: renaming a column the signup function still names is BREAKS_DEPENDENTS, and "
    "the plan names the function",
    "[pg][staples][hazards]") {
  ScratchDb db(Engine::kPostgres);
  SqlFile supabase;
  supabase.needs = {"supabase"};
  db.LoadNeeds(supabase, true);
  TempDir dir;
  const std::string function =
      "function private.handle_new_user() returns trigger language plpgsql security definer\n"
      "  set search_path = '' revoke execute from public\n"
      "  as $$\nbegin\n  insert into public.profiles (id, email) values (new.id, new.email);\n"
      "  return new;\nend;\n$$\n\n"
      "trigger on_auth_user_created after insert on auth.users\n"
      "  for each row execute function private.handle_new_user()\n";
  WriteFile(dir.path / "a.schema",
            "target supabase\nschema private\n\n"
            "table profiles {\n  id uuid primary key references auth.users(id)\n"
            "  email text?\n}\n\n" +
                function);
  std::string args = "--db '" + db.url() + "' --schema " + dir.path.string() + " --dev-url '" +
                     EngineUrl(Engine::kPostgres) + "'";
  RunResult applied = RunSchemac("apply --auto-approve " + args);
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);

  WriteFile(dir.path / "a.schema",
            "target supabase\nschema private\n\n"
            "table profiles {\n  id uuid primary key references auth.users(id)\n"
            "  contact_email text? renamed from email\n}\n\n" +
                function);
  RunResult plan = RunSchemac("plan " + args);
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.out.find("rename column public.profiles.email to contact_email  "
                      "[BREAKS_DEPENDENTS]") != std::string::npos);
  CHECK(plan.out.find("the body of private.handle_new_user() still names the column") !=
        std::string::npos);
  RunResult json = RunSchemac("plan --format json " + args);
  CHECK(json.out.find("BREAKS_DEPENDENTS") != std::string::npos);
  CHECK(json.out.find("private.handle_new_user()") != std::string::npos);
}

}  // namespace schemac::testing
