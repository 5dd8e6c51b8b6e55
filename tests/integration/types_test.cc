// `schemac types` checked with the real tools its users have: each example schema's types from
// its .schema file (the golden file; the dev database gives its views' columns), read back from
// a database that holds it, are byte for byte the same;
// they agree with what Supabase's own generator writes for the same database (compared by the
// TypeScript compiler, type by type); and they compile with supabase-js against a hand-written
// use.ts whose `@ts-expect-error` lines prove that misuse is rejected.
// tools/test.sh installs tests/types/package.json into SCHEMAC_TEST_TYPES_NPM.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "backends/typescript/typescript.h"
#include "tests/integration/pg_test_util.h"
#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

fs::path NpmPrefix() {
  const char* prefix = std::getenv("SCHEMAC_TEST_TYPES_NPM");
  if (prefix == nullptr || prefix[0] == '\0') {
    FAIL("SCHEMAC_TEST_TYPES_NPM is not set: run the tests through tools/test.sh, which installs "
         "tsc, supabase-js and Supabase's type generator");
  }
  return prefix;
}

// A scratch directory inside the npm prefix, so that tsc finds node_modules by walking up.
struct NpmWorkDir {
  NpmWorkDir() {
    fs::create_directories(NpmPrefix() / "work");
    std::string pattern = (NpmPrefix() / "work" / "types.XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~NpmWorkDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

// tsc --noEmit --strict on the files in `dir`.
RunResult Tsc(const fs::path& dir, const std::string& files) {
  return RunShell("cd " + Quoted(dir.string()) + " && " +
                  Quoted((NpmPrefix() / "node_modules/.bin/tsc").string()) +
                  " --noEmit --strict --target es2022 --module esnext --moduleResolution bundler "
                  "--skipLibCheck " + files + " 2>&1");
}

std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// A TypeScript file that compiles only if ./ours and ./theirs declare the same Database: the
// same schemas, tables and enums, and for each table the same Row, Insert and Update (same
// keys, same optional keys, each property assignable both ways) and Relationships.
std::string ParityCheck(const ir::Schema& schema, const std::vector<std::string>& schemas) {
  std::string out =
      "import type { Database as Ours } from \"./ours\"\n"
      "import type { Database as Theirs } from \"./theirs\"\n\n"
      "type Mutual<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false\n"
      "type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T]\n"
      "type Same<X, Y> =\n"
      "  Mutual<keyof X, keyof Y> extends true\n"
      "    ? Mutual<OptionalKeys<X>, OptionalKeys<Y>> extends true\n"
      "      ? { [K in keyof X & keyof Y]-?: Mutual<X[K], Y[K]> }[keyof X & keyof Y] extends true\n"
      "        ? true\n"
      "        : false\n"
      "      : false\n"
      "    : false\n\n"
      "export const schemas: Mutual<keyof Ours, keyof Theirs> = true\n";
  int n = 0;
  auto check = [&](const std::string& kind, const std::string& path) {
    out += "export const c" + std::to_string(n++) + ": " + kind + "<Ours" + path + ", Theirs" +
           path + "> = true\n";
  };
  for (const std::string& name : schemas) {
    std::string s = "[\"" + name + "\"]";
    out += "export const c" + std::to_string(n++) + ": Mutual<keyof Ours" + s +
           "[\"Tables\"], keyof Theirs" + s + "[\"Tables\"]> = true\n";
    check("Same", s + "[\"Enums\"]");
    for (const ir::Table& table : schema.tables) {
      if (table.name.schema != name) continue;
      std::string t = s + "[\"Tables\"][\"" + table.name.name + "\"]";
      for (const char* section : {"Row", "Insert", "Update"}) {
        check("Same", t + "[\"" + section + "\"]");
      }
      check("Mutual", t + "[\"Relationships\"]");
    }
  }
  return out;
}

// ParityCheck's checks of the views and functions of the schemas: the same view and function
// names; for each view the same sections (Row, and Insert / Update where the view takes them)
// with the same Row, Insert and Update, and the same Relationships; for each function the same
// union of signatures (each Args and Returns assignable both ways).
std::string ViewsAndFunctionsParity(const ir::Schema& schema,
                                    const std::vector<std::string>& schemas) {
  std::string out;
  int n = 1000;
  auto check = [&](const std::string& kind, const std::string& path) {
    out += "export const c" + std::to_string(n++) + ": " + kind + "<Ours" + path + ", Theirs" +
           path + "> = true\n";
  };
  for (const std::string& name : schemas) {
    std::string s = "[\"" + name + "\"]";
    out += "export const c" + std::to_string(n++) + ": Mutual<keyof Ours" + s +
           "[\"Views\"], keyof Theirs" + s + "[\"Views\"]> = true\n";
    out += "export const c" + std::to_string(n++) + ": Mutual<keyof Ours" + s +
           "[\"Functions\"], keyof Theirs" + s + "[\"Functions\"]> = true\n";
    for (const ir::View& view : schema.views) {
      if (view.name.schema != name) continue;
      std::string v = s + "[\"Views\"][\"" + view.name.name + "\"]";
      out += "export const c" + std::to_string(n++) + ": Mutual<keyof Ours" + v +
             ", keyof Theirs" + v + "> = true\n";
      check("Same", v + "[\"Row\"]");
      if (view.insertable && !view.materialized) check("Same", v + "[\"Insert\"]");
      if (view.updatable && !view.materialized) check("Same", v + "[\"Update\"]");
      check("Mutual", v + "[\"Relationships\"]");
    }
    std::set<std::string> functions;
    for (const ir::Function& function : schema.functions) {
      if (function.name.schema == name && function.returns.name != "trigger") {
        functions.insert(function.name.name);
      }
    }
    for (const std::string& function : functions) {
      check("Mutual", s + "[\"Functions\"][\"" + function + "\"]");
    }
  }
  return out;
}

std::string ReplaceFirst(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("types of the example schemas: the same from a database, the same as Supabase's",
          "[types][pg][pglite]") {
  fs::path source = SourceDir();
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source / "tests/sql/examples")) {
    files.push_back(entry.path());
  }
  REQUIRE(files.size() >= 3);  // agents, learning, vaults: a glob that finds nothing must fail
  for (const fs::path& path : files) {
    SqlFile file = ReadSqlFile(path);
    std::string example = path.stem().string();
    SECTION(example) {
      Compiled compiled = CompileFiles(source, {file.source.string()});
      REQUIRE_FALSE(compiled.diagnostics.HasErrors());
      std::vector<std::string> schemas = typescript::AvailableSchemas(compiled.schema);
      fs::path golden_path = source / "tests/types" / example / "database.types.ts";
      std::string dev_url =
          file.engine == Engine::kPglite ? PgliteDevUrl() : EngineUrl(Engine::kPostgres);
      RunResult built =
          RunSchemac("types --schema " + Quoted((source / file.source).string()) + " --schemas " +
                     Join(schemas, ",") + " --dev-url " + Quoted(dev_url));
      INFO(built.err);
      REQUIRE(built.exit_code == 0);
      CheckGolden(golden_path, built.out,
                  "build/schemac_tests --update-goldens 'types of the example schemas*'");
      std::string golden = ReadFile(golden_path);
      ScratchDb db(file.engine);
      db.Load(file);

      RunResult ours = RunSchemac("types --db " + Quoted(db.url()) + " --schemas " +
                                  Join(schemas, ","));
      INFO(ours.err);
      REQUIRE(ours.exit_code == 0);
      REQUIRE(ours.out == golden);

      NpmWorkDir work;
      RunResult theirs = RunShell("node --no-deprecation " +
                                  Quoted((source / "tests/types/supabase_types.mjs").string()) +
                                  " " + Quoted(NpmPrefix().string()) + " " + Quoted(db.url()) +
                                  " " + Join(schemas, ","));
      INFO(theirs.err);
      REQUIRE(theirs.exit_code == 0);
      WriteFile(work.path / "theirs.ts", theirs.out);
      WriteFile(work.path / "ours.ts", golden);
      WriteFile(work.path / "parity.ts", ParityCheck(compiled.schema, schemas));
      RunResult parity = Tsc(work.path, "parity.ts");
      INFO(parity.out << "\nparity.ts:\n" << ReadFile(work.path / "parity.ts"));
      REQUIRE(parity.exit_code == 0);

      // The check bites: an optional column made required, or a column's type changed, fails.
      for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
               {"?: string | null\n", ": string | null\n"}, {": string\n", ": number\n"}}) {
        WriteFile(work.path / "ours.ts", ReplaceFirst(golden, from, to));
        RunResult mutated = Tsc(work.path, "parity.ts");
        INFO(from << " -> " << to);
        REQUIRE(mutated.exit_code != 0);
        REQUIRE(mutated.out.find("parity.ts") != std::string::npos);
      }
    }
  }
}

