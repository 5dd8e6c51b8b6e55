// `schemac pull --db URL`: a live database written as .schema files.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <filesystem>
#include <iostream>
#include <memory>
#include <pqxx/pqxx>
#include <set>

#include "backends/dsl/from_ir.h"
#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"
#include "backends/registry.h"
#include "backends/text/unmanaged_text.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

namespace {

struct PullOptions {
  std::string db;
  std::string out;
  std::vector<std::string> schemas;
  std::vector<std::string> exclude_schemas;
  bool json = false;
  bool extension_versions = false;  ///< Write `version '...'` on each extension.
  TimeoutFlags timeouts;
};

bool IsSchemaFileName(const std::string& name) {
  return name.size() > 7 && name.ends_with(".schema") && name[0] != '.';
}

// Undoes what the swap below did to DIR, from the copies kept in the staging directory.
struct Swap {
  std::filesystem::path dir, old_copies;
  std::vector<std::string> replaced;  ///< Old files overwritten by new ones.
  std::vector<std::string> added;     ///< New files that had no old one.
  std::vector<std::string> removed;   ///< Old files no longer written.

  // False when an old file could not be put back: its copy is still in `old_copies`.
  bool Undo() {
    bool whole = true;
    for (const std::string& name : added) unlink((dir / name).c_str());
    for (const auto* names : {&replaced, &removed}) {
      for (const std::string& name : *names) {
        if (rename((old_copies / name).c_str(), (dir / name).c_str()) != 0) whole = false;
      }
    }
    return whole;
  }
};

// `--out DIR`: DIR's top-level `.schema` files (regular files, not hidden) are pull's, and pull
// replaces them as a whole: the new files are written into a hidden staging directory inside
// DIR (the same filesystem; the schema readers skip hidden directories), the old ones are
// hard-linked (else copied) there too, and only then is DIR changed, by renames, which need no
// space: each new file over its old one, then the old files pull no longer writes are removed.
// So a failed write (a full disk) leaves DIR as it was, and a failure during the renames puts
// the old files back. Nothing else in DIR (other files, symlinks, subdirectories) is touched.
// `read(name)`: whether the file `name` is of a schema this pull read (with --schema or
// --exclude-schema, the files of the other schemas are left as they are).
bool ReplaceSchemaFiles(const std::string& out, const std::map<std::string, std::string>& files,
                        const std::function<bool(const std::string&)>& read,
                        std::vector<std::string>* removed, std::string* error) {
  namespace fs = std::filesystem;
  const fs::path dir = out;
  std::error_code ec;
  bool created = !fs::exists(dir, ec);
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    *error = "cannot create " + out + ": " + (ec ? ec.message() : "not a directory");
    return false;
  }
  std::set<std::string> old_files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (IsSchemaFileName(name) && read(name) &&
        entry.symlink_status().type() == fs::file_type::regular) {
      old_files.insert(name);
    }
  }
  if (ec) {
    *error = "cannot read " + out + ": " + ec.message();
    return false;
  }
  // A rename would replace a symlink (or a socket...) in the way: refuse now. A directory in the
  // way makes its rename below fail, which puts back what was replaced before it.
  for (const auto& [name, content] : files) {
    fs::file_type type = fs::symlink_status(dir / name, ec).type();
    if (type != fs::file_type::not_found && type != fs::file_type::regular &&
        type != fs::file_type::directory) {
      *error = "cannot write " + (dir / name).string() + ": it is not a regular file";
      return false;
    }
  }
  std::string staging_name = (dir / ".schemac-pull-XXXXXX").string();
  if (mkdtemp(staging_name.data()) == nullptr) {
    *error = "cannot write in " + out + ": " + std::strerror(errno);
    if (created) fs::remove(dir, ec);
    return false;
  }
  const fs::path staging = staging_name;
  auto fail = [&](const std::string& message) {
    *error = message;
    fs::remove_all(staging, ec);
    if (created) fs::remove(dir, ec);
    return false;
  };
  Swap swap{dir, staging / "old", {}, {}, {}};
  // After DIR has begun to change: the old files are put back; one that cannot be is left in
  // the staging directory, which is then kept and named.
  auto undo_and_fail = [&](const std::string& message) {
    if (swap.Undo()) return fail(message + "; " + out + " is as it was");
    *error = message + "; some old files could not be put back: their copies are in " +
             swap.old_copies.string();
    return false;
  };
  if (!fs::create_directory(staging / "new", ec) || !fs::create_directory(swap.old_copies, ec)) {
    return fail("cannot write in " + out + ": " + ec.message());
  }
  for (const auto& [name, content] : files) {
    fs::path fresh = staging / "new" / name;
    if (!WriteFileAtomically(fresh.string(), content, error)) {
      // The message names the staging file; say which file of DIR could not be written.
      size_t reason = error->rfind(": ");
      return fail("cannot write " + (dir / name).string() +
                  (reason == std::string::npos ? "" : error->substr(reason)));
    }
    struct stat info {};
    if (old_files.count(name) && stat((dir / name).c_str(), &info) == 0) {
      chmod(fresh.c_str(), info.st_mode & 07777);
    }
  }
  for (const std::string& name : old_files) {
    fs::path copy = swap.old_copies / name;
    if (link((dir / name).c_str(), copy.c_str()) != 0 && !fs::copy_file(dir / name, copy, ec)) {
      return fail("cannot keep a copy of " + (dir / name).string() + ": " + ec.message());
    }
  }
  // From here on DIR changes.
  for (const auto& [name, content] : files) {
    if (rename((staging / "new" / name).c_str(), (dir / name).c_str()) != 0) {
      std::string reason = std::strerror(errno);
      return undo_and_fail("cannot replace " + (dir / name).string() + ": " + reason);
    }
    (old_files.count(name) ? swap.replaced : swap.added).push_back(name);
  }
  for (const std::string& name : old_files) {
    if (files.count(name)) continue;
    if (unlink((dir / name).c_str()) != 0) {
      std::string reason = std::strerror(errno);
      return undo_and_fail("cannot remove " + (dir / name).string() + ": " + reason);
    }
    swap.removed.push_back(name);
  }
  if (int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
    fsync(fd);  // The renames, on disk.
    close(fd);
  }
  fs::remove_all(staging, ec);
  *removed = swap.removed;
  return true;
}

