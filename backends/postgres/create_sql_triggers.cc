// The SQL of triggers (create_sql_triggers.h).

#include "backends/postgres/create_sql_triggers.h"

#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string Events(const ir::Trigger& t) {
  std::string out;
  auto add = [&](const std::string& event) { out += (out.empty() ? "" : " OR ") + event; };
  if (t.on_insert) add("INSERT");
  if (t.on_update) add(t.update_columns.empty() ? "UPDATE" : "UPDATE OF " + IdList(t.update_columns));
  if (t.on_delete) add("DELETE");
  if (t.on_truncate) add("TRUNCATE");
  return out;
}

const char* Timing(ir::TriggerTiming timing) {
  switch (timing) {
    case ir::TriggerTiming::kBefore:
      return "BEFORE";
    case ir::TriggerTiming::kAfter:
      return "AFTER";
    case ir::TriggerTiming::kInsteadOf:
      return "INSTEAD OF";
  }
  return "AFTER";
}

}  // namespace

std::string CreateTriggerSql(const ir::Trigger& t, bool or_replace, SqlParts* parts) {
  std::string out = std::string(or_replace ? "CREATE OR REPLACE TRIGGER " : "CREATE TRIGGER ") +
                    QuoteSqlIdent(t.name) + " " + Timing(t.timing) + " " + Events(t) + " ON " +
                    Qualified(t.table);
  if (!t.old_table.empty() || !t.new_table.empty()) {
    out += " REFERENCING";
    if (!t.old_table.empty()) out += " OLD TABLE AS " + QuoteSqlIdent(t.old_table);
    if (!t.new_table.empty()) out += " NEW TABLE AS " + QuoteSqlIdent(t.new_table);
  }
  out += t.level == ir::TriggerLevel::kRow ? " FOR EACH ROW" : " FOR EACH STATEMENT";
  if (!t.when.empty()) {
    out += " WHEN (";
    if (parts != nullptr && !t.when_origin.file.empty()) {
      parts->push_back({out.size(), out.size() + t.when.size(), "when of trigger " + t.name,
                        t.when_origin, true});
    }
    out += t.when + ")";
  }
  out += " EXECUTE FUNCTION " + Qualified(t.function) + "(";
  for (size_t i = 0; i < t.arguments.size(); ++i) {
    out += (i > 0 ? ", " : "") + QuoteSqlLiteral(t.arguments[i]);
  }
  return out + ")";
}

std::string EnableTriggerSql(const ir::Trigger& t) {
  const char* how = "ENABLE";
  switch (t.enabled) {
    case ir::TriggerEnabled::kOrigin:
      break;
    case ir::TriggerEnabled::kDisabled:
      how = "DISABLE";
      break;
    case ir::TriggerEnabled::kReplica:
      how = "ENABLE REPLICA";
      break;
    case ir::TriggerEnabled::kAlways:
      how = "ENABLE ALWAYS";
      break;
  }
  return "ALTER TABLE " + Qualified(t.table) + " " + how + " TRIGGER " + QuoteSqlIdent(t.name);
}

std::string CommentTriggerSql(const ir::Trigger& t) {
  return "COMMENT ON TRIGGER " + QuoteSqlIdent(t.name) + " ON " + Qualified(t.table) + " IS " +
         (t.comment.empty() ? std::string("NULL") : QuoteSqlLiteral(t.comment));
}

std::vector<TaggedStatement> CreateTriggerStatements(const ir::Schema& schema) {
  std::vector<TaggedStatement> out;
  for (const ir::Trigger& t : schema.triggers) {
    TaggedStatement& s = out.emplace_back();
    s.object = "trigger " + t.name + " on " + t.table.ToString();
    s.origin = t.origin;
    s.needs = {t.table.ToString(), t.function.ToString()};
    std::string sql = CreateTriggerSql(t, /*or_replace=*/false, &s.parts);
    s.parts.insert(s.parts.begin(), {0, sql.size(), "", t.origin, false});
    s.sql = sql + ";\n";
    if (t.enabled != ir::TriggerEnabled::kOrigin) s.sql += EnableTriggerSql(t) + ";\n";
    if (!t.comment.empty()) s.sql += CommentTriggerSql(t) + ";\n";
  }
  return out;
}

}  // namespace schemac::pg
