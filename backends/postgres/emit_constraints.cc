// Comments of constraints and indexes, and ALTER CONSTRAINT. COMMENT ON sets the text whatever
// it was, and ALTER CONSTRAINT the deferrability whatever it was: a second run changes nothing.

#include "backends/postgres/emit_constraints.h"

#include "backends/postgres/create_sql.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string CommentValue(const std::string& text) {
  return text.empty() ? "NULL" : QuoteSqlLiteral(text);
}

}  // namespace

std::string ExclusionSql(const ir::ExclusionConstraint& exclusion) {
  std::string out = "CONSTRAINT " + QuoteSqlIdent(exclusion.name) + " EXCLUDE USING " +
                    QuoteSqlIdent(exclusion.method) + " (";
  for (size_t i = 0; i < exclusion.elements.size(); ++i) {
    const ir::ExclusionElement& e = exclusion.elements[i];
    if (i > 0) out += ", ";
    out += e.column.empty() ? "(" + e.expression + ")" : QuoteSqlIdent(e.column);
    if (!e.opclass.empty()) out += " " + e.opclass;
    out += " WITH " + e.op;
  }
  out += ")";
  if (!exclusion.include.empty()) out += " INCLUDE (" + IdList(exclusion.include) + ")";
  if (!exclusion.where.empty()) out += " WHERE (" + exclusion.where + ")";
  return out + DeferrableSql(exclusion.deferrable, exclusion.initially_deferred);
}

std::string CommentOnConstraintSql(const ir::QualifiedName& table, const std::string& name,
                                   const std::string& comment) {
  return "COMMENT ON CONSTRAINT " + QuoteSqlIdent(name) + " ON " + Qualified(table) + " IS " +
         CommentValue(comment) + ";\n";
}

std::string CommentOnIndexSql(const ir::QualifiedName& table, const std::string& index,
                              const std::string& comment) {
  return "COMMENT ON INDEX " + Qualified({table.schema, index}) + " IS " + CommentValue(comment) +
         ";\n";
}

std::string ConstraintCommentsSql(const ir::Table& table) {
  std::string out;
  auto constraint = [&](const std::string& name, const std::string& comment) {
    if (!comment.empty()) out += CommentOnConstraintSql(table.name, name, comment);
  };
  if (table.primary_key) constraint(table.primary_key->name, table.primary_key->comment);
  for (const ir::UniqueConstraint& u : table.uniques) constraint(u.name, u.comment);
  for (const ir::CheckConstraint& c : table.checks) constraint(c.name, c.comment);
  for (const ir::ExclusionConstraint& x : table.exclusions) constraint(x.name, x.comment);
  for (const ir::ForeignKey& fk : table.foreign_keys) constraint(fk.name, fk.comment);
  for (const ir::Index& index : table.indexes) {
    if (!index.comment.empty()) out += CommentOnIndexSql(table.name, index.name, index.comment);
  }
  return out;
}

std::string ConstraintStepSql(const plan::Step& step) {
  switch (step.kind) {
    case plan::StepKind::kAlterConstraint: {
      // PostgreSQL alters only a foreign key's deferrability in place (15 to 18).
      const ir::ForeignKey& fk = step.constraint.foreign_key;
      std::string mode = !fk.deferrable         ? "NOT DEFERRABLE INITIALLY IMMEDIATE"
                         : fk.initially_deferred ? "DEFERRABLE INITIALLY DEFERRED"
                                                 : "DEFERRABLE INITIALLY IMMEDIATE";
      return "ALTER TABLE " + Qualified(step.table) + " ALTER CONSTRAINT " +
             QuoteSqlIdent(step.name) + " " + mode + ";\n";
    }
    case plan::StepKind::kCommentConstraint:
      return CommentOnConstraintSql(step.table, step.name, step.value);
    case plan::StepKind::kCommentIndex: return CommentOnIndexSql(step.table, step.name, step.value);
    default: return "";
  }
}

}  // namespace schemac::pg
