#include "backends/dsl/format.h"

namespace schemac::dsl {

// Stub: replaced by the formatter.
std::string FormatFile(const ast::File&, const SourceManager&) { return {}; }

}  // namespace schemac::dsl
