// Canonical forms do not depend on the session's search_path: a database reads back as the same
// IR JSON whatever search_path the session has (the URL's options, ALTER DATABASE / ALTER ROLE
// SET, a SET left by a migration), `apply` converges on a database whose own search_path holds
// the extension schema, as Supabase's does (`"$user", public, extensions`), a migration's guard
// reads expressions as canonical forms do, and a Supabase schema's build and migrations resolve
// bare names as Supabase does.

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "backends/json/ir_json.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/introspect.h"
#include "backends/postgres/runner.h"
#include "compiler/diff.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

// `url` with the libpq startup option `-c search_path=<path>` (percent-encoded).
std::string WithSearchPath(const std::string& url, const std::string& path) {
  std::string value = "-c search_path=" + path;
  std::string encoded;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      encoded += hex;
    }
  }
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=" + encoded;
}

// The IR JSON `url` reads as; `session_sql` runs on the connection first (a SET, as a migration
// leaves one). The session's search_path is returned in `seen`, to show the setting took.
std::string JsonAt(const std::string& url, const std::string& session_sql, std::string* seen) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  if (!session_sql.empty()) pqxx::nontransaction(*connection).exec(session_sql);
  ir::Schema schema = pg::Introspect(*connection, {{}, {}, url});
  *seen = pqxx::nontransaction(*connection).exec1("show search_path")[0].c_str();
  return json::ToJsonText(schema);
}

// The domains `url` reads as, one line each.
std::string DomainsAt(const std::string& url, const std::string& session_sql) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  if (!session_sql.empty()) pqxx::nontransaction(*connection).exec(session_sql);
  std::string out;
  for (const auto& [name, type] : pg::IntrospectDomains(*connection)) {
    out += name + " " + type.schema + "." + type.name + " " + std::to_string(type.modifiers.size()) +
           " " + std::to_string(static_cast<int>(type.kind)) + "\n";
  }
  return out;
}

// A DO block that runs `statement` (a format() string literal with one %I) for the database it
// runs in: the scratch database's name is not known to the test.
std::string ForThisDatabase(const std::string& statement) {
  return "do $sp$ begin execute format(" + statement + ", current_database()); end $sp$";
}

// Objects whose printed forms name other schemas: extension functions and types in
// `extensions`, functions, enums and tables in `app`, objects in a schema named after the
// session's user (`"$user"` resolves to it), enum-typed defaults, generated columns, checks,
// policies, index expressions and predicates, serial sequences.
const char kObjects[] = R"sql(
create schema if not exists extensions;
create extension if not exists "uuid-ossp" schema extensions;
create extension if not exists pgcrypto schema extensions;
create extension if not exists citext schema extensions;
create schema app;
create schema postgres;
create type app.status as enum ('draft', 'live');
create type public.mood as enum ('ok', 'sad');
create domain app.email as extensions.citext;
create function app.is_member(uuid) returns boolean language sql stable as 'select true';
create function app.slug(text) returns text language sql immutable as 'select lower($1)';
create function postgres.score(int) returns int language sql immutable as 'select $1 + 1';
create function public.label(text) returns text language sql immutable as 'select upper($1)';
create table public.teams (
  id uuid primary key default extensions.uuid_generate_v4(),
  name extensions.citext not null,
  n serial,
  mood mood not null default 'ok'
);
create table app.accounts (
  id uuid primary key default extensions.uuid_generate_v4(),
  team_id uuid references public.teams (id),
  status app.status not null default 'draft',
  mood public.mood default 'sad'::mood,
  email extensions.citext,
  emails extensions.citext[],
  salt text default extensions.gen_salt('bf'),
  points int default postgres.score(1),
  slug text generated always as (app.slug(email::text)) stored,
  shout text generated always as (public.label(email::text)) stored,
  n bigserial,
  check (status <> 'live'::app.status or email is not null),
  check (app.slug(email::text) <> '' and postgres.score(points) > 0),
  check (email <> 'x'::extensions.citext)
);
create index accounts_slug on app.accounts (app.slug(email::text)) where status = 'live';
create index accounts_mood on app.accounts (public.label(email::text)) where mood = 'ok';
create index accounts_email on app.accounts (email) where email <> 'y'::extensions.citext;
alter table app.accounts enable row level security;
create policy members on app.accounts using (app.is_member(team_id))
  with check (exists (select 1 from public.teams t where t.id = team_id and t.name = email));
