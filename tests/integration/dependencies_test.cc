// The dependency graph read from real servers (backends/postgres/introspect_depends.cc): each
// kind of edge the plan orders and rebuilds by, from objects created by raw SQL. Run on 15, and
// on 17 and 18 with --server N.

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <algorithm>

#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "tests/integration/pg_test_util.h"

namespace schemac::testing {

namespace {

using ir::ObjectKind;

ir::ObjectRef Ref(ObjectKind kind, std::string schema, std::string name, std::string member = {}) {
  return {kind, {std::move(schema), std::move(name)}, std::move(member)};
}

bool Has(const ir::Schema& schema, const ir::ObjectRef& dependent, const ir::ObjectRef& referenced) {
  return std::binary_search(schema.dependencies.begin(), schema.dependencies.end(),
                            ir::Dependency{dependent, referenced});
}

TEST_CASE("pg_depend edges are read between managed objects, at column granularity",
          "[pg][introspect][dependents]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(R"sql(
    create schema auth;
    create table auth.users (id uuid primary key);
    create type public.mood as enum ('ok', 'sad');
    create table public.users (id bigint primary key, name text, bio text, m public.mood);
    create view public.names as select name from public.users;
    create view public.names2 as select name from public.names;
    create function public.gen_token(n integer) returns text language sql
      as $$ select repeat('x', n) $$;
    create function public.is_owner(o text, m public.mood) returns boolean language sql
      as $$ select o = current_user $$;
    create table public.docs (id bigint primary key, owner text,
      token text default public.gen_token(3),
      constraint docs_owner_check check (public.is_owner(owner, 'ok')));
    alter table public.docs enable row level security;
    create policy "owner reads" on public.docs using (public.is_owner(owner, 'ok'));
    create function public.touch() returns trigger language plpgsql
      as $$ begin return new; end $$;
    create trigger docs_touch before update on public.docs
      for each row execute function public.touch();
    create function public.handle_new_user() returns trigger language plpgsql
      as $$ begin return new; end $$;
    create trigger on_signup after insert on auth.users
      for each row execute function public.handle_new_user();
    create function public.all_users() returns setof public.users language sql
      as $$ select * from public.users $$;
  )sql");
  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  // auth is a platform schema: not read, but a trigger on its table calling a managed
  // function is an edge.
  ir::Schema schema = pg::Introspect(*connection, {});
  CHECK(std::is_sorted(schema.dependencies.begin(), schema.dependencies.end()));
  CHECK(std::adjacent_find(schema.dependencies.begin(), schema.dependencies.end()) ==
        schema.dependencies.end());
  CHECK(Has(schema, Ref(ObjectKind::kView, "public", "names"),
            Ref(ObjectKind::kColumn, "public", "users", "name")));
  CHECK(Has(schema, Ref(ObjectKind::kView, "public", "names2"),
            Ref(ObjectKind::kColumn, "public", "names", "name")));
  CHECK(Has(schema, Ref(ObjectKind::kColumn, "public", "docs", "token"),
            Ref(ObjectKind::kFunction, "public", "gen_token", "(integer)")));
  CHECK(Has(schema, Ref(ObjectKind::kConstraint, "public", "docs", "docs_owner_check"),
            Ref(ObjectKind::kFunction, "public", "is_owner", "(text, public.mood)")));
  CHECK(Has(schema, Ref(ObjectKind::kPolicy, "public", "docs", "owner reads"),
            Ref(ObjectKind::kFunction, "public", "is_owner", "(text, public.mood)")));
  CHECK(Has(schema, Ref(ObjectKind::kTrigger, "public", "docs", "docs_touch"),
            Ref(ObjectKind::kFunction, "public", "touch", "()")));
  CHECK(Has(schema, Ref(ObjectKind::kTrigger, "auth", "users", "on_signup"),
            Ref(ObjectKind::kFunction, "public", "handle_new_user", "()")));
  CHECK(Has(schema, Ref(ObjectKind::kFunction, "public", "all_users", "()"),
            Ref(ObjectKind::kTable, "public", "users")));
  // Nothing of the views' own rules, of a default on its own column, or of the columns of
  // keys: no edge between a table's parts alone.
  for (const ir::Dependency& d : schema.dependencies) {
    INFO(ir::ToString(d.dependent.kind) << " " << d.dependent.name.ToString() << " "
                                        << d.dependent.member << " -> "
                                        << ir::ToString(d.referenced.kind) << " "
                                        << d.referenced.name.ToString() << " "
                                        << d.referenced.member);
    CHECK(d.dependent != d.referenced);
    CHECK(d.dependent.name.schema != "pg_catalog");
    CHECK(d.referenced.name.schema != "pg_catalog");
    CHECK(d.dependent.kind != ObjectKind::kIndex);
  }
}

}  // namespace

}  // namespace schemac::testing
