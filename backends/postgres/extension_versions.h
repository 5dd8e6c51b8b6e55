#pragma once
// Extension versions on the dev database: a schema that declares `extension x version 'v'`
// can only be built where version v of x can be installed. Checked before the build, so the
// error names the versions the server has instead of PostgreSQL's "no installation script".

#include <string>
#include <vector>

#include "compiler/ir.h"

namespace schemac::pg {

/// Throws UserError when one of `extensions` declares a version that the server at `url`
/// cannot install (pg_available_extension_versions): the message names the extension, the
/// version, where it is declared (file:line:col), the server (`dev_url`, password masked; the
/// embedded server when empty) and the versions it has. No query when no version is declared;
/// an extension the server lacks altogether is left to the caller's own message.
void RequireExtensionVersions(const std::string& url, const std::string& dev_url,
                              const std::vector<ir::Extension>& extensions);

/// `versions` in the order of their numbers: "1.4" before "1.10", "2.0beta" after "2.0".
void SortVersions(std::vector<std::string>& versions);

}  // namespace schemac::pg
