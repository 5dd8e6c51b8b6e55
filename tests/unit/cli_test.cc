// The schemac binary as a user runs it: exit codes, output streams, colour, files left alone.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/unit/test_util.h"

namespace schemac::testing {

namespace fs = std::filesystem;

namespace {

const char* kValid = "table notes {\n  id   bigint primary key identity always\n  body text\n}\n";
const char* kUnformatted = "TABLE notes {\n  id bigint PRIMARY KEY identity always\n  body text\n}\n";
const char* kBroken = "table notes {\n  id integr primary key\n}\n";

}  // namespace

TEST_CASE("version and help", "[cli]") {
  RunResult version = RunSchemac("--version");
  REQUIRE(version.exit_code == 0);
  REQUIRE(version.out.starts_with("schemac "));

  RunResult help = RunSchemac("help");
  REQUIRE(help.exit_code == 0);
  REQUIRE(help.out.find("check") != std::string::npos);
  REQUIRE(help.out.find("Examples:") != std::string::npos);

  for (const char* command : {"check", "fmt", "ir", "pull", "diff", "plan", "apply"}) {
    RunResult text = RunSchemac(std::string("help ") + command);
    REQUIRE(text.exit_code == 0);
    REQUIRE(text.out.find("Example:") != std::string::npos);
  }
}

TEST_CASE("usage errors exit 2 and name the problem", "[cli]") {
  RunResult unknown = RunSchemac("chek");
  REQUIRE(unknown.exit_code == 2);
  REQUIRE(unknown.err.find("unknown command 'chek'; did you mean 'check'?") != std::string::npos);
  RunResult none = RunSchemac("");
  REQUIRE(none.exit_code == 2);
  REQUIRE(none.out.empty());
  REQUIRE(none.err.find("A subcommand is required") != std::string::npos);
  RunResult format = RunSchemac("check --format xml");
  REQUIRE(format.exit_code == 2);
  REQUIRE(format.err.find("--format: xml not in {text,json}") != std::string::npos);
  RunResult help = RunSchemac("help nosuch");
  REQUIRE(help.exit_code == 2);
  REQUIRE(help.out.empty());
  REQUIRE(help.err ==
          "schemac: error: unknown command 'nosuch'; run 'schemac help' for the list\n");
}

TEST_CASE("check: exit 0 on a valid schema, 1 with file:line:col on errors", "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "ok.schema", kValid);
  WriteFile(dir.path / "bad.schema", kBroken);

  RunResult ok = RunSchemac("check " + (dir.path / "ok.schema").string());
  REQUIRE(ok.exit_code == 0);
  REQUIRE(ok.out.starts_with("ok: 1 file, 1 table"));
  RunResult quiet = RunSchemac("check --quiet " + (dir.path / "ok.schema").string());
  REQUIRE(quiet.exit_code == 0);
  REQUIRE(quiet.out.empty());
  REQUIRE(quiet.err.empty());

  RunResult bad = RunSchemac("check " + (dir.path / "bad.schema").string());
  REQUIRE(bad.exit_code == 1);
  std::string where = (dir.path / "bad.schema").string() + ":2:6: error: unknown type 'integr'";
  REQUIRE(bad.err.find(where) != std::string::npos);
  REQUIRE(bad.err.find("\n    id integr primary key\n") != std::string::npos);
  REQUIRE(bad.err.find("\033[") == std::string::npos);  // NO_COLOR and not a terminal

  RunResult json = RunSchemac("check --format json " + (dir.path / "bad.schema").string());
  REQUIRE(json.exit_code == 1);
  INFO(json.out);
  nlohmann::json diagnostics = nlohmann::json::parse(json.out);  // the whole output is JSON
  REQUIRE(diagnostics.is_array());
  REQUIRE(diagnostics.size() == 1);
  const nlohmann::json& d = diagnostics[0];
  CHECK(d.at("severity") == "error");
  CHECK(d.at("message") == "unknown type 'integr'; did you mean 'integer'?");
  CHECK(d.at("file") == (dir.path / "bad.schema").string());
  CHECK(d.at("line") == 2);
  CHECK(d.at("column") == 6);
  CHECK(d.at("end_line") == 2);
  CHECK(d.at("end_column") == 12);
  CHECK(d.at("notes") == nlohmann::json::array());

  RunResult missing = RunSchemac("check " + (dir.path / "nope.schema").string());
  REQUIRE(missing.exit_code == 1);
  REQUIRE(missing.err.find("no such file or directory") != std::string::npos);
}

TEST_CASE("check: warnings show their lint rule, schemac.json sets rule levels",
          "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "s.schema", "enum e ()\ntable t {\n  id int primary key\n}\n");
  const std::string check =
      "cd '" + dir.path.string() + "' && NO_COLOR=1 " + SCHEMAC_BINARY + " check ";
  const std::string warning =
      "s.schema:1:6: warning: enum 'e' has no values: no column of this type can hold anything "
      "but null [empty-enum]\n";

  RunResult plain = RunShell(check + "s.schema");
  REQUIRE(plain.exit_code == 0);
  REQUIRE(plain.err.find(warning) != std::string::npos);
  REQUIRE(plain.out == "ok: 1 file, 1 table, 1 enum, 0 policies, 1 warning\n");
  RunResult json = RunShell(check + "--format json s.schema");
  REQUIRE(json.exit_code == 0);
  nlohmann::json diagnostics = nlohmann::json::parse(json.out);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].at("severity") == "warning");
  CHECK(diagnostics[0].at("rule") == "empty-enum");

  WriteFile(dir.path / "schemac.json", R"({"lint": {"empty-enum": "error"}})");
  RunResult error = RunShell(check + "s.schema");
  REQUIRE(error.exit_code == 1);
  REQUIRE(error.err.find("s.schema:1:6: error: enum 'e' has no values: no column of this type "
                         "can hold anything but null [empty-enum]\n") != std::string::npos);
  REQUIRE(error.out.empty());
  RunResult error_json = RunShell(check + "--format json s.schema");
  REQUIRE(error_json.exit_code == 1);
  diagnostics = nlohmann::json::parse(error_json.out);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].at("severity") == "error");
  CHECK(diagnostics[0].at("rule") == "empty-enum");
  // A suppression comment wins over the level.
  WriteFile(dir.path / "s.schema",
            "enum e () -- schemac:allow empty-enum\ntable t {\n  id int primary key\n}\n");
  RunResult allowed = RunShell(check + "s.schema");
  REQUIRE(allowed.exit_code == 0);
  REQUIRE(allowed.err.empty());
  WriteFile(dir.path / "s.schema", "enum e ()\ntable t {\n  id int primary key\n}\n");

  WriteFile(dir.path / "schemac.json", R"({"lint": {"empty-enum": "off"}})");
  RunResult off = RunShell(check + "s.schema");
  REQUIRE(off.exit_code == 0);
  REQUIRE(off.err.empty());
  REQUIRE(off.out == "ok: 1 file, 1 table, 1 enum, 0 policies\n");

  WriteFile(dir.path / "schemac.json", R"({"lint": {"empty-enum": "fatal"}})");
  RunResult level = RunShell(check + "s.schema");
  REQUIRE(level.exit_code == 1);
  REQUIRE(level.err.find("schemac: error: schemac.json: lint rule \"empty-enum\" must be \"off\", "
                         "\"warning\" or \"error\"") != std::string::npos);
  WriteFile(dir.path / "schemac.json", R"({"lint": {"empty-enums": "off"}})");
  RunResult unknown = RunShell(check + "s.schema");
  REQUIRE(unknown.exit_code == 1);
  REQUIRE(unknown.err.find("schemac: error: schemac.json: unknown lint rule \"empty-enums\" "
                           "(rules: missing-primary-key, ") != std::string::npos);
}

