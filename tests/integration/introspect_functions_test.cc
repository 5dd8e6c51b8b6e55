// Functions against the real engines: each attribute PostgreSQL stores reads back into
// ir::Function; overloads are distinct; a schema of functions built by CreateSql on a fresh
// database reads back as its canonical values (grants exact in both of Supabase's privilege
// modes, platform functions never read as the project's); an error in a body is placed in the
// body, and nothing is left applied.

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "backends/json/ir_json.h"
#include "backends/postgres/build_errors.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/introspect.h"
#include "tests/integration/pg_test_util.h"

namespace schemac::testing {

namespace {

ir::Schema IntrospectUrl(const std::string& url) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  return pg::Introspect(*connection, {{}, {}, url});
}

const ir::Function& Find(const ir::Schema& schema, const std::string& signature) {
  for (const ir::Function& f : schema.functions) {
    if (f.Signature() == signature) return f;
  }
  std::string all;
  for (const ir::Function& f : schema.functions) all += f.Signature() + "\n";
  FAIL("no function " << signature << " among:\n" << all);
  throw;
}

std::vector<std::string> Roles(const ir::Function& f) {
  std::vector<std::string> roles;
  for (const ir::Grant& grant : f.grants) {
    CHECK(grant.privileges == std::vector<std::string>{"execute"});
    roles.push_back(grant.role);
  }
  return roles;
}

ir::ColumnType Type(const std::string& name, const std::string& schema = "",
                    ir::TypeKind kind = ir::TypeKind::kBuiltin, int array_dims = 0) {
  ir::ColumnType type;
  type.name = name;
  type.schema = schema;
  type.kind = kind;
  type.array_dims = array_dims;
  return type;
}

// The JSON of the functions alone: every field, compared in one go.
std::string FunctionsJson(const ir::Schema& schema) {
  ir::Schema only;
  only.functions = schema.functions;
  return json::ToJsonText(only);
}

// Builds `schema` on the database as the dev database does (roles first, then CreateSql, with
// its failures placed by RunCreate).
void Build(const std::string& url, const ir::Schema& schema) {
  std::unique_ptr<pqxx::connection> connection = pg::Connect(url);
  std::string prefix = pg::CreateRolesSql(schema) + pg::CreateExternStubsSql(schema);
  pg::RunCreate(*connection, prefix + pg::CreateSql(schema), prefix, schema);
}

constexpr const char* kCatalogSql = R"sql(
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'fndb_reader') then
    create role fndb_reader nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
create schema api;
create type public.status as enum ('draft', 'live');
create table public.posts (id integer primary key, title text);
create function api.search(query text default '', variadic tags text[] default '{}')
  returns setof public.posts language sql stable strict security definer leakproof
  parallel safe cost 5 rows 10 set search_path = '' set work_mem = '64MB'
  as $body$ select * from public.posts where title = query $body$;
comment on function api.search(text, text[]) is 'Finds posts.';
revoke execute on function api.search(text, text[]) from public;
grant execute on function api.search(text, text[]) to fndb_reader;
create function public.rows_of(n integer) returns table (id integer, name text)
  language plpgsql as $$ begin return query select n, 'a'::text; end $$;
create function public.split(inout a integer, out b text) language sql
  as $$ select a, a::text $$;
create function public.st(s public.status, p public.posts, ids integer[]) returns integer
  immutable language sql as $$ select 1 $$;
create function public.atom(a integer) returns integer language sql
  begin atomic select a + 1; end;
create function public.ov(integer) returns void language sql as $$ $$;
create function public.ov(text) returns void language sql as $$ $$;
create function public.touch() returns trigger language plpgsql
  as $$ begin new.title := 'x'; return new; end $$;
create function public.costly() returns integer language plpgsql cost 100
  as $$ begin return 1; end $$;
create function public.costly_set() returns setof integer language sql rows 1000
  as $$ select 1 $$;
create procedure public.proc() language sql as $$ select 1 $$;
create aggregate public.agg(integer) (sfunc = int4pl, stype = integer);
)sql";

}  // namespace

