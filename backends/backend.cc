// The output sinks of backend.h.

#include "backends/backend.h"

#include <ostream>

namespace schemac::backends {

void StreamSink::Write(const std::string&, std::string_view text) { out_ << text; }

void TextSink::Write(const std::string&, std::string_view text) { text_ += text; }

void FilesSink::Write(const std::string& name, std::string_view text) { files_[name] += text; }

}  // namespace schemac::backends
