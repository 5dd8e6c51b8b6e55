#pragma once
// The canonical cache: canonical forms built on a dev database (devdb.h), kept as JSON
// files under CacheDir()/canonical/ and keyed by everything they depend on, so that a schema
// built once is not built again: the code of the executable and of the database module (their
// build ids, build_id.h), schemac's version, the dev server, the schemas read, and the inputs.

#include <functional>
#include <string>

#include "backends/postgres/introspect.h"
#include "compiler/ir.h"

namespace schemac::pg {

/// The schema `build` makes, from the cache when the same inputs were built before on the
/// server `identity()` names (DevDatabase::Identity(), asked only when the cache is on):
/// `inputs` is what is built (its kind and its text). SCHEMAC_NO_CACHE=1 turns the cache off, and
/// so does a binary without a build id. A cache file that cannot be read is rebuilt; one that
/// cannot be written is skipped. Past 256 files, the least recently written half are removed.
ir::Schema Cached(const std::string& inputs, const std::function<std::string()>& identity,
                  const IntrospectOptions& introspect, const std::function<ir::Schema()>& build);

/// 128 bits of FNV-1a (two 64-bit hashes with different offsets) of `text`, as 32 hex digits:
/// a cache file's name.
std::string Fingerprint(const std::string& text);

}  // namespace schemac::pg