TEST_CASE("functions: each attribute reads back from the catalog", "[pg][functions]") {
  ScratchDb db(Engine::kPostgres);
  db.Exec(kCatalogSql);
  ir::Schema schema = IntrospectUrl(db.url());

  // Procedures and aggregates are not functions; overloads are distinct, sorted by signature.
  std::vector<std::string> signatures;
  for (const ir::Function& f : schema.functions) signatures.push_back(f.Signature());
  CHECK(signatures == std::vector<std::string>{
                          "api.search(text, text[])", "public.atom(integer)", "public.costly()",
                          "public.costly_set()", "public.ov(integer)", "public.ov(text)",
                          "public.rows_of(integer)", "public.split(integer)",
                          "public.st(public.status, public.posts, integer[])", "public.touch()"});

  const ir::Function& search = Find(schema, "api.search(text, text[])");
  REQUIRE(search.args.size() == 2);
  CHECK(search.args[0].mode == ir::ArgMode::kIn);
  CHECK(search.args[0].name == "query");
  CHECK(search.args[0].type == Type("text"));
  CHECK(search.args[0].default_sql == "''::text");
  CHECK(search.args[1].mode == ir::ArgMode::kVariadic);
  CHECK(search.args[1].type == Type("text", "", ir::TypeKind::kBuiltin, 1));
  CHECK(search.args[1].default_sql == "'{}'::text[]");
  CHECK(search.returns == Type("posts", "public", ir::TypeKind::kOther));
  CHECK(search.returns_set);
  CHECK(search.language == "sql");
  CHECK(search.body == " select * from public.posts where title = query ");
  CHECK(search.volatility == ir::Volatility::kStable);
  CHECK(search.strict);
  CHECK(search.security_definer);
  CHECK(search.leakproof);
  CHECK(search.parallel == ir::Parallel::kSafe);
  CHECK(search.cost == 5);
  CHECK(search.rows == 10);
  CHECK(search.settings == std::vector<std::pair<std::string, std::string>>{{"search_path", "\"\""},
                                                                            {"work_mem", "64MB"}});
  CHECK(Roles(search) == std::vector<std::string>{"fndb_reader"});
  CHECK(search.comment == "Finds posts.");

  const ir::Function& rows = Find(schema, "public.rows_of(integer)");
  REQUIRE(rows.args.size() == 3);
  CHECK(rows.args[1].mode == ir::ArgMode::kTable);
  CHECK(rows.args[1].name == "id");
  CHECK(rows.args[2].name == "name");
  CHECK(rows.args[2].type == Type("text"));
  CHECK(rows.returns == Type("record"));
  CHECK(rows.returns_set);
  CHECK(rows.language == "plpgsql");
  CHECK(rows.rows == 0);  // 1000, PostgreSQL's default for a set
  CHECK(rows.cost == 0);  // 100, the default
  CHECK(rows.volatility == ir::Volatility::kVolatile);
  CHECK(rows.parallel == ir::Parallel::kUnsafe);
  // No ACL: PostgreSQL's built-in EXECUTE to PUBLIC.
  CHECK(Roles(rows) == std::vector<std::string>{"public"});

  const ir::Function& split = Find(schema, "public.split(integer)");
  REQUIRE(split.args.size() == 2);
  CHECK(split.args[0].mode == ir::ArgMode::kInOut);
  CHECK(split.args[1].mode == ir::ArgMode::kOut);
  CHECK(split.args[1].name == "b");
  CHECK(split.returns == Type("record"));
  CHECK_FALSE(split.returns_set);

  const ir::Function& st = Find(schema, "public.st(public.status, public.posts, integer[])");
  CHECK(st.args[0].type == Type("status", "public", ir::TypeKind::kEnum));
  CHECK(st.args[1].type == Type("posts", "public", ir::TypeKind::kOther));
  CHECK(st.args[2].type == Type("integer", "", ir::TypeKind::kBuiltin, 1));
  CHECK(st.args[0].name == "s");
  CHECK(st.volatility == ir::Volatility::kImmutable);

  const ir::Function& atom = Find(schema, "public.atom(integer)");
  CHECK(atom.body.starts_with("BEGIN ATOMIC"));
  CHECK(atom.body.find("(a + 1)") != std::string::npos);

  CHECK(Find(schema, "public.touch()").returns == Type("trigger"));
  CHECK(Find(schema, "public.ov(integer)").args[0].name.empty());
  CHECK(Find(schema, "public.costly()").cost == 0);
  CHECK(Find(schema, "public.costly_set()").rows == 0);
  // The roles grants name are the schema's roles.
  bool reader = false;
  for (const ir::Role& role : schema.roles) reader = reader || role.name == "fndb_reader";
  CHECK(reader);
}

TEST_CASE("functions: an extension's functions are not read", "[pg][functions]") {
  ScratchDb db(Engine::kPostgres);
  pqxx::connection connection{db.url()};
  pqxx::work tx{connection};
  bool available = !tx.exec("select 1 from pg_available_extensions where name = 'pg_trgm'").empty();
  tx.commit();
  if (!available) {
    WARN("pg_trgm is not available on this server");
    return;
  }
  db.Exec(
      "create extension pg_trgm schema public; "
      "create function public.mine() returns integer language sql as $$ select 1 $$;");
  ir::Schema schema = IntrospectUrl(db.url());
  REQUIRE(schema.functions.size() == 1);
  CHECK(schema.functions[0].Signature() == "public.mine()");
}

