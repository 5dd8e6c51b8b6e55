#pragma once
// The GNU build id (the linker's NT_GNU_BUILD_ID note) of code loaded in this process: a hash of
// the linked file that changes whenever its code does, read from memory at no cost.

#include <string>

namespace schemac::pg {

/// The build id, in hex, of the loaded object whose code or data holds `address`, or of the
/// main executable when `address` is null; empty when that object has no build id.
std::string LoadedBuildId(const void* address);

}  // namespace schemac::pg