TEST_CASE("an offline command given a database URL never prints its password", "[cli]") {
  for (const char* command : {"check", "fmt --check", "ir --json", "types --schema"}) {
    for (const char* url : {"postgresql://app:s3cretpw@db:5432/x", "app:s3cretpw@db/x",
                            "host=db password=s3cretpw"}) {
      RunResult run = RunSchemac(std::string(command) + " '" + url + "'");
      INFO(command << " " << url << ": " << run.out << run.err);
      CHECK(run.exit_code == 1);
      CHECK(run.err.find("looks like a database URL") != std::string::npos);
      CHECK((run.out + run.err).find("cretp") == std::string::npos);
    }
  }
}

TEST_CASE("colour only on a terminal, never with NO_COLOR", "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "bad.schema", kBroken);
  // `script` runs the command on a pseudo-terminal, so stderr is a TTY.
  std::string command = std::string(SCHEMAC_BINARY) + " check " + (dir.path / "bad.schema").string();
  RunResult tty = RunShell("env -u NO_COLOR script -qec '" + command + "' /dev/null");
  REQUIRE(tty.out.find("\033[1;31merror") != std::string::npos);
  RunResult no_color = RunShell("NO_COLOR=1 script -qec '" + command + "' /dev/null");
  REQUIRE(no_color.out.find("error: unknown type") != std::string::npos);
  REQUIRE(no_color.out.find("\033[") == std::string::npos);
}

