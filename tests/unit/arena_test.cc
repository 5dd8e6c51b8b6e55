// The offline commands' bump arena (tools/schemac/arena.h).

#include <catch2/catch.hpp>

#include <cstdint>
#include <new>
#include <thread>

#include "compiler/worker.h"
#include "tools/schemac/arena.h"
#include "tests/unit/test_util.h"

using schemac::cli::CompileArena;

namespace {

// The sanitizers keep their own operator new, and only they turn the arena off (arena.cc). Every
// other build (the normal one CI runs, tools/test.sh) asserts the regions.
using schemac::testing::kSanitized;

// Under a sanitizer, what can still be checked: scopes (nested too) open and close, allocate
// through the sanitizer's operator new, and own nothing.
void CheckScopesDoNothing() {
  WARN("built with a sanitizer: the arena is off, so only its scopes are checked here; the "
       "region itself is asserted by the normal build (tools/test.sh without --sanitize)");
  void* inside = nullptr;
  void* nested_inside = nullptr;
  {
    CompileArena arena;
    inside = ::operator new(24);
    {
      CompileArena nested;
      nested_inside = ::operator new(8);
    }
  }
  CHECK_FALSE(CompileArena::Owns(inside));
  CHECK_FALSE(CompileArena::Owns(nested_inside));
  ::operator delete(inside);
  ::operator delete(nested_inside);
}

}  // namespace

TEST_CASE("arena: on in every build but the sanitizer ones") {
  // A normal build with the arena off would pass every test below through its sanitizer branch.
  CHECK(CompileArena::Enabled() == !kSanitized);
}

TEST_CASE("arena: a scope's allocations are bumped from one region, and freed ones are reused") {
  if (!CompileArena::Enabled()) {
    CheckScopesDoNothing();
    return;
  }
  void* before = ::operator new(24);
  bool a_owned = false;
  std::uintptr_t a_at = 0;
  char* a = nullptr;
  char* b = nullptr;
  char* c = nullptr;
  char* d = nullptr;
  char* e = nullptr;
  char* f = nullptr;
  std::uintptr_t e_at = 0;
  bool owned_after_nested = false;
  void* from_thread = nullptr;
  {
    CompileArena arena;
    a = static_cast<char*>(::operator new(24));  // Rounded up to 32.
    b = static_cast<char*>(::operator new(10));
    a_owned = CompileArena::Owns(a);
    a_at = reinterpret_cast<std::uintptr_t>(a);
    ::operator delete(a);                       // Not the last one: stays taken.
    c = static_cast<char*>(::operator new(8));
    ::operator delete(c, 8);                    // The last one, with its size: taken back.
    d = static_cast<char*>(::operator new(1));
    e = static_cast<char*>(::operator new(48));
    void* after_e = ::operator new(16);         // Now `e` is not the last.
    e_at = reinterpret_cast<std::uintptr_t>(e);
    ::operator delete(e, 48);                   // Kept for the next block of its size.
    f = static_cast<char*>(::operator new(40));  // Rounded up to 48 as well.
    ::operator delete(after_e);
    {
      CompileArena nested;  // Scopes nest: closing this one leaves the outer one open.
    }
    void* after_nested = ::operator new(8);
    owned_after_nested = CompileArena::Owns(after_nested);
    std::thread([&] { from_thread = ::operator new(8); }).join();
  }
  void* after = ::operator new(24);

  CHECK_FALSE(CompileArena::Owns(before));
  CHECK(a_owned);
  CHECK(reinterpret_cast<std::uintptr_t>(b) == a_at + 32);
  CHECK(c == b + 16);
  CHECK(d == c);
  CHECK(reinterpret_cast<std::uintptr_t>(f) == e_at);
  CHECK(owned_after_nested);
  CHECK_FALSE(CompileArena::Owns(from_thread));  // Other threads use malloc.
  CHECK_FALSE(CompileArena::Owns(after));        // So does everything after the scope.
  ::operator delete(before);
  ::operator delete(b);
  ::operator delete(d);
  ::operator delete(from_thread);
  ::operator delete(after);
}

TEST_CASE("arena: a worker run through RunInArena allocates from a region of its own") {
  void* here = nullptr;
  void* there = nullptr;
  void* plain = nullptr;
  REQUIRE(schemac::RunInParallel([&] { here = ::operator new(8); },
                                 [&] { there = ::operator new(8); }, schemac::cli::RunInArena));
  REQUIRE(schemac::RunInParallel([] {}, [&] { plain = ::operator new(8); }));
  // Both halves ran, wrapped or not.
  REQUIRE(here != nullptr);
  REQUIRE(there != nullptr);
  REQUIRE(plain != nullptr);
  if (!CompileArena::Enabled()) {
    CHECK_FALSE(CompileArena::Owns(there));  // Under a sanitizer the wrapper's scope is inert.
    ::operator delete(here);
    ::operator delete(there);
    ::operator delete(plain);
    CheckScopesDoNothing();
    return;
  }
  CHECK_FALSE(CompileArena::Owns(here));  // No scope on this thread.
  CHECK(CompileArena::Owns(there));
  CHECK_FALSE(CompileArena::Owns(plain));  // A worker without the wrapper uses malloc.
  ::operator delete(here);
  ::operator delete(there);
  ::operator delete(plain);
}