alter table public.teams enable row level security;
create policy by_account on public.teams using (
  exists (select 1 from app.accounts a where a.team_id = teams.id and a.status = 'live'))
  with check (name <> extensions.gen_salt('md5')::extensions.citext);
)sql";

}  // namespace

TEST_CASE("introspection reads the same IR under every session search_path",
          "[pg][introspect][search-path]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(kObjects);
  std::string seen;
  const std::string reference = JsonAt(db.url(), "", &seen);
  const std::string domains = DomainsAt(db.url(), "");
  CHECK(seen == "\"$user\", public");
  // What the fixed search_path prints: public's objects bare, every other schema's qualified
  // (the user's own schema too), PostgreSQL's own bare.
  CHECK_THAT(reference, Catch::Contains("\"default\": \"extensions.uuid_generate_v4()\""));
  CHECK_THAT(reference, Catch::Contains("postgres.score(1)"));
  CHECK_THAT(reference, Catch::Contains("label((email)::text)"));
  CHECK_THAT(reference, Catch::Contains("nextval('teams_n_seq'::regclass)"));
  CHECK_THAT(reference, Catch::Contains("nextval('app.accounts_n_seq'::regclass)"));

  struct Session {
    const char* what;
    std::string url;
    std::string sql;
    const char* expected_path;
  };
  std::vector<Session> sessions = {
      {"the URL's options: app, extensions", WithSearchPath(db.url(), "app,extensions"), "",
       "app,extensions"},
      {"the URL's options: extension schema first",
       WithSearchPath(db.url(), "extensions,\"$user\",public,app"), "",
       "extensions,\"$user\",public,app"},
      {"the URL's options: empty", WithSearchPath(db.url(), "''"), "", "''"},
      {"SET, as a migration leaves it", db.url(),
       "set search_path to \"$user\", public, extensions", "\"$user\", public, extensions"},
      {"SET without public", db.url(), "set search_path to pg_catalog, app", "pg_catalog, app"},
  };
  for (const Session& session : sessions) {
    INFO(session.what);
    CHECK(JsonAt(session.url, session.sql, &seen) == reference);
    CHECK(seen == session.expected_path);
    CHECK(DomainsAt(session.url, session.sql) == domains);
  }

  // The database's and the role's own settings, as Supabase sets them.
  {
    INFO("ALTER DATABASE SET search_path");
    db.Exec(ForThisDatabase("'alter database %I set search_path = \"$user\", public, extensions'"));
    CHECK(JsonAt(db.url(), "", &seen) == reference);
    CHECK(seen == "\"$user\", public, extensions");
  }
  {
    INFO("ALTER ROLE IN DATABASE SET search_path");
    db.Exec(ForThisDatabase("'alter role current_user in database %I set search_path = app, "
                            "extensions'"));
    CHECK(JsonAt(db.url(), "", &seen) == reference);
    CHECK(seen == "app, extensions");
    CHECK(DomainsAt(db.url(), "") == domains);
  }
}


