// The module's side of db_module.h: libschemac_db.so's entry points.

#include "tools/schemac/db_module.h"

#include <memory>

#include "backends/postgres/connection.h"
#include "backends/postgres/devdb.h"
#include "backends/postgres/introspect.h"
#include "compiler/build_failure.h"
#include "compiler/canonicalize.h"
#include "tools/schemac/commands.h"

extern "C" __attribute__((visibility("default"))) void schemac_add_database_commands(
    CLI::App* app, int* exit_code) {
  using namespace schemac::cli;
  AddCommands(CommandHome::kDatabaseModule, *app, *exit_code);
}

extern "C" __attribute__((visibility("default"))) bool schemac_read_database(
    const std::string* url, const schemac::pg::Timeouts* timeouts, schemac::ir::Schema* schema,
    std::map<std::string, schemac::ir::ColumnType>* domains, std::string* error) {
  namespace pg = schemac::pg;
  try {
    pg::SetDefaultTimeouts(*timeouts);
    std::unique_ptr<pqxx::connection> connection = pg::Connect(*url);
    *schema = pg::Introspect(*connection, {{}, {}, *url});
    *domains = pg::IntrospectDomains(*connection);
    return true;
  } catch (const schemac::UserError& e) {
    *error = e.what();
  } catch (const std::exception& e) {
    *error = std::string("internal error: ") + e.what();
  }
  return false;
}

extern "C" __attribute__((visibility("default"))) bool schemac_build_schema(
    schemac::LoadedSchema* loaded, const std::string* dev_url, schemac::ir::Schema* built,
    std::string* error) {
  namespace pg = schemac::pg;
  try {
    pg::DevDatabase dev(*dev_url);
    *built = schemac::Canonicalize(*loaded->schema, dev, {});
    return true;
  } catch (const schemac::BuildFailed& failed) {
    schemac::ReportBuildFailures(failed, loaded->sources, loaded->diagnostics);
  } catch (const schemac::UserError& e) {
    *error = e.what();
  } catch (const std::exception& e) {
    *error = std::string("internal error: ") + e.what();
  }
  return false;
}

// Checked at compile time: the entry points have the types the loader casts them to.
static_assert(std::is_same_v<decltype(&schemac_add_database_commands),
                             schemac::cli::AddDatabaseCommandsFn>);
static_assert(std::is_same_v<decltype(&schemac_read_database), schemac::cli::ReadDatabaseFn>);
static_assert(std::is_same_v<decltype(&schemac_build_schema), schemac::cli::BuildSchemaFn>);
