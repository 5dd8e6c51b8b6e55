// The Supabase environment the tests and the dev database load (backends/postgres/
// supabase_env.sql) and the two privilege modes (supabase_privileges_classic.sql,
// supabase_privileges_deny.sql), checked on the real engines: that a database set up with them
// has what a real Supabase project has, and that what `target supabase` declares as extern is
// true of it. Tagged [supabase]: tools/test.sh runs these again with
// SCHEMAC_TEST_SUPABASE_PRIVILEGES=classic.

#include <catch2/catch.hpp>
#include <future>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace {

std::string One(pqxx::connection& c, const std::string& sql) {
  pqxx::nontransaction n{c};
  pqxx::result r = n.exec(sql);
  return r[0][0].is_null() ? "<null>" : r[0][0].c_str();
}

// Whether `role` holds `privilege` on public.t by an explicit grant (not by being its owner).
bool Granted(pqxx::connection& c, const std::string& role, const std::string& privilege) {
  return One(c, "select count(*) from pg_class cl, aclexplode(cl.relacl) a "
                "where cl.oid = 'public.t'::regclass and a.grantee = '" + role +
                    "'::regrole and a.privilege_type = '" + privilege + "'") != "0";
}

}  // namespace

TEST_CASE("supabase environment: auth.users has its real columns, true to target supabase",
          "[pg][supabase]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql());
  db.Exec(SupabaseSetupSql());  // Idempotent on the same database.
  pqxx::connection c{db.url()};
  std::set<std::string> columns;
  {
    pqxx::nontransaction n{c};
    for (const auto& row : n.exec("select column_name from information_schema.columns "
                                  "where table_schema = 'auth' and table_name = 'users'")) {
      columns.insert(row[0].c_str());
    }
  }
  for (const char* column :
       {"id", "aud", "role", "email", "encrypted_password", "email_confirmed_at", "invited_at",
        "confirmation_token", "confirmation_sent_at", "recovery_token", "recovery_sent_at",
        "last_sign_in_at", "raw_app_meta_data", "raw_user_meta_data", "is_super_admin",
        "created_at", "updated_at", "phone", "phone_confirmed_at", "confirmed_at", "banned_until",
        "is_sso_user", "deleted_at", "is_anonymous"}) {
    INFO(column);
    CHECK(columns.count(column) == 1);
  }
  CHECK(One(c, "select attgenerated from pg_attribute where attrelid = 'auth.users'::regclass "
               "and attname = 'confirmed_at'") == "s");
  CHECK(One(c, "select count(*) from pg_constraint where conrelid = 'auth.users'::regclass "
               "and contype = 'u' and conkey = array[(select attnum from pg_attribute where "
               "attrelid = 'auth.users'::regclass and attname = 'phone')]") == "1");
  // The same sign-up twice confirms once: confirmed_at follows the earlier confirmation.
  db.Exec("insert into auth.users (id, email, email_confirmed_at, phone_confirmed_at) values "
          "('3f1c9d2e-7b4a-4c1e-9f0a-2d6b8e5c4a17', 'a@example.com', '2026-01-02', "
          "'2026-01-01')");
  CHECK(One(c, "select confirmed_at::date::text from auth.users") == "2026-01-01");

  // Every column `target supabase` declares (compiler/resolve_declarations.cc, the prelude)
  // exists with the declared type, nullability and primary key.
  Compiled compiled = CompileTexts({{"a.schema", "target supabase\n"}});
  REQUIRE(compiled.resolved);
  const ir::Table* users = compiled.schema.FindTable({"auth", "users"});
  REQUIRE(users != nullptr);
  for (const ir::Column& column : users->columns) {
    INFO("auth.users." << column.name);
    pqxx::nontransaction n{c};
    pqxx::result row = n.exec_params(
        "select format_type(atttypid, atttypmod), not attnotnull from pg_attribute "
        "where attrelid = 'auth.users'::regclass and attname = $1 and not attisdropped",
        column.name);
    REQUIRE(row.size() == 1);
    CHECK(row[0][0].as<std::string>() == column.type.ToSql());
    CHECK(row[0][1].as<bool>() == column.nullable);
  }
  REQUIRE(users->primary_key);
  CHECK(One(c, "select conname from pg_constraint where conrelid = 'auth.users'::regclass "
               "and contype = 'p'") == users->primary_key->name);
}