TEST_CASE("introspection on PGlite reads extension types the same under every search_path",
          "[pglite][introspect][search-path]") {
  ScratchDb db(Engine::kPglite);
  // PGlite's connections share one backend: a SET made here would outlive the test.
  struct Reset {
    const std::string& url;
    ~Reset() {
      try {
        std::unique_ptr<pqxx::connection> c = pg::Connect(url);
        pqxx::nontransaction(*c).exec("reset search_path");
      } catch (const std::exception&) {
        // The next test's engine check reports a broken engine.
      }
    }
  } reset{db.url()};
  db.Exec(R"sql(
    create schema extensions;
    create extension vector schema extensions;
    create extension citext schema extensions;
    create schema app;
    create type app.kind as enum ('doc', 'faq');
    create table app.chunks (
      id bigint primary key generated by default as identity,
      kind app.kind not null default 'doc',
      body extensions.citext not null,
      embedding extensions.vector(3) not null default '[1,2,3]'::extensions.vector,
      halves extensions.halfvec(3),
      check (extensions.vector_dims(embedding) = 3),
      check (embedding operator(extensions.<=>) '[1,1,1]'::extensions.vector < 2)
    );
    create index chunks_embedding on app.chunks using hnsw (embedding extensions.vector_cosine_ops);
    create index chunks_norm on app.chunks (extensions.vector_norm(embedding))
      where kind = 'faq' and body <> 'x'::extensions.citext;
    alter table app.chunks enable row level security;
    create policy near on app.chunks
      using (embedding operator(extensions.<->) '[0,0,0]'::extensions.vector < 10);
  )sql");
  std::string seen;
  const std::string reference = JsonAt(db.url(), "reset search_path", &seen);
  CHECK_THAT(reference, Catch::Contains("extensions.vector_dims(embedding)"));
  for (const char* path : {"\"$user\", public, extensions", "extensions, app", "app"}) {
    INFO("SET search_path TO " << path);
    CHECK(JsonAt(db.url(), std::string("set search_path to ") + path, &seen) == reference);
    CHECK(seen == path);
  }
}

namespace {

// A database set up as a Supabase project is: the platform environment, uuid-ossp in the
// `extensions` schema, and `extensions` on the database's own search_path.
void SetUpSupabaseLike(ScratchDb& db) {
  db.Exec(ReadFile(SupabaseEnvSqlPath()));
  db.Exec("create schema if not exists extensions; "
          "create extension if not exists \"uuid-ossp\" schema extensions");
  db.Exec(ForThisDatabase("'alter database %I set search_path = \"$user\", public, extensions'"));
}

// Whether the dev database's built-in Supabase environment has uuid-ossp (in `extensions`), as a
// real project has: a schema that does not declare the extension needs it there.
bool EnvironmentHasUuidOssp() {
  return ReadFile(SourceDir() / "backends/postgres/supabase_env.sql").find("uuid-ossp") !=
         std::string::npos;
}

}  // namespace

TEST_CASE("apply converges where the database's search_path holds the extension schema",
          "[pg][apply][search-path]") {
  std::string dev = "--dev-url '" + EngineUrl(Engine::kPostgres) + "'";
  for (bool declared : {true, false}) {
    for (const char* call : {"extensions.uuid_generate_v4()", "uuid_generate_v4()"}) {
      INFO((declared ? "extension declared, " : "extension not declared, ") << "default " << call);
      if (!declared && !EnvironmentHasUuidOssp()) {
        WARN("skipped: the built-in Supabase environment has no uuid-ossp yet");
        continue;
      }
      ScratchDb db(Engine::kPostgres);
      SetUpSupabaseLike(db);
      TempDir dir;
      std::ofstream(dir.path / "app.schema")
          << "target supabase\n"
          << (declared ? "extension \"uuid-ossp\" schema extensions\n" : "")
          << "schema app\n\ntable app.accounts {\n  id uuid primary key default " << call
          << "\n  name text\n}\n";
      std::string args = "--db '" + db.url() + "' --schema " + (dir.path / "app.schema").string() +
                         " " + dev;
      RunResult applied = RunSchemac("apply --auto-approve " + args);
      INFO("apply stdout: " << applied.out << "\napply stderr: " << applied.err);
      CHECK(applied.exit_code == 0);
      CHECK(applied.err.find("still differs") == std::string::npos);
      RunResult plan = RunSchemac("plan --exit-code " + args);
      INFO("plan stdout: " << plan.out << "\nplan stderr: " << plan.err);
      CHECK(plan.exit_code == 0);
      CHECK(plan.out == "No changes: the database matches the schema.\n");
      // The default calls the extension's function, wherever the reading session looks.
      std::string seen;
      CHECK_THAT(JsonAt(WithSearchPath(db.url(), "public"), "", &seen),
                 Catch::Contains("extensions.uuid_generate_v4()"));
    }
  }
}

