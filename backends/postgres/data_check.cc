// The checks of a plan against the rows a live database holds now, run (data_check.h): the size
// gate, the bounded read-only queries of data_check_sql.h, and the report.

#include "backends/postgres/data_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "backends/postgres/create_sql.h"
#include "backends/postgres/data_check_sql.h"
#include "backends/postgres/timeouts.h"

namespace schemac::pg {

namespace {

constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB"};

// PostgreSQL's message, its first line, without "ERROR:".
std::string FirstLine(const pqxx::sql_error& e) {
  std::string message = e.what();
  if (message.starts_with("ERROR:")) message.erase(0, 6);
  size_t end = message.find('\n');
  if (end != std::string::npos) message.erase(end);
  message = OneLine(message);
  while (!message.empty() && message.front() == ' ') message.erase(0, 1);
  return message;
}

bool DataError(const pqxx::sql_error& e) { return e.sqlstate().starts_with("22"); }

class Runner {
 public:
  Runner(pqxx::connection& connection, const DataCheckOptions& options)
      : connection_(connection), options_(options) {}

  DataCheck Run(const PlannedCheck& planned) {
    DataCheck check;
    check.step = planned.step;
    check.subject = planned.subject;
    if (!planned.skip.empty()) return Skipped(check, planned.skip);
    if (options_.mode == CheckDataMode::kNever) return Skipped(check, "--check-data=never");
    try {
      // The size waits for a lock like the check would (a table locked elsewhere is skipped).
      if (options_.mode == CheckDataMode::kAuto) {
        for (const ir::QualifiedName& table : planned.tables) {
          std::string over = OverSize(table);
          if (!over.empty()) return Skipped(check, over);
        }
      }
      pqxx::read_transaction tx(connection_);
      Limit(tx);
      pqxx::row row = tx.exec1(planned.sql);
      if (planned.kind == PlannedCheck::Kind::kCast) return check;  // Every row converts.
      int64_t rows = row[0].as<int64_t>();
      if (rows > 0) Refused(check, planned, rows, row[1].is_null() ? "" : row[1].c_str(), "");
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& e) {
      if (DataError(e) && planned.kind == PlannedCheck::Kind::kCast)
        return CountCasts(check, planned, FirstLine(e));
      if (DataError(e) && planned.data_error_refuses) {
        check.result = DataCheck::Result::kRefused;
        check.rows = -1;
        check.text = "it fails on some row itself: " + FirstLine(e);
        return check;
      }
      return Skipped(check, Why(e));
    }
    return check;
  }

 private:
  void Limit(pqxx::transaction_base& tx) {
    tx.exec("SET LOCAL statement_timeout = " + std::to_string(options_.statement_timeout_ms));
  }

  // The rows whose cast fails, one at a time (a cast failed on at least one).
  DataCheck CountCasts(DataCheck& check, const PlannedCheck& planned, const std::string& error) {
    try {
      pqxx::read_transaction tx(connection_);
      Limit(tx);
      tx.exec(planned.count_sql);
      pqxx::row row = tx.exec1(
          "SELECT current_setting('schemac.check_rows'), current_setting('schemac.check_sample')");
      Refused(check, planned, std::stoll(row[0].c_str()), row[1].c_str(), error);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& e) {
      check.result = DataCheck::Result::kRefused;
      check.rows = -1;
      check.text = "some rows cannot be converted (" + error + "); counting them failed: " + Why(e);
    }
    return check;
  }

  void Refused(DataCheck& check, const PlannedCheck& planned, int64_t rows,
               const std::string& sample, const std::string& error) {
    check.result = DataCheck::Result::kRefused;
    check.capped = rows > options_.cap;
    check.rows = std::min(rows, options_.cap);
    check.sample = sample;
    check.text = check.capped ? fmt::format("more than {} {}", check.rows, planned.problem_many)
                 : check.rows == 1 ? "1 " + planned.problem_one
                                   : fmt::format("{} {}", check.rows, planned.problem_many);
    if (!sample.empty()) check.text += " (for example " + sample + ")";
    if (!error.empty()) check.text += ": " + error;
  }

  std::string Why(const pqxx::sql_error& e) const {
    if (e.sqlstate() == "57014") {
      std::string limit = DurationText(options_.statement_timeout_ms);
      return options_.mode == CheckDataMode::kAuto
                 ? "the check did not finish within " + limit +
                       " (pass --check-data=always to give it --statement-timeout)"
                 : "the check did not finish within --statement-timeout (" + limit + ")";
    }
    if (e.sqlstate() == "55P03")
      return "a lock on the table was not granted in time (" + FirstLine(e) + ")";
    return "the check could not run (" + FirstLine(e) + ")";
  }

