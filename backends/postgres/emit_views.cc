// Migration SQL of the view steps. Each is safe to run again: a view is created with CREATE OR
// REPLACE (a materialized view with IF NOT EXISTS), options are set whatever they were, drops
// say IF EXISTS and never CASCADE (the plan drops what uses a view before it).

#include "backends/postgres/emit_views.h"

#include <vector>

#include "backends/postgres/create_sql.h"
#include "backends/postgres/create_sql_views.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string Privileges(const ir::Grant& grant) {
  std::string out;
  for (const std::string& p : grant.privileges) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string CommentValue(const std::string& text) {
  return text.empty() ? "NULL" : QuoteSqlLiteral(text);
}

// ALTER VIEW: the options the view has set, the others reset (not set to false: a view created
// without them has none in its reloptions, and a reset one reads the same).
std::string AlterViewSql(const ir::View& view) {
  std::string v = Qualified(view.name);
  std::vector<std::string> set;
  std::vector<std::string> reset;
  // Every set option again, in CREATE's order: SET puts the options it names after the others,
  // so the stored order is the same as a view created with them.
  for (const auto& [name, on] : ViewFlags(view)) (on ? set : reset).push_back(name);
  std::string out;
  std::string options;
  for (const std::string& o : set) options += (options.empty() ? "" : ", ") + o + " = true";
  if (view.check_option != ir::CheckOption::kNone) {
    options += std::string(options.empty() ? "" : ", ") + "check_option = " +
               (view.check_option == ir::CheckOption::kLocal ? "local" : "cascaded");
  } else {
    reset.push_back("check_option");
  }
  if (!options.empty()) out += "ALTER VIEW " + v + " SET (" + options + ");\n";
  std::string names;
  for (const std::string& o : reset) names += (names.empty() ? "" : ", ") + o;
  if (!names.empty()) out += "ALTER VIEW " + v + " RESET (" + names + ");\n";
  return out;
}

}  // namespace

std::string ViewStepSql(const plan::Step& step) {
  using plan::StepKind;
  const ir::View& view = step.view;
  const std::string v = Qualified(view.name);
  switch (step.kind) {
    case StepKind::kCreateView:
      // What default privileges gave the new view goes; its GRANT steps follow (as a table's).
      return ViewSql(view, /*or_replace=*/true, /*if_not_exists=*/true, /*with_data=*/true) +
             ";\n" + RevokeNonOwnerPrivilegesSql({view.name});
    case StepKind::kReplaceView:
      return ViewSql(view, /*or_replace=*/true, false, true) + ";\n";
    case StepKind::kAlterView:
      return AlterViewSql(view);
    case StepKind::kGrantOnView:
      return "GRANT " + Privileges(step.grant) + " ON TABLE " + v + " TO " +
             QuoteSqlIdent(step.name) + ";\n";
    case StepKind::kRevokeOnView:
      return "REVOKE " + Privileges(step.grant) + " ON TABLE " + v + " FROM " +
             QuoteSqlIdent(step.name) + ";\n";
    case StepKind::kCommentView:
      return std::string("COMMENT ON ") + ViewKeyword(view) + " " + v + " IS " +
             CommentValue(step.value) + ";\n";
    case StepKind::kCommentViewColumn:
      return "COMMENT ON COLUMN " + v + "." + QuoteSqlIdent(step.name) + " IS " +
             CommentValue(step.value) + ";\n";
    case StepKind::kDropView:
      return std::string("DROP ") + ViewKeyword(view) + " IF EXISTS " + v + ";\n";
    default:
      return "";
  }
}

}  // namespace schemac::pg
