#pragma once
// What must hold for any input whatsoever, checked by the libFuzzer target and by the corpus
// replay test: parsing never crashes; when the input parses, its fmt output parses too, is a
// fixed point of fmt, and resolves to the same IR as the input.

#include <string>
#include <string_view>

#include "backends/dsl/format.h"
#include "backends/json/ir_json.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"

namespace schemac::fuzz {

/// Returns an empty string when every property holds, else a description of the violation.
inline std::string CheckOracle(std::string_view data) {
  SourceManager sources;
  Diagnostics diagnostics;
  uint32_t first = sources.Add("fuzz.schema", std::string(data));
  ast::File file = Parse(sources, first, diagnostics);
  if (diagnostics.HasErrors()) return {};
  ir::Schema schema = Resolve({file}, sources, diagnostics);
  bool resolved = !diagnostics.HasErrors();

  std::string formatted = dsl::FormatFile(file, sources);
  Diagnostics again_diagnostics;
  uint32_t second = sources.Add("formatted.schema", formatted);
  ast::File again = Parse(sources, second, again_diagnostics);
  if (again_diagnostics.HasErrors()) {
    return "fmt output does not parse:\n" + RenderText(again_diagnostics, sources, {}) +
           "--- fmt output ---\n" + formatted;
  }
  std::string twice = dsl::FormatFile(again, sources);
  if (twice != formatted) {
    return "fmt is not idempotent:\n--- once ---\n" + formatted + "--- twice ---\n" + twice;
  }
  if (resolved) {
    ir::Schema schema_again = Resolve({again}, sources, again_diagnostics);
    if (again_diagnostics.HasErrors()) return "fmt output has semantic errors the input had not";
    if (json::ToJsonText(schema) != json::ToJsonText(schema_again)) {
      return "fmt output resolves to a different IR:\n--- fmt output ---\n" + formatted;
    }
  }
  return {};
}

}  // namespace schemac::fuzz