  // Why the table is too large for --check-data=auto, or empty.
  std::string OverSize(const ir::QualifiedName& table) {
    auto it = sizes_.find(table.ToString());
    if (it == sizes_.end()) {
      std::pair<int64_t, int64_t> size{0, 0};
      pqxx::read_transaction tx(connection_);
      pqxx::result r = tx.exec_params(
          "SELECT pg_table_size(c.oid), c.reltuples::bigint FROM pg_class c WHERE c.oid = "
          "to_regclass($1)",
          Qualified(table));
      if (!r.empty()) size = {r[0][0].as<int64_t>(), r[0][1].as<int64_t>()};
      it = sizes_.emplace(table.ToString(), size).first;
    }
    auto [bytes, rows] = it->second;
    if (bytes <= options_.max_table_bytes) return "";
    std::string about = rows >= 0 ? fmt::format(", about {} rows", rows) : "";
    return fmt::format(
        "{} holds {}{}, more than --check-data=auto reads ({}; --check-data-max-size); pass "
        "--check-data=always to check it",
        table.ToString(), SizeText(bytes), about, SizeText(options_.max_table_bytes));
  }

  static DataCheck Skipped(DataCheck& check, const std::string& reason) {
    check.result = DataCheck::Result::kSkipped;
    check.text = "not checked: " + reason;
    return check;
  }

  pqxx::connection& connection_;
  const DataCheckOptions& options_;
  std::map<std::string, std::pair<int64_t, int64_t>> sizes_;  // Bytes, estimated rows.
};

std::string Line(const plan::Plan& plan, const DataCheck& check) {
  std::string out = "  " + plan.steps[check.step].Describe() + ": ";
  if (!check.subject.empty()) out += check.subject + ": ";
  return out + check.text + "\n";
}

}  // namespace

bool ParseCheckDataMode(const std::string& text, CheckDataMode* mode) {
  if (text == "auto")
    *mode = CheckDataMode::kAuto;
  else if (text == "always")
    *mode = CheckDataMode::kAlways;
  else if (text == "never")
    *mode = CheckDataMode::kNever;
  else
    return false;
  return true;
}

bool ParseSize(const std::string& text, int64_t* bytes) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) return false;
  int64_t value = std::stoll(text.substr(0, digits));
  std::string unit = text.substr(digits);
  if (unit.empty()) {
    if (value != 0) return false;
    *bytes = 0;
    return true;
  }
  int64_t scale = 1024;
  for (const char* u : kUnits) {
    if (unit == u) {
      *bytes = value * scale;
      return true;
    }
    scale *= 1024;
  }
  return false;
}

std::string SizeText(int64_t bytes) {
  if (bytes == 0) return "0";
  int64_t scale = int64_t{1} << 40;
  for (int u = 3; u >= 0; --u, scale /= 1024) {
    if (bytes % scale == 0) return std::to_string(bytes / scale) + kUnits[u];
  }
  return std::to_string(bytes) + " bytes";
}

std::vector<DataCheck> CheckData(const std::string& url, const plan::Plan& plan,
                                 const ir::Schema& from, const ir::Schema& to,
                                 const DataCheckOptions& options) {
  std::vector<PlannedCheck> planned = PlanDataChecks(plan, from, to, options.cap);
  if (planned.empty()) return {};
  std::vector<DataCheck> out;
  std::unique_ptr<pqxx::connection> connection;
  bool needed = options.mode != CheckDataMode::kNever;
  if (needed) connection = Connect(url);
  std::optional<Runner> runner;
  if (connection) runner.emplace(*connection, options);
  for (const PlannedCheck& check : planned) {
    if (runner) {
      out.push_back(runner->Run(check));
      continue;
    }
    DataCheck skipped;
    skipped.step = check.step;
    skipped.subject = check.subject;
    skipped.result = DataCheck::Result::kSkipped;
    skipped.text = "not checked: " + (check.skip.empty() ? "--check-data=never" : check.skip);
    out.push_back(skipped);
  }
  return out;
}

bool AnyRefused(const std::vector<DataCheck>& checks) {
  for (const DataCheck& c : checks) {
    if (c.result == DataCheck::Result::kRefused) return true;
  }
  return false;
}

std::string DataCheckText(const plan::Plan& plan, const std::vector<DataCheck>& checks) {
  std::string refused;
  std::string skipped;
  for (const DataCheck& check : checks) {
    if (check.result == DataCheck::Result::kRefused) refused += Line(plan, check);
    if (check.result == DataCheck::Result::kSkipped) skipped += Line(plan, check);
  }
  std::string out;
  if (!refused.empty()) out += "The data refuses these steps (checked now):\n" + refused;
  if (!skipped.empty()) out += "Data checks not made:\n" + skipped;
  return out;
}

std::string DataRefusalErrors(const plan::Plan& plan, const std::vector<DataCheck>& checks) {
  std::string out;
  for (const DataCheck& check : checks) {
    if (check.result != DataCheck::Result::kRefused) continue;
    out += "schemac: error: the data refuses " + Line(plan, check).substr(2);
  }
  return out;
}

}  // namespace schemac::pg