int RunPull(const PullOptions& options) {
  namespace fs = std::filesystem;
  bool one_text = options.json || options.out.empty() || options.out.ends_with(".schema");
  std::string text;                          // --json, stdout or one .schema file
  std::map<std::string, std::string> files;  // --out DIR: one file per schema
  std::string unmanaged;                     // what the DSL does not say, for stderr
  try {
    pg::SetDefaultTimeouts(options.timeouts.timeouts);
    std::unique_ptr<pqxx::connection> connection = pg::Connect(options.db);
    ir::Schema schema = pg::Introspect(
        *connection, {options.schemas, options.exclude_schemas, options.db});
    // An installed version is the database's state, not the schema's intent: left unsaid, the
    // schema plans wherever another version is installed (the IR in --json keeps it).
    if (!options.extension_versions && !options.json) {
      for (ir::Extension& extension : schema.extensions) extension.version.clear();
    }
    // The owners to write are those of other roles than the one pull connects as, which owns
    // what it creates when the schema is applied with the same URL (no `owner` line needed).
    if (!options.json) {
      pqxx::nontransaction tx(*connection);
      std::string role = tx.exec1("select current_user")[0].c_str();
      std::erase_if(schema.owners, [&](const ir::Owner& o) { return o.role == role; });
    }
    // One text (stdout, one file) or one file per schema (a directory).
    backends::TextSink one;
    backends::FilesSink each;
    backends::OutputSink& sink = one_text ? static_cast<backends::OutputSink&>(one) : each;
    backends::SchemaBackendNamed(options.json ? "json" : "dsl").Emit(schema, {}, sink);
    text = one.text();
    files = std::move(each.files());
    // Nothing silent: what pull does not write is named (--json lists it under "unmanaged").
    unmanaged = text::UnmanagedText(schema.unmanaged, "not written");
  } catch (const UserError& e) {
    std::cerr << "schemac: error: " << e.what() << "\n";
    return kExitErrors;
  } catch (const std::exception& e) {  // A schemac bug: say so, write nothing.
    std::cerr << "schemac: internal error: " << e.what() << "\n";
    return kExitErrors;
  }
  std::string error;
  std::cerr << unmanaged;
  if (options.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  if (one_text) {
    if (!WriteFileAtomically(options.out, text, &error)) {
      std::cerr << "schemac: error: " << error << "\n";
      return kExitErrors;
    }
    std::cerr << "wrote " << options.out << "\n";
    return kExitOk;
  }
  // The files of the schemas this pull read: all, or those --schema names, less --exclude-schema.
  std::set<std::string> named, excluded;
  for (const std::string& s : options.schemas) named.insert(dsl::SchemaFileName(s));
  for (const std::string& s : options.exclude_schemas) excluded.insert(dsl::SchemaFileName(s));
  auto read = [&](const std::string& name) {
    return (named.empty() || named.count(name)) && !excluded.count(name);
  };
  // public.schema also holds the target, extensions and roles: with --schema billing it would
  // come without public's tables. A file of a schema that was not read is not written.
  std::erase_if(files, [&](const auto& file) { return !read(file.first); });
  std::vector<std::string> removed;
  if (!ReplaceSchemaFiles(options.out, files, read, &removed, &error)) {
    std::cerr << "schemac: error: " << error << "\n";
    return kExitErrors;
  }
  std::cerr << "wrote " << files.size() << (files.size() == 1 ? " file" : " files") << " to "
            << options.out;
  for (size_t i = 0; i < removed.size(); ++i) {
    std::cerr << (i == 0 ? "; removed " : ", ") << removed[i];
  }
  std::cerr << (removed.empty() ? "" : " (no longer in the database)") << "\n";
  return kExitOk;
}

}  // namespace

void AddPullCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PullOptions>();
  CLI::App* command =
      app.add_subcommand("pull", "Write a live database's schema as .schema files");
  command->add_option("--db", options->db, "The database URL (postgresql://...)")->required();
  command->add_option("--out", options->out,
                      "A directory (one file per schema) or a .schema file; default: stdout");
  command->add_option("--schema", options->schemas,
                      "Read only this schema (repeatable); default: every non-platform schema");
  command->add_option("--exclude-schema", options->exclude_schemas,
                      "Leave this schema out (repeatable)");
  command->add_flag("--json", options->json, "Print the introspected IR as JSON instead");
  command->add_flag("--extension-versions", options->extension_versions,
                    "Pin each extension to its installed version (`version '1.3'`); default: "
                    "unsaid, so the schema plans on any version");
  AddTimeoutOptions(command, &options->timeouts);
  command->footer(
      "Example:\n"
      "  schemac pull --db postgresql://postgres@localhost:54322/postgres --out schema/");
  command->callback(
      [options, &exit_code] { exit_code = RunReportingErrors([&] { return RunPull(*options); }); });
}

}  // namespace schemac::cli