TEST_CASE("fmt: --check reports, fmt rewrites, broken files are never written", "[cli]") {
  TempDir dir;
  fs::path file = dir.path / "notes.schema";
  WriteFile(file, kUnformatted);

  RunResult check = RunSchemac("fmt --check " + file.string());
  REQUIRE(check.exit_code == 1);
  REQUIRE(check.out == "would reformat " + file.string() + "\n");
  REQUIRE(ReadFile(file) == kUnformatted);

  RunResult fmt = RunSchemac("fmt " + file.string());
  REQUIRE(fmt.exit_code == 0);
  REQUIRE(ReadFile(file) == kValid);
  RunResult formatted = RunSchemac("fmt --check " + file.string());
  REQUIRE(formatted.exit_code == 0);
  REQUIRE(formatted.out.empty());
  REQUIRE(formatted.err.empty());

  fs::path broken = dir.path / "broken.schema";
  WriteFile(broken, std::string("TABLE x {\n  id integer\n") );
  RunResult refused = RunSchemac("fmt " + dir.path.string());
  REQUIRE(refused.exit_code == 1);
  REQUIRE(refused.err.find(broken.string() +
                           ":2:13: error: expected '}' to close table 'x', found end of file") !=
          std::string::npos);
  REQUIRE(ReadFile(broken) == "TABLE x {\n  id integer\n");
  REQUIRE(fs::directory_iterator(dir.path) != fs::directory_iterator());
  size_t entries = std::distance(fs::directory_iterator(dir.path), fs::directory_iterator());
  REQUIRE(entries == 2);  // no temp files left behind
}

