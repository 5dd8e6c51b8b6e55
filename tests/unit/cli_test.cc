// The schemac binary as a user runs it: exit codes, output streams, colour, files left alone.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>

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
  REQUIRE(RunSchemac("").exit_code == 2);
  REQUIRE(RunSchemac("check --format xml").exit_code == 2);
  REQUIRE(RunSchemac("help nosuch").exit_code == 2);
}

TEST_CASE("check: exit 0 on a valid schema, 1 with file:line:col on errors", "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "ok.schema", kValid);
  WriteFile(dir.path / "bad.schema", kBroken);

  RunResult ok = RunSchemac("check " + (dir.path / "ok.schema").string());
  REQUIRE(ok.exit_code == 0);
  REQUIRE(ok.out.starts_with("ok: 1 file, 1 table"));
  REQUIRE(RunSchemac("check --quiet " + (dir.path / "ok.schema").string()).out.empty());

  RunResult bad = RunSchemac("check " + (dir.path / "bad.schema").string());
  REQUIRE(bad.exit_code == 1);
  std::string where = (dir.path / "bad.schema").string() + ":2:6: error: unknown type 'integr'";
  REQUIRE(bad.err.find(where) != std::string::npos);
  REQUIRE(bad.err.find("\n    id integr primary key\n") != std::string::npos);
  REQUIRE(bad.err.find("\033[") == std::string::npos);  // NO_COLOR and not a terminal

  RunResult json = RunSchemac("check --format json " + (dir.path / "bad.schema").string());
  REQUIRE(json.exit_code == 1);
  REQUIRE(json.out.find("\"line\":2,\"column\":6") != std::string::npos);

  RunResult missing = RunSchemac("check " + (dir.path / "nope.schema").string());
  REQUIRE(missing.exit_code == 1);
  REQUIRE(missing.err.find("no such file or directory") != std::string::npos);
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
  REQUIRE(RunSchemac("fmt --check " + file.string()).exit_code == 0);

  fs::path broken = dir.path / "broken.schema";
  WriteFile(broken, std::string("TABLE x {\n  id integer\n") );
  RunResult refused = RunSchemac("fmt " + dir.path.string());
  REQUIRE(refused.exit_code == 1);
  REQUIRE(ReadFile(broken) == "TABLE x {\n  id integer\n");
  REQUIRE(fs::directory_iterator(dir.path) != fs::directory_iterator());
  size_t entries = std::distance(fs::directory_iterator(dir.path), fs::directory_iterator());
  REQUIRE(entries == 2);  // no temp files left behind
}

TEST_CASE("ir --json prints the IR on stdout", "[cli][needs-resolve]") {
  TempDir dir;
  WriteFile(dir.path / "ok.schema", kValid);
  RunResult ir = RunSchemac("ir --json " + (dir.path / "ok.schema").string());
  REQUIRE(ir.exit_code == 0);
  REQUIRE(ir.out.starts_with("{"));
  REQUIRE(ir.out.find("\"notes_pkey\"") != std::string::npos);
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
