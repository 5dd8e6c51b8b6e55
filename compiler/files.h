#pragma once
// Reading and replacing whole files: what the library reads as a source (.sql files,
// migrations), and the atomic replacement every writer of files uses (fmt, pull, types, the
// canonical cache).

#include <filesystem>
#include <string>

namespace schemac {

/// The file's bytes. Throws UserError "cannot read PATH" when it cannot be opened.
std::string ReadFileText(const std::filesystem::path& file);

/// Replaces a file's content atomically (write a sibling temp file, then rename), keeping its
/// permission bits. A symlink is written through: its target is replaced, the link kept.
/// Returns false with `error` set on failure; the original is then untouched.
bool WriteFileAtomically(const std::string& path, const std::string& content, std::string* error);

}  // namespace schemac
