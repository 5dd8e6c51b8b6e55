#pragma once
// A schema compiled from .schema files, in canonical form: built through a CatalogBuilder and
// read back, then corrected for what building cannot say. Extern tables (someone else's, built
// only as stand-ins) are taken as declared, an extension the files give no version keeps no
// version, and the owners are the declared ones.

#include "compiler/catalog.h"
#include "compiler/ir.h"

namespace schemac {

/// `compiled` as `builder` builds and reads it back (BuildSchema), with each extern table of
/// `compiled` in place of its stand-in (added when the builder did not return it), and the
/// version of each extension `compiled` declares without one cleared: it takes the server's
/// default, and is not pinned to the version of the server it was built on.
ir::Schema Canonicalize(const ir::Schema& compiled, CatalogBuilder& builder,
                        const CatalogScope& scope);

}  // namespace schemac
