#pragma once
// Helpers shared by the file-driven tests (golden cases, malformed corpus, examples).

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/ir.h"
#include "compiler/source.h"

namespace schemac::testing {

extern bool update_goldens;

/// Whether this build runs under a sanitizer (ASan, TSan, MSan): they replace operator new (so
/// the arena is off) and reserve terabytes of address space (so `ulimit -v` cannot bound them).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif
/// --server N: the major version of the PostgreSQL the [pg] tests run on (empty: Debian's 15).
extern std::string server;

/// The command that regenerates golden files, for failure messages.
inline constexpr const char* kUpdateGoldensCommand =
    "build/schemac_tests --update-goldens '[golden]'";

std::filesystem::path SourceDir();
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);

/// Requires the file at `path` to hold `actual`, or rewrites it under --update-goldens; a
/// failure names `regenerate`, the command that rewrites it.
void CheckGolden(const std::filesystem::path& path, const std::string& actual,
                 const char* regenerate = kUpdateGoldensCommand);

/// The .schema files under `dir`, sorted, as paths relative to `base`.
std::vector<std::string> SchemaFilesUnder(const std::filesystem::path& base,
                                          const std::filesystem::path& dir);

/// A schema compiled the way `schemac check` does it, from in-memory or on-disk files.
struct Compiled {
  SourceManager sources;
  Diagnostics diagnostics;
  std::vector<ast::File> files;
  ir::Schema schema;
  bool resolved = false;  ///< Resolve ran (it does not when parsing failed).
};

/// Compiles files given as (display path, text) pairs.
Compiled CompileTexts(const std::vector<std::pair<std::string, std::string>>& files);
/// Compiles files read from `base / relative` for each relative path (displayed relative).
Compiled CompileFiles(const std::filesystem::path& base, const std::vector<std::string>& relative);

/// Each diagnostic as `line:col: severity: message` (file name left out), or `severity:
/// message` when it has no position.
std::vector<std::string> DiagnosticLines(const Compiled& compiled);

/// What a command printed and how it exited.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a shell command with stdout and stderr captured.
RunResult RunShell(const std::string& command);
/// Runs the schemac binary under test with `args` (a shell fragment), NO_COLOR set.
RunResult RunSchemac(const std::string& args);

/// Runs the shell `script` in a private mount namespace (`unshare -m`, `-rm` when not root) in
/// which "$SMALL_DISK" is an empty tmpfs of `kib` KiB: a disk that fills up, for the tests of
/// failed writes. The mount goes away with the namespace. Fails the test when no mount can be
/// had here.
RunResult RunWithSmallDisk(const std::string& script, int kib);

/// A fresh directory under the system's temp dir, removed with its content at scope end.
struct TempDir {
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

}  // namespace schemac::testing