// A column whose generation changes is dropped and added only while it is not yet the target
// one: that guard reads the column's expression inside the migration, under the migration's own
// search_path (which holds the extension's schema), and must read it as the canonical form does,
// or a second run drops and adds the column again.
TEST_CASE("a migration's guard reads generated expressions as canonical forms read them",
          "[pg][search-path]") {
  if (ExpectedServerMajor() < 18) return;  // Changing a column's generation needs virtual ones.
  ScratchDb db(Engine::kPostgres);
  TempDir dir;
  const std::string head = "schema crypto\nextension pgcrypto schema crypto\n\ntable notes {\n"
                           "  id int primary key\n  body text\n";
  WriteFile(dir.path / "a.schema",
            head + "  hash bytea generated always as (sha256(body::bytea)) virtual\n}\n");
  WriteFile(dir.path / "b.schema", head +
                                       "  hash bytea generated always as (crypto.digest(body, "
                                       "'sha256')) stored\n}\n");
  auto diff = [&](const std::string& from, const std::string& to) {
    RunResult r = RunSchemac("diff --exit-code --allow-destructive --dev-url '" +
                             EngineUrl(Engine::kPostgres) + "' --from " + from + " --to " + to);
    INFO(r.err);
    return r;
  };
  auto run = [&](const std::string& sql) {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    pg::RunMigration(*connection, sql);
  };
  auto attnum = [&] {
    std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
    return pqxx::nontransaction(*connection)
        .exec1("select attnum from pg_attribute where attrelid = 'notes'::regclass "
               "and attname = 'hash'")[0]
        .as<int>();
  };
  std::string a = "'" + (dir.path / "a.schema").string() + "'";
  std::string b = "'" + (dir.path / "b.schema").string() + "'";
  std::string url = "'" + db.url() + "'";
  RunResult build = diff("empty", a);
  REQUIRE(build.exit_code == 2);
  run(build.out);
  RunResult up = diff(url, b);
  REQUIRE(up.exit_code == 2);
  INFO("up:\n" << up.out);
  CHECK(up.out.find("SET search_path TO \"$user\", public, crypto;") != std::string::npos);
  run(up.out);
  int added = attnum();
  run(up.out);  // Again: the column is the target one already and stays.
  CHECK(attnum() == added);
  CHECK(diff(url, b).exit_code == 0);
}

// What a schema written for Supabase names bare resolves as on Supabase (its database's
// search_path is `"$user", public, extensions`): the dev database's build and the migration set
// that path themselves, since their SET replaces the database's.
TEST_CASE("a Supabase schema's build and migrations resolve bare names through extensions",
          "[emit][search-path]") {
  for (bool supabase : {true, false}) {
    INFO((supabase ? "target supabase" : "target postgres"));
    Compiled compiled = CompileTexts(
        {{"app.schema", std::string(supabase ? "target supabase\n" : "") +
                            "table accounts {\n  id uuid primary key default "
                            "uuid_generate_v4()\n}\n"}});
    REQUIRE_FALSE(compiled.diagnostics.HasErrors());
    std::string path = supabase ? "\"$user\", public, extensions;" : "\"$user\", public;";
    CHECK_THAT(pg::CreateSql(compiled.schema),
               Catch::StartsWith("SET LOCAL search_path TO " + path + "\n"));
    std::string sql = pg::EmitSql(Diff(ir::Schema{}, compiled.schema, {}, {true}), compiled.schema, {});
    CHECK_THAT(sql, Catch::Contains("\nSET search_path TO " + path + "\n"));
  }
}

}  // namespace schemac::testing
