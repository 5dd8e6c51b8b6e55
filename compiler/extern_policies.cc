// Extern tables between a read and a declared schema (extern_policies.h).

#include "compiler/extern_policies.h"

#include <algorithm>
#include <set>

namespace schemac {

namespace {

std::set<ir::QualifiedName> DeclaredExtern(const ir::Schema& declared) {
  std::set<ir::QualifiedName> names;
  for (const ir::Table& table : declared.tables) {
    if (table.is_extern) names.insert(table.name);
  }
  return names;
}

}  // namespace

void ScopeExternTables(ir::Schema& read, const ir::Schema& declared) {
  std::set<ir::QualifiedName> keep = DeclaredExtern(declared);
  size_t before = read.tables.size();
  std::erase_if(read.tables, [&](const ir::Table& table) {
    return table.is_extern && keep.count(table.name) == 0;
  });
  if (read.tables.size() != before) read.Reindex();
}

void PutBackExternTables(ir::Schema& canonical, const ir::Schema& compiled) {
  ScopeExternTables(canonical, compiled);
  for (const ir::Table& declared : compiled.tables) {
    if (!declared.is_extern) continue;
    auto it = std::find_if(canonical.tables.begin(), canonical.tables.end(),
                           [&](const ir::Table& t) { return t.name == declared.name; });
    if (it == canonical.tables.end()) {
      canonical.tables.push_back(declared);
      continue;
    }
    // The stand-in (or the platform's table on a Supabase dev database) carries the declared
    // policies as PostgreSQL stores them: those are compared, never the text as written.
    std::vector<ir::Policy> policies = std::move(it->policies);
    *it = declared;
    it->policies = std::move(policies);
  }
  canonical.Reindex();
}

}  // namespace schemac