TEST_CASE("supabase environment: extensions on the search_path, uuid-ossp and pgcrypto in it",
          "[pg][supabase]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql());
  db.Exec(SupabaseSetupSql());  // Idempotent.
  // A new session, as PostgREST or a migration opens one: the database's search_path.
  pqxx::connection c{db.url()};
  CHECK(One(c, "show search_path") == "\"$user\", public, extensions");
  CHECK(One(c, "select string_agg(extname || '@' || extnamespace::regnamespace::text, ',' "
               "order by extname) from pg_extension where extname <> 'plpgsql'") ==
        "pgcrypto@extensions,uuid-ossp@extensions");
  CHECK(One(c, "select uuid_generate_v4() is not null") == "t");
  CHECK(One(c, "select length(gen_random_bytes(8))") == "8");
  CHECK(One(c, "select pg_get_function_identity_arguments('uuid_generate_v4'::regproc)") == "");
  // A user's setting of the database's search_path is kept.
  ScratchDb own(Engine::kPostgres);
  own.Exec("do $$ begin execute format('alter database %I set search_path to public', "
           "current_database()); end $$");
  own.Exec(SupabaseSetupSql());
  pqxx::connection d{own.url()};
  CHECK(One(d, "show search_path") == "public");
}

TEST_CASE("supabase environment: roles, auth functions, storage, realtime and schema grants",
          "[pg][supabase]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql());
  pqxx::connection c{db.url()};
  CHECK(One(c, "select string_agg(rolname, ',' order by rolname) from pg_roles where rolname in "
               "('supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin')") ==
        "supabase_auth_admin,supabase_realtime_admin,supabase_storage_admin");
  CHECK(One(c, "select rolcanlogin and not rolinherit from pg_roles "
               "where rolname = 'authenticator'") == "t");
  CHECK(One(c, "select nspowner::regrole::text from pg_namespace where nspname = 'auth'") ==
        "supabase_auth_admin");
  CHECK(One(c, "select nspowner::regrole::text from pg_namespace where nspname = 'storage'") ==
        "supabase_storage_admin");
  // Every auth function runs with an empty search_path, whatever the caller's.
  CHECK(One(c, "select count(*) from pg_proc where pronamespace = 'auth'::regnamespace "
               "and proconfig = array['search_path=\"\"']") == "4");
  {
    pqxx::work w{c};
    w.exec("select set_config('request.jwt.claims', '{\"sub\": "
           "\"3f1c9d2e-7b4a-4c1e-9f0a-2d6b8e5c4a17\", \"role\": \"authenticated\", "
           "\"email\": \"a@example.com\"}', true)");
    w.exec("set local search_path = pg_catalog");
    CHECK(w.exec("select auth.email()")[0][0].as<std::string>() == "a@example.com");
    CHECK(w.exec("select auth.role()")[0][0].as<std::string>() == "authenticated");
    CHECK(w.exec("select auth.jwt() ->> 'email'")[0][0].as<std::string>() == "a@example.com");
  }
  // storage: RLS on objects and buckets; the helpers user policies call.
  CHECK(One(c, "select string_agg(relname, ',' order by relname) from pg_class where "
               "relnamespace = 'storage'::regnamespace and relkind = 'r' and relrowsecurity") ==
        "buckets,objects");
  CHECK(One(c, "select storage.foldername('avatars/u1/me.png')::text") == "{avatars,u1}");
  CHECK(One(c, "select storage.filename('avatars/u1/me.png')") == "me.png");
  CHECK(One(c, "select storage.extension('avatars/u1/me.tar.gz')") == "gz");
  CHECK(One(c, "select storage.extension('avatars/u1/README')") == "");
  {
    pqxx::work w{c};
    w.exec("insert into storage.buckets (id, name) values ('avatars', 'avatars')");
    w.exec("insert into storage.objects (bucket_id, name) values ('avatars', 'u1/me.png')");
    CHECK(w.exec("select path_tokens::text from storage.objects")[0][0].as<std::string>() ==
          "{u1,me.png}");
  }
  // realtime: messages partitioned, with RLS; topic() reads what the Realtime server sets.
  CHECK(One(c, "select relkind::text || relrowsecurity::text from pg_class "
               "where oid = 'realtime.messages'::regclass") == "ptrue");
  {
    pqxx::work w{c};
    CHECK(w.exec("select realtime.topic()")[0][0].is_null());
    w.exec("select set_config('realtime.topic', 'room:1', true)");
    CHECK(w.exec("select realtime.topic()")[0][0].as<std::string>() == "room:1");
  }
  CHECK(One(c, "select count(*) from pg_publication where pubname = 'supabase_realtime'") == "1");
  // The API roles may use the platform schemas and public, and call the helpers.
  for (const char* role : {"anon", "authenticated", "service_role"}) {
    INFO(role);
    for (const char* schema : {"public", "extensions", "auth", "storage", "realtime"}) {
      INFO(schema);
      CHECK(One(c, std::string("select has_schema_privilege('") + role + "', '" + schema +
                       "', 'usage')") == "t");
    }
    CHECK(One(c, std::string("select has_function_privilege('") + role +
                     "', 'auth.uid()', 'execute')") == "t");
    CHECK(One(c, std::string("select has_table_privilege('") + role +
                     "', 'storage.objects', 'select')") == "t");
  }
}

