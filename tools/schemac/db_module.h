#pragma once
// The commands that talk to PostgreSQL (pull, diff, plan, apply, doctor, `types --db`, and
// `types --schema` of a schema with views, built on the dev database) live in a
// module, libschemac_db.so, that schemac loads only when a command needs it: libpq and the
// libraries it pulls in (TLS, Kerberos, LDAP) take about 8 ms to load, which the offline
// commands run by pre-commit hooks (check, fmt, ir, types from .schema files) do not pay.
// The figure and what breaks without it: docs/architecture.md, "Performance machinery".

#include <CLI/CLI.hpp>
#include <map>
#include <string>

#include "backends/postgres/timeouts.h"
#include "compiler/ir.h"
#include "compiler/load.h"

namespace schemac::cli {

/// The module's entry points, exported with C linkage and looked up by these names.
using AddDatabaseCommandsFn = void (*)(CLI::App* app, int* exit_code);
using ReadDatabaseFn = bool (*)(const std::string* url, const pg::Timeouts* timeouts,
                                ir::Schema* schema,
                                std::map<std::string, ir::ColumnType>* domains,
                                std::string* error);
/// False with `error` empty: the dev database refused statements of the schema, reported in
/// `loaded`'s diagnostics at their place in its files.
using BuildSchemaFn = bool (*)(LoadedSchema* loaded, const std::string* dev_url, ir::Schema* built,
                               std::string* error);
inline constexpr const char* kAddDatabaseCommands = "schemac_add_database_commands";
inline constexpr const char* kReadDatabase = "schemac_read_database";
inline constexpr const char* kBuildSchema = "schemac_build_schema";
inline constexpr const char* kDatabaseModule = "libschemac_db.so";

/// Loads the module from the executable's directory (or ../lib/schemac/); false with `error`
/// set when it cannot. Loading twice is a no-op.
bool LoadDatabaseModule(std::string* error);

/// Adds the commands of the module (pull, diff, plan, apply, doctor: commands.h's table) to
/// `app` (the module must be loaded).
void AddDatabaseCommands(CLI::App& app, int& exit_code);

/// `types --db`: the database read into the IR (with `timeouts`), and its domains' base types.
/// Loads the module when needed; throws UserError on failure.
ir::Schema ReadDatabase(const std::string& url, const pg::Timeouts& timeouts,
                        std::map<std::string, ir::ColumnType>* domains);

/// `loaded`'s schema built on the dev database of `dev_url` (empty: the embedded one) and read
/// back in canonical form (compiler/canonicalize.h). Loads the module when needed; throws
/// SourceFailed when the dev database refuses statements of the schema (reported in `loaded`'s
/// diagnostics), UserError on other failures.
ir::Schema BuildOnDevDatabase(LoadedSchema& loaded, const std::string& dev_url);

}  // namespace schemac::cli