namespace {

// A schema of functions as the catalog reads them back: bodies, defaults and settings in
// PostgreSQL's text, so that build and introspection give it back unchanged.
ir::Schema CanonicalFunctions(ir::Target target) {
  ir::Schema schema;
  schema.target = target;
  schema.schemas = {"api"};
  ir::Table posts;
  posts.name = {"public", "posts"};
  ir::Column id;
  id.name = "id";
  id.type = Type("integer");
  posts.columns.push_back(id);
  // A default that calls a function created before the tables.
  ir::Column code;
  code.name = "code";
  code.type = Type("text");
  code.default_sql = "api.make_code(8)";
  posts.columns.push_back(code);
  schema.tables.push_back(posts);
  schema.roles = {{"authenticated", true}};

  ir::Function make_code;
  make_code.name = {"api", "make_code"};
  make_code.args = {{ir::ArgMode::kIn, "n", Type("integer"), "", {}, {}}};
  make_code.returns = Type("text");
  make_code.language = "sql";
  make_code.body = "select repeat('x', n)";
  make_code.volatility = ir::Volatility::kImmutable;
  make_code.strict = true;
  make_code.parallel = ir::Parallel::kSafe;
  make_code.grants = {{"public", {"execute"}, {}}};
  make_code.comment = "A code.";
  schema.functions.push_back(make_code);

  ir::Function titles;
  titles.name = {"public", "by_id"};
  titles.args = {{ir::ArgMode::kIn, "wanted", Type("integer"), "1", {}, {}},
                 {ir::ArgMode::kTable, "id", Type("integer"), "", {}, {}},
                 {ir::ArgMode::kTable, "code", Type("text"), "", {}, {}}};
  titles.returns = Type("record");
  titles.returns_set = true;
  titles.language = "plpgsql";
  titles.body =
      "\nbegin\n  return query select p.id, p.code from public.posts p where p.id = wanted;\nend\n";
  titles.volatility = ir::Volatility::kStable;
  titles.security_definer = true;
  titles.cost = 7;
  titles.rows = 3;
  titles.settings = {{"search_path", "\"\""}};
  titles.grants = {{"authenticated", {"execute"}, {}}};
  schema.functions.push_back(titles);

  ir::Function row;
  row.name = {"public", "post_code"};
  row.args = {{ir::ArgMode::kIn, "p", Type("posts", "public", ir::TypeKind::kOther), "", {}, {}}};
  row.returns = Type("text");
  row.body = "select p.code";
  schema.functions.push_back(row);  // no grants: `revoke execute from public`
  schema.Reindex();
  return schema;
}

void CheckBuildReadsBack(Engine engine, const std::string& setup, ir::Target target) {
  ScratchDb db(engine);
  if (!setup.empty()) db.Exec(setup);
  ir::Schema schema = CanonicalFunctions(target);
  Build(db.url(), schema);
  ir::Schema back = IntrospectUrl(db.url());
  CHECK(FunctionsJson(back) == FunctionsJson(schema));
  // The default calling a function created before its table works.
  db.Exec("insert into public.posts (id) values (1)");
  pqxx::connection connection{db.url()};
  pqxx::work tx{connection};
  CHECK(tx.exec1("select code from public.posts")[0].as<std::string>() == "xxxxxxxx");
  CHECK(tx.exec("select * from public.by_id(1)").size() == 1);
}

}  // namespace

TEST_CASE("functions: a schema built by CreateSql reads back as its canonical values",
          "[pg][functions]") {
  CheckBuildReadsBack(Engine::kPostgres, "", ir::Target::kPostgres);
}

TEST_CASE("functions: a body is checked under the function's own settings", "[pg][functions]") {
  // PostgreSQL checks a body under the function's SET clauses (ProcedureCreate): a body naming
  // a table of its own search_path bare is valid, whatever the build's search_path.
  ir::Schema schema;
  schema.schemas = {"api"};
  ir::Table items;
  items.name = {"api", "items"};
  ir::Column id;
  id.name = "id";
  id.type = Type("integer");
  items.columns.push_back(id);
  schema.tables.push_back(items);
  ir::Function count;
  count.name = {"api", "count_items"};
  count.returns = Type("integer");
  count.body = "select count(*)::integer from items";
  count.settings = {{"search_path", "api"}};
  count.grants = {{"public", {"execute"}, {}}};
  schema.functions.push_back(count);
  schema.Reindex();
  ScratchDb db(Engine::kPostgres);
  Build(db.url(), schema);
  ir::Schema back = IntrospectUrl(db.url());
  CHECK(FunctionsJson(back) == FunctionsJson(schema));
}

TEST_CASE("functions: built and read back on PGlite", "[pglite][functions]") {
  CheckBuildReadsBack(Engine::kPglite, "", ir::Target::kPostgres);
}

