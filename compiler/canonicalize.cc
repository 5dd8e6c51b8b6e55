// Compiled IR to canonical IR through a CatalogBuilder (canonicalize.h).

#include "compiler/canonicalize.h"

#include <algorithm>

#include "compiler/extern_policies.h"

namespace schemac {

ir::Schema Canonicalize(const ir::Schema& compiled, CatalogBuilder& builder,
                        const CatalogScope& scope) {
  ir::Schema canonical = builder.BuildSchema(compiled, scope);
  // Whatever the dev database holds besides the schema's objects is its own, not the schema's.
  canonical.unmanaged.clear();
  // Extern tables stay extern: built as stand-ins on the dev database, never created, changed or
  // dropped by a migration; their policies are the schema's, as the dev database read them.
  PutBackExternTables(canonical, compiled);
  // What the schema files leave unsaid stays unsaid: an extension without a version takes the
  // server's default, and is not pinned to the dev server's. The dev database's platform
  // extensions (`target supabase`) are read as extern; a declared one is the schema's.
  for (ir::Extension& extension : canonical.extensions) {
    for (const ir::Extension& declared : compiled.extensions) {
      if (declared.name != extension.name) continue;
      if (declared.version.empty()) extension.version.clear();
      if (declared.schema.empty()) extension.schema.clear();
      // Declared, it is the schema's, even where the platform installs it too.
      extension.is_extern = declared.is_extern;
    }
  }
  // Owners are the schema's only where it declares them: the dev database owns everything as
  // its own role. Declared owners name roles the resolver checked; nothing to build.
  canonical.owners = compiled.owners;
  return canonical;
}

}  // namespace schemac
