// `owner ROLE of KIND NAME, ...`: resolved into ir::Schema::owners (errors at the name), written
// back by fmt and by pull, planned as kSetOwner steps (only where declared) and written as
// ALTER ... OWNER TO. tests/integration/owners_test.cc runs them on PostgreSQL.

#include <catch2/catch.hpp>

#include "backends/dsl/format.h"
#include "backends/dsl/from_ir.h"
#include "backends/postgres/emit.h"
#include "compiler/diff.h"
#include "compiler/parse.h"
#include "tests/unit/test_util.h"

namespace schemac {

using testing::Compiled;
using testing::CompileTexts;

namespace {

const char* kSchema = R"(extern role app_owner
extern role reader
schema billing
enum billing.currency ('eur', 'usd')

table billing.invoices {
  id int primary key
  grant select to reader
}

view billing.open_invoices as (select id from billing.invoices)
materialized view billing.totals as (select count(*) as n from billing.invoices)

function billing.total(id integer) returns integer as $$ select 1 $$
function billing.total(id integer, extra text) returns integer as $$ select 2 $$
function billing.single() returns integer as $$ select 3 $$
)";

Compiled Compile(const std::string& owners) {
  return CompileTexts({{"t.schema", std::string(kSchema) + owners}});
}

std::vector<std::string> Errors(const Compiled& c) { return testing::DiagnosticLines(c); }

std::string Owned(const ir::Owner& o) {
  return ir::ToString(o.object.kind) + std::string(" ") + o.object.name.ToString() +
         o.object.member + " " + o.role;
}

std::string FormatText(const std::string& text) {
  SourceManager sources;
  uint32_t index = sources.Add("t.schema", text);
  Diagnostics diagnostics;
  ast::File file = Parse(sources, index, diagnostics);
  INFO(RenderText(diagnostics, sources, {}));
  REQUIRE_FALSE(diagnostics.HasErrors());
  return dsl::FormatFile(file, sources);
}

}  // namespace

TEST_CASE("owner: each named object gets the role, sorted by object", "[resolve][owner]") {
  Compiled c = Compile(
      "owner app_owner of schema billing, table billing.invoices, view billing.open_invoices\n"
      "owner app_owner of materialized view billing.totals, enum billing.currency\n"
      "owner reader of function billing.total(int), function billing.single\n");
  INFO(RenderText(c.diagnostics, c.sources, {}));
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  std::vector<std::string> owners;
  for (const ir::Owner& o : c.schema.owners) owners.push_back(Owned(o));
  CHECK(owners == std::vector<std::string>{
                      "schema billing. app_owner",
                      "type billing.currency app_owner",
                      "table billing.invoices app_owner",
                      "view billing.open_invoices app_owner",
                      "view billing.totals app_owner",
                      "function billing.single() reader",
                      "function billing.total(integer) reader",
                  });
  CHECK(c.schema.owners[0].origin.line == 17);
}

TEST_CASE("owner: what it names must exist, be the schema's and be named once",
          "[resolve][owner]") {
  CHECK(Errors(Compile("owner nobody of table billing.invoices\n")) ==
        std::vector<std::string>{"17:7: error: unknown role 'nobody'"});
  CHECK(Errors(Compile("owner app_owner of table billing.invoice\n")) ==
        std::vector<std::string>{"17:26: error: unknown table 'billing.invoice'"});
  CHECK(Errors(Compile("owner app_owner of view billing.totals\n")) ==
        std::vector<std::string>{"17:25: error: unknown view 'billing.totals'"});
  CHECK(Errors(Compile("owner app_owner of function billing.total\n")).at(0).find(
            "function 'billing.total' has 2 overloads: name one by its argument types") !=
        std::string::npos);
  CHECK(Errors(Compile("owner app_owner of function billing.total(text)\n")) ==
        std::vector<std::string>{
            "17:20: error: no function billing.total(text); the schema declares "
            "billing.total(integer), billing.total(integer, text)"});
  CHECK(Errors(Compile("owner app_owner of schema public\n")).at(0).find(
            "the owner of schema 'public' is not managed by schemac") != std::string::npos);
  CHECK(Errors(Compile("owner public of table billing.invoices\n")).at(0).find(
            "'public' is not a role") != std::string::npos);
  CHECK(Errors(Compile("owner app_owner of table billing.invoices\n"
                       "owner reader of table billing.invoices\n"))
            .at(0)
            .find("the owner of table 'billing.invoices' is declared twice") !=
        std::string::npos);
  // The owner holds every privilege: a grant to it would be planned again on every run.
  std::vector<std::string> granted = Errors(Compile("owner reader of table billing.invoices\n"));
  REQUIRE(granted.size() == 1);
  CHECK(granted[0] == "17:17: error: 'reader' owns 'billing.invoices' and so holds every "
                      "privilege on it: remove the grant to 'reader'");
  std::vector<std::string> on_schema =
      Errors(Compile("grant usage on schema billing to reader\nowner reader of schema billing\n"));
  REQUIRE(on_schema.size() == 1);
  CHECK(on_schema[0] == "18:17: error: 'reader' owns 'billing' and so holds every privilege on "
                        "it: remove the grant to 'reader' at t.schema:17:1");
}