TEST_CASE("functions: grants are exact on Supabase's classic and deny-by-default privileges",
          "[pg][functions][supabase]") {
  for (SupabasePrivileges mode : {SupabasePrivileges::kClassic, SupabasePrivileges::kDeny}) {
    INFO(SupabasePrivilegesName(mode));
    CheckBuildReadsBack(Engine::kPostgres, SupabaseSetupSql(mode), ir::Target::kSupabase);
  }
}

TEST_CASE("functions: a Supabase database's platform functions are not the project's",
          "[pg][functions][supabase]") {
  for (SupabasePrivileges mode : {SupabasePrivileges::kClassic, SupabasePrivileges::kDeny}) {
    INFO(SupabasePrivilegesName(mode));
    ScratchDb db(Engine::kPostgres);
    db.Exec(SupabaseSetupSql(mode));
    db.Exec(
        "create function public.me() returns uuid language sql stable "
        "as $$ select auth.uid() $$;");
    ir::Schema schema = IntrospectUrl(db.url());
    CHECK(schema.target == ir::Target::kSupabase);
    REQUIRE(schema.functions.size() == 1);
    const ir::Function& me = schema.functions[0];
    CHECK(me.Signature() == "public.me()");
    // What the database holds, exactly: classic's default privileges grant the API roles.
    std::vector<std::string> expected = {"public"};
    if (mode == SupabasePrivileges::kClassic) {
      expected = {"anon", "authenticated", "public", "service_role"};
    }
    CHECK(Roles(me) == expected);
  }
}

namespace {

// A schema whose one function has `body` in `language`, declared in fn.schema with its body
// starting at line 3, column 5; and a table, to see that nothing is left applied.
ir::Schema BrokenBody(const std::string& language, const std::string& body) {
  ir::Schema schema;
  ir::Table t;
  t.name = {"public", "kept_out"};
  ir::Column id;
  id.name = "id";
  id.type = Type("integer");
  t.columns.push_back(id);
  schema.tables.push_back(t);
  ir::Function f;
  f.name = {"public", "broken"};
  f.returns = Type("integer");
  f.language = language;
  f.body = body;
  f.grants = {{"public", {"execute"}, {}}};
  f.origin = {"fn.schema", 1, 1};
  f.body_origin = {"fn.schema", 3, 5};
  schema.functions.push_back(f);
  schema.Reindex();
  return schema;
}

// Builds it, expecting one failure, and checks nothing was applied.
BuildFailure BuildFails(const ir::Schema& schema) {
  ScratchDb db(Engine::kPostgres);
  BuildFailure failure;
  try {
    Build(db.url(), schema);
    FAIL("the build succeeded");
  } catch (const BuildFailed& e) {
    REQUIRE(e.failures().size() == 1);
    failure = e.failures()[0];
  }
  pqxx::connection connection{db.url()};
  pqxx::work tx{connection};
  CHECK(tx.exec1("select to_regclass('public.kept_out') is null")[0].as<bool>());
  CHECK(tx.exec1("select to_regprocedure('public.broken()') is null")[0].as<bool>());
  return failure;
}

}  // namespace

TEST_CASE("functions: a syntax error in a SQL body is placed at its line in the body",
          "[pg][functions][devdb-errors]") {
  // Body line 1 is the rest of the `as $$` line; the typo is on body line 3.
  BuildFailure failure = BuildFails(BrokenBody("sql", "\n  select 1;\n  selec 2\n"));
  INFO(failure.message);
  CHECK(failure.message == "function public.broken(): syntax error at or near \"selec\"");
  CHECK(failure.origin.file == "fn.schema");
  CHECK(failure.origin.line == 5);
  CHECK(failure.origin.col == 3);
  CHECK(failure.length == 5);
}

TEST_CASE("functions: a syntax error in a PL/pgSQL body is placed at its line in the body",
          "[pg][functions][devdb-errors]") {
  BuildFailure failure = BuildFails(BrokenBody("plpgsql", "\nbegin\n  retrun 1;\nend\n"));
  INFO(failure.message);
  CHECK(failure.message == "function public.broken(): syntax error at or near \"retrun\"");
  CHECK(failure.origin.file == "fn.schema");
  CHECK(failure.origin.line == 5);
  CHECK(failure.origin.col == 3);
}

TEST_CASE("functions: a SQL body naming a missing table points at the name",
          "[pg][functions][devdb-errors]") {
  BuildFailure failure = BuildFails(BrokenBody("sql", "select count(*)::integer from nowhere"));
  INFO(failure.message);
  CHECK(failure.message == "function public.broken(): relation \"nowhere\" does not exist");
  CHECK(failure.origin.line == 3);
  CHECK(failure.origin.col == 5 + 30);
  CHECK(failure.length == 7);
}

}  // namespace schemac::testing
