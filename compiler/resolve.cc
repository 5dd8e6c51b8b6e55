#include "compiler/resolve.h"

namespace schemac {

// Stub: replaced by the resolver.
ir::Schema Resolve(const std::vector<ast::File>&, const SourceManager&, Diagnostics&) {
  return ir::Schema{};
}

}  // namespace schemac
