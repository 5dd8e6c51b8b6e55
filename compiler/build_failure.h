#pragma once
// A compiled schema the dev database refused to build, at its place in the .schema files: a
// CatalogBuilder (catalog.h) throws BuildFailed with one BuildFailure per statement that failed
// on its own (not because an earlier one did), and the compare pipeline (compare.h) turns them
// into diagnostics, shown like `schemac check`'s. Header and source without libpq.

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/diagnostics.h"
#include "compiler/error.h"
#include "compiler/ir.h"
#include "compiler/source.h"

namespace schemac {

/// One statement's failure.
struct BuildFailure {
  /// The object and the database's message: `policy "p" on public.t: column "x" does not exist`.
  std::string message;
  /// Where the database pointed, inside the object's expression as written, else where the
  /// object is declared; empty `file`: no source (the search_path, a schema).
  ir::Origin origin;
  uint32_t length = 0;  ///< Bytes from `origin` that the position covers (a name); 0: one.
  /// The database's DETAIL and HINT lines, and what was not built because of this failure.
  std::vector<std::string> notes;
};

/// At most this many failures are kept per build; the others are counted.
inline constexpr size_t kMaxBuildFailures = 20;

/// Thrown when statements of a compiled schema failed on the dev database. A UserError, so that
/// a caller that does not know it still reports one line: the first failure, where it is, and
/// how many more there are.
class BuildFailed : public UserError {
 public:
  BuildFailed(std::vector<BuildFailure> failures, size_t omitted);

  const std::vector<BuildFailure>& failures() const { return failures_; }
  size_t omitted() const { return omitted_; }  ///< Failures beyond kMaxBuildFailures.

 private:
  std::vector<BuildFailure> failures_;
  size_t omitted_ = 0;
};

/// Adds each failure to `diagnostics` as an error at its place among `sources` (the files the
/// schema was compiled from), its notes as notes, then an error saying how many more failed.
void ReportBuildFailures(const BuildFailed& failed, const SourceManager& sources,
                         Diagnostics& diagnostics);

}  // namespace schemac
