#include "compiler/worker.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

namespace schemac {
namespace {

std::atomic<int> wrapped{0};

void CountingWrapper(void (*work)(void*), void* context) {
  ++wrapped;
  work(context);
}

}  // namespace

TEST_CASE("RunInParallel runs both pieces, the second on another thread", "[worker]") {
  std::thread::id here_id, there_id;
  wrapped = 0;
  REQUIRE(RunInParallel([&] { here_id = std::this_thread::get_id(); },
                        [&] { there_id = std::this_thread::get_id(); }, CountingWrapper));
  CHECK(here_id == std::this_thread::get_id());
  CHECK(there_id != std::thread::id());
  CHECK(there_id != here_id);
  CHECK(wrapped == 1);  // The worker ran inside the wrapper.
}

TEST_CASE("RunInParallel rethrows after both are done, this thread's exception first",
          "[worker]") {
  std::atomic<bool> there_done{false};
  auto slow_there = [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    there_done = true;
  };
  try {
    RunInParallel([] { throw std::runtime_error("here"); }, slow_there);
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "here");
    CHECK(there_done);  // Joined before the exception left.
  }
  try {
    RunInParallel([] {}, [] { throw std::runtime_error("there"); });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "there");
  }
  try {
    RunInParallel([] { throw std::runtime_error("here"); },
                  [] { throw std::runtime_error("there"); });
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "here");
  }
}

}  // namespace schemac
