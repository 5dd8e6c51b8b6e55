// `schemac plan --db URL [--schema PATH]`: what it would take to bring a live database to the
// schema files, for humans (grouped by table, hazards coloured), as SQL or as JSON.
// `schemac apply`: the same plan, confirmed, then run on the database and checked.

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>
#include <memory>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/emit.h"
#include "backends/postgres/impact.h"
#include "backends/postgres/locks.h"
#include "backends/postgres/runner.h"
#include "backends/registry.h"
#include "backends/text/plan_text.h"
#include "tools/schemac/commands.h"
#include "tools/schemac/common.h"
#include "tools/schemac/sources.h"

namespace schemac::cli {

using text::PlanText;  // apply's plan and what is left after it.

namespace {

struct PlanOptions {
  std::string schema;
  std::string db;
  std::string format = "text";
  bool exit_code = false;
  CompareOptions compare;
  TimeoutFlags timeouts;
  // apply only
  bool auto_approve = false;
  bool dry_run = false;
};

bool ColorOnStdout() {
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || no_color[0] == '\0') && isatty(STDOUT_FILENO) == 1;
}

// The arguments with the project's defaults filled in; throws UserError when --db is missing.
CompareOptions Resolve(PlanOptions& options) {
  pg::SetDefaultTimeouts(options.timeouts.timeouts);
  ProjectConfig config = LoadProjectConfig();
  if (options.db.empty()) options.db = config.database_url;
  if (options.db.empty()) throw UserError("no database: pass --db URL or set DATABASE_URL");
  if (options.schema.empty()) options.schema = config.schema;
  if (options.schema.empty()) options.schema = SchemaPathsOrDefault({}).front();
  return WithProjectDefaults(options.compare, config);
}

void PrintErrors(const plan::Plan& plan) {
  for (const std::string& error : plan.errors) std::cerr << "schemac: error: " << error << "\n";
}

// The counts as the plan backends take them.
std::vector<backends::RowCount> RowCounts(const std::vector<pg::RowImpact>& impacts) {
  std::vector<backends::RowCount> rows;
  for (const pg::RowImpact& impact : impacts) {
    bool known = impact.result == pg::RowImpact::Result::kCounted ||
                 impact.result == pg::RowImpact::Result::kCapped;
    rows.push_back({impact.step, known ? std::optional<int64_t>(impact.rows) : std::nullopt,
                    impact.result == pg::RowImpact::Result::kCounted, impact.Text()});
  }
  return rows;
}

int RunPlan(PlanOptions options) {
  CompareOptions compare = Resolve(options);
  pg::DevDatabase dev(compare.dev_url);
  // Destructive steps are shown, not refused: the plan is for reading.
  compare.allow_destructive = true;
  Comparison comparison = Compare(options.db, options.schema, compare, dev);
  if (!comparison.up.errors.empty()) {
    PrintErrors(comparison.up);
    return kExitErrors;
  }
  const plan::Plan& up = comparison.up;
  const backends::PlanBackend& backend = backends::PlanBackendNamed(options.format);
  // How many rows each DATA_LOSS type change would change, counted now (bounded, timed out),
  // where they are shown: in the JSON, or after the text for readers.
  std::vector<pg::RowImpact> impacts;
  if (backend.ReportsRowCounts() || backend.ForReaders()) {
    impacts = pg::CountTypeChangeImpact(options.db, up);
  }
  if (backend.ForReaders() && up.steps.empty()) {
    std::cout << "No changes: the database matches the schema.\n";
    return kExitOk;
  }
  backends::PlanOptions output;
  output.target = &comparison.to.schema;
  output.color = ColorOnStdout();
  output.grouped = true;
  output.row_counts = RowCounts(impacts);
  backends::StreamSink out(std::cout);
  backend.Emit(up, output, out);
  if (backend.ForReaders()) {
    std::cout << pg::ImpactText(up, impacts);
    if ((up.Hazards() & plan::kDataLoss) && !options.compare.allow_destructive) {
      std::cout << "Steps marked DATA_LOSS need --allow-destructive to be applied.\n";
    }
  }
  return options.exit_code && !up.steps.empty() ? kExitChanges : kExitOk;
}

// A key for pg_advisory_lock that every schemac apply takes ("schemac" in ASCII).
constexpr int64_t kApplyLock = 0x736368656d6163;

// Takes the apply lock (one apply at a time per database; it goes with the session). Another
// apply may hold it for as long as its migration runs: the wait is bounded by the lock timeout,
// says once who holds the lock, and polls rather than blocks so that the bound is schemac's.
void TakeApplyLock(pqxx::connection_base& connection, const std::string& db, int64_t wait_ms) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
  std::string query = "SELECT pg_try_advisory_lock(" + std::to_string(kApplyLock) + ")";
  std::string holder;
  for (;;) {
    bool taken = false;
    try {
      taken = pqxx::nontransaction(connection).exec1(query)[0].as<bool>();
    } catch (const pqxx::broken_connection& e) {
      throw UserError("the connection to " + pg::MaskPassword(db) + " was lost (" +
                      pg::LostConnectionCause(connection, e) + "): nothing was applied");
    } catch (const pqxx::sql_error& e) {
      throw UserError("cannot take the apply lock on " + pg::MaskPassword(db) + ": " +
                      pg::OneLine(e.what()) + "; nothing was applied");
    }
    if (taken) return;
    std::string now_held_by = pg::DescribeAdvisoryLockHolder(connection, kApplyLock);
    if (holder.empty() && !now_held_by.empty()) {
      std::cerr << "schemac: waiting for the apply lock held by " << now_held_by << "\n";
    }
    if (!now_held_by.empty()) holder = now_held_by;
    if (wait_ms > 0 && Clock::now() >= deadline) {
      throw UserError("another apply holds the apply lock on " + pg::MaskPassword(db) + ": " +
                      (holder.empty() ? "a session that has gone since" : holder) +
                      "; gave up after " + pg::DurationText(wait_ms) +
                      " (the lock timeout; --lock-timeout changes it); nothing was applied");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

int RunApply(PlanOptions options) {
  CompareOptions compare = Resolve(options);
  pg::DevDatabase dev(compare.dev_url);
  Comparison comparison = Compare(options.db, options.schema, compare, dev);
  const plan::Plan& up = comparison.up;
  std::vector<pg::RowImpact> impacts = pg::CountTypeChangeImpact(options.db, up);
  if (!up.errors.empty()) {
    PrintErrors(up);
    std::cerr << pg::ImpactText(up, impacts) << "schemac: nothing was applied\n";
    return kExitErrors;
  }
  if (up.steps.empty()) {
    std::cout << "No changes: the database matches the schema.\n";
    return kExitOk;
  }
  // The migration waits for each lock as long as a read does (a locked table fails the apply,
  // naming the holder, before anything is applied), and keeps its own statement timeout unless
  // one is given.
  const pg::Timeouts& limits = options.timeouts.timeouts;
  pg::EmitOptions emit;
  emit.lock_timeout = pg::DurationText(limits.lock_ms);
  if (options.timeouts.statement_given) emit.statement_timeout = pg::DurationText(limits.statement_ms);
  std::string sql = pg::EmitSql(up, comparison.to.schema, emit);
  std::cout << PlanText(up, ColorOnStdout(), true) << pg::ImpactText(up, impacts);
  if (options.dry_run) {
    std::cout << "\n" << sql;
    return kExitOk;
  }
  // Nothing is applied unless the plan above reached stdout; main reports the failed write.
  if (std::string error; !FlushStdout(&error)) return kExitErrors;
  if (!options.auto_approve) {
    if (isatty(STDIN_FILENO) != 1) {
      std::cerr << "schemac: error: not applying without confirmation: run on a terminal, or "
                   "pass --auto-approve\n";
      return kExitErrors;
    }
    std::cout << "Apply these " << up.steps.size() << " steps to "
              << pg::MaskPassword(options.db) << "? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "yes") {
      std::cerr << "schemac: not applied\n";
      return kExitErrors;
    }
  }
  pg::Timeouts session = limits;
  int64_t migration_statement_ms = 0;
  pg::ParseDuration(emit.statement_timeout, &migration_statement_ms);
  session.statement_ms = migration_statement_ms;  // A silent server is judged by this limit.
  std::unique_ptr<pqxx::connection> connection = pg::Connect(options.db, session);
  TakeApplyLock(*connection, options.db, limits.lock_ms);
  try {
    pg::RunMigration(*connection, sql, {.cancel_on_signal = true});
  } catch (const pg::Interrupted& e) {
    std::cerr << "schemac: " << e.what() << "\n";
    return 128 + e.signal();  // 130 for SIGINT, 143 for SIGTERM, as a shell reports them.
  }
  // Read back: anything left is a schemac bug or a concurrent change; say so.
  pg::IntrospectOptions introspect{compare.schemas, compare.exclude_schemas, options.db};
  ir::Schema after = pg::Introspect(*connection, introspect);
  plan::Plan left = Diff(after, comparison.to.schema, {}, {true});
  if (!left.steps.empty()) {
    std::cerr << "schemac: error: after applying, the database still differs from the schema:\n"
              << PlanText(left, false, true);
    return kExitErrors;
  }
  std::cout << "Applied " << up.steps.size() << " steps.\n";
  return kExitOk;
}

void AddCommonOptions(CLI::App* command, PlanOptions& options) {
  command->add_option("--schema", options.schema,
                      "The .schema files (default: schemac.json's schema, else ./schema)");
  command->add_option("--db", options.db, "The database URL (default: $DATABASE_URL)");
  command->add_option("--dev-url", options.compare.dev_url,
                      "Server for canonical forms; default: an embedded temporary PostgreSQL");
  command->add_option("--only-schema", options.compare.schemas,
                      "Compare only this PostgreSQL schema (repeatable)");
  command->add_option("--exclude-schema", options.compare.exclude_schemas,
                      "Leave this PostgreSQL schema out (repeatable)");
  command->add_flag("--allow-enum-recreate", options.compare.allow_enum_recreate,
                    "Remove or reorder enum values by recreating the type");
  AddTimeoutOptions(command, &options.timeouts);
}

}  // namespace

void AddPlanCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand(
      "plan", "Show what applying the schema files to a database would change");
  AddCommonOptions(command, *options);
  command->add_option("--format", options->format, "text (default), sql or json")
      ->check(CLI::IsMember({"text", "sql", "json"}));
  command->add_flag("--exit-code", options->exit_code, "Exit 2 when there are changes (drift)");
  command->add_flag("--allow-destructive", options->compare.allow_destructive,
                    "Do not mention that DATA_LOSS steps need the flag");
  command->footer("Example:\n  schemac plan --db \"$DATABASE_URL\" --schema schema/ --exit-code");
  command->callback([options, &exit_code] {
    exit_code = RunReportingErrors([&] { return RunPlan(*options); });
  });
}

void AddApplyCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand(
      "apply", "Bring a database to the schema files: plan, confirm, run, check");
  AddCommonOptions(command, *options);
  command->add_flag("--auto-approve", options->auto_approve, "Do not ask for confirmation");
  command->add_flag("--allow-destructive", options->compare.allow_destructive,
                    "Run steps that lose data (drops, narrowing type changes) instead of "
                    "refusing");
  command->add_flag("--dry-run", options->dry_run, "Print the plan and its SQL; change nothing");
  command->footer(
      "Exit status: 0 applied (or nothing to do), 1 refused, failed or left differing, 2 bad "
      "usage, 130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM.\n\n"
      "Example:\n  schemac apply --db \"$DATABASE_URL\" --schema schema/ --auto-approve");
  command->callback([options, &exit_code] {
    exit_code = RunReportingErrors([&] { return RunApply(*options); });
  });
}

}  // namespace schemac::cli
