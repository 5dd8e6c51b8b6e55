#include "compiler/build_failure.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace schemac {

namespace {

std::string Where(const ir::Origin& origin) {
  if (origin.file.empty()) return "";
  return fmt::format("{}:{}:{}: ", origin.file, origin.line, origin.col);
}

std::string Summary(const std::vector<BuildFailure>& failures, size_t omitted) {
  std::string text = "the schema could not be built on the dev database";
  if (failures.empty()) return text;
  text += ": " + Where(failures.front().origin) + failures.front().message;
  if (size_t more = failures.size() - 1 + omitted; more > 0) {
    text += fmt::format(" (and {} more failure{})", more, more == 1 ? "" : "s");
  }
  return text;
}

// The span `length` bytes long at `origin` in the file of `sources` it names, cut at the end of
// its line; none when the origin is not in them (or not within its file).
std::optional<Span> SpanAt(const ir::Origin& origin, uint32_t length, const SourceManager& sources) {
  for (uint32_t i = 0; i < sources.files().size(); ++i) {
    const SourceFile& file = sources.file(i);
    if (file.path != origin.file) continue;
    if (origin.line == 0 || origin.line > file.line_starts.size() || origin.col == 0) {
      return std::nullopt;
    }
    size_t line_size = file.Line(origin.line).size();
    if (origin.col - 1 > line_size) return std::nullopt;
    uint32_t begin = file.line_starts[origin.line - 1] + origin.col - 1;
    uint32_t end = begin + std::min<uint32_t>(std::max<uint32_t>(length, 1),
                                              static_cast<uint32_t>(line_size - (origin.col - 1)));
    return Span{i, sources.PositionAt(i, begin), sources.PositionAt(i, std::max(begin, end))};
  }
  return std::nullopt;
}

}  // namespace

BuildFailed::BuildFailed(std::vector<BuildFailure> failures, size_t omitted)
    : UserError(Summary(failures, omitted)), failures_(std::move(failures)), omitted_(omitted) {}

void ReportBuildFailures(const BuildFailed& failed, const SourceManager& sources,
                         Diagnostics& diagnostics) {
  // In the order of the files, as `check` reports (the statements run in another order:
  // policies after every table); those without a place in them last.
  std::vector<std::pair<std::optional<Span>, const BuildFailure*>> placed;
  for (const BuildFailure& failure : failed.failures()) {
    placed.emplace_back(SpanAt(failure.origin, failure.length, sources), &failure);
  }
  std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) {
    if (!a.first || !b.first) return a.first.has_value() > b.first.has_value();
    if (a.first->file != b.first->file) return a.first->file < b.first->file;
    return a.first->begin.offset < b.first->begin.offset;
  });
  for (const auto& [span, failure] : placed) {
    // Without a span in these files, the message keeps whatever place it has.
    Diagnostic& d = span ? diagnostics.Error(*span, failure->message)
                         : diagnostics.Error(Where(failure->origin) + failure->message);
    for (const std::string& note : failure->notes) d.notes.push_back({note, std::nullopt});
  }
  if (failed.omitted() > 0) {
    diagnostics.Error(fmt::format("{} more statement{} of the schema failed on the dev database "
                                  "(the first {} are shown)",
                                  failed.omitted(), failed.omitted() == 1 ? "" : "s",
                                  kMaxBuildFailures));
  }
}

}  // namespace schemac
