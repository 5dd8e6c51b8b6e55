// The executable's side of db_module.h: finding and loading libschemac_db.so.

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>

#include "compiler/error.h"
#include "tools/schemac/db_module.h"

namespace schemac::cli {

namespace {

AddDatabaseCommandsFn add_commands = nullptr;
ReadDatabaseFn read_database = nullptr;
BuildSchemaFn build_schema = nullptr;

}  // namespace

bool LoadDatabaseModule(std::string* error) {
  if (add_commands != nullptr) return true;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  std::string tried;
  for (const fs::path& path : {dir / kDatabaseModule, dir / "../lib/schemac" / kDatabaseModule}) {
    if (!fs::exists(path, ec)) {
      tried += (tried.empty() ? "" : " or ") + path.parent_path().lexically_normal().string();
      continue;
    }
    // Never closed: the commands it adds run until the process exits.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      // A library the module needs (libpqxx, libpq) is named without the module: say whose.
      std::string cause = dlerror();
      *error = cause.starts_with(path.string()) ? cause : path.string() + ": " + cause;
      return false;
    }
    auto add = reinterpret_cast<AddDatabaseCommandsFn>(dlsym(handle, kAddDatabaseCommands));
    auto read = reinterpret_cast<ReadDatabaseFn>(dlsym(handle, kReadDatabase));
    auto build = reinterpret_cast<BuildSchemaFn>(dlsym(handle, kBuildSchema));
    if (add == nullptr || read == nullptr || build == nullptr) {
      *error = path.string() + " is not schemac's database module (rebuild schemac)";
      return false;
    }
    add_commands = add;
    read_database = read;
    build_schema = build;
    return true;
  }
  // One line that says where it looked and both ways to get it there.
  *error = std::string(kDatabaseModule) + " not found in " + tried +
           ": install schemac with `cmake --install BUILD --prefix PREFIX` (PREFIX/bin/schemac "
           "loads PREFIX/lib/schemac/" + kDatabaseModule + "), or copy " + kDatabaseModule +
           " from the build directory next to this executable";
  return false;
}

void AddDatabaseCommands(CLI::App& app, int& exit_code) { add_commands(&app, &exit_code); }

ir::Schema ReadDatabase(const std::string& url, const pg::Timeouts& timeouts,
                        std::map<std::string, ir::ColumnType>* domains) {
  std::string error;
  if (!LoadDatabaseModule(&error)) {
    throw UserError("cannot load the database commands: " + error);
  }
  ir::Schema schema;
  if (!read_database(&url, &timeouts, &schema, domains, &error)) throw UserError(error);
  return schema;
}

ir::Schema BuildOnDevDatabase(LoadedSchema& loaded, const std::string& dev_url) {
  std::string error;
  if (!LoadDatabaseModule(&error)) {
    throw UserError("cannot load the database commands: " + error);
  }
  ir::Schema built;
  if (build_schema(&loaded, &dev_url, &built, &error)) return built;
  if (error.empty()) throw SourceFailed{loaded, nullptr};
  throw UserError(error);
}

}  // namespace schemac::cli