TEST_CASE("the example types compile with supabase-js, and misuse does not", "[types]") {
  fs::path source = SourceDir();
  std::vector<std::string> examples;
  for (const auto& entry : fs::directory_iterator(source / "tests/types")) {
    if (fs::exists(entry.path() / "use.ts")) examples.push_back(entry.path().filename().string());
  }
  REQUIRE(examples.size() >= 3);
  for (const std::string& example : examples) {
    SECTION(example) {
      NpmWorkDir work;
      fs::copy_file(source / "tests/types" / example / "database.types.ts",
                    work.path / "database.types.ts");
      std::string use = ReadFile(source / "tests/types" / example / "use.ts");
      WriteFile(work.path / "use.ts", use);
      RunResult tsc = Tsc(work.path, "use.ts");
      INFO(tsc.out);
      REQUIRE(tsc.exit_code == 0);
      // Each @ts-expect-error is an assertion: without it, its line must fail to compile.
      size_t expectations = 0;
      for (size_t at = use.find("// @ts-expect-error"); at != std::string::npos;
           at = use.find("// @ts-expect-error", at + 1)) {
        ++expectations;
      }
      REQUIRE(expectations >= 4);
      std::string stripped = use;
      for (size_t at; (at = stripped.find("// @ts-expect-error")) != std::string::npos;) {
        stripped.replace(at, 19, "// (expected error)");
      }
      WriteFile(work.path / "use.ts", stripped);
      RunResult bare = Tsc(work.path, "use.ts");
      REQUIRE(bare.exit_code != 0);
      size_t errors = 0;
      for (size_t at = bare.out.find("error TS"); at != std::string::npos;
           at = bare.out.find("error TS", at + 1)) {
        ++errors;
      }
      INFO(bare.out);
      REQUIRE(errors >= expectations);
    }
  }
}