TEST_CASE("types: stdout, --out, --check for hooks, and errors that change nothing",
          "[cli][needs-resolve]") {
  TempDir dir;
  fs::path schema = dir.path / "notes.schema";
  WriteFile(schema, kValid);
  fs::path out = dir.path / "database.types.ts";

  RunResult printed = RunSchemac("types --schema " + schema.string());
  INFO(printed.err);
  REQUIRE(printed.exit_code == 0);
  REQUIRE(printed.out.starts_with("export type Json =\n"));
  REQUIRE(printed.out.find("      notes: {\n") != std::string::npos);
  REQUIRE(printed.out.find("          id?: never\n") != std::string::npos);

  RunResult missing = RunSchemac("types --schema " + schema.string() + " --out " + out.string() +
                                 " --check");
  REQUIRE(missing.exit_code == 1);
  REQUIRE(missing.err.find(out.string() + " does not exist") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out));

  RunResult wrote = RunSchemac("types --schema " + schema.string() + " --out " + out.string());
  REQUIRE(wrote.exit_code == 0);
  REQUIRE(wrote.out.empty());
  REQUIRE(ReadFile(out) == printed.out);
  REQUIRE(RunSchemac("types --schema " + schema.string() + " --out " + out.string() + " --check")
              .exit_code == 0);

  // The schema gains a column: --check fails and leaves the file as it was.
  WriteFile(schema, std::string(kValid).insert(std::string(kValid).size() - 2, "  title text?\n"));
  RunResult stale = RunSchemac("types --schema " + schema.string() + " --out " + out.string() +
                               " --check");
  REQUIRE(stale.exit_code == 1);
  REQUIRE(stale.err.find(out.string() + " is out of date") != std::string::npos);
  REQUIRE(ReadFile(out) == printed.out);

  // A broken schema: file:line:col, exit 1, the file untouched.
  WriteFile(schema, kBroken);
  RunResult broken = RunSchemac("types --schema " + schema.string() + " --out " + out.string());
  REQUIRE(broken.exit_code == 1);
  REQUIRE(broken.err.find(schema.string() + ":2:6: error: unknown type 'integr'") !=
          std::string::npos);
  REQUIRE(ReadFile(out) == printed.out);

  WriteFile(schema, kValid);
  RunResult unknown = RunSchemac("types --schema " + schema.string() + " --schemas public,app");
  REQUIRE(unknown.exit_code == 1);
  REQUIRE(unknown.out.empty());
  REQUIRE(unknown.err == "schemac: error: --schemas: no schema 'app' (there are: public)\n");
  RunResult check_alone = RunSchemac("types --schema " + schema.string() + " --check");
  REQUIRE(check_alone.exit_code == 2);
  REQUIRE(check_alone.err == "schemac: error: --check needs --out FILE (the file to check)\n");
  RunResult both = RunSchemac("types --schema " + schema.string() + " --db postgresql://x/y");
  REQUIRE(both.exit_code == 2);
  REQUIRE(both.out.empty());
  REQUIRE(both.err == "schemac: error: give either --schema or --db, not both\n");

  RunResult options = RunSchemac("types --schema " + schema.string() +
                                 " --postgrest-version 13 --no-helpers");
  REQUIRE(options.exit_code == 0);
  REQUIRE(options.out.find("  __InternalSupabase: {\n    PostgrestVersion: \"13\"\n  }\n") !=
          std::string::npos);
  REQUIRE(options.out.find("Constants") == std::string::npos);
  REQUIRE(options.out.find("export type Tables<") == std::string::npos);

  // Without --schema: schemac.json's "schema" in the current directory.
  fs::create_directories(dir.path / "project/db");
  WriteFile(dir.path / "project/db/app.schema", "table from_config {\n  id int primary key\n}\n");
  WriteFile(dir.path / "project/schemac.json", "{\"schema\": \"db/\"}");
  RunResult configured = RunShell("cd '" + (dir.path / "project").string() + "' && " +
                                  SCHEMAC_BINARY + " types");
  REQUIRE(configured.exit_code == 0);
  REQUIRE(configured.out.find("      from_config: {\n") != std::string::npos);
}

