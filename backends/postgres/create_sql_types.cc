// SQL of domains and composite types (create_sql_types.h): CREATE DOMAIN, CREATE TYPE ... AS
// (...), in dependency order for the dev database's build.

#include "backends/postgres/create_sql_types.h"

#include <set>

#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string CollateSql(const std::string& collation) {
  return collation.empty() ? "" : " COLLATE " + DoubleQuoteIdent(collation);
}

// The declared domains and composite types `type` names (itself, or an array of it).
std::string TypeKey(const ir::ColumnType& type) {
  return type.kind == ir::TypeKind::kOther ? type.schema + "." + type.name : "";
}

}  // namespace

std::string DomainCheckSql(const ir::DomainCheck& check, SqlParts* parts) {
  std::string out = "CONSTRAINT " + QuoteSqlIdent(check.name) + " CHECK (";
  if (parts != nullptr && !check.expression_origin.file.empty()) {
    parts->push_back({out.size(), out.size() + check.expression.size(), "check " + check.name,
                      check.expression_origin, true});
  }
  return out + check.expression + ")";
}

std::string DomainSql(const ir::Domain& domain, SqlParts* parts) {
  std::string out = "CREATE DOMAIN " + Qualified(domain.name) + " AS " + domain.type.ToSql() +
                    CollateSql(domain.collation);
  if (!domain.default_sql.empty()) {
    // Always parenthesized: DEFAULT takes a restricted expression, and PostgreSQL stores the
    // expression without them.
    out += " DEFAULT (";
    if (parts != nullptr && !domain.default_origin.file.empty()) {
      parts->push_back({out.size(), out.size() + domain.default_sql.size(),
                        "default of domain " + domain.name.ToString(), domain.default_origin,
                        true});
    }
    out += domain.default_sql + ")";
  }
  if (domain.not_null) out += " NOT NULL";
  for (const ir::DomainCheck& check : domain.checks) {
    out += " ";
    SqlParts check_parts;
    std::string sql = DomainCheckSql(check, parts != nullptr ? &check_parts : nullptr);
    for (SqlPart& part : check_parts) {
      part.begin += out.size();
      part.end += out.size();
      parts->push_back(std::move(part));
    }
    out += sql;
  }
  return out;
}

std::string AttributeTypeSql(const ir::CompositeAttribute& attribute) {
  return attribute.type.ToSql() + CollateSql(attribute.collation);
}

std::string CompositeTypeSql(const ir::CompositeType& type) {
  std::string out = "CREATE TYPE " + Qualified(type.name) + " AS (";
  for (size_t i = 0; i < type.attributes.size(); ++i) {
    out += (i > 0 ? ", " : "") + QuoteSqlIdent(type.attributes[i].name) + " " +
           AttributeTypeSql(type.attributes[i]);
  }
  return out + ")";
}

std::vector<TaggedStatement> CreateTypeStatements(const ir::Schema& schema) {
  // Each object once, after the declared types it names (a small fixpoint: schemas have few).
  struct Pending {
    const ir::Domain* domain = nullptr;
    const ir::CompositeType* composite = nullptr;
    std::string key;
    std::vector<std::string> needs;
  };
  std::vector<Pending> pending;
  std::set<std::string> declared;
  for (const ir::Domain& d : schema.domains) {
    pending.push_back({&d, nullptr, d.name.ToString(), {TypeKey(d.type)}});
    declared.insert(d.name.ToString());
  }
  for (const ir::CompositeType& c : schema.composite_types) {
    Pending p{nullptr, &c, c.name.ToString(), {}};
    for (const ir::CompositeAttribute& a : c.attributes) p.needs.push_back(TypeKey(a.type));
    pending.push_back(std::move(p));
    declared.insert(c.name.ToString());
  }
  std::vector<TaggedStatement> out;
  std::set<std::string> done;
  while (!pending.empty()) {
    auto ready = pending.begin();
    for (; ready != pending.end(); ++ready) {
      bool waits = false;
      for (const std::string& need : ready->needs) {
        if (!need.empty() && need != ready->key && declared.count(need) && !done.count(need)) {
          waits = true;
        }
      }
      if (!waits) break;
    }
    if (ready == pending.end()) ready = pending.begin();  // A cycle: the server says why.
    TaggedStatement statement;
    statement.provides = ready->key;
    for (const std::string& need : ready->needs) {
      if (!need.empty() && declared.count(need)) statement.needs.push_back(need);
    }
    if (ready->domain != nullptr) {
      const ir::Domain& d = *ready->domain;
      statement.object = "domain " + d.name.ToString();
      statement.origin = d.origin;
      statement.sql = DomainSql(d, &statement.parts) + ";\n";
      if (!d.comment.empty()) {
        statement.sql += "COMMENT ON DOMAIN " + Qualified(d.name) + " IS " +
                         QuoteSqlLiteral(d.comment) + ";\n";
      }
    } else {
      const ir::CompositeType& c = *ready->composite;
      statement.object = "type " + c.name.ToString();
      statement.origin = c.origin;
      statement.sql = CompositeTypeSql(c) + ";\n";
      if (!c.comment.empty()) {
        statement.sql += "COMMENT ON TYPE " + Qualified(c.name) + " IS " +
                         QuoteSqlLiteral(c.comment) + ";\n";
      }
    }
    done.insert(ready->key);
    out.push_back(std::move(statement));
    pending.erase(ready);
  }
  return out;
}

}  // namespace schemac::pg
