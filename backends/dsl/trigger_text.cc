// The text of a `trigger` declaration (trigger_text.h), from the syntax tree or the IR.

#include "backends/dsl/trigger_text.h"

#include "backends/dsl/dsl_names.h"
#include "compiler/identifiers.h"

namespace schemac::dsl {

namespace {

std::string Name(const std::string& name) { return QuoteDslIdent(name, NamePosition::kOther); }

std::string Qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? Name(name) : Name(schema) + "." + Name(name);
}

std::string List(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + Name(name);
  return out;
}

const char* TimingText(ir::TriggerTiming timing) { return ir::ToString(timing); }

// The events in PostgreSQL's order (insert, delete, update, truncate: how pg_get_triggerdef
// prints them), `update of` with its columns.
std::string EventsText(bool insert, bool update, bool del, bool truncate,
                       const std::vector<std::string>& columns) {
  std::vector<std::string> events;
  if (insert) events.push_back("insert");
  if (del) events.push_back("delete");
  if (update) events.push_back(columns.empty() ? "update" : "update of " + List(columns));
  if (truncate) events.push_back("truncate");
  std::string out;
  for (const std::string& e : events) out += (out.empty() ? "" : " or ") + e;
  return out;
}

std::string ExecuteText(const std::string& function, const std::vector<std::string>& args,
                        bool disabled) {
  std::string out = "execute function " + function + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i > 0 ? ", " : "") + QuoteSqlString(args[i]);
  return out + ")" + (disabled ? " disabled" : "");
}

size_t Width(const std::string& line) {
  size_t width = 0;
  for (unsigned char c : line) width += (c & 0xC0) != 0x80;
  return width;
}

}  // namespace

std::vector<std::string> TriggerLines(const TriggerText& text, size_t max_width,
                                      const std::string& indent) {
  std::string one = text.head;
  for (const std::string& clause : text.clauses) one += " " + clause;
  // A `when` spanning lines stays on the line of its head, as written.
  if (one.find('\n') != std::string::npos || Width(one) <= max_width) return {one};
  std::vector<std::string> lines = {text.head};
  for (const std::string& clause : text.clauses) lines.push_back(indent + clause);
  return lines;
}

TriggerText TriggerTextOf(const ast::TriggerDecl& decl) {
  TriggerText out;
  static const char* const kTimings[] = {"before", "after", "instead of"};
  std::vector<std::string> columns;
  for (const ast::Ident& column : decl.update_columns) columns.push_back(column.name);
  // The events in the order written.
  std::string events;
  for (const std::string& event : decl.events) {
    if (!events.empty()) events += " or ";
    events += event == "update" && !columns.empty() ? "update of " + List(columns) : event;
  }
  out.head = "trigger " + Name(decl.name.name) + " " +
             kTimings[static_cast<int>(decl.timing)] + " " + events + " on " +
             Qualified(decl.table.schema ? decl.table.schema->name : "", decl.table.name.name);
  if (!decl.referencing.empty()) {
    std::string clause = "referencing";
    for (const ast::TriggerTransition& t : decl.referencing) {
      clause += std::string(t.is_new ? " new" : " old") + " table as " + Name(t.name.name);
    }
    out.clauses.push_back(clause);
  }
  if (decl.level == ast::TriggerLevel::kRow) out.clauses.push_back("for each row");
  if (decl.level == ast::TriggerLevel::kStatement) out.clauses.push_back("for each statement");
  if (decl.when) out.clauses.push_back("when (" + decl.when->text + ")");
  std::vector<std::string> args;
  for (const ast::StringLit& arg : decl.arguments) args.push_back(arg.value);
  out.clauses.push_back(ExecuteText(
      Qualified(decl.function.schema ? decl.function.schema->name : "",
                decl.function.name.name),
      args, decl.disabled));
  return out;
}

TriggerText TriggerTextOf(const ir::Trigger& trigger) {
  TriggerText out;
  auto qualified = [](const ir::QualifiedName& name) {
    return Qualified(name.schema == "public" ? "" : name.schema, name.name);
  };
  out.head = "trigger " + Name(trigger.name) + " " + TimingText(trigger.timing) + " " +
             EventsText(trigger.on_insert, trigger.on_update, trigger.on_delete,
                        trigger.on_truncate, trigger.update_columns) +
             " on " + qualified(trigger.table);
  if (!trigger.old_table.empty() || !trigger.new_table.empty()) {
    std::string clause = "referencing";
    if (!trigger.old_table.empty()) clause += " old table as " + Name(trigger.old_table);
    if (!trigger.new_table.empty()) clause += " new table as " + Name(trigger.new_table);
    out.clauses.push_back(clause);
  }
  if (trigger.level == ir::TriggerLevel::kRow) out.clauses.push_back("for each row");
  if (!trigger.when.empty()) out.clauses.push_back("when (" + trigger.when + ")");
  out.clauses.push_back(ExecuteText(qualified(trigger.function), trigger.arguments,
                                    trigger.enabled == ir::TriggerEnabled::kDisabled));
  return out;
}

}  // namespace schemac::dsl
