// schemac: a compiler for database schemas.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "compiler/diagnostics.h"
#include "compiler/parse.h"

#include "tools/schemac/arena.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/db_module.h"

namespace {

constexpr const char* kOverview =
    "Examples:\n"
    "  schemac check schema/            validate .schema files (offline, for pre-commit)\n"
    "  schemac fmt --check schema/      fail if files are not in canonical layout\n"
    "  schemac ir --json schema/        print the resolved schema as JSON\n"
    "  schemac diff --from empty --to schema/   the SQL that builds the schema\n\n"
    "Run 'schemac help COMMAND' (or 'schemac COMMAND --help') for a command's options.\n"
    "Docs: docs/cli.md and docs/dsl.md";

// The command the line names: its first argument that is not an option ("" when none).
std::string_view CommandOf(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] != '-') return argv[i];
  }
  return "";
}

// std::cout's buffer: writes to file descriptor 1 and remembers the first failed write, so that
// main can report it (a migration redirected to a full disk must not look written). Synchronised
// with stdio, std::cout would forward each insertion to stdout's FILE, whose error loses its
// errno; nothing in schemac writes to stdout's FILE. Line-buffered on a terminal, as stdio is.
class StdoutBuffer : public std::streambuf {
 public:
  StdoutBuffer() : line_buffered_(isatty(STDOUT_FILENO) == 1) { setp(buffer_, buffer_ + kSize); }

 protected:
  int_type overflow(int_type c) override {
    if (Drain() != 0) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    if (line_buffered_ && c == '\n' && Drain() != 0) return traits_type::eof();
    return c;
  }

  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (error_ != 0) return 0;
    if (n <= epptr() - pptr()) {
      std::memcpy(pptr(), s, static_cast<size_t>(n));
      pbump(static_cast<int>(n));
    } else if (Drain() != 0 || !WriteAll(s, static_cast<size_t>(n))) {
      return 0;
    }
    if (line_buffered_ && std::memchr(s, '\n', static_cast<size_t>(n)) != nullptr && Drain() != 0) {
      return 0;
    }
    return n;
  }

  int sync() override { return Drain(); }

 private:
  static constexpr size_t kSize = 64 << 10;

  // Writes the buffer out; after a failure, drops whatever is printed and sets errno to the
  // first failure's cause on each call (FlushStdout in common.cc reads it).
  int Drain() {
    if (error_ == 0 && WriteAll(pbase(), static_cast<size_t>(pptr() - pbase()))) {
      setp(buffer_, buffer_ + kSize);
      return 0;
    }
    setp(buffer_, buffer_ + kSize);
    errno = error_;
    return -1;
  }

  bool WriteAll(const char* data, size_t size) {
    while (size > 0) {
      ssize_t n = write(STDOUT_FILENO, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        return false;
      }
      data += n;
      size -= static_cast<size_t>(n);
    }
    return true;
  }

  char buffer_[kSize];
  bool line_buffered_;
  int error_ = 0;
};

// Where standard output starts when it is a regular file (`> up.sql`, also `>> all.sql`), else
// -1. When a command's output cannot all be written, the file is cut back there: a short
// migration must not be left looking whole.
off_t RegularStdoutStart() {
  struct stat info {};
  if (fstat(STDOUT_FILENO, &info) != 0 || !S_ISREG(info.st_mode)) return -1;
  // Appending, the offset moves to the end only at the first write.
  int flags = fcntl(STDOUT_FILENO, F_GETFL);
  if (flags != -1 && (flags & O_APPEND) != 0) return info.st_size;
  return lseek(STDOUT_FILENO, 0, SEEK_CUR);
}

int RunCommandLine(int argc, char** argv) {
  using namespace schemac::cli;
  // The parser's worker thread allocates from its own arena, as the commands' thread does.
  schemac::SetParseWorkerWrapper(RunInArena);
  CLI::App app{"schemac " SCHEMAC_VERSION " - a compiler for database schemas"};
  app.name("schemac");
  app.set_version_flag("--version", "schemac " SCHEMAC_VERSION);
  app.require_subcommand(1);
  app.footer(kOverview);

  int exit_code = kExitOk;
  AddCommands(CommandHome::kExecutable, app, exit_code);
  // Any other command (or the list of them all) is in the database module.
  std::string_view command = CommandOf(argc, argv);
  std::span<const Command> commands = Commands();
  if (std::none_of(commands.begin(), commands.end(), [&](const Command& c) {
        return c.name == command && c.home == CommandHome::kExecutable;
      })) {
    std::string error;
    if (LoadDatabaseModule(&error)) {
      AddDatabaseCommands(app, exit_code);
    } else if (command.empty() || command == "help") {
      std::cerr << "schemac: warning: the database commands are unavailable: " << error << "\n";
    } else {
      std::cerr << "schemac: error: cannot load the database commands: " << error << "\n";
      return kExitErrors;
    }
  }

  std::vector<std::string> help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for schemac or one of its commands");
  help->add_option("command", help_topic, "The command to explain");
  help->footer("Example:\n  schemac help fmt");
  help->callback([&] {
    if (help_topic.empty()) {
      // App::help() would describe the selected subcommand (help itself); format the root.
      std::cout << app.get_formatter()->make_help(&app, "schemac", CLI::AppFormatMode::Normal);
      return;
    }
    for (CLI::App* command : app.get_subcommands({})) {
      if (command->get_name() == help_topic[0] && command != help) {
        std::cout << command->help("schemac");
        return;
      }
    }
    std::cerr << "schemac: error: unknown command '" << help_topic[0]
              << "'; run 'schemac help' for the list\n";
    exit_code = kExitUsage;
  });

  // CLI11 reports an unknown command as a missing one; say what was typed and what is close.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::cerr << schemac::WithSuggestion(
                       std::string("schemac: error: unknown command '") + argv[1] + "'", argv[1],
                       names)
                << "\nRun 'schemac help' for the list of commands.\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Never freed: std::cout is flushed once more when the process exits, after main returns.
  std::cout.rdbuf(new StdoutBuffer);
  off_t start = RegularStdoutStart();
  int exit_code = RunCommandLine(argc, argv);
  // Whatever the command's own result (2 says "changes" to a script), output that did not reach
  // its file is an error: the file is not what the command printed.
  std::string error;
  if (!schemac::cli::FlushStdout(&error)) {
    if (start >= 0 && ftruncate(STDOUT_FILENO, start) == 0) {
      error += "; the file it went to is cut back to what it held before";
    }
    std::cerr << "schemac: error: " << error << "\n";
    return schemac::cli::kExitErrors;
  }
  return exit_code;
}