TEST_CASE("offline commands load no libpq, and database commands say when their module is missing",
          "[cli][needs-resolve]") {
  RunResult needed = RunShell(std::string("readelf -d ") + SCHEMAC_BINARY);
  REQUIRE(needed.exit_code == 0);
  REQUIRE(needed.out.find("libstdc++") != std::string::npos);
  REQUIRE(needed.out.find("libpq") == std::string::npos);

  // The executable alone, without libschemac_db.so next to it.
  TempDir dir;
  fs::copy_file(SCHEMAC_BINARY, dir.path / "schemac");
  WriteFile(dir.path / "notes.schema", kValid);
  std::string schemac = (dir.path / "schemac").string();
  std::string schema = (dir.path / "notes.schema").string();
  RunResult check = RunShell(schemac + " check " + schema);
  REQUIRE(check.exit_code == 0);
  REQUIRE(check.out == "ok: 1 file, 1 table, 0 enums, 0 policies\n");
  REQUIRE(check.err.empty());  // no warning about the module: check does not need it
  RunResult fmt = RunShell(schemac + " fmt --check " + schema);
  REQUIRE(fmt.exit_code == 0);
  REQUIRE(fmt.err.empty());
  RunResult types = RunShell(schemac + " types --schema " + schema);
  REQUIRE(types.exit_code == 0);
  REQUIRE(types.out.find("notes: {") != std::string::npos);

  RunResult help = RunShell(schemac + " help");
  REQUIRE(help.exit_code == 0);
  REQUIRE(help.out.find("types") != std::string::npos);
  REQUIRE(help.err.find("warning: the database commands are unavailable") != std::string::npos);

  RunResult pull = RunShell(schemac + " pull --db postgresql://app:hunter2@localhost/db");
  REQUIRE(pull.exit_code == 1);
  REQUIRE(pull.err.find("schemac: error: cannot load the database commands: libschemac_db.so "
                        "not found") != std::string::npos);
  REQUIRE(pull.err.find("hunter2") == std::string::npos);
  RunResult live = RunShell(schemac + " types --db postgresql://app:hunter2@localhost/db");
  REQUIRE(live.exit_code == 1);
  REQUIRE(live.err.find("cannot load the database commands") != std::string::npos);
  REQUIRE(live.err.find("hunter2") == std::string::npos);
}

TEST_CASE("ir --json prints the IR on stdout", "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "ok.schema", kValid);
  RunResult ir = RunSchemac("ir --json " + (dir.path / "ok.schema").string());
  REQUIRE(ir.exit_code == 0);
  INFO(ir.out);
  nlohmann::json schema = nlohmann::json::parse(ir.out);  // the whole output is JSON
  CHECK(schema.at("target") == "postgres");
  REQUIRE(schema.at("tables").size() == 1);
  const nlohmann::json& notes = schema.at("tables")[0];
  CHECK(notes.at("schema") == "public");
  CHECK(notes.at("name") == "notes");
  REQUIRE(notes.at("columns").size() == 2);
  CHECK(notes.at("columns")[0].at("name") == "id");
  CHECK(notes.at("columns")[0].at("type") == "bigint");
  CHECK(notes.at("columns")[0].at("nullable") == false);
  CHECK(notes.at("columns")[0].at("identity") == "always");
  CHECK(notes.at("columns")[1].at("name") == "body");
  CHECK(notes.at("columns")[1].at("type") == "text");
  CHECK(notes.at("columns")[1].at("nullable") == false);
  CHECK(notes.at("primary_key") ==
        nlohmann::json::parse(R"({"name": "notes_pkey", "columns": ["id"]})"));
  CHECK(schema.at("enums") == nlohmann::json::array());
}

TEST_CASE("a large schema (the reserved-heap path) checks and reports errors", "[cli]") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "table t" + std::to_string(i) + " {\n  id bigint primary key\n  body text?\n"
            "  created_at timestamptz default now()\n  index (created_at desc)\n}\n";
  }
  WriteFile(dir.path / "big.schema", text);
  REQUIRE(text.size() > 256 * 1024);
  RunResult ok = RunSchemac("check " + (dir.path / "big.schema").string());
  REQUIRE(ok.exit_code == 0);
  REQUIRE(ok.out == "ok: 1 file, 3000 tables, 0 enums, 0 policies\n");

  WriteFile(dir.path / "big.schema", text + "table t1 {\n  id bigint primary key\n}\n");
  RunResult dup = RunSchemac("check " + (dir.path / "big.schema").string());
  REQUIRE(dup.exit_code == 1);
  REQUIRE(dup.err.find(":18001:7: error: duplicate table 't1'") != std::string::npos);
}

}  // namespace schemac::testing

