#include "backends/postgres/impact.h"

#include <fmt/format.h>

#include <pqxx/pqxx>

#include "backends/postgres/connection.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

bool Counted(const plan::Step& step) {
  return step.kind == plan::StepKind::kAlterColumnType && (step.hazards & plan::kDataLoss) &&
         step.old_column.type != step.column.type;
}

bool IsStringType(const ir::ColumnType& t) {
  return t.kind == ir::TypeKind::kBuiltin && (t.name == "text" || t.name == "character varying" ||
                                              t.name == "character" || t.name == "bpchar");
}

}  // namespace

std::string RowImpact::Text() const {
  switch (result) {
    case Result::kCounted:
      if (rows == 0) return "no row would change";
      return fmt::format("{} row{} would change", rows, rows == 1 ? "" : "s");
    case Result::kCapped:
      return fmt::format("more than {} rows would change", rows);
    case Result::kTimedOut:
      return "unknown (count timed out)";
    case Result::kFailed:
      return "unknown: some rows cannot be converted (" + error + ")";
  }
  return "unknown";
}

std::string CountChangedRowsSql(const plan::Plan& plan, const plan::Step& step, int64_t cap) {
  // The plan renames tables and columns before it changes types: the count runs before the
  // plan, on the old names.
  ir::QualifiedName table = step.table;
  for (const plan::Step& other : plan.steps) {
    if (other.kind == plan::StepKind::kRenameTable && other.table == step.table) {
      table.name = other.name;
    }
  }
  std::string column = QuoteSqlIdent(step.old_column.name);
  std::string old_type = step.old_column.type.ToSql();
  std::string new_type = step.column.type.ToSql();
  // The cast the migration uses (emit.cc: enums convert through text).
  bool enums = step.old_column.type.kind == ir::TypeKind::kEnum &&
               step.column.type.kind == ir::TypeKind::kEnum;
  std::string converted = "(" + column + (enums ? "::text" : "") + ")::" + new_type;
  // Compared as text in the "C" collation, so that no collation calls two texts equal. Into a
  // string type, or from an enum, the new value's text is the value; otherwise the value is
  // read back into the old type (numeric(10,6) 1.500000 -> numeric(10,2) 1.50 -> 1.500000 is
  // no change; 1.123456 -> 1.12 -> 1.120000 is one).
  std::string now =
      IsStringType(step.column.type) || step.old_column.type.kind == ir::TypeKind::kEnum
          ? "(" + converted + ")::text"
          : "((" + converted + ")::" + old_type + ")::text";
  std::string changed = "((" + column + ")::text COLLATE pg_catalog.\"C\") IS DISTINCT FROM " + now;
  return fmt::format("SELECT count(*) FROM (SELECT 1 FROM {}.{} WHERE {} LIMIT {}) s",
                     QuoteSqlIdent(table.schema), QuoteSqlIdent(table.name), changed, cap + 1);
}

std::vector<RowImpact> CountTypeChangeImpact(pqxx::connection& connection, const plan::Plan& plan,
                                             const ImpactOptions& options) {
  std::vector<RowImpact> out;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const plan::Step& step = plan.steps[i];
    if (!Counted(step)) continue;
    RowImpact impact;
    impact.step = i;
    try {
      // One read-only transaction per count: a failed cast ends only its own.
      pqxx::read_transaction tx(connection);
      tx.exec("SET LOCAL statement_timeout = " + std::to_string(options.statement_timeout_ms));
      int64_t rows = tx.exec1(CountChangedRowsSql(plan, step, options.cap))[0].as<int64_t>();
      impact.result = rows > options.cap ? RowImpact::Result::kCapped : RowImpact::Result::kCounted;
      impact.rows = std::min(rows, options.cap);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& e) {
      // 57014: cancelled by the statement timeout (a slow scan, or a lock held elsewhere).
      if (e.sqlstate() == "57014") {
        impact.result = RowImpact::Result::kTimedOut;
      } else {
        impact.result = RowImpact::Result::kFailed;
        std::string message = e.what();
        if (message.starts_with("ERROR:")) message.erase(0, 6);
        size_t end = message.find('\n');
        if (end != std::string::npos) message.erase(end);
        impact.error = OneLine(message);
        while (!impact.error.empty() && impact.error.front() == ' ') impact.error.erase(0, 1);
      }
    }
    out.push_back(impact);
  }
  return out;
}

std::vector<RowImpact> CountTypeChangeImpact(const std::string& url, const plan::Plan& plan,
                                             const ImpactOptions& options) {
  bool any = false;
  for (const plan::Step& step : plan.steps) any = any || Counted(step);
  if (!any) return {};
  std::unique_ptr<pqxx::connection> connection = Connect(url);
  return CountTypeChangeImpact(*connection, plan, options);
}

std::string ImpactText(const plan::Plan& plan, const std::vector<RowImpact>& impacts) {
  if (impacts.empty()) return "";
  std::string out = "Rows the DATA_LOSS type changes would change (counted now):\n";
  for (const RowImpact& impact : impacts) {
    out += "  " + plan.steps[impact.step].Describe() + ": " + impact.Text() + "\n";
  }
  return out;
}

}  // namespace schemac::pg
