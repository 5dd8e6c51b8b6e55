#include "tests/unit/test_util.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "compiler/parse.h"
#include "compiler/resolve.h"

namespace schemac::testing {

namespace fs = std::filesystem;

fs::path SourceDir() { return fs::path(SCHEMAC_SOURCE_DIR); }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void CheckGolden(const fs::path& path, const std::string& actual, const char* regenerate) {
  if (update_goldens) {
    WriteFile(path, actual);
    return;
  }
  INFO("golden file " << path.string() << " differs; if the change is intended, run: "
                      << regenerate);
  REQUIRE(fs::exists(path));
  REQUIRE(ReadFile(path) == actual);
}

std::vector<std::string> SchemaFilesUnder(const fs::path& base, const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".schema") {
      files.push_back(fs::relative(entry.path(), base).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Compiled CompileTexts(const std::vector<std::pair<std::string, std::string>>& files) {
  Compiled compiled;
  for (const auto& [path, text] : files) {
    uint32_t index = compiled.sources.Add(path, text);
    compiled.files.push_back(Parse(compiled.sources, index, compiled.diagnostics));
  }
  if (!compiled.diagnostics.HasErrors()) {
    compiled.schema = Resolve(compiled.files, compiled.sources, compiled.diagnostics);
    compiled.resolved = true;
  }
  compiled.diagnostics.SortByPosition();
  return compiled;
}

Compiled CompileFiles(const fs::path& base, const std::vector<std::string>& relative) {
  std::vector<std::pair<std::string, std::string>> texts;
  for (const std::string& path : relative) texts.emplace_back(path, ReadFile(base / path));
  return CompileTexts(texts);
}

std::vector<std::string> DiagnosticLines(const Compiled& compiled) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : compiled.diagnostics.all()) {
    const char* severity = d.severity == Severity::kError     ? "error"
                           : d.severity == Severity::kWarning ? "warning"
                                                              : "note";
    std::string line;
    if (d.span) {
      line = std::to_string(d.span->begin.line) + ":" + std::to_string(d.span->begin.col) + ": ";
    }
    line += severity + std::string(": ") + d.message;
    if (!d.rule.empty()) line += " [" + std::string(d.rule) + "]";  // A lint finding.
    lines.push_back(line);
  }
  return lines;
}

RunResult RunShell(const std::string& command) {
  TempDir dir;
  std::string full =
      command + " >" + (dir.path / "out").string() + " 2>" + (dir.path / "err").string();
  int status = std::system(full.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(dir.path / "out");
  result.err = ReadFile(dir.path / "err");
  return result;
}

RunResult RunSchemac(const std::string& args) {
  return RunShell(std::string("NO_COLOR=1 ") + SCHEMAC_BINARY + " " + args);
}

RunResult RunWithSmallDisk(const std::string& script, int kib) {
  TempDir mount_point;
  TempDir script_dir;
  WriteFile(script_dir.path / "run.sh",
            "set -e\nmount -t tmpfs -o size=" + std::to_string(kib) + "k tmpfs \"$SMALL_DISK\"\n" +
                "set +e\n" + script + "\n");
  std::string unshare = geteuid() == 0 ? "unshare -m" : "unshare -rm";
  RunResult result = RunShell("NO_COLOR=1 SMALL_DISK='" + mount_point.path.string() + "' " +
                              unshare + " sh " + (script_dir.path / "run.sh").string());
  INFO("stderr: " << result.err);
  REQUIRE(result.err.find("mount:") == std::string::npos);
  REQUIRE(result.err.find("unshare:") == std::string::npos);
  return result;
}

TempDir::TempDir() {
  static int counter = 0;
  path = std::filesystem::temp_directory_path() /
         ("schemac-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace schemac::testing