TEST_CASE("owner: fmt writes it on one line, lower case, idempotently", "[fmt][owner]") {
  std::string once = FormatText(
      "extern role r\nOWNER r OF Table t,\n  MATERIALIZED   VIEW s.v, function f( int , text[] )\n");
  CHECK(once == "extern role r\n\nowner r of table t, materialized view s.v, function f(int, text[])\n");
  CHECK(FormatText(once) == once);
}

TEST_CASE("owner: pull writes one line per object after the schema's objects", "[pull][owner]") {
  Compiled c = Compile("owner app_owner of schema billing, materialized view billing.totals\n"
                       "owner reader of function billing.total(integer, text)\n");
  REQUIRE_FALSE(c.diagnostics.HasErrors());
  std::string billing = dsl::SchemaFiles(c.schema)["billing.schema"];
  INFO(billing);
  CHECK(billing.ends_with("\nowner app_owner of schema billing\n"
                          "owner app_owner of materialized view billing.totals\n"
                          "owner reader of function billing.total(integer, text)\n"));
  Compiled again = CompileTexts({{"billing.schema", billing},
                                 {"public.schema", dsl::SchemaFiles(c.schema)["public.schema"]}});
  INFO(RenderText(again.diagnostics, again.sources, {}));
  CHECK(again.schema.owners == c.schema.owners);
}

TEST_CASE("owner: planned where declared, for new objects, and written as ALTER ... OWNER TO",
          "[diff][owner]") {
  Compiled declared = Compile("owner app_owner of table billing.invoices, "
                              "materialized view billing.totals, function billing.total(integer)\n");
  REQUIRE_FALSE(declared.diagnostics.HasErrors());
  ir::Schema database = Compile("").schema;  // The same objects, owned by the runner.
  for (const ir::Owner& o : declared.schema.owners) database.owners.push_back({o.object, "postgres", {}});
  plan::Plan up = Diff(database, declared.schema, {});
  std::vector<std::string> sql;
  for (const plan::Step& s : up.steps) {
    if (s.kind == plan::StepKind::kSetOwner) sql.push_back(pg::StepSql(s));
  }
  CHECK(sql == std::vector<std::string>{
                   "ALTER TABLE billing.invoices OWNER TO app_owner;\n",
                   "ALTER MATERIALIZED VIEW billing.totals OWNER TO app_owner;\n",
                   "ALTER FUNCTION billing.total(integer) OWNER TO app_owner;\n",
               });
  CHECK(up.steps.back().Describe() == "set owner of function billing.total(integer) to app_owner");
  CHECK((up.steps.back().hazards & plan::kAuthzChange) != 0);

  // Owned as declared already: nothing to do.
  ir::Schema owned = database;
  owned.owners = declared.schema.owners;
  for (ir::Owner& o : owned.owners) o.origin = {};
  CHECK(Diff(owned, declared.schema, {}).steps.empty());

  // The reverse plan gives the database's owners back; an undeclared owner is left alone.
  plan::Plan down = Diff(declared.schema, database, {});
  CHECK(down.steps.size() == 3);
  CHECK(Diff(Compile("").schema, database, {}).steps.empty());

  // From files that declare none (an unknown owner): a declared one is set.
  CHECK(Diff(Compile("").schema, declared.schema, {}).steps.size() == 3);

  // A new object gets its owner in the migration that creates it.
  ir::Schema empty;
  plan::Plan create = Diff(empty, declared.schema, {});
  CHECK(std::count_if(create.steps.begin(), create.steps.end(), [](const plan::Step& s) {
          return s.kind == plan::StepKind::kSetOwner;
        }) == 3);
  CHECK(create.steps.back().kind == plan::StepKind::kSetOwner);
}

}  // namespace schemac