namespace {

ir::ColumnType Type(ir::TypeKind kind, const std::string& name, int array_dims = 0) {
  ir::ColumnType type;
  type.kind = kind;
  if (kind != ir::TypeKind::kBuiltin) type.schema = "public";
  type.name = name;
  type.array_dims = array_dims;
  return type;
}

ir::ColumnType Builtin(const std::string& name, int array_dims = 0) {
  return Type(ir::TypeKind::kBuiltin, name, array_dims);
}

ir::FunctionArg Arg(ir::ArgMode mode, const std::string& name, ir::ColumnType type,
                    const std::string& default_sql = "") {
  ir::FunctionArg arg;
  arg.mode = mode;
  arg.name = name;
  arg.type = std::move(type);
  arg.default_sql = default_sql;
  return arg;
}

ir::Function Function(const std::string& name, std::vector<ir::FunctionArg> args,
                      ir::ColumnType returns, bool returns_set = false) {
  ir::Function function;
  function.name = {"public", name};
  function.args = std::move(args);
  function.returns = std::move(returns);
  function.returns_set = returns_set;
  return function;
}

ir::View View(const std::string& name, std::vector<ir::ViewColumn> columns, bool writable) {
  ir::View view;
  view.name = {"public", name};
  view.columns = std::move(columns);
  view.insertable = writable;
  view.updatable = writable;
  return view;
}

ir::ViewColumn ViewColumn(const std::string& name, ir::ColumnType type, bool updatable) {
  ir::ViewColumn column;
  column.name = name;
  column.type = std::move(type);
  column.updatable = updatable;
  return column;
}

// The views and functions of tests/sql/types/rpc.sql as introspection should read them (the
// parts the types use). Until introspection reads views and functions, the test adds these to
// the introspected tables; once it does, it checks that they give the same types.
void AddRpcViewsAndFunctions(ir::Schema* schema) {
  using ir::ArgMode;
  ir::ColumnType kind = Type(ir::TypeKind::kEnum, "doc_kind");
  ir::ColumnType documents = Type(ir::TypeKind::kOther, "documents");
  ir::ColumnType tags = Type(ir::TypeKind::kOther, "tags");
  ir::View tag_weights = View("tag_weights",
                              {ViewColumn("name", Builtin("text"), false),
                               ViewColumn("weight", Builtin("integer"), false)},
                              false);
  tag_weights.materialized = true;
  schema->views = {
      View("document_titles",
           {ViewColumn("id", Builtin("bigint"), true), ViewColumn("title", Builtin("text"), true),
            ViewColumn("kind", kind, true), ViewColumn("shout", Builtin("text"), false)},
           true),
      View("document_stats",
           {ViewColumn("kind", kind, false), ViewColumn("n", Builtin("bigint"), false)}, false),
      tag_weights,
  };
  schema->views[1].security_invoker = true;
  schema->functions = {
      Function("match_documents",
               {Arg(ArgMode::kIn, "query", Builtin("text")),
                Arg(ArgMode::kIn, "match_count", Builtin("integer"), "10"),
                Arg(ArgMode::kTable, "id", Builtin("bigint")),
                Arg(ArgMode::kTable, "title", Builtin("text")),
                Arg(ArgMode::kTable, "similarity", Builtin("double precision"))},
               Builtin("record"), true),
      Function("recent_documents",
               {Arg(ArgMode::kIn, "since", Builtin("timestamp with time zone"))}, documents,
               true),
      Function("document_count", {}, Builtin("bigint")),
      Function("title_length", {Arg(ArgMode::kIn, "", documents)}, Builtin("integer")),
      Function("touch", {Arg(ArgMode::kIn, "doc_id", Builtin("bigint"))}, Builtin("void")),
      Function("set_title", {}, Builtin("trigger")),
      Function("lookup", {Arg(ArgMode::kIn, "name", Builtin("text"))}, tags, true),
      Function("lookup",
               {Arg(ArgMode::kIn, "name", Builtin("text")),
                Arg(ArgMode::kIn, "min_weight", Builtin("integer"))},
               tags, true),
      Function("search_titles", {Arg(ArgMode::kVariadic, "words", Builtin("text", 1))},
               Type(ir::TypeKind::kOther, "document_titles"), true),
      Function("stats",
               {Arg(ArgMode::kOut, "total", Builtin("bigint")),
                Arg(ArgMode::kOut, "pages", Builtin("bigint"))},
               Builtin("record")),
  };
}

}  // namespace

