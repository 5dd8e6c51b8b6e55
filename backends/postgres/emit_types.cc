// The migration SQL of the domain and composite type steps (emit_types.h). CREATE DOMAIN and
// CREATE TYPE have no IF NOT EXISTS, nor have ADD CONSTRAINT and ADD ATTRIBUTE: those run in a
// DO block only while the object is missing; the others are idempotent as they are (IF EXISTS,
// SET, DROP, COMMENT).

#include "backends/postgres/emit_types.h"

#include "backends/postgres/create_sql_types.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

using plan::StepKind;

std::string Str(const std::string& text) { return QuoteSqlLiteral(text); }

std::string When(const std::string& condition, const std::string& statement) {
  return DoBlock("BEGIN IF " + condition + " THEN " + statement + "; END IF; END");
}

std::string Comment(const std::string& text) { return text.empty() ? "NULL" : Str(text); }

std::string DomainSql(const plan::Step& step, const std::string& t) {
  const ir::Domain& d = step.domain;
  switch (step.kind) {
    case StepKind::kCreateDomain: {
      std::string out = When("to_regtype(" + Str(t) + ") IS NULL", pg::DomainSql(d));
      if (!d.comment.empty()) out += "COMMENT ON DOMAIN " + t + " IS " + Str(d.comment) + ";\n";
      return out;
    }
    case StepKind::kAlterDomain:
      if (step.name == "default") {
        return "ALTER DOMAIN " + t +
               (d.default_sql.empty() ? " DROP DEFAULT" : " SET DEFAULT (" + d.default_sql + ")") +
               ";\n";
      }
      return "ALTER DOMAIN " + t + (d.not_null ? " SET NOT NULL" : " DROP NOT NULL") + ";\n";
    case StepKind::kAddDomainCheck:
      for (const ir::DomainCheck& check : d.checks) {
        if (check.name != step.name) continue;
        return When("NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype(" +
                        Str(t) + ") AND conname = " + Str(check.name) + ")",
                    "ALTER DOMAIN " + t + " ADD " + DomainCheckSql(check));
      }
      return "";
    case StepKind::kDropDomainCheck:
      return "ALTER DOMAIN " + t + " DROP CONSTRAINT IF EXISTS " + QuoteSqlIdent(step.name) +
             ";\n";
    case StepKind::kCommentDomain:
      return "COMMENT ON DOMAIN " + t + " IS " + Comment(step.value) + ";\n";
    case StepKind::kDropDomain: return "DROP DOMAIN IF EXISTS " + t + ";\n";
    default: return "";
  }
}

std::string CompositeSql(const plan::Step& step, const std::string& t) {
  ir::CompositeAttribute attribute{step.column.name, step.column.type, step.column.collation, {}};
  switch (step.kind) {
    case StepKind::kCreateCompositeType: {
      const ir::CompositeType& c = step.composite_type;
      std::string out = When("to_regtype(" + Str(t) + ") IS NULL", CompositeTypeSql(c));
      if (!c.comment.empty()) out += "COMMENT ON TYPE " + t + " IS " + Str(c.comment) + ";\n";
      return out;
    }
    case StepKind::kAddAttribute:
      return When("NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = (SELECT typrelid "
                  "FROM pg_type WHERE oid = to_regtype(" + Str(t) + ")) AND attname = " +
                      Str(attribute.name) + " AND NOT attisdropped)",
                  "ALTER TYPE " + t + " ADD ATTRIBUTE " + QuoteSqlIdent(attribute.name) + " " +
                      AttributeTypeSql(attribute));
    case StepKind::kAlterAttributeType:
      return "ALTER TYPE " + t + " ALTER ATTRIBUTE " + QuoteSqlIdent(attribute.name) + " TYPE " +
             AttributeTypeSql(attribute) + ";\n";
    case StepKind::kDropAttribute:
      return "ALTER TYPE " + t + " DROP ATTRIBUTE IF EXISTS " + QuoteSqlIdent(step.name) + ";\n";
    case StepKind::kCommentCompositeType:
      return "COMMENT ON TYPE " + t + " IS " + Comment(step.value) + ";\n";
    case StepKind::kDropCompositeType: return "DROP TYPE IF EXISTS " + t + ";\n";
    default: return "";
  }
}

}  // namespace

std::string TypeStepSql(const plan::Step& step) {
  const std::string t = Qualified(step.table);
  switch (step.kind) {
    case StepKind::kCreateDomain:
    case StepKind::kAlterDomain:
    case StepKind::kAddDomainCheck:
    case StepKind::kDropDomainCheck:
    case StepKind::kCommentDomain:
    case StepKind::kDropDomain: return DomainSql(step, t);
    default: return CompositeSql(step, t);
  }
}

}  // namespace schemac::pg