TEST_CASE("supabase privileges: classic grants a new public table to the API roles, deny does "
          "not", "[pg][supabase]") {
  for (SupabasePrivileges mode : {SupabasePrivileges::kClassic, SupabasePrivileges::kDeny}) {
    bool classic = mode == SupabasePrivileges::kClassic;
    INFO("mode " << SupabasePrivilegesName(mode));
    ScratchDb db(Engine::kPostgres);
    db.Exec(SupabaseSetupSql(mode));
    db.Exec(SupabaseSetupSql(mode));  // Idempotent.
    db.Exec("create table public.t (id bigserial primary key); "
            "create function public.f() returns int language sql as 'select 1'");
    pqxx::connection c{db.url()};
    for (const char* role : {"anon", "authenticated", "service_role"}) {
      INFO(role);
      for (const char* privilege : {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
                                    "REFERENCES", "TRIGGER"}) {
        INFO(privilege);
        CHECK(Granted(c, role, privilege) == classic);
      }
      CHECK(One(c, std::string("select has_sequence_privilege('") + role +
                       "', 'public.t_id_seq', 'usage')") == (classic ? "t" : "f"));
      CHECK(One(c, std::string("select count(*) from pg_proc p, aclexplode(p.proacl) a where "
                               "p.oid = 'public.f'::regproc and a.grantee = '") +
                       role + "'::regrole") == (classic ? "1" : "0"));
    }
    // Tables in the platform's schemas are not public's: neither mode changes them.
    CHECK(One(c, "select has_table_privilege('anon', 'storage.objects', 'select')") == "t");
  }
  // A database that was classic becomes deny: its default privileges in public are gone.
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql(SupabasePrivileges::kClassic));
  db.Exec(SupabaseSetupSql(SupabasePrivileges::kDeny));
  db.Exec("create table public.t (id int)");
  pqxx::connection c{db.url()};
  CHECK_FALSE(Granted(c, "anon", "SELECT"));
  CHECK(One(c, "select count(*) from pg_default_acl") == "0");
}

TEST_CASE("supabase privileges: the tests' mode comes from SCHEMAC_TEST_SUPABASE_PRIVILEGES",
          "[pg][supabase]") {
  ScratchDb db(Engine::kPostgres);
  SqlFile needs;
  needs.needs = {"supabase"};
  db.LoadNeeds(needs, true);
  db.Exec("create table public.t (id int)");
  pqxx::connection c{db.url()};
  INFO("SCHEMAC_TEST_SUPABASE_PRIVILEGES: " << SupabasePrivilegesName(SupabasePrivilegesMode()));
  CHECK(Granted(c, "anon", "SELECT") == (SupabasePrivilegesMode() == SupabasePrivileges::kClassic));
}

TEST_CASE("supabase environment: two sessions load it into two databases at once",
          "[pg][supabase]") {
  for (int round = 0; round < 3; ++round) {
    ScratchDb a(Engine::kPostgres);
    ScratchDb b(Engine::kPostgres);
    std::string sql = SupabaseSetupSql();
    auto load = [&sql](ScratchDb* db) { db->Exec(sql); };
    std::future<void> first = std::async(std::launch::async, load, &a);
    std::future<void> second = std::async(std::launch::async, load, &b);
    CHECK_NOTHROW(first.get());
    CHECK_NOTHROW(second.get());
  }
}

// The platform's extensions, which a `target supabase` schema does not declare, are not planned
// to be dropped (they were, as DATA_LOSS, before introspection read them as extern).
TEST_CASE("supabase environment: a project's own extensions are not planned away",
          "[pg][supabase]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(SupabaseSetupSql());
  TempDir dir;
  WriteFile(dir.path / "a.schema", "target supabase\n");
  RunResult run = RunSchemac("diff --dev-url '" + EngineUrl(Engine::kPostgres) + "' --from '" +
                             db.url() + "' --to " + (dir.path / "a.schema").string() +
                             " --format text");
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "0 to add, 0 to change, 0 to drop\n");
}

TEST_CASE("supabase environment: loads on PGlite, without the extensions it lacks",
          "[pglite][supabase]") {
  ScratchDb db(Engine::kPglite);  // PGlite's one database, emptied, for this test alone.
  db.Exec(SupabaseSetupSql());
  db.Exec(SupabaseSetupSql());
  pqxx::connection c{db.url()};
  CHECK(One(c, "select count(*) from information_schema.columns "
               "where table_schema = 'auth' and table_name = 'users'") == "35");
  CHECK(One(c, "select relrowsecurity from pg_class where oid = 'storage.objects'::regclass") ==
        "t");
  // uuid-ossp and pgcrypto are installed where the server offers them, and only there.
  CHECK(One(c, "select count(*) from pg_extension where extname in ('uuid-ossp', 'pgcrypto')") ==
        One(c, "select count(*) from pg_available_extensions "
               "where name in ('uuid-ossp', 'pgcrypto')"));
}

}  // namespace schemac::testing
