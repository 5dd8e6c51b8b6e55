// The backend registry: every backend found by its name and writing what its own function
// writes, and an unknown name refused with the command line's words.

#include "backends/registry.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>

#include "backends/dsl/from_ir.h"
#include "backends/json/ir_json.h"
#include "backends/postgres/emit.h"
#include "backends/text/plan_text.h"
#include "backends/typescript/typescript.h"
#include "compiler/diff.h"
#include "compiler/error.h"
#include "tests/unit/test_util.h"

namespace schemac::backends {

namespace {

ir::Schema Compile(const std::string& text) {
  testing::Compiled compiled = testing::CompileTexts({{"t.schema", text}});
  for (const std::string& line : testing::DiagnosticLines(compiled)) UNSCOPED_INFO(line);
  REQUIRE_FALSE(compiled.diagnostics.HasErrors());
  return compiled.schema;
}

// Two PostgreSQL schemas, so that dsl writes two files into a split sink.
const char* kSchema = R"(schema billing

enum mood ('sad', 'ok')

table users {
  id    bigint primary key
  name  text?
  mood  mood
}

table billing.invoices {
  id       bigint primary key
  user_id  bigint references users(id)
}
)";

std::string SchemaOutput(std::string_view backend, const ir::Schema& schema,
                         const SchemaOptions& options = {}) {
  TextSink sink;
  SchemaBackendNamed(backend).Emit(schema, options, sink);
  return sink.text();
}

std::string PlanOutput(std::string_view backend, const plan::Plan& plan,
                       const PlanOptions& options) {
  TextSink sink;
  PlanBackendNamed(backend).Emit(plan, options, sink);
  return sink.text();
}

}  // namespace

TEST_CASE("registry: every backend is found by its name, in the table's order", "[backends]") {
  CHECK(SchemaBackendNames() == std::vector<std::string>{"typescript", "json", "dsl"});
  CHECK(PlanBackendNames() == std::vector<std::string>{"sql", "text", "json"});
  for (const std::string& name : SchemaBackendNames()) {
    INFO(name);
    std::string error = "untouched";
    CHECK(FindSchemaBackend(name, &error) != nullptr);
    CHECK(error == "untouched");
    CHECK(&SchemaBackendNamed(name) == FindSchemaBackend(name));
  }
  for (const std::string& name : PlanBackendNames()) {
    INFO(name);
    CHECK(FindPlanBackend(name) != nullptr);
    CHECK(&PlanBackendNamed(name) == FindPlanBackend(name));
  }
  // Schema and plan backends are two tables: "json" names one in each.
  CHECK(static_cast<const void*>(FindSchemaBackend("json")) !=
        static_cast<const void*>(FindPlanBackend("json")));
}

TEST_CASE("registry: an unknown name gives the command line's error", "[backends]") {
  // As `schemac diff --format xml` prints it after "--format: ".
  std::string error;
  CHECK(FindPlanBackend("xml", &error) == nullptr);
  CHECK(error == "xml not in {sql,text,json}");
  CHECK(FindSchemaBackend("sql", &error) == nullptr);
  CHECK(error == "sql not in {typescript,json,dsl}");
  CHECK(FindPlanBackend("") == nullptr);
  CHECK(FindPlanBackend("SQL") == nullptr);  // Names are exact.
  CHECK_THROWS_MATCHES(PlanBackendNamed("xml"), UserError,
                       Catch::Message("xml not in {sql,text,json}"));
  CHECK_THROWS_MATCHES(SchemaBackendNamed("ts"), UserError,
                       Catch::Message("ts not in {typescript,json,dsl}"));
}

TEST_CASE("registry: schema backends write what their functions write", "[backends]") {
  ir::Schema schema = Compile(kSchema);
  SchemaOptions options;
  options.typescript.schemas = {"public", "billing"};
  options.typescript.helpers = false;
  CHECK(SchemaOutput("typescript", schema, options) ==
        typescript::DatabaseTypes(schema, options.typescript));
  CHECK(SchemaOutput("json", schema) == json::ToJsonText(schema));
  CHECK(SchemaOutput("dsl", schema) == dsl::SchemaText(schema));

  // Into a split sink (a directory), dsl writes one file per PostgreSQL schema; json, which
  // cannot be divided, writes its one text under the name "".
  FilesSink files;
  SchemaBackendNamed("dsl").Emit(schema, {}, files);
  CHECK(files.files() == dsl::SchemaFiles(schema));
  CHECK(files.files().size() == 2);
  FilesSink one;
  SchemaBackendNamed("json").Emit(schema, {}, one);
  CHECK(one.files() == std::map<std::string, std::string>{{"", json::ToJsonText(schema)}});
}

TEST_CASE("registry: plan backends write what their functions write", "[backends]") {
  ir::Schema from = Compile("table users {\n  id bigint primary key\n}\n");
  ir::Schema to = Compile(kSchema);
  plan::Plan plan = Diff(from, to, {}, {});
  REQUIRE(plan.errors.empty());
  REQUIRE(plan.steps.size() > 3);
  PlanOptions options;
  options.target = &to;
  options.emit.title = "down";
  options.emit.lock_timeout = "";
  options.emit.concurrent_indexes = true;
  options.color = true;
  options.grouped = true;
  options.row_counts = {{1, 7, true, "7 rows would change"}};
  CHECK(PlanOutput("sql", plan, options) == pg::EmitSql(plan, to, options.emit));
  CHECK(PlanOutput("text", plan, options) == text::PlanText(plan, true, true));
  CHECK(PlanOutput("json", plan, options) == text::PlanJson(plan, true, options.row_counts));
  options.target = nullptr;  // The SQL writer needs the schema the plan leads to.
  CHECK_THROWS_AS(PlanOutput("sql", plan, options), std::invalid_argument);

  // What a command learns of each: text is for readers, json reports row counts.
  CHECK(PlanBackendNamed("text").ForReaders());
  CHECK_FALSE(PlanBackendNamed("text").ReportsRowCounts());
  CHECK_FALSE(PlanBackendNamed("json").ForReaders());
  CHECK(PlanBackendNamed("json").ReportsRowCounts());
  CHECK_FALSE(PlanBackendNamed("sql").ForReaders());
  CHECK_FALSE(PlanBackendNamed("sql").ReportsRowCounts());
}

TEST_CASE("output sinks: a stream gets every part in order, a text keeps them", "[backends]") {
  std::ostringstream stream;
  StreamSink to_stream(stream);
  TextSink text;
  for (OutputSink* sink : std::initializer_list<OutputSink*>{&to_stream, &text}) {
    CHECK_FALSE(sink->Split());
    sink->Write("", "one\n");
    sink->Write("ignored.schema", "two\n");
  }
  CHECK(stream.str() == "one\ntwo\n");
  CHECK(text.text() == "one\ntwo\n");
  FilesSink files;
  CHECK(files.Split());
  files.Write("a.schema", "x");
  files.Write("b.schema", "y");
  files.Write("a.schema", "z");
  CHECK(files.files() == std::map<std::string, std::string>{{"a.schema", "xz"}, {"b.schema", "y"}});
}

}  // namespace schemac::backends
