// `schemac pull` of sequences.

#include "backends/dsl/from_ir_sequences.h"

#include "backends/dsl/dsl_names.h"
#include "compiler/sequence_options.h"

namespace schemac::dsl {

namespace {

std::string Name(const std::string& name) { return QuoteDslIdent(name); }

}  // namespace

std::string SequenceText(const ir::Sequence& sequence) {
  std::string out;
  if (!sequence.comment.empty()) {
    size_t start = 0;
    while (start <= sequence.comment.size()) {
      size_t end = sequence.comment.find('\n', start);
      if (end == std::string::npos) end = sequence.comment.size();
      std::string line = sequence.comment.substr(start, end - start);
      out += line.empty() ? "///\n" : "/// " + line + "\n";
      start = end + 1;
    }
  }
  std::string name = (sequence.name.schema == "public" ? "" : Name(sequence.name.schema) + ".") +
                     Name(sequence.name.name);
  std::vector<std::string> items;
  if (sequence.type != "bigint") items.push_back("as " + sequence.type);
  // One option a line, in the order fmt writes them.
  for (std::string& option : SequenceOptionsDslItems(sequence.type, sequence.options)) {
    items.push_back(std::move(option));
  }
  if (!sequence.owned_table.empty()) {
    items.push_back("owned by " + Name(sequence.owned_table) + "." +
                    QuoteDslIdent(sequence.owned_column, NamePosition::kColumn));
  }
  for (const ir::Grant& grant : sequence.grants) {
    std::string line = "grant ";
    for (size_t i = 0; i < grant.privileges.size(); ++i) {
      line += (i > 0 ? ", " : "") + grant.privileges[i];
    }
    items.push_back(line + " to " + Name(grant.role));
  }
  out += "sequence " + name;
  if (items.empty()) return out + "\n";
  out += " {\n";
  for (const std::string& item : items) out += "  " + item + "\n";
  return out + "}\n";
}

}  // namespace schemac::dsl
