// Parse, the parser's entry point (compiler/parse.h): a file's encoding is checked, then the
// file is parsed in one piece, or in two halves at once when it is large.

#include "compiler/parse.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/lint.h"
#include "compiler/worker.h"
#include "grammar/schema_grammar.h"

// The parser is one translation unit in four files: parse_state.inc (State), parse_messages.inc
// (the syntax error messages of each grammar rule), parse_actions.inc (the actions and
// pegtl::parse), and this file (Parse: encoding checks, large files parsed in two halves at
// once). One unit, with State and the actions in an unnamed namespace, lets GCC inline the hot
// path as it always did: split into separately compiled files, the parse took 14% more
// instructions (callgrind, `check` of 1,000 tables: docs/benchmarks.md).
#include "compiler/parse_state.inc"
#include "compiler/parse_messages.inc"
#include "compiler/parse_actions.inc"

namespace schemac {
namespace {

namespace g = grammar;

WorkerWrapper worker_wrapper = nullptr;

// Files at least this large are parsed in two halves on two threads.
constexpr size_t kSplitBytes = 256 << 10;

bool IsBlankLine(const char* p, const char* e) {
  while (p < e && *p != '\n' && g::IsBlankAt(p, e)) ++p;
  return p == e || *p == '\n' || *p == '\r';
}

// Where the second half of a large file may be parsed on its own: the start of a declaration
// past the middle (a top-level keyword at column 1, with the `///` lines right above it) that
// follows a blank line. 0 when there is none. A split inside something that spans lines (SQL
// in parentheses, say) leaves the first half unfinished, which its diagnostics then show.
size_t SplitPoint(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const size_t half = text.size() / 2;
  const char* p = static_cast<const char*>(std::memchr(begin + half, '\n', text.size() - half));
  while (p != nullptr && ++p < end) {
    if (g::StartsWithTopKeyword(p, end)) {
      // Back over the doc comment, then the line before must be blank.
      const char* start = p;
      for (;;) {
        const char* prev = start - 1;  // The '\n' ending the line above.
        while (prev > begin && prev[-1] != '\n') --prev;
        if (prev == begin || prev + 3 > start || std::string_view(prev, 3) != "///") {
          if (prev > begin && IsBlankLine(prev, start)) return static_cast<size_t>(start - begin);
          break;
        }
        start = prev;
      }
    }
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
  }
  return 0;
}

// Parses a large file in two halves at once. False (and nothing reported) when a half has a
// diagnostic of any kind: the file is then parsed again in one piece, which reports exactly what
// it always does.
bool ParseInHalves(const SourceManager& sources, uint32_t file, ast::File* out) {
  const std::string& text = sources.file(file).text;
  if (text.size() < kSplitBytes) return false;
  size_t split = SplitPoint(text);
  if (split == 0) return false;
  Diagnostics first_diags, second_diags;
  State first(sources, file, first_diags, text.data() + split);
  State second(sources, file, second_diags);
  bool first_ok = false;
  bool second_ok = false;
  if (!RunInParallel([&] { first_ok = ParseRange(first, text.data()); },
                     [&] { second_ok = ParseRange(second, text.data() + split); },
                     worker_wrapper)) {
    return false;
  }
  if (!first_ok || !second_ok || !first_diags.all().empty() || !second_diags.all().empty()) {
    return false;
  }
  *out = std::move(first.out);
  out->decls.reserve(out->decls.size() + second.out.decls.size());
  std::move(second.out.decls.begin(), second.out.decls.end(), std::back_inserter(out->decls));
  std::move(second.out.comments.begin(), second.out.comments.end(),
            std::back_inserter(out->comments));
  return true;
}

}  // namespace

void SetParseWorkerWrapper(WorkerWrapper wrapper) { worker_wrapper = wrapper; }

ast::File Parse(const SourceManager& sources, uint32_t file, Diagnostics& diagnostics,
                bool may_split) {
  State state(sources, file, diagnostics);
  const std::string& text = sources.file(file).text;
  // PostgreSQL stores names and SQL as UTF-8: a file in another encoding cannot be right.
  if (size_t bad = FirstInvalidUtf8(text); bad != std::string::npos) {
    const char* at = text.data() + bad;
    state.diags.Error(state.SpanOf(at, at + 1),
                      fmt::format("invalid UTF-8 (byte 0x{:02x}): schema files must be UTF-8",
                                  static_cast<unsigned char>(text[bad])));
    state.out.source = file;
    return std::move(state.out);
  }
  // Nor can it hold a NUL byte in a name, a string or SQL text.
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const char* at = static_cast<const char*>(nul);
    state.diags.Error(state.SpanOf(at, at + 1),
                      "NUL byte (0x00) in the source: PostgreSQL cannot store it in a name, a "
                      "string or SQL text");
    state.out.source = file;
    return std::move(state.out);
  }
  if (!may_split || !ParseInHalves(sources, file, &state.out)) ParseRange(state, text.data());
  state.out.source = file;
  return std::move(state.out);
}

}  // namespace schemac