TEST_CASE("views and functions: the same as Supabase's, and supabase-js's rpc() checks them",
          "[types][pg]") {
  fs::path source = SourceDir();
  SqlFile file = ReadSqlFile(source / "tests/sql/types/rpc.sql");
  ScratchDb db(file.engine);
  db.Load(file);
  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  ir::Schema schema = pg::Introspect(*connection, {});
  typescript::Options options;
  options.domains = pg::IntrospectDomains(*connection);
  ir::Schema by_hand = schema;
  AddRpcViewsAndFunctions(&by_hand);
  // Until introspection reads views (functions), the hand-made ones stand in for them; once it
  // does, what it reads must give the types of the hand-made IR.
  if (schema.views.empty()) schema.views = by_hand.views;
  if (schema.functions.empty()) schema.functions = by_hand.functions;
  std::string ours = typescript::DatabaseTypes(schema, options);
  REQUIRE(ours == typescript::DatabaseTypes(by_hand, options));
  CheckGolden(source / "tests/types/rpc/database.types.ts", ours);

  NpmWorkDir work;
  RunResult theirs = RunShell("node --no-deprecation " +
                              Quoted((source / "tests/types/supabase_types.mjs").string()) + " " +
                              Quoted(NpmPrefix().string()) + " " + Quoted(db.url()) + " public");
  INFO(theirs.err);
  REQUIRE(theirs.exit_code == 0);
  WriteFile(work.path / "theirs.ts", theirs.out);
  WriteFile(work.path / "ours.ts", ours);
  std::vector<std::string> schemas = {"public"};
  WriteFile(work.path / "parity.ts",
            ParityCheck(schema, schemas) + ViewsAndFunctionsParity(schema, schemas));
  RunResult parity = Tsc(work.path, "parity.ts");
  INFO(parity.out);
  REQUIRE(parity.exit_code == 0);

  // The check bites: a writable view column made read-only, an optional argument made
  // required, a set made a single row, a computed field dropped: each fails.
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"          title?: string | null\n", "          title?: never\n"},
           {"match_count?: number", "match_count: number"},
           {"          title: string\n        }[]\n", "          title: string\n        }\n"},
           {"          title_length: number | null\n", ""}}) {
    WriteFile(work.path / "ours.ts", ReplaceFirst(ours, from, to));
    RunResult mutated = Tsc(work.path, "parity.ts");
    INFO(from << " -> " << to);
    REQUIRE(mutated.exit_code != 0);
    REQUIRE(mutated.out.find("parity.ts") != std::string::npos);
  }
}

