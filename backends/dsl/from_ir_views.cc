// `schemac pull` of views (from_ir_views.h). The query is written on its own lines, indented,
// as pg_get_viewdef prints it: what the dev database stores from it is that same text.

#include "backends/dsl/from_ir_views.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "backends/dsl/dsl_names.h"
#include "compiler/diff_views.h"
#include "compiler/identifiers.h"
#include "compiler/platform.h"

namespace schemac::dsl {

namespace {

std::string Name(std::string_view name) { return QuoteDslIdent(name, NamePosition::kOther); }

std::string Qualified(const ir::QualifiedName& name) {
  return name.schema == "public" ? Name(name.name) : Name(name.schema) + "." + Name(name.name);
}

std::string Doc(const std::string& comment, const std::string& indent) {
  if (comment.empty()) return "";
  std::string out;
  size_t start = 0;
  while (start <= comment.size()) {
    size_t nl = comment.find('\n', start);
    std::string line = comment.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += indent + "///" + (line.empty() ? "" : " " + line) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string IndexText(const ir::Index& index) {
  std::string out = "index " + Name(index.name);
  if (index.unique) out += " unique";
  if (index.method != "btree") out += " using " + Name(index.method);
  out += " (";
  for (size_t i = 0; i < index.keys.size(); ++i) {
    const ir::IndexKey& key = index.keys[i];
    if (i > 0) out += ", ";
    out += key.column.empty() ? "(" + key.expression + ")"
                              : QuoteDslIdent(key.column, NamePosition::kIndexKey);
    if (!key.collation.empty()) out += " collate " + DoubleQuoteIdent(key.collation);
    if (!key.opclass.empty() && !key.opclass_is_default) out += " " + Name(key.opclass);
    bool desc = key.order == ir::SortOrder::kDesc;
    if (desc) out += " desc";
    if (key.nulls_first != desc) out += key.nulls_first ? " nulls first" : " nulls last";
  }
  out += ")";
  if (!index.include.empty()) {
    out += " include (";
    for (size_t i = 0; i < index.include.size(); ++i) {
      out += (i > 0 ? ", " : "") + QuoteDslIdent(index.include[i], NamePosition::kColumn);
    }
    out += ")";
  }
  if (index.nulls_not_distinct) out += " nulls not distinct";
  if (!index.with.empty()) {
    out += " with (";
    for (size_t i = 0; i < index.with.size(); ++i) {
      out += (i > 0 ? ", " : "") + Name(index.with[i].first) + " = " + index.with[i].second;
    }
    out += ")";
  }
  if (!index.where.empty()) out += " where (" + index.where + ")";
  return out;
}

std::string PrivilegeList(const std::vector<std::string>& privileges) {
  bool all = privileges.size() == kAllPrivileges &&
             std::equal(privileges.begin(), privileges.end(), kTablePrivileges.begin());
  if (all) return "all";
  std::string out;
  for (const std::string& p : privileges) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::string ViewText(const ir::View& view) {
  std::string out = Doc(view.comment, "");
  out += view.materialized ? "materialized view " : "view ";
  out += Qualified(view.name);
  std::vector<std::string> options;
  if (view.security_invoker) options.push_back("security_invoker");
  if (view.security_barrier) options.push_back("security_barrier");
  if (!options.empty()) out += " with (" + fmt::format("{}", fmt::join(options, ", ")) + ")";
  // Each line of the query indented, so that none starts a declaration in column 1.
  out += " as (\n";
  size_t start = 0;
  while (start <= view.query.size()) {
    size_t nl = view.query.find('\n', start);
    std::string line =
        view.query.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += "  " + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  out += ")";
  if (view.check_option == ir::CheckOption::kLocal) out += " with local check option";
  if (view.check_option == ir::CheckOption::kCascaded) out += " with cascaded check option";
  std::string block;
  for (const auto& [column, comment] : ViewColumnComments(view)) {
    block += Doc(comment, "  ") + "  column " + QuoteDslIdent(column, NamePosition::kColumn) + "\n";
  }
  for (const ir::Grant& grant : view.grants) {
    block += "  grant " + PrivilegeList(grant.privileges) + " to " + Name(grant.role) + "\n";
  }
  for (const ir::Index& index : view.indexes) block += "  " + IndexText(index) + "\n";
  if (!block.empty()) out += " {\n" + block + "}";
  return out + "\n";
}

}  // namespace schemac::dsl
