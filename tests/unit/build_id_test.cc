// LoadedBuildId (backends/postgres/build_id.h), which keys the canonical cache: the build ids it
// reads from memory are those readelf reads from the files.

#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <string>

#include "tests/unit/test_util.h"
#include "backends/postgres/build_id.h"

namespace schemac::testing {

namespace {

// "Build ID: <hex>" from `readelf -n FILE`; empty when there is none.
std::string ReadelfBuildId(const std::string& file) {
  RunResult notes = RunShell("readelf -n '" + file + "'");
  REQUIRE(notes.exit_code == 0);
  size_t at = notes.out.find("Build ID: ");
  if (at == std::string::npos) return "";
  at += std::strlen("Build ID: ");
  return notes.out.substr(at, notes.out.find('\n', at) - at);
}

}  // namespace

TEST_CASE("build ids are read from memory as readelf reads them from the files", "[cache]") {
  // The file of this process (in the shell that runs readelf, /proc/self is the shell).
  std::string executable = ReadelfBuildId(std::filesystem::read_symlink("/proc/self/exe"));
  REQUIRE(executable.size() == 40);  // sha1, asked of the linker in CMakeLists.txt
  CHECK(pg::LoadedBuildId(nullptr) == executable);
  // An address in the executable's code finds the executable.
  CHECK(pg::LoadedBuildId(reinterpret_cast<const void*>(&ReadelfBuildId)) == executable);

  // An address in a shared library finds that library, not the executable.
  Dl_info info{};
  void* strlen_address = dlsym(RTLD_DEFAULT, "strlen");
  REQUIRE(strlen_address != nullptr);
  REQUIRE(dladdr(strlen_address, &info) != 0);
  std::string library = ReadelfBuildId(info.dli_fname);
  INFO(info.dli_fname);
  REQUIRE_FALSE(library.empty());
  CHECK(library != executable);
  CHECK(pg::LoadedBuildId(strlen_address) == library);

  // An address in no loaded object has no build id.
  int on_stack = 0;
  CHECK(pg::LoadedBuildId(&on_stack) == "");
}

}  // namespace schemac::testing