TEST_CASE("relationships through views: the same as Supabase's, and supabase-js embeds them",
          "[types][pg]") {
  fs::path source = SourceDir();
  SqlFile file = ReadSqlFile(source / "tests/sql/types/relationships.sql");
  ScratchDb db(file.engine);
  db.Load(file);
  std::vector<std::string> schemas = {"api", "public"};
  RunResult ours =
      RunSchemac("types --db " + Quoted(db.url()) + " --schemas " + Join(schemas, ","));
  INFO(ours.err);
  REQUIRE(ours.exit_code == 0);
  CheckGolden(source / "tests/types/relationships/database.types.ts", ours.out);

  NpmWorkDir work;
  RunResult theirs = RunShell(
      "node --no-deprecation " + Quoted((source / "tests/types/supabase_types.mjs").string()) +
      " " + Quoted(NpmPrefix().string()) + " " + Quoted(db.url()) + " " + Join(schemas, ","));
  INFO(theirs.err);
  REQUIRE(theirs.exit_code == 0);
  // Supabase writes no TSDoc and the fixture has no comments: the very same text.
  REQUIRE(ours.out == theirs.out);

  std::unique_ptr<pqxx::connection> connection = pg::Connect(db.url());
  ir::Schema schema = pg::Introspect(*connection, {});
  WriteFile(work.path / "theirs.ts", theirs.out);
  WriteFile(work.path / "ours.ts", ours.out);
  WriteFile(work.path / "parity.ts",
            ParityCheck(schema, schemas) + ViewsAndFunctionsParity(schema, schemas));
  RunResult parity = Tsc(work.path, "parity.ts");
  INFO(parity.out);
  REQUIRE(parity.exit_code == 0);

  // The check bites: a view's entry through a second column of the same key dropped, and a
  // table's entry towards a view pointed at the table instead, each fail.
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"            columns: [\"writer\"]\n", "            columns: [\"author_id\"]\n"},
           {"            referencedRelation: \"book_list\"\n",
            "            referencedRelation: \"books\"\n"}}) {
    WriteFile(work.path / "ours.ts", ReplaceFirst(ours.out, from, to));
    RunResult mutated = Tsc(work.path, "parity.ts");
    INFO(from << " -> " << to);
    REQUIRE(mutated.exit_code != 0);
    REQUIRE(mutated.out.find("parity.ts") != std::string::npos);
  }
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("types from .schema files: a view's columns come from the dev database's build",
          "[types][pg]") {
  TempDir dir;
  WriteFile(dir.path / "a.schema",
            "table notes {\n  id bigint primary key\n  body text\n}\n\n"
            "view note_lengths as (select id, length(body) as length from notes)\n");
  std::string args = "types --schema " + (dir.path / "a.schema").string() + " --dev-url '" +
                     EngineUrl(Engine::kPostgres) + "'";
  RunResult run = RunSchemac(args);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("      note_lengths: {\n"
                     "        Row: {\n"
                     "          id: number | null\n"
                     "          length: number | null\n"
                     "        }\n"
                     "        Insert: {\n"
                     "          id?: number | null\n"
                     "          length?: never\n"
                     "        }\n") != std::string::npos);
  // Again from the canonical cache: the same bytes.
  RunResult again = RunSchemac(args);
  CHECK(again.out == run.out);

  // A query the dev database refuses is an error at its place in the file; nothing is written.
  WriteFile(dir.path / "a.schema",
            "table notes {\n  id bigint primary key\n  body text\n}\n\n"
            "view note_lengths as (select id, length(bodies) as length from notes)\n");
  RunResult bad = RunSchemac(args + " --out " + (dir.path / "types.ts").string());
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("a.schema:6:") != std::string::npos);
  CHECK(bad.err.find("bodies") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path / "types.ts"));
}

}  // namespace schemac::testing
