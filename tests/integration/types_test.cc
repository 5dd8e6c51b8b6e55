// `schemac types` checked with the real tools its users have: each example schema's types, read
// back from a database that holds it, are byte for byte the offline output (the golden file);
// they agree with what Supabase's own generator writes for the same database (compared by the
// TypeScript compiler, type by type); and they compile with supabase-js against a hand-written
// use.ts whose `@ts-expect-error` lines prove that misuse is rejected.
// tools/test.sh installs tests/types/package.json into SCHEMAC_TEST_TYPES_NPM.

#include <catch2/catch.hpp>
#include <cstdlib>

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
      std::string golden = ReadFile(source / "tests/types" / example / "database.types.ts");
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
      INFO(parity.out);
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

}  // namespace schemac::testing
