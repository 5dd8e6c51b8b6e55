// pull's writer of triggers (from_ir_triggers.h).

#include "backends/dsl/from_ir_triggers.h"

#include <algorithm>
#include <vector>

#include "backends/dsl/trigger_text.h"

namespace schemac::dsl {

namespace {

constexpr size_t kMaxWidth = 100;  // fmt's (format.cc).
const std::string kIndent = "      ";

bool IsInputArg(const ir::FunctionArg& arg) {
  return arg.mode == ir::ArgMode::kIn || arg.mode == ir::ArgMode::kInOut ||
         arg.mode == ir::ArgMode::kVariadic;
}

// The function a trigger calls, as the schema declares it: same name, no input arguments.
bool FunctionDeclared(const ir::Schema& schema, const ir::QualifiedName& name) {
  return std::any_of(schema.functions.begin(), schema.functions.end(),
                     [&](const ir::Function& f) {
                       return f.name == name &&
                              std::none_of(f.args.begin(), f.args.end(), IsInputArg);
                     });
}

bool RelationDeclared(const ir::Schema& schema, const ir::QualifiedName& name) {
  if (schema.FindTable(name) != nullptr) return true;
  bool prelude = schema.target == ir::Target::kSupabase &&
                 name == ir::QualifiedName{"auth", "users"};
  return prelude || std::any_of(schema.views.begin(), schema.views.end(),
                                [&](const ir::View& v) { return v.name == name; });
}

std::string Doc(const std::string& comment) {
  if (comment.empty()) return "";
  std::string out;
  size_t start = 0;
  while (start <= comment.size()) {
    size_t end = comment.find('\n', start);
    if (end == std::string::npos) end = comment.size();
    out += "/// " + comment.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

std::string FileOf(const ir::Schema& schema, const ir::Trigger& trigger) {
  const ir::Table* table = schema.FindTable(trigger.table);
  bool own = table != nullptr && !table->is_extern;
  if (!own) {
    own = std::any_of(schema.views.begin(), schema.views.end(),
                      [&](const ir::View& v) { return v.name == trigger.table; });
  }
  return (own ? trigger.table.schema : trigger.function.schema) + ".schema";
}

}  // namespace

void AppendTriggers(const ir::Schema& schema, std::map<std::string, std::string>& files) {
  for (const ir::Trigger& trigger : schema.triggers) {
    std::string& file = files[FileOf(schema, trigger)];
    std::vector<std::string> lines =
        TriggerLines(TriggerTextOf(trigger), kMaxWidth, kIndent);
    std::string reason;
    if (!RelationDeclared(schema, trigger.table)) {
      reason = "its table " + trigger.table.ToString() + " is not declared (declare it with "
               "'extern table')";
    } else if (!FunctionDeclared(schema, trigger.function)) {
      reason = "its function " + trigger.function.ToString() + "() is not managed";
    }
    file += "\n";
    if (!reason.empty()) {
      // Nothing silent: what the schema cannot declare is shown where it would be.
      file += "-- pull: not written, " + reason + ":\n";
      for (const std::string& line : lines) {
        std::string commented = "-- ";
        for (char c : line) commented += c == '\n' ? std::string("\n-- ") : std::string(1, c);
        file += commented + "\n";
      }
      continue;
    }
    file += Doc(trigger.comment);
    for (const std::string& line : lines) file += line + "\n";
  }
}

}  // namespace schemac::dsl