namespace schemac::testing {

namespace {

const char* kStdoutFull =
    "schemac: error: cannot write to standard output: No space left on device\n";

// schemac run with its stdout on /dev/full, where every write fails.
RunResult RunSchemacToFullDevice(const std::string& args) {
  return RunShell(std::string("{ NO_COLOR=1 ") + SCHEMAC_BINARY + " " + args + " >/dev/full; }");
}

// A schema whose JSON, types and formatted text are all larger than any output buffer.
std::string LargeSchema() {
  std::string text;
  for (int i = 0; i < 400; ++i) {
    text += "table t" + std::to_string(i) + " {\n  id bigint primary key\n  body text?\n}\n\n";
  }
  return text;
}

}  // namespace

TEST_CASE("every offline command that prints fails in one line when stdout cannot be written",
          "[cli][stdout]") {
  TempDir dir;
  std::string valid = (dir.path / "notes.schema").string();
  WriteFile(valid, kValid);
  std::string unformatted = (dir.path / "unformatted" / "notes.schema").string();
  fs::create_directories(dir.path / "unformatted");
  WriteFile(unformatted, kUnformatted);
  std::string large = (dir.path / "large.schema").string();
  WriteFile(large, LargeSchema());

  for (const std::string& args :
       {"check " + valid, "check --format json " + valid, "fmt --stdout " + valid,
        "fmt --stdout " + large, "fmt --check " + unformatted, "ir --json " + valid,
        "ir --json " + large, "types --schema " + valid, "types --schema " + large,
        std::string("help"), std::string("help fmt"), std::string("fmt --help"),
        std::string("--version")}) {
    RunResult run = RunSchemacToFullDevice(args);
    INFO("schemac " << args);
    CHECK(run.exit_code == 1);
    CHECK(run.err == kStdoutFull);
  }
  // Nothing printed, nothing to fail.
  RunResult quiet = RunSchemacToFullDevice("check -q " + valid);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
  // A closed stdout is a failed write too.
  RunResult closed = RunShell("{ " + std::string(SCHEMAC_BINARY) + " check " + valid + " >&-; }");
  CHECK(closed.exit_code == 1);
  CHECK(closed.err == "schemac: error: cannot write to standard output: Bad file descriptor\n");
  CHECK(ReadFile(unformatted) == kUnformatted);
}

TEST_CASE("output redirected to a disk that fills up midway is an error, and the file is left empty",
          "[cli][stdout][mount]") {
  TempDir dir;
  std::string large = (dir.path / "large.schema").string();
  WriteFile(large, LargeSchema());
  RunResult whole = RunSchemac("ir --json " + large);
  REQUIRE(whole.exit_code == 0);
  REQUIRE(whole.out.size() > 200 * 1024);  // Several buffers: the disk fills after a few.

  RunResult run = RunWithSmallDisk(std::string(SCHEMAC_BINARY) + " ir --json " + large +
                                       " >\"$SMALL_DISK/ir.json\"; echo \"exit $?\"; "
                                       "wc -c <\"$SMALL_DISK/ir.json\"",
                                   128);
  INFO(run.out);
  CHECK(run.err ==
        "schemac: error: cannot write to standard output: No space left on device; the file it "
        "went to is cut back to what it held before\n");
  REQUIRE(run.out.starts_with("exit 1\n"));
  CHECK(std::stoul(run.out.substr(7)) == 0);  // Nothing short that looks whole is left.

  // Appended to a file (>>): what the file held before stays, what was appended goes.
  RunResult append = RunWithSmallDisk("printf 'kept\\n' >\"$SMALL_DISK/all.json\"; " +
                                          std::string(SCHEMAC_BINARY) + " ir --json " + large +
                                          " >>\"$SMALL_DISK/all.json\"; echo \"exit $?\"; "
                                          "cat \"$SMALL_DISK/all.json\"",
                                      128);
  CHECK(append.out == "exit 1\nkept\n");
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("fmt keeps /// lines that document nothing, and is stable", "[cli][fmt]") {
  TempDir dir;
  fs::path file = dir.path / "notes.schema";
  const std::string text =
      "/// Schema of the notes service.\n\nTABLE notes {\n  id bigint PRIMARY KEY\n"
      "  /// to be documented\n}\n\n/// the end\n";
  WriteFile(file, text);
  RunResult fmt = RunSchemac("fmt " + file.string());
  INFO(fmt.err);
  REQUIRE(fmt.exit_code == 0);
  const std::string expected =
      "/// Schema of the notes service.\n\ntable notes {\n  id bigint primary key\n"
      "  /// to be documented\n}\n\n/// the end\n";
  REQUIRE(ReadFile(file) == expected);
  RunResult again = RunSchemac("fmt --check " + file.string());
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
}

TEST_CASE("fmt writes through a symlink: the target changes, the link stays", "[cli][fmt]") {
  TempDir dir;
  fs::create_directories(dir.path / "real");
  fs::path target = dir.path / "real" / "notes.schema";
  WriteFile(target, kUnformatted);
  fs::permissions(target, fs::perms(0640));
  fs::path link = dir.path / "notes.schema";
  fs::create_symlink("real/notes.schema", link);

  RunResult fmt = RunSchemac("fmt " + link.string());
  INFO(fmt.err);
  REQUIRE(fmt.exit_code == 0);
  CHECK(fmt.out == "formatted " + link.string() + "\n");
  REQUIRE(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == "real/notes.schema");
  CHECK(ReadFile(target) == kValid);
  CHECK(fs::status(target).permissions() == fs::perms(0640));
  // No temporary file left next to the link or the target.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);
  CHECK(std::distance(fs::directory_iterator(dir.path / "real"), fs::directory_iterator()) == 1);
}

TEST_CASE("help lists every command of the command table once, in its order", "[cli]") {
  // tools/schemac/commands.cc: the executable's commands, then the database module's, then help.
  RunResult help = RunSchemac("help");
  REQUIRE(help.exit_code == 0);
  size_t start = help.out.find("Subcommands:\n");
  REQUIRE(start != std::string::npos);
  std::vector<std::string> listed;
  std::istringstream lines(help.out.substr(start + 13));
  for (std::string line; std::getline(lines, line) && line.starts_with("  ");) {
    listed.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  CHECK(listed == std::vector<std::string>{"check", "fmt", "ir", "types", "pull", "diff", "plan",
                                           "apply", "doctor", "help"});
}

TEST_CASE("check: counts the functions, views and triggers of a schema that has some",
          "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "f.schema",
            "function f() returns int as $$ select 1 $$\n"
            "function g() returns int as $$ select 2 $$\n");
  RunResult ok = RunSchemac("check " + (dir.path / "f.schema").string());
  REQUIRE(ok.exit_code == 0);
  REQUIRE(ok.out == "ok: 1 file, 0 tables, 0 enums, 0 policies, 2 functions\n");

  WriteFile(dir.path / "f.schema",
            "table t { id int primary key }\n"
            "function touch() returns trigger language plpgsql as $$ begin return new; end $$\n"
            "trigger t_touch before update on t for each row execute function touch()\n"
            "view v as (select id from t)\n");
  ok = RunSchemac("check " + (dir.path / "f.schema").string());
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  REQUIRE(ok.out == "ok: 1 file, 1 table, 0 enums, 0 policies, 1 function, 1 view, 1 trigger\n");
}

}  // namespace schemac::testing

namespace schemac::testing {

TEST_CASE("types: --dev-url builds .schema files, so it is refused with --db", "[cli]") {
  RunResult run = RunSchemac("types --db postgresql://u:secret@127.0.0.1:1/x --dev-url "
                             "postgresql://127.0.0.1:1/dev");
  CHECK(run.exit_code == 2);
  CHECK(run.err == "schemac: error: --dev-url builds .schema files; with --db there are none\n");
  CHECK(run.err.find("secret") == std::string::npos);
}

}  // namespace schemac::testing
